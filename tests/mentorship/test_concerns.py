"""Concerns: raising one, the urgent letter to the curators, who sees it, closing it."""

import datetime

import pytest
from django.urls import reverse

from mentorship.emails import send_urgent_concern
from mentorship.models import AuditEntry, Concern, ConcernTopic, ConcernUrgency
from mentorship.roles import CURATOR
from mentorship.views.concerns import curator_problems_widget, raise_concern_widget
from tests.factories import (
    MenteeProfileFactory,
    MentorProfileFactory,
    MentorshipFactory,
    PersonFactory,
    ProgrammeYearFactory,
    UserFactory,
)

NOW = datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)
SITE = "https://nastavnik.school.ru"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now(time_machine, settings):
    time_machine.move_to(NOW, tick=False)
    settings.SITE_URL = SITE


@pytest.fixture
def pair(mentor, teacher):
    """The mentor persona leads the teacher persona."""
    return MentorshipFactory(
        year=ProgrammeYearFactory(title="2026/2027"),
        mentor=MentorProfileFactory(person=mentor.person),
        members=[MenteeProfileFactory(person=teacher.person)],
    )


@pytest.fixture
def teacher_client(client, teacher, pair):
    client.force_login(teacher)
    return client


def _raise(client, **data):
    payload = {"topic": ConcernTopic.WORKLOAD, "urgency": ConcernUrgency.NORMAL, "text": "Текст"}
    return client.post(reverse("mentorship:concern-create"), payload | data)


def _concern(person, **kwargs) -> Concern:
    kwargs.setdefault("topic", ConcernTopic.RELATIONSHIP)
    kwargs.setdefault("text", "Наставник не отвечает на сообщения")
    return Concern.objects.create(raised_by=person, **kwargs)


# Raising


def test_a_mentee_raises_a_concern_about_her_pair(teacher_client, teacher, pair, mailoutbox):
    response = _raise(
        teacher_client, mentorship=pair.pk, text="  Не успеваю готовиться.\n\n\n\nСовсем.  "
    )

    concern = Concern.objects.get()
    assert response.status_code == 302
    assert response["Location"] == concern.get_absolute_url()
    assert (concern.raised_by, concern.mentorship, concern.is_open) == (teacher.person, pair, True)
    assert concern.text == "Не успеваю готовиться.\n\nСовсем."
    assert mailoutbox == []  # only urgent ones are e-mailed
    assert AuditEntry.objects.filter(action="concern.raise").exists()


def test_the_form_offers_only_the_authors_own_pairs(teacher_client, pair, other_mentor):
    others = MentorshipFactory(mentor=MentorProfileFactory(person=other_mentor.person))

    page = teacher_client.get(reverse("mentorship:concern-create"), {"pair": pair.pk})
    response = _raise(teacher_client, mentorship=others.pk)

    choices = [value for value, _label in page.context["form"].fields["mentorship"].choices]
    assert [str(v) for v in choices] == ["", str(pair.pk)]
    assert page.context["form"].initial["mentorship"] == pair.pk
    assert response.status_code == 200
    assert "mentorship" in response.context["form"].errors
    assert not Concern.objects.exists()


def test_a_concern_needs_some_text(teacher_client):
    response = _raise(teacher_client, text="   \n  ")

    assert "text" in response.context["form"].errors
    assert not Concern.objects.exists()


def test_someone_in_neither_bank_may_not_raise_a_concern(client, teacher):
    client.force_login(teacher)

    assert client.get(reverse("mentorship:concern-create")).status_code == 403


def test_an_urgent_concern_emails_every_curator_at_once(
    teacher_client, teacher, pair, curator, mailoutbox, django_capture_on_commit_callbacks
):
    second = UserFactory(username="curator2", roles=[CURATOR], email="second@example.ru")
    UserFactory(username="curator3", roles=[CURATOR], email="", is_active=True)
    UserFactory(username="curator4", roles=[CURATOR], email="gone@example.ru", is_active=False)
    UserFactory(username="director2", roles=["director"], email="director@example.ru")

    with django_capture_on_commit_callbacks(execute=True):
        response = _raise(
            teacher_client,
            urgency=ConcernUrgency.URGENT,
            topic=ConcernTopic.WELLBEING,
            mentorship=pair.pk,
            text="Мне тревожно после вчерашнего урока.",
        )

    concern = Concern.objects.get()
    assert sorted(m.to[0] for m in mailoutbox) == sorted([curator.email, second.email])
    letter = mailoutbox[0]
    assert letter.subject == (
        f"Срочное обращение: самочувствие, безопасность — {teacher.person.short_name}"
    )
    assert "Мне тревожно после вчерашнего урока." in letter.body
    assert f"{SITE}{concern.get_absolute_url()}" in letter.body
    html, mimetype = letter.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{SITE}{concern.get_absolute_url()}"' in html
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Обращение отправлено: куратор получил письмо."]


def test_the_urgent_letter_function_counts_its_letters(curator, teacher, mailoutbox):
    concern = _concern(teacher.person, urgency=ConcernUrgency.URGENT)

    assert send_urgent_concern(concern_id=concern.pk) == 1
    assert send_urgent_concern(concern_id=concern.pk + 100) == 0
    assert len(mailoutbox) == 1


# Who sees it


