import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from mentorship.roles import ROLES, TEACHER


@pytest.mark.parametrize(
    ("persona", "home", "heading"),
    [
        ("curator", "mentorship:curator-home", "Кабинет куратора"),
        ("director", "mentorship:director-home", "Кабинет директора"),
        ("mentor", "mentorship:mentor-home", "Кабинет наставника"),
        ("teacher", "mentorship:teacher-home", "Мой кабинет"),
    ],
)
def test_each_role_lands_on_its_own_home_page_after_log_in(
    client, request, school, persona, home, heading
) -> None:
    user = request.getfixturevalue(persona)
    response = client.post(
        reverse("login"), {"username": user.username, "password": "secret-pass-1"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(home)
    content = response.content.decode()
    assert heading in content
    assert '<html lang="ru">' in content
    assert school.short_name in content


def test_an_anonymous_visitor_gets_the_log_in_page_in_russian(client, school) -> None:
    response = client.get("/", follow=True)
    assert response.status_code == 200
    assert "Вход в «Наставник»" in response.content.decode()
    assert "Пароль" in response.content.decode()


def test_a_wrong_password_is_explained_in_russian(client, curator, school) -> None:
    response = client.post(reverse("login"), {"username": "curator", "password": "wrong"})
    assert response.status_code == 200
    assert "Пожалуйста, введите правильные имя пользователя и пароль" in response.content.decode()


def test_a_user_without_a_role_is_told_whom_to_ask(client, no_role_user, school) -> None:
    client.force_login(no_role_user)
    response = client.get("/")
    assert response.status_code == 403
    assert "Роль не назначена" in response.content.decode()


def test_a_person_with_two_roles_lands_on_the_higher_one(client, school, mentor) -> None:
    mentor.groups.add(Group.objects.get(name=ROLES[TEACHER].group))
    client.force_login(mentor)
    assert client.get("/")["Location"] == reverse("mentorship:mentor-home")
    assert client.get(reverse("mentorship:teacher-home")).status_code == 200


def test_menu_shows_settings_only_to_those_who_run_the_programme(
    client, curator, teacher, school
) -> None:
    client.force_login(curator)
    page = client.get(reverse("mentorship:curator-home")).content.decode()
    for section in ("Участники", "Наставляемые", "Наставники", "Дорожная карта", "Настройки"):
        assert section in page
    assert "Моя карточка" not in page
    client.force_login(teacher)
    page = client.get(reverse("mentorship:teacher-home")).content.decode()
    assert "Моя карточка" in page
    assert "Участники" not in page
    assert "Настройки" not in page
    assert "Администрирование" not in page


def test_logout_is_a_post_and_returns_to_the_log_in_page(curator_client, school) -> None:
    response = curator_client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert curator_client.get(reverse("mentorship:curator-home")).status_code == 302


@pytest.mark.parametrize(
    ("persona", "url_name"),
    [
        ("curator", "mentorship:curator-home"),
        ("director", "mentorship:director-home"),
        ("mentor", "mentorship:mentor-home"),
        ("teacher", "mentorship:teacher-home"),
    ],
)
def test_home_pages_run_a_fixed_number_of_queries(
    client, request, school, persona, url_name, django_assert_max_num_queries
) -> None:
    client.force_login(request.getfixturevalue(persona))
    # session + user + groups (roles) + permissions of the menu (user's and groups', cached
    # after the first) + school header + page data (school, year, counts or own person)
    # + the roadmap block (current year, its roadmap) or «my events» (own person, events)
    # + the open-questionnaires block of mentors and teachers (their invitations)
    # + their own pairs and groups (one query; members are prefetched only when there are any)
    # + the meetings block (school, open pairs) of mentors and teachers, the curator's inbox
    # (school, overdue pairs, roadmap deadlines) or the director's summary (school, pairs,
    # meetings), and the concerns' and feedback blocks; the curator's page has the most
    with django_assert_max_num_queries(23):
        assert client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("pairs", [1, 12])
def test_the_mentors_home_shows_his_pairs_in_fixed_queries(
    client, mentor, school, pairs, django_assert_num_queries
) -> None:
    from tests.factories import MentorProfileFactory, MentorshipFactory

    profile = MentorProfileFactory(person=mentor.person)
    for _ in range(pairs):
        MentorshipFactory(mentor=profile)
    client.force_login(mentor)
    # the menu's queries, the school, the year, the own person, the open forms, the roadmap
    # events, the pairs with their members and programmes, the meetings block (pairs,
    # mentees, last meetings; the header's school is read once a request, not per block),
    # the concerns' blocks: the same for 1 and 12 pairs
    with django_assert_num_queries(20):
        page = client.get(reverse("mentorship:mentor-home")).content.decode()
    assert page.count("Вы — наставник.") == pairs
