import re

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from mentorship.models import AuditEntry, PersonKind, User
from mentorship.services.accounts import username_for
from tests.factories import PersonFactory


def test_usernames_are_transliterated_and_unique(db):
    first = PersonFactory(surname="Семёнова", name="Анна", patronymic="Ильинична")
    assert username_for(first) == "semenova.ai"
    User.objects.create(username="semenova.ai")
    assert username_for(first) == "semenova.ai2"
    assert username_for(PersonFactory(surname="Щукин-Шульц", name="Юрий", patronymic="")) == (
        "shchukin-shults.iu"
    )


def test_curator_issues_log_ins_by_email_and_on_a_printed_sheet(
    curator_client, school, django_capture_on_commit_callbacks
):
    with_mail = PersonFactory(surname="Почтова", email="pochtova@school.ru")
    without = PersonFactory(surname="Безпочтова", email="")
    pupil = PersonFactory(surname="Ученикова", kind=PersonKind.PUPIL)
    url = reverse("mentorship:accounts-create")
    ids = [with_mail.pk, without.pk, pupil.pk]
    page = curator_client.get(url, {"people": ids}).content.decode()
    assert "Отмечено: 3" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(
            url, {"people": ids, "role": "mentor", "method": "email"}, follow=True
        )
    sheet = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("mentorship:accounts-sheet")
    # The person with e-mail got a link, the other a one-time password on the sheet.
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.to == ["pochtova@school.ru"]
    assert "/accounts/reset/" in letter.body and "Ваш логин: pochtova.as" in letter.body
    password = re.search(r"Пароль: <span[^>]*>([a-z0-9-]+)</span>", sheet).group(1)
    without.refresh_from_db()
    assert without.user.check_password(password)
    assert without.user.must_change_password
    assert without.user.groups.filter(name="Наставник").exists()
    assert "обучающимся вход не нужен" in sheet
    assert AuditEntry.objects.filter(action="accounts.create").exists()
    # The passwords are shown once.
    again = curator_client.get(reverse("mentorship:accounts-sheet")).content.decode()
    assert password not in again and "Лист уже был показан" in again


def test_a_one_time_password_must_be_replaced_first(client, school):
    person = PersonFactory(email="")
    user = User.objects.create_user("temp.user", password="abcd-efgh-jkmn")
    user.must_change_password = True
    user.save()
    user.groups.add(Group.objects.get(name="Педагог"))
    person.user = user
    person.save()
    client.post(reverse("login"), {"username": "temp.user", "password": "abcd-efgh-jkmn"})
    response = client.get(reverse("mentorship:teacher-home"))
    assert response["Location"] == reverse("password_change")
    client.post(
        reverse("password_change"),
        {
            "old_password": "abcd-efgh-jkmn",
            "new_password1": "Свой-пароль-2026",
            "new_password2": "Свой-пароль-2026",
        },
    )
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get(reverse("mentorship:teacher-home")).status_code == 200


def test_an_existing_account_gets_the_role_added(curator_client, mentor, school):
    response = curator_client.post(
        reverse("mentorship:accounts-create"),
        {
            "people": [mentor.person.pk],
            "role": "teacher",
            "method": "sheet",
        },
        follow=True,
    )
    assert "вход уже есть (mentor), роль добавлена" in response.content.decode()
    assert mentor.groups.filter(name="Педагог").exists()


def test_nothing_selected_is_explained(curator_client, school):
    response = curator_client.get(reverse("mentorship:accounts-create"), follow=True)
    assert "Отметьте в списке участников, кому выдать вход." in response.content.decode()
