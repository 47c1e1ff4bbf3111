import pytest
from django.core import mail
from django.urls import reverse

from mentorship.models import (
    MenteeProfile,
    MenteeStatus,
    MentorProfile,
    MentorStatus,
    RequestWeight,
)
from mentorship.services import banks
from tests.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorProfileFactory,
    PersonFactory,
    TopicFactory,
)


def _consented(**kwargs):
    person = PersonFactory(**kwargs)
    ConsentFactory(person=person)
    return person


def test_curator_enters_a_mentee_with_weighted_topics(curator_client, school):
    person = _consented()
    parents, discipline, ict = (TopicFactory(title=t) for t in ("Родители", "Дисциплина", "ИКТ"))
    url = reverse("mentorship:mentee-create", args=[person.pk])
    assert "Родители" in curator_client.get(url).content.decode()
    response = curator_client.post(
        url,
        {
            "category": "young_specialist",
            "request_text": "Трудно с 7Б",
            "notes": "",
            f"topic_{parents.pk}": "3",
            f"topic_{discipline.pk}": "1",
            f"topic_{ict.pk}": "",
        },
        follow=True,
    )
    assert "внесён в базу наставляемых" in response.content.decode()
    profile = MenteeProfile.objects.get(person=person)
    assert {(r.topic.title, r.weight) for r in profile.requests.all()} == {
        ("Родители", RequestWeight.ACUTE),
        ("Дисциплина", RequestWeight.MINOR),
    }


def test_a_mentee_needs_a_topic_or_a_request_in_words(curator_client, school):
    person = _consented()
    TopicFactory()
    response = curator_client.post(
        reverse("mentorship:mentee-create", args=[person.pk]),
        {"category": "young_specialist", "request_text": ""},
    )
    assert "Отметьте хотя бы одну тему запроса" in response.content.decode()
    assert not MenteeProfile.objects.exists()


def test_without_consent_the_mentee_form_explains_and_refuses(curator_client, school):
    person = PersonFactory()
    url = reverse("mentorship:mentee-create", args=[person.pk])
    page = curator_client.get(url).content.decode()
    assert "Нет действующего согласия на обработку персональных данных." in page
    response = curator_client.post(
        url, {"category": "young_specialist", "request_text": "x"}, follow=True
    )
    assert "не может быть внесён в базу" in response.content.decode()
    assert not MenteeProfile.objects.exists()


def test_editing_requests_replaces_them_in_one_go(curator_client, curator, school):
    person = _consented()
    old, new = TopicFactory(), TopicFactory()
    profile = banks.mentee_profile_create(
        person=person, data={"category": "new_employee"}, requests=[(old, 2)], actor=curator
    )
    curator_client.post(
        reverse("mentorship:mentee-update", args=[profile.pk]),
        {
            "category": "new_employee",
            "request_text": "",
            "notes": "",
            f"topic_{new.pk}": "3",
        },
    )
    assert [(r.topic, r.weight) for r in profile.requests.all()] == [(new, 3)]


def test_status_moves_only_along_allowed_transitions(curator_client, curator, school):
    profile = MenteeProfileFactory(person=_consented())
    url = reverse("mentorship:mentee-status", args=[profile.pk])
    curator_client.post(url, {"status": "supported", "note": "помогает психолог"})
    profile.refresh_from_db()
    assert profile.status == MenteeStatus.SUPPORTED
    assert profile.status_changes.first().note == "помогает психолог"
    response = curator_client.post(url, {"status": "paired"}, follow=True)
    assert "Выберите статус из списка." in response.content.decode()
    profile.refresh_from_db()
    assert profile.status == MenteeStatus.SUPPORTED


