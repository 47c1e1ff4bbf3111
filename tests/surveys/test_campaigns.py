import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from mentorship.models import (
    AuditEntry,
    ConsentKind,
    MenteeStatus,
    MentorStatus,
    PersonKind,
    User,
)
from mentorship.roles import MENTOR, TEACHER
from surveys.models import Campaign, CampaignStatus, Invitation, InvitationSkip
from surveys.services_campaigns import (
    AudienceSpec,
    CampaignError,
    campaign_close,
    campaign_create,
    campaign_invite,
    campaign_open,
    invitation_revoke,
    invitations_remind,
    invitations_send,
)
from tests.factories import (
    CampaignFactory,
    ConsentFactory,
    InvitationFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    PersonFactory,
    ProgrammeYearFactory,
    QuestionnaireFactory,
    UserFactory,
)

TODAY = datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)
BASE_URL = "https://nastavnik.school.ru"
MINOR_REASON = "нет действующего согласия законного представителя"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY, tick=False)


def _consented(**kwargs):
    person = PersonFactory(**kwargs)
    ConsentFactory(person=person, kind=ConsentKind.PERSONAL_DATA)
    return person


def _pupil(department: str, *, representative: bool, **kwargs):
    pupil = PersonFactory(
        kind=PersonKind.PUPIL,
        department=department,
        birth_date=datetime.date(2013, 3, 1),
        position="",
        **kwargs,
    )
    if representative:
        ConsentFactory(
            person=pupil,
            kind=ConsentKind.REPRESENTATIVE,
            signer="representative",
            representative_name="Иванова Ольга Петровна",
        )
    return pupil


def _campaign(**kwargs) -> Campaign:
    kwargs.setdefault("year", ProgrammeYearFactory(title="2026/2027"))
    return CampaignFactory(**kwargs)


def _invited(campaign: Campaign) -> set[int]:
    return set(Invitation.objects.filter(campaign=campaign).values_list("person_id", flat=True))


# Creating


def test_a_new_campaign_is_a_draft_of_the_current_year(curator):
    year = ProgrammeYearFactory(title="2026/2027", is_current=True)
    campaign = campaign_create(
        questionnaire=QuestionnaireFactory(),
        title="Входное анкетирование",
        starts_on=datetime.date(2026, 12, 1),
        ends_on=datetime.date(2026, 12, 20),
        moment="before",
        actor=curator,
    )
    assert campaign.year == year
    assert campaign.status == CampaignStatus.DRAFT
    assert campaign.created_by == curator
    assert AuditEntry.objects.filter(action="campaign.create", object_id=str(campaign.pk)).exists()


def test_a_campaign_cannot_end_before_it_starts(curator):
    ProgrammeYearFactory(title="2026/2027", is_current=True)
    with pytest.raises(CampaignError, match="не раньше"):
        campaign_create(
            questionnaire=QuestionnaireFactory(),
            title="Опрос",
            starts_on=datetime.date(2026, 12, 10),
            ends_on=datetime.date(2026, 12, 1),
            actor=curator,
        )