def test_only_the_author_and_the_curator_open_a_concern(
    persona_client, teacher, curator, director, mentor, other_mentor
):
    concern = _concern(teacher.person)
    url = concern.get_absolute_url()

    statuses = {
        persona: persona_client(persona).get(url).status_code
        for persona in ("teacher", "curator", "director", "mentor", "other_mentor", "no_role")
    }

    assert statuses == {
        "teacher": 200,
        "curator": 200,
        "director": 404,
        "mentor": 404,  # even the mentor of the pair it is about
        "other_mentor": 404,
        "no_role": 404,
    }


def test_my_concerns_lists_only_the_authors_own(teacher_client, teacher, mentor):
    mine = _concern(teacher.person, text="Моё обращение")
    _concern(mentor.person, text="Чужое обращение")

    response = teacher_client.get(reverse("mentorship:my-concerns"))

    assert list(response.context["page"]) == [mine]
    assert "Чужое обращение" not in response.content.decode()


def test_the_curators_list_shows_open_urgent_ones_first(curator_client, teacher, mentor):
    closed = _concern(teacher.person, urgency=ConcernUrgency.URGENT)
    Concern.objects.filter(pk=closed.pk).update(resolved_at=NOW, resolution="Поговорили")
    normal = _concern(mentor.person)
    urgent = _concern(teacher.person, urgency=ConcernUrgency.URGENT)

    response = curator_client.get(reverse("mentorship:concern-list"))
    open_only = curator_client.get(reverse("mentorship:concern-list"), {"state": "open"})

    assert list(response.context["page"]) == [urgent, normal, closed]
    assert list(open_only.context["page"]) == [urgent, normal]
    assert response.context["counts"] == {"open": 2, "urgent": 1}


def test_the_director_does_not_get_the_curators_list(director_client):
    assert director_client.get(reverse("mentorship:concern-list")).status_code == 403


@pytest.mark.parametrize("size", [3, 30])
def test_the_curators_list_runs_the_same_queries_for_3_and_30_concerns(
    curator_client, school, pair, size, django_assert_num_queries
):
    for _ in range(size):
        _concern(PersonFactory(), mentorship=pair)
    # session, user, permissions (2), the counts (one aggregate), the page's count, the rows
    # with their authors and pairs, the header's school and role groups
    with django_assert_num_queries(9):
        response = curator_client.get(reverse("mentorship:concern-list"))
    assert response.status_code == 200


# Closing


def test_the_curator_closes_a_concern_with_what_was_done(curator_client, curator, teacher):
    concern = _concern(teacher.person)

    response = curator_client.post(
        reverse("mentorship:concern-resolve", args=[concern.pk]),
        {"resolution": "Поговорила с наставником, встречи перенесли на утро."},
    )

    concern.refresh_from_db()
    assert response["Location"] == concern.get_absolute_url()
    assert not concern.is_open
    assert concern.resolved_by == curator
    assert concern.resolution == "Поговорила с наставником, встречи перенесли на утро."


def test_the_author_sees_the_answer_but_may_not_close(client, teacher, curator, pair):
    concern = _concern(teacher.person)
    client.force_login(teacher)

    page = client.get(concern.get_absolute_url())
    refused = client.post(
        reverse("mentorship:concern-resolve", args=[concern.pk]), {"resolution": "Сама решила"}
    )

    assert page.context["resolve_form"] is None
    assert refused.status_code == 403
    concern.refresh_from_db()
    assert concern.is_open


def test_closing_needs_a_text_and_happens_once(curator_client, teacher):
    concern = _concern(teacher.person)
    url = reverse("mentorship:concern-resolve", args=[concern.pk])

    empty = curator_client.post(url, {"resolution": "  "}, follow=True)
    curator_client.post(url, {"resolution": "Готово"})
    again = curator_client.post(url, {"resolution": "Ещё раз"}, follow=True)

    assert "Напишите, что сделано" in empty.content.decode()
    assert "Обращение уже закрыто." in again.content.decode()
    concern.refresh_from_db()
    assert concern.resolution == "Готово"


def test_someone_else_cannot_close_a_concern_they_cannot_see(client, other_mentor, teacher):
    concern = _concern(teacher.person)
    client.force_login(other_mentor)

    response = client.post(
        reverse("mentorship:concern-resolve", args=[concern.pk]), {"resolution": "Готово"}
    )

    assert response.status_code == 404


# Home blocks


def test_the_curators_block_lists_open_concerns_urgent_first(rf, curator, teacher, mentor):
    _concern(mentor.person, text="Обычное")
    _concern(teacher.person, urgency=ConcernUrgency.URGENT, text="Срочное дело")
    request = rf.get("/")
    request.user = curator

    html = curator_problems_widget(request)

    assert "Проблемы пар" in html
    assert html.index("Срочное дело") < html.index("Обычное")
    assert "срочных: 1" in html


def test_the_curators_block_is_only_for_the_curator(rf, director):
    request = rf.get("/")
    request.user = director

    assert curator_problems_widget(request) == ""


def test_mentors_and_mentees_get_the_report_a_problem_block(rf, teacher, mentor, pair):
    _concern(teacher.person)
    for user, expected in ((teacher, "Открытых обращений: 1."), (mentor, "Сообщить о проблеме")):
        request = rf.get("/")
        request.user = user
        html = raise_concern_widget(request)
        assert reverse("mentorship:concern-create") in html
        assert expected in html


def test_the_report_a_problem_block_is_hidden_outside_the_banks(rf, other_mentor):
    request = rf.get("/")
    request.user = other_mentor

    assert raise_concern_widget(request) == ""