def test_curator_enters_a_mentor_and_records_training(curator_client, school):
    person = _consented()
    topic, form = TopicFactory(title="ОГЭ"), MentoringFormFactory(title="Традиционная")
    curator_client.post(
        reverse("mentorship:mentor-create", args=[person.pk]),
        {
            "capacity": "2",
            "topics": [topic.pk],
            "preferred_forms": [form.pk],
            "offer_text": "",
            "interview_notes": "",
            "notes": "",
        },
    )
    profile = MentorProfile.objects.get(person=person)
    assert (profile.capacity, list(profile.topics.all()), list(profile.forms.all())) == (
        2,
        [topic],
        [form],
    )
    curator_client.post(
        reverse("mentorship:mentor-training-add", args=[profile.pk]),
        {
            "date": "2026-10-10",
            "course": "Школа наставника",
            "hours": "16",
            "organisation": "ИРО",
            "certificate": "",
        },
    )
    assert profile.trainings.get().hours == 16
    page = curator_client.get(person.get_absolute_url()).content.decode()
    assert "Школа наставника" in page and "ОГЭ" in page


def test_the_mentor_status_form_refuses_activation_without_agreement(curator_client, school):
    profile = MentorProfileFactory(person=_consented(), status=MentorStatus.TRAINED)
    response = curator_client.post(
        reverse("mentorship:mentor-status", args=[profile.pk]), {"status": "active"}, follow=True
    )
    assert "351.8" in response.content.decode()
    profile.refresh_from_db()
    assert profile.status == MentorStatus.TRAINED


def test_mentee_bank_filters_by_status_topic_and_class(curator_client, school):
    topic = TopicFactory(title="Олимпиады")
    first = MenteeProfileFactory(person=PersonFactory(surname="Первая", department="7А"))
    first.requests.create(topic=topic, weight=2)
    MenteeProfileFactory(
        person=PersonFactory(surname="Вторая", department="8Б"), status=MenteeStatus.FINISHED
    )
    url = reverse("mentorship:mentee-list")
    page = curator_client.get(url, {"topic": topic.pk}).content.decode()
    assert "Первая" in page and "Вторая" not in page
    page = curator_client.get(url, {"status": "finished"}).content.decode()
    assert "Вторая" in page and "Первая" not in page
    page = curator_client.get(url, {"department": "7а"}).content.decode()
    assert "Первая" in page and "Вторая" not in page


def test_mentor_bank_filters_by_topic_and_form(curator_client, school):
    topic, form = TopicFactory(), MentoringFormFactory()
    with_both = MentorProfileFactory(person=PersonFactory(surname="Нужный"))
    with_both.topics.add(topic)
    with_both.forms.add(form)
    MentorProfileFactory(person=PersonFactory(surname="Другой"))
    page = curator_client.get(
        reverse("mentorship:mentor-list"), {"topic": topic.pk, "form": form.pk}
    ).content.decode()
    assert "Нужный" in page and "Другой" not in page


@pytest.mark.parametrize("size", [10, 300])
def test_bank_lists_run_the_same_queries_for_10_and_300(
    curator_client, school, size, django_assert_num_queries
):
    topic, form = TopicFactory(), MentoringFormFactory()
    for _ in range(size):
        mentee = MenteeProfileFactory()
        mentee.requests.create(topic=topic, weight=2)
        mentor = MentorProfileFactory()
        mentor.topics.add(topic)
        mentor.forms.add(form)
    # session, user, groups, perms (2), header school, page school, count, rows, requests
    # with topics, departments, the topic filter's choices (count + rows)
    with django_assert_num_queries(13):
        assert curator_client.get(reverse("mentorship:mentee-list")).status_code == 200
    # the same, but topics and forms are two prefetches, and two model filter lists (2 each);
    # the roles, permissions (3) and the header's school now come from the cache
    with django_assert_num_queries(12):
        assert curator_client.get(reverse("mentorship:mentor-list")).status_code == 200


def test_director_reads_the_banks_but_cannot_edit(director_client, school):
    profile = MenteeProfileFactory(person=_consented())
    assert director_client.get(reverse("mentorship:mentee-list")).status_code == 200
    response = director_client.post(
        reverse("mentorship:mentee-status", args=[profile.pk]), {"status": "finished"}
    )
    assert response.status_code == 403
    assert mail.outbox == []