def test_curator_creates_a_campaign_and_goes_on_to_invite(curator_client, school):
    ProgrammeYearFactory(title="2026/2027", is_current=True)
    questionnaire = QuestionnaireFactory(title="Удовлетворённость наставляемых")
    response = curator_client.post(
        reverse("surveys:campaign-create"),
        {
            "questionnaire": questionnaire.pk,
            "title": "  Итоговый   опрос ",
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-20",
            "moment": "after",
        },
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:campaign-invite", args=[campaign.pk])
    assert campaign.title == "Итоговый опрос" and campaign.moment == "after"


# Audiences


def test_invite_by_role_takes_the_people_whose_log_in_has_that_role(curator):
    campaign = _campaign()
    mentor = _consented(user=UserFactory(roles=[MENTOR]))
    teacher = _consented(user=UserFactory(roles=[TEACHER]))
    _consented()  # no log-in at all
    result = campaign_invite(
        campaign=campaign, audience=AudienceSpec(roles=(MENTOR,)), actor=curator
    )
    assert result.created == 1
    assert _invited(campaign) == {mentor.pk}
    campaign_invite(
        campaign=campaign, audience=AudienceSpec(roles=(MENTOR, TEACHER)), actor=curator
    )
    assert _invited(campaign) == {mentor.pk, teacher.pk}


def test_invite_by_classes_takes_only_those_classes(curator):
    campaign = _campaign()
    a7 = _pupil("7А", representative=True)
    b7 = _pupil("7Б", representative=True)
    _pupil("8А", representative=True)
    _consented(department="7А", kind=PersonKind.STAFF)  # the class teacher is not a pupil
    campaign_invite(
        campaign=campaign,
        audience=AudienceSpec(kinds=(PersonKind.PUPIL,), departments=("7А", "7Б")),
        actor=curator,
    )
    assert _invited(campaign) == {a7.pk, b7.pk}


def test_invite_by_bank_takes_the_bank_or_only_one_status_of_it(curator):
    campaign = _campaign()
    waiting = MenteeProfileFactory(person=_consented(), status=MenteeStatus.WAITING).person
    paired = MenteeProfileFactory(person=_consented(), status=MenteeStatus.PAIRED).person
    mentor = MentorProfileFactory(person=_consented(), status=MentorStatus.ACTIVE).person
    campaign_invite(
        campaign=campaign,
        audience=AudienceSpec(bank="mentees", bank_status=MenteeStatus.WAITING),
        actor=curator,
    )
    assert _invited(campaign) == {waiting.pk}
    campaign_invite(campaign=campaign, audience=AudienceSpec(bank="mentees"), actor=curator)
    assert _invited(campaign) == {waiting.pk, paired.pk}
    campaign_invite(campaign=campaign, audience=AudienceSpec(bank="mentors"), actor=curator)
    assert mentor.pk in _invited(campaign)


def test_an_empty_audience_is_refused(curator):
    with pytest.raises(CampaignError, match="кого пригласить"):
        campaign_invite(campaign=_campaign(), audience=AudienceSpec(), actor=curator)


def test_inviting_twice_creates_no_second_invitation(curator):
    campaign = _campaign()
    people = [_consented(department="МО физики") for _ in range(3)]
    first = campaign_invite(
        campaign=campaign, audience=AudienceSpec(departments=("МО физики",)), actor=curator
    )
    tokens = set(Invitation.objects.values_list("token", flat=True))
    second = campaign_invite(
        campaign=campaign, audience=AudienceSpec(departments=("МО физики",)), actor=curator
    )
    assert (first.created, second.created, second.already) == (3, 0, 3)
    assert Invitation.objects.filter(campaign=campaign).count() == len(people)
    assert set(Invitation.objects.values_list("token", flat=True)) == tokens


def test_a_closed_campaign_takes_no_new_invitations(curator):
    campaign = _campaign(status=CampaignStatus.CLOSED)
    _consented(department="МО физики")
    with pytest.raises(CampaignError, match="закрыт"):
        campaign_invite(
            campaign=campaign, audience=AudienceSpec(departments=("МО физики",)), actor=curator
        )


# Consent gates


def test_a_minor_is_invited_only_with_the_representatives_consent(curator):
    campaign = _campaign()
    with_consent = _pupil("7А", representative=True)
    without = _pupil("7А", representative=False, surname="Безсогласиева")
    result = campaign_invite(
        campaign=campaign, audience=AudienceSpec(departments=("7А",)), actor=curator
    )
    assert _invited(campaign) == {with_consent.pk}
    assert [(p.pk, MINOR_REASON in reason) for p, reason in result.skipped] == [(without.pk, True)]
    skip = InvitationSkip.objects.get(campaign=campaign)
    assert skip.person == without and MINOR_REASON in skip.reason

    # The consent arrives: the next invitation round takes the pupil and forgets the skip.
    ConsentFactory(person=without, kind=ConsentKind.REPRESENTATIVE, signer="representative")
    campaign_invite(campaign=campaign, audience=AudienceSpec(departments=("7А",)), actor=curator)
    assert _invited(campaign) == {with_consent.pk, without.pk}
    assert not InvitationSkip.objects.filter(campaign=campaign).exists()


def test_adults_without_a_processing_consent_and_anonymised_people_are_skipped(curator):
    campaign = _campaign()
    no_consent = PersonFactory(department="МО химии")
    gone = _consented(department="МО химии", anonymised_at=TODAY)
    result = campaign_invite(
        campaign=campaign, audience=AudienceSpec(departments=("МО химии",)), actor=curator
    )
    reasons = {person.pk: reason for person, reason in result.skipped}
    assert _invited(campaign) == set()
    assert "согласия на обработку" in reasons[no_consent.pk]
    assert "обезличены" in reasons[gone.pk]


def test_the_campaign_page_lists_who_was_skipped_and_why(curator_client, school):
    campaign = _campaign()
    _pupil("5В", representative=False, surname="Пропущенная")
    _pupil("5В", representative=True, surname="Приглашённая")
    response = curator_client.post(
        reverse("surveys:campaign-invite", args=[campaign.pk]),
        {"kinds": ["pupil"], "departments": ["5В"]},
        follow=True,
    )
    page = response.content.decode()
    assert "Приглашено: 1" in page and "Пропущено: 1" in page
    skipped = page.split('id="skipped-title"')[1].split("</section>")[0]
    assert "Пропущенная" in skipped and MINOR_REASON in skipped
    assert "Приглашённая" not in skipped
    assert 'data-count="skipped">1<' in page


# E-mails


def _open_campaign_with(*people) -> Campaign:
    campaign = _campaign(status=CampaignStatus.OPEN)
    for person in people:
        InvitationFactory(campaign=campaign, person=person)
    return campaign


def test_sending_mails_each_personal_link_once_after_commit(
    curator, mailoutbox, django_capture_on_commit_callbacks
):
    with_mail = PersonFactory(email="smirnova@school.ru", name="Ольга", patronymic="Ивановна")
    via_login = PersonFactory(user=UserFactory(email="login@school.ru"))
    without = PersonFactory(email="")
    campaign = _open_campaign_with(with_mail, via_login, without)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sent = invitations_send(campaign=campaign, base_url=BASE_URL, actor=curator)
        assert mailoutbox == []  # nothing leaves before the transaction commits
    assert sent == 2 and len(callbacks) == 1
    assert sorted(m.to[0] for m in mailoutbox) == ["login@school.ru", "smirnova@school.ru"]
    letter = next(m for m in mailoutbox if m.to == ["smirnova@school.ru"])
    invitation = Invitation.objects.get(person=with_mail)
    assert f"{BASE_URL}/surveys/a/{invitation.token}/" in letter.body
    assert "Ольга Ивановна" in letter.body and campaign.questionnaire.title in letter.subject
    assert invitation.token in letter.alternatives[0][0]
    assert invitation.sent_at == TODAY
    assert Invitation.objects.get(person=without).sent_at is None

    with django_capture_on_commit_callbacks(execute=True):
        assert invitations_send(campaign=campaign, base_url=BASE_URL, actor=curator) == 0
    assert len(mailoutbox) == 2


def test_a_draft_campaign_sends_nothing(curator, mailoutbox):
    campaign = _campaign(status=CampaignStatus.DRAFT)
    InvitationFactory(campaign=campaign, person=PersonFactory(email="a@school.ru"))
    with pytest.raises(CampaignError, match="откройте"):
        invitations_send(campaign=campaign, base_url=BASE_URL, actor=curator)


def test_reminders_go_to_those_who_have_not_answered_at_most_once_a_day(
    curator, mailoutbox, django_capture_on_commit_callbacks, time_machine
):
    silent = PersonFactory(email="silent@school.ru")
    answered = PersonFactory(email="answered@school.ru")
    revoked = PersonFactory(email="revoked@school.ru")
    campaign = _open_campaign_with(silent, answered, revoked)
    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(campaign=campaign, base_url=BASE_URL, actor=curator)
    Invitation.objects.filter(person=answered).update(answered_at=TODAY)
    Invitation.objects.filter(person=revoked).update(revoked_at=TODAY)
    mailoutbox.clear()

    time_machine.move_to(TODAY + datetime.timedelta(hours=2), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations_remind(campaign=campaign, base_url=BASE_URL, actor=curator) == 1
    assert [m.to for m in mailoutbox] == [["silent@school.ru"]]
    assert "Напоминание" in mailoutbox[0].subject
    token = Invitation.objects.get(person=silent).token
    assert f"{BASE_URL}/surveys/a/{token}/" in mailoutbox[0].body

    # Later the same day: nothing new.
    time_machine.move_to(TODAY + datetime.timedelta(hours=20), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations_remind(campaign=campaign, base_url=BASE_URL, actor=curator) == 0
    assert len(mailoutbox) == 1

    # A day after the reminder: the next one.
    time_machine.move_to(TODAY + datetime.timedelta(hours=26, minutes=1), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations_remind(campaign=campaign, base_url=BASE_URL, actor=curator) == 1
    assert len(mailoutbox) == 2


def test_the_reminder_command_is_safe_to_run_again(mailoutbox, django_capture_on_commit_callbacks):
    _open_campaign_with(PersonFactory(email="silent@school.ru"))
    closed = _campaign(status=CampaignStatus.CLOSED)
    InvitationFactory(campaign=closed, person=PersonFactory(email="closed@school.ru"))
    Invitation.objects.update(sent_at=TODAY)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_survey_reminders", "--base-url", BASE_URL + "/", stdout=out)
        call_command("send_survey_reminders", "--base-url", BASE_URL, stdout=out)
    assert [m.to for m in mailoutbox] == [["silent@school.ru"]]  # not the closed campaign's
    assert f"{BASE_URL}/surveys/a/" in mailoutbox[0].body
    assert "Итого напоминаний: 1." in out.getvalue()
    assert "Итого напоминаний: 0." in out.getvalue()
    with pytest.raises(CommandError):
        call_command("send_survey_reminders", "--base-url", "nastavnik.school.ru", stdout=out)


def test_the_send_and_remind_buttons_mail_absolute_links(
    curator_client, school, mailoutbox, django_capture_on_commit_callbacks
):
    campaign = _open_campaign_with(PersonFactory(email="a@school.ru"))
    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(
            reverse("surveys:campaign-send", args=[campaign.pk]), follow=True
        )
    assert "Отправлено писем: 1." in response.content.decode()
    assert "http://testserver/surveys/a/" in mailoutbox[0].body


# Revoking and closing


def test_a_revoked_link_says_so(curator_client, school, client):
    invitation = InvitationFactory(campaign=_campaign(status=CampaignStatus.OPEN))
    response = curator_client.post(reverse("surveys:invitation-revoke", args=[invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.is_revoked
    assert AuditEntry.objects.filter(action="invitation.revoke").exists()
    page = client.get(reverse("surveys:answer", args=[invitation.token]))
    assert page.status_code == 410
    assert "Ссылка отозвана" in page.content.decode()


def test_an_answered_link_is_not_revoked(curator):
    invitation = InvitationFactory(campaign=_campaign(), answered_at=TODAY)
    with pytest.raises(CampaignError):
        invitation_revoke(invitation=invitation, actor=curator)


def test_closing_ends_every_link_of_the_campaign(curator_client, school, client):
    invitation = InvitationFactory(campaign=_campaign(status=CampaignStatus.OPEN))
    link = reverse("surveys:answer", args=[invitation.token])
    assert client.get(link).status_code == 200
    curator_client.post(reverse("surveys:campaign-close", args=[invitation.campaign_id]))
    page = client.get(link)
    assert page.status_code == 410
    assert "Опрос завершён" in page.content.decode()


def test_open_and_close_follow_the_allowed_moves(curator):
    campaign = _campaign(status=CampaignStatus.DRAFT)
    assert campaign_open(campaign=campaign, actor=curator).status == CampaignStatus.OPEN
    assert campaign_close(campaign=campaign, actor=curator).status == CampaignStatus.CLOSED
    assert campaign_open(campaign=campaign, actor=curator).status == CampaignStatus.OPEN
    past = _campaign(status=CampaignStatus.CLOSED, ends_on=datetime.date(2026, 11, 20))
    with pytest.raises(CampaignError, match="Срок"):
        campaign_open(campaign=past, actor=curator)


def test_the_director_reads_a_campaign_but_cannot_act(director_client, school, mailoutbox):
    campaign = _open_campaign_with(PersonFactory(email="a@school.ru"))
    page = director_client.get(reverse("surveys:campaign-detail", args=[campaign.pk]))
    assert page.status_code == 200
    assert reverse("surveys:campaign-send", args=[campaign.pk]) not in page.content.decode()
    assert (
        director_client.post(reverse("surveys:campaign-send", args=[campaign.pk])).status_code
        == 403
    )
    assert mailoutbox == []


# The printable sheet


def test_the_sheet_has_a_qr_code_and_the_link_for_each_person(curator_client, school):
    campaign = _campaign(status=CampaignStatus.OPEN)
    a7 = [
        InvitationFactory(campaign=campaign, person=_pupil("7А", representative=True))
        for _ in range(3)
    ]
    b7 = InvitationFactory(campaign=campaign, person=_pupil("7Б", representative=True))
    InvitationFactory(campaign=campaign, revoked_at=TODAY)
    InvitationFactory(campaign=campaign, answered_at=TODAY)
    url = reverse("surveys:campaign-sheet", args=[campaign.pk])

    page = curator_client.get(url).content.decode()
    assert page.count("<svg") == 4
    for invitation in [*a7, b7]:
        assert f"http://testserver/surveys/a/{invitation.token}/" in page
        assert invitation.person.full_name in page
    assert "Ответить до 31 декабря 2026" in page

    one_class = curator_client.get(url, {"department": "7Б"}).content.decode()
    assert one_class.count("<svg") == 1 and b7.token in one_class and a7[0].token not in one_class


# Query budget


@pytest.mark.parametrize("size", [10, 200])
def test_the_campaign_page_runs_the_same_queries_for_10_and_200_invitations(
    curator_client, school, size, django_assert_num_queries
):
    campaign = _campaign(status=CampaignStatus.OPEN)
    for person in PersonFactory.create_batch(size):
        InvitationFactory(campaign=campaign, person=person)
    for person in PersonFactory.create_batch(3):
        InvitationSkip.objects.create(campaign=campaign, person=person, reason="причина")
    # session, user, permissions (2), the campaign, the page's count, the skips, the counts
    # (one aggregate), the header's school and role groups, the page's rows with their people
    with django_assert_num_queries(11):
        response = curator_client.get(reverse("surveys:campaign-detail", args=[campaign.pk]))
    assert response.status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client):
    campaign = _campaign()
    response = client.get(reverse("surveys:campaign-detail", args=[campaign.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert User.objects.filter(username="curator").count() == 0


@pytest.mark.parametrize("size", [3, 30])
def test_the_campaign_list_runs_the_same_queries_for_3_and_30_campaigns(
    director_client, school, size, django_assert_num_queries
):
    for campaign in CampaignFactory.create_batch(size):
        InvitationFactory(campaign=campaign, answered_at=TODAY)
    # session, user, permissions (2), the page's count, the rows with their questionnaire,
    # year and counts (one query), the header's school and role groups
    with django_assert_num_queries(8):
        response = director_client.get(reverse("surveys:campaign-list"))
    assert response.status_code == 200
    assert reverse("surveys:campaign-create") not in response.content.decode()


def test_the_invite_form_asks_for_at_least_one_condition(curator_client, school):
    campaign = _campaign()
    response = curator_client.post(reverse("surveys:campaign-invite", args=[campaign.pk]), {})
    assert response.status_code == 200
    assert "Отметьте, кого пригласить" in response.content.decode()
    assert not Invitation.objects.exists()
