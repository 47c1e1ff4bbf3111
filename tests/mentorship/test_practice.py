"""Rewards registry, case bank and methodical library: services, who sees what, files."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentorship.demo_practice import seed_practice
from mentorship.models import AuditEntry, Case, Resource, ResourceKind, Reward, RewardKind
from mentorship.services import practice as services
from tests.factories import (
    CaseFactory,
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorProfileFactory,
    MentorshipFactory,
    PersonFactory,
    ProgrammeYearFactory,
    ResourceFactory,
    RewardFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%test\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def _pdf(name: str = "practice.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def year(db):
    return ProgrammeYearFactory(title="2026/2027", is_current=True)


@pytest.fixture
def pair(year, mentor, teacher):
    """The mentor persona leads the teacher persona this year."""
    return MentorshipFactory(
        year=year,
        mentor=MentorProfileFactory(person=mentor.person),
        members=[MenteeProfileFactory(person=teacher.person)],
    )


@pytest.fixture
def other_pair(year, other_mentor):
    return MentorshipFactory(year=year, mentor=MentorProfileFactory(person=other_mentor.person))


def _actions(obj) -> list[str]:
    return list(
        AuditEntry.objects.filter(
            object_id=str(obj.pk), action__startswith=type(obj).__name__.lower()
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )


# Rewards: services


def test_a_reward_is_recorded_for_a_mentor_and_audited(curator, year):
    person = MentorProfileFactory().person

    reward = services.reward_create(
        data={"year": year, "person": person, "kind": RewardKind.CERTIFICATE, "basis": "за кейс"},
        actor=curator,
    )

    assert reward.is_pending
    assert reward.created_by == curator
    assert _actions(reward) == ["reward.create"]


def test_a_reward_goes_only_to_someone_in_the_mentor_bank(curator, year):
    with pytest.raises(ValidationError) as error:
        services.reward_create(
            data={"year": year, "person": PersonFactory(), "kind": RewardKind.GRATITUDE},
            actor=curator,
        )

    assert "person" in error.value.error_dict


def test_the_same_pending_reward_is_not_recorded_twice(curator, year):
    reward = RewardFactory(year=year)

    with pytest.raises(ValidationError):
        services.reward_create(
            data={"year": year, "person": reward.person, "kind": reward.kind}, actor=curator
        )


def test_a_pending_reward_changes_and_the_change_is_audited(curator, year):
    reward = RewardFactory(year=year)

    services.reward_update(
        reward=reward, data={"kind": RewardKind.BONUS, "basis": "за итоги года"}, actor=curator
    )

    reward.refresh_from_db()
    assert (reward.kind, reward.basis) == (RewardKind.BONUS, "за итоги года")
    assert _actions(reward) == ["reward.update"]


def test_an_ordered_reward_can_be_neither_changed_nor_deleted(curator, year):
    reward = RewardFactory(year=year)
    services.rewards_mark_ordered(
        rewards=[reward],
        reference="приказ от 01.06.2027 № 12",
        on=datetime.date(2027, 6, 1),
        actor=None,
    )

    with pytest.raises(services.PracticeError):
        services.reward_update(reward=reward, data={"kind": RewardKind.BONUS}, actor=curator)
    with pytest.raises(services.PracticeError):
        services.reward_delete(reward=reward, actor=curator)
    reward.refresh_from_db()
    assert reward.kind == RewardKind.GRATITUDE
    assert reward.awarded_on == datetime.date(2027, 6, 1)


def test_a_pending_reward_is_deleted_with_an_audit_row(curator, year):
    reward = RewardFactory(year=year)
    pk = reward.pk

    services.reward_delete(reward=reward, actor=curator)

    assert not Reward.objects.filter(pk=pk).exists()
    assert AuditEntry.objects.filter(action="reward.delete", object_id=str(pk)).exists()


# Rewards: pages


def test_the_registry_links_to_the_rewards_order_form(curator_client, year):
    RewardFactory(year=year)

    response = curator_client.get(reverse("mentorship:reward-list"))

    assert reverse("reports:document-create-kind", args=["order_rewards"]) in response.text
    assert "Оформить приказ о поощрении" in response.text
    assert "ждут приказа — 1" in response.text


def test_the_rewards_order_form_offers_the_pending_rewards_of_the_year(curator_client, year):
    pending = RewardFactory(year=year)
    ordered = RewardFactory(year=year, kind=RewardKind.BONUS, order_reference="приказ № 3")

    response = curator_client.get(reverse("reports:document-create-kind", args=["order_rewards"]))

    # The registry's checkboxes read «ФИО — вид поощрения, за что».
    assert response.status_code == 200
    assert f"{pending.person.full_name} — благодарность" in response.text
    assert f"{ordered.person.full_name} — премия" not in response.text


def test_the_registry_filters_by_kind_and_state(curator_client, year):
    pending = RewardFactory(year=year, kind=RewardKind.GRATITUDE)
    ordered = RewardFactory(year=year, kind=RewardKind.BONUS, order_reference="приказ № 3")

    by_state = curator_client.get(reverse("mentorship:reward-list"), {"state": "ordered"})
    by_kind = curator_client.get(reverse("mentorship:reward-list"), {"kind": "gratitude"})

    assert [r.pk for r in by_state.context["page"]] == [ordered.pk]
    assert [r.pk for r in by_kind.context["page"]] == [pending.pk]


def test_the_director_reads_the_registry_without_edit_buttons(director_client, year):
    reward = RewardFactory(year=year)

    response = director_client.get(reverse("mentorship:reward-list"))

    assert reward.person.full_name in response.text
    assert reverse("mentorship:reward-update", args=[reward.pk]) not in response.text


def test_the_curator_adds_a_reward_from_the_form(curator_client, year):
    person = MentorProfileFactory().person

    response = curator_client.post(
        reverse("mentorship:reward-create"),
        {"year": year.pk, "person": person.pk, "kind": "certificate", "basis": "  за  кейс "},
    )

    assert response.status_code == 302
    reward = Reward.objects.get(person=person)
    assert (reward.kind, reward.basis) == ("certificate", "за кейс")


def test_an_ordered_reward_opens_read_only_and_shows_its_order(curator_client, year):
    reward = RewardFactory(year=year, order_reference="приказ от 01.06.2027 № 12")
    url = reverse("mentorship:reward-update", args=[reward.pk])

    page = curator_client.get(url)
    posted = curator_client.post(
        url, {"year": year.pk, "person": reward.person_id, "kind": "bonus"}
    )
    delete = curator_client.get(reverse("mentorship:reward-delete", args=[reward.pk]))

    assert page.context["form"] is None
    assert "приказ от 01.06.2027 № 12" in page.text
    assert posted.status_code == 200
    reward.refresh_from_db()
    assert reward.kind == RewardKind.GRATITUDE
    assert delete.status_code == 302
    assert Reward.objects.filter(pk=reward.pk).exists()


def test_a_pending_reward_is_deleted_after_confirmation(curator_client, year):
    reward = RewardFactory(year=year)
    url = reverse("mentorship:reward-delete", args=[reward.pk])

    assert curator_client.get(url).status_code == 200
    assert Reward.objects.filter(pk=reward.pk).exists()
    curator_client.post(url)
    assert not Reward.objects.filter(pk=reward.pk).exists()


def test_a_mentors_card_shows_his_rewards(client, mentor, pair):
    RewardFactory(year=pair.year, person=mentor.person, basis="за открытый урок")
    client.force_login(mentor)

    response = client.get(mentor.person.get_absolute_url())

    assert "за открытый урок" in response.text
    assert "ждёт приказа" in response.text


@pytest.mark.parametrize("size", [3, 30])
def test_the_registry_runs_the_same_queries_whatever_its_size(
    curator_client, year, size, django_assert_num_queries
):
    for _ in range(size):
        RewardFactory(year=year)
    # session, user, groups (roles), current year, count, pending count, 2 permission lookups
    # (menu), header school, filter years (count + options), page rows with person and year
    with django_assert_num_queries(12):
        assert curator_client.get(reverse("mentorship:reward-list")).status_code == 200


# Cases: services


def test_a_case_takes_the_year_form_and_authors_of_its_pair(curator, pair, mentor, teacher):
    case = services.case_create(
        data={"title": "Урок", "mentorship": pair, "problem": "п", "actions": "д", "result": "р"},
        actor=curator,
    )

    assert case.year == pair.year
    assert case.form == pair.form
    assert set(case.authors.all()) == {mentor.person, teacher.person}
    assert not case.is_published
    assert _actions(case) == ["case.create"]


def test_a_case_published_at_once_is_audited_as_published(curator, pair):
    case = services.case_create(
        data={"title": "Урок", "mentorship": pair, "problem": "п", "actions": "д", "result": "р"},
        published=True,
        actor=curator,
    )

    assert case.is_published
    assert _actions(case) == ["case.create", "case.publish"]


def test_a_case_is_not_made_from_a_pair_that_ended_early(curator, pair):
    pair.status = "ended_early"
    pair.save()

    with pytest.raises(ValidationError):
        services.case_create(
            data={"title": "У", "mentorship": pair, "problem": "п", "actions": "д", "result": "р"},
            actor=curator,
        )


def test_a_school_case_without_a_pair_needs_a_year(curator, year):
    data = {"title": "Школьная практика", "problem": "п", "actions": "д", "result": "р"}

    with pytest.raises(services.PracticeError):
        services.case_create(data=data, actor=curator)
    case = services.case_create(data=data, year=year, actor=curator)
    assert case.year == year
    assert list(case.authors.all()) == []


def test_emptied_authors_fall_back_to_the_pair(curator, pair, mentor, teacher):
    case = CaseFactory(year=pair.year, mentorship=pair)
    case.authors.set([PersonFactory()])

    services.case_update(case=case, data={"title": "Новое"}, authors=[], actor=curator)

    case.refresh_from_db()
    assert case.title == "Новое"
    assert set(case.authors.all()) == {mentor.person, teacher.person}


def test_a_replaced_file_is_removed_from_the_storage(
    curator, pair, django_capture_on_commit_callbacks
):
    case = CaseFactory(year=pair.year, mentorship=pair)
    case.file.save("old.pdf", ContentFile(PDF))
    old = case.file.name
    storage = case.file.storage

    with django_capture_on_commit_callbacks(execute=True):
        services.case_update(case=case, data={"file": _pdf("new.pdf")}, actor=curator)

    case.refresh_from_db()
    assert not storage.exists(old)
    assert storage.exists(case.file.name)


def test_publishing_and_unpublishing_are_audited(curator, pair):
    case = CaseFactory(year=pair.year, mentorship=pair)

    services.case_publish(case=case, published=True, actor=curator)
    services.case_publish(case=case, published=True, actor=curator)
    services.case_publish(case=case, published=False, actor=curator)

    assert _actions(case) == ["case.publish", "case.unpublish"]


def test_a_deleted_case_takes_its_file_along(curator, pair, django_capture_on_commit_callbacks):
    case = CaseFactory(year=pair.year, mentorship=pair)
    case.file.save("old.pdf", ContentFile(PDF))
    name, storage = case.file.name, case.file.storage

    with django_capture_on_commit_callbacks(execute=True):
        services.case_delete(case=case, actor=curator)

    assert not storage.exists(name)
    assert AuditEntry.objects.filter(action="case.delete").exists()


# Cases: who sees what


def test_a_teacher_sees_published_cases_only(client, teacher, pair):
    published = CaseFactory(year=pair.year, mentorship=pair, is_published=True)
    hidden = CaseFactory(year=pair.year, mentorship=pair)
    client.force_login(teacher)

    listed = client.get(reverse("mentorship:case-list"))

    assert [c.pk for c in listed.context["page"]] == [published.pk]
    assert "published" not in listed.context["filters"].fields
    assert client.get(published.get_absolute_url()).status_code == 200
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_a_mentor_sees_his_own_proposals_but_not_another_mentors(client, mentor, pair, other_pair):
    own = CaseFactory(year=pair.year, mentorship=pair)
    others = CaseFactory(year=pair.year, mentorship=other_pair)
    client.force_login(mentor)

    listed = client.get(reverse("mentorship:case-list"))

    assert [c.pk for c in listed.context["page"]] == [own.pk]
    assert client.get(others.get_absolute_url()).status_code == 404
    assert client.get(reverse("mentorship:case-file", args=[others.pk])).status_code == 404


def test_a_mentor_proposes_a_case_for_his_pair_unpublished(client, mentor, teacher, pair):
    client.force_login(mentor)

    response = client.post(
        reverse("mentorship:case-create"),
        {
            "title": "Открытый урок",
            "mentorship": pair.pk,
            "problem": "Страх открытых уроков",
            "actions": "Репетиции",
            "result": "Урок проведён",
            "is_published": "on",
        },
    )

    case = Case.objects.get()
    assert response.url == case.get_absolute_url()
    assert not case.is_published
    assert set(case.authors.all()) == {mentor.person, teacher.person}


def test_a_mentor_cannot_attach_a_case_to_another_mentors_pair(client, mentor, pair, other_pair):
    client.force_login(mentor)

    response = client.post(
        reverse("mentorship:case-create"),
        {
            "title": "Чужая",
            "mentorship": other_pair.pk,
            "problem": "п",
            "actions": "д",
            "result": "р",
        },
    )

    assert response.status_code == 200
    assert "mentorship" in response.context["form"].errors
    assert not Case.objects.exists()


def test_a_mentor_without_pairs_is_told_so(client, other_mentor, year):
    client.force_login(other_mentor)

    response = client.get(reverse("mentorship:case-create"))

    assert response.url == reverse("mentorship:case-list")


def test_the_create_form_is_prefilled_from_the_pair(client, mentor, teacher, pair):
    client.force_login(mentor)

    response = client.get(reverse("mentorship:case-create"), {"pair": pair.pk})

    form = response.context["form"]
    assert form.initial["mentorship"] == pair
    assert form.initial["form"] == pair.form
    assert response.context["pair_defaults"][pair.pk] == {
        "form": pair.form_id,
        "authors": [mentor.person.pk, teacher.person.pk],
    }
    assert 'id="pair-defaults"' in response.text
    # The authors to tick: the people of the mentor's pairs.
    assert f'name="authors" value="{teacher.person.pk}"' in response.text


def test_a_published_case_is_no_longer_the_mentors_to_change(client, mentor, pair):
    case = CaseFactory(year=pair.year, mentorship=pair, is_published=True)
    client.force_login(mentor)

    assert client.get(reverse("mentorship:case-update", args=[case.pk])).status_code == 403
    assert client.get(reverse("mentorship:case-delete", args=[case.pk])).status_code == 403


def test_the_curator_publishes_from_the_form(curator_client, pair):
    case = CaseFactory(year=pair.year, mentorship=pair, form=pair.form)

    response = curator_client.post(
        reverse("mentorship:case-update", args=[case.pk]),
        {
            "title": case.title,
            "mentorship": pair.pk,
            "form": pair.form.pk,
            "problem": case.problem,
            "actions": case.actions,
            "result": case.result,
            "is_published": "on",
        },
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.is_published
    assert "case.publish" in _actions(case)


def test_a_case_keeps_its_pair_when_the_pair_later_ended_early(curator_client, pair):
    case = CaseFactory(year=pair.year, mentorship=pair, form=pair.form)
    pair.status = "ended_early"
    pair.save()

    response = curator_client.post(
        reverse("mentorship:case-update", args=[case.pk]),
        {
            "title": "Новое название",
            "mentorship": pair.pk,
            "form": pair.form.pk,
            "problem": case.problem,
            "actions": case.actions,
            "result": case.result,
        },
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.title, case.mentorship) == ("Новое название", pair)


def test_the_curator_may_pick_a_form_other_than_the_pairs(curator_client, pair, teacher):
    other_form = MentoringFormFactory()
    page = curator_client.get(reverse("mentorship:case-create"))
    assert f'name="authors" value="{teacher.person.pk}"' in page.text

    curator_client.post(
        reverse("mentorship:case-create"),
        {
            "title": "Практика",
            "mentorship": pair.pk,
            "form": other_form.pk,
            "problem": "п",
            "actions": "д",
            "result": "р",
        },
    )

    assert Case.objects.get().form == other_form


def test_the_case_bank_searches_words_in_any_case(curator_client, pair):
    found = CaseFactory(year=pair.year, title="Дисциплина на уроке")
    CaseFactory(year=pair.year, title="Работа с родителями")

    response = curator_client.get(reverse("mentorship:case-list"), {"q": "дисциплина"})

    assert [c.pk for c in response.context["page"]] == [found.pk]


@pytest.mark.parametrize("size", [3, 30])
def test_the_case_bank_runs_the_same_queries_whatever_its_size(
    curator_client, pair, size, django_assert_num_queries
):
    for _ in range(size):
        CaseFactory(year=pair.year, mentorship=pair).authors.set([pair.mentor.person])
    # session, user, groups (roles), count, header school, 2 permission lookups (menu), filter
    # years and forms (count + options each), page rows with year, form, pair and mentor,
    # authors in one prefetch
    with django_assert_num_queries(13):
        assert curator_client.get(reverse("mentorship:case-list")).status_code == 200


# Files


def test_a_case_file_must_be_a_pdf_or_a_picture(curator_client, pair):
    data = {
        "title": "Практика",
        "mentorship": pair.pk,
        "problem": "п",
        "actions": "д",
        "result": "р",
    }

    response = curator_client.post(
        reverse("mentorship:case-create"), data | {"file": _pdf("fake.pdf", b"MZ not a pdf")}
    )

    assert "file" in response.context["form"].errors
    assert not Case.objects.exists()


def test_a_case_file_is_served_only_through_the_checking_view(client, teacher, mentor, pair):
    case = CaseFactory(year=pair.year, mentorship=pair)
    case.file.save("practice.pdf", ContentFile(PDF))
    url = reverse("mentorship:case-file", args=[case.pk])

    client.force_login(mentor)
    response = client.get(url)
    body = b"".join(response.streaming_content)  # reading to the end closes the file
    client.force_login(teacher)
    hidden = client.get(url)

    assert body == PDF
    assert response["Content-Disposition"].startswith('inline; filename="kejs-')
    assert hidden.status_code == 404


def test_a_file_is_removed_with_the_box_and_replaced_by_an_upload(curator_client):
    resource = ResourceFactory()
    resource.file.save("memo.pdf", ContentFile(PDF))
    url = reverse("mentorship:resource-update", args=[resource.pk])
    data = {"title": resource.title, "kind": resource.kind, "description": "Текст"}

    page = curator_client.get(url)
    curator_client.post(url, data | {"file": SimpleUploadedFile("p.png", PNG)})
    replaced = Resource.objects.get(pk=resource.pk).file.name
    curator_client.post(url, data | {"remove_file": "on"})

    assert reverse("mentorship:resource-file", args=[resource.pk]) in page.text
    assert replaced.endswith(".png")
    assert not Resource.objects.get(pk=resource.pk).file


# The library


def test_a_material_needs_a_file_a_link_or_a_text(curator):
    with pytest.raises(ValidationError):
        services.resource_create(data={"title": "Пусто", "kind": "material"}, actor=curator)


def test_the_curator_adds_a_material_with_topics(curator_client):
    topic = TopicFactory()

    curator_client.post(
        reverse("mentorship:resource-create"),
        {
            "title": "Шаблон плана",
            "kind": "template",
            "topics": [topic.pk],
            "url": "example.ru/plan",
        },
    )

    resource = Resource.objects.get()
    assert list(resource.topics.all()) == [topic]
    assert resource.url == "https://example.ru/plan"
    assert _actions(resource) == ["resource.create"]


@pytest.mark.parametrize(
    ("persona", "first"),
    [("mentor", ResourceKind.MEMO_MENTOR), ("teacher", ResourceKind.MEMO_MENTEE)],
)
def test_memos_for_the_readers_side_come_first(persona_client, persona, first):
    ResourceFactory(kind=ResourceKind.MATERIAL, title="А материал")
    ResourceFactory(kind=ResourceKind.MEMO_MENTEE, title="Б памятка наставляемому")
    ResourceFactory(kind=ResourceKind.MEMO_MENTOR, title="В памятка наставнику")

    response = persona_client(persona).get(reverse("mentorship:resource-list"))

    assert response.context["page"][0].kind == first


def test_the_library_filters_by_topic_kind_and_words(client, teacher):
    topic = TopicFactory()
    memo = ResourceFactory(kind=ResourceKind.MEMO_MENTEE, title="Памятка перед встречей")
    memo.topics.set([topic])
    ResourceFactory(
        kind=ResourceKind.LINK, title="Методология", description="", url="https://example.ru"
    )
    client.force_login(teacher)
    url = reverse("mentorship:resource-list")

    assert [r.pk for r in client.get(url, {"topic": topic.pk}).context["page"]] == [memo.pk]
    assert [r.pk for r in client.get(url, {"kind": "memo_mentee"}).context["page"]] == [memo.pk]
    assert [r.pk for r in client.get(url, {"q": "памятка"}).context["page"]] == [memo.pk]


@pytest.mark.parametrize("size", [3, 30])
def test_the_library_runs_the_same_queries_whatever_its_size(
    client, mentor, size, django_assert_num_queries
):
    topic = TopicFactory()
    for _ in range(size):
        ResourceFactory().topics.set([topic])
    client.force_login(mentor)
    # session, user, groups (roles), count, header school, 2 permission lookups (menu), filter
    # topics (count + options), page rows, topics in one prefetch
    with django_assert_num_queries(11):
        assert client.get(reverse("mentorship:resource-list")).status_code == 200


def test_a_material_file_opens_for_anyone_signed_in(client, teacher):
    resource = ResourceFactory()
    resource.file.save("memo.pdf", ContentFile(PDF))
    client.force_login(teacher)

    response = client.get(reverse("mentorship:resource-file", args=[resource.pk]))
    body = b"".join(response.streaming_content)  # reading to the end closes the file

    assert body == PDF


def test_a_material_without_a_file_has_no_download(client, teacher):
    resource = ResourceFactory()
    client.force_login(teacher)

    assert client.get(reverse("mentorship:resource-file", args=[resource.pk])).status_code == 404


def test_the_curator_deletes_a_material_after_confirmation(curator_client):
    resource = ResourceFactory()
    url = reverse("mentorship:resource-delete", args=[resource.pk])

    assert curator_client.get(url).status_code == 200
    curator_client.post(url)

    assert not Resource.objects.exists()
    assert AuditEntry.objects.filter(action="resource.delete").exists()


# The demo


def test_the_demo_seeds_memos_links_a_case_and_two_pending_rewards_once(year, other_mentor):
    pairs = [
        MentorshipFactory(year=year, mentor=MentorProfileFactory()),
        MentorshipFactory(year=year, mentor=MentorProfileFactory(person=other_mentor.person)),
    ]
    for _ in range(2):
        seed_practice(seed=1, today=datetime.date(2026, 11, 20))

    kinds = set(Resource.objects.values_list("kind", flat=True))
    assert {ResourceKind.MEMO_MENTOR, ResourceKind.MEMO_MENTEE, ResourceKind.LINK} <= kinds
    assert Resource.objects.filter(title="Памятка наставнику: первая встреча").count() == 1
    assert Case.objects.get().mentorship == pairs[0]
    assert Reward.objects.filter(order_reference="").count() == 2
