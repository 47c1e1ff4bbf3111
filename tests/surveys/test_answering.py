import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from mentorship.models import (
    ConsentKind,
    MenteeProfile,
    MentorProfile,
    PairingPreference,
    PersonKind,
)
from surveys.models import Invitation, Question, QuestionKind, Questionnaire, Response
from tests.factories import (
    CampaignFactory,
    ConsentFactory,
    InvitationFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    OptionFactory,
    PersonFactory,
    ProgrammeYearFactory,
    QuestionFactory,
    QuestionnaireFactory,
)

TODAY = datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture
def standard(db):
    call_command("load_standard_data", stdout=StringIO())
    return {q.code: q for q in Questionnaire.objects.filter(is_standard=True)}


def _invite(questionnaire, person, **campaign):
    return InvitationFactory(
        person=person,
        campaign=CampaignFactory(
            questionnaire=questionnaire, year=ProgrammeYearFactory(title="2026/2027"), **campaign
        ),
    )


def _post(client, invitation, data, action="submit"):
    return client.post(
        reverse("surveys:answer", args=[invitation.token]), {**data, "action": action}
    )


def test_standard_questionnaires_are_loaded_once(standard):
    assert {
        "teacher-request",
        "pupil-request",
        "mentor-offer",
        "pairing-preference",
        "meeting-feedback-mentor",
        "meeting-feedback-mentee",
        "mentee-satisfaction",
        "mentor-satisfaction",
        "curator-monitoring",
    } <= set(standard)
    call_command("load_standard_data", stdout=StringIO())
    assert Questionnaire.objects.filter(code="teacher-request").count() == 1
    request = standard["teacher-request"]
    assert request.questions.filter(topic__isnull=False).count() >= 15


@pytest.mark.parametrize(
    ("kind", "extra", "good", "bad", "message"),
    [
        ("short_text", {}, "Нужна помощь", "x" * 501, "не более 500"),
        ("number", {"scale_min": 1, "scale_max": 5}, "3", "9", "меньше либо равно 5"),
        ("number", {}, "2,5", "два", "Введите число."),
        ("date", {}, "2026-12-01", "31.02.2026", "Введите правильную дату."),
        ("scale", {"scale_min": 1, "scale_max": 10}, "7", "11", "Выберите корректный вариант"),
        ("yes_no", {}, "yes", "maybe", "Выберите корректный вариант"),
    ],
)
def test_each_question_kind_validates_good_and_bad_input(client, kind, extra, good, bad, message):
    question = QuestionFactory(kind=kind, **extra)
    invitation = _invite(question.questionnaire, PersonFactory())
    field = f"q{question.pk}"
    response = _post(client, invitation, {field: bad})
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content and "Ответы не отправлены" in content
    assert not Response.objects.filter(submitted_at__isnull=False).exists()
    _post(client, invitation, {field: good})
    assert Response.objects.get().submitted_at is not None


def test_choice_questions_accept_only_their_options(client):
    question = QuestionFactory(kind=QuestionKind.MULTIPLE)
    first, second = OptionFactory(question=question), OptionFactory(question=question)
    other = OptionFactory()
    invitation = _invite(question.questionnaire, PersonFactory())
    response = _post(client, invitation, {f"q{question.pk}": [str(first.pk), str(other.pk)]})
    assert "Выберите корректный вариант" in response.content.decode()
    _post(client, invitation, {f"q{question.pk}": [str(first.pk), str(second.pk)]})
    answer = Response.objects.get().answers.get()
    assert set(answer.choices.all()) == {first, second}


def test_a_required_question_must_be_answered_but_a_draft_may_wait(client):
    question = QuestionFactory(kind=QuestionKind.LONG_TEXT, required=True)
    invitation = _invite(question.questionnaire, PersonFactory())
    response = _post(client, invitation, {f"q{question.pk}": ""})
    assert "Обязательное поле." in response.content.decode()
    response = _post(client, invitation, {f"q{question.pk}": "начало ответа"}, action="draft")
    assert response.status_code == 302
    saved = Response.objects.get()
    assert saved.submitted_at is None
    page = client.get(reverse("surveys:answer", args=[invitation.token])).content.decode()
    assert "начало ответа" in page and "сохранённые ответы" in page
    _post(client, invitation, {f"q{question.pk}": "полный ответ"})
    saved.refresh_from_db()
    assert saved.submitted_at is not None and saved.answers.get().text == "полный ответ"


def test_after_submission_the_link_says_thank_you(client):
    question = QuestionFactory(required=False)
    invitation = _invite(question.questionnaire, PersonFactory())
    _post(client, invitation, {})
    page = client.get(reverse("surveys:answer", args=[invitation.token]))
    assert "Вы уже ответили" in page.content.decode()
    again = _post(client, invitation, {})
    assert Response.objects.count() == 1 and again.status_code == 200


def test_revoked_and_expired_links_give_a_clear_page(client):
    question = QuestionFactory()
    revoked = _invite(question.questionnaire, PersonFactory())
    Invitation.objects.filter(pk=revoked.pk).update(revoked_at=TODAY)
    response = client.get(reverse("surveys:answer", args=[revoked.token]))
    assert response.status_code == 410 and "Ссылка отозвана" in response.content.decode()
    expired = _invite(question.questionnaire, PersonFactory(), ends_on=datetime.date(2026, 11, 20))
    response = client.get(reverse("surveys:answer", args=[expired.token]))
    assert response.status_code == 410 and "Опрос завершён" in response.content.decode()
    closed = _invite(question.questionnaire, PersonFactory(), status="closed")
    assert client.post(reverse("surveys:answer", args=[closed.token])).status_code == 410


def test_a_token_opens_only_its_own_form(client, teacher, school):
    mine = QuestionFactory(text="Мой вопрос")
    theirs = QuestionFactory(text="Чужой вопрос")
    invitation = _invite(mine.questionnaire, teacher.person)
    other = _invite(theirs.questionnaire, PersonFactory(surname="Чужаков"))
    page = client.get(reverse("surveys:answer", args=[invitation.token])).content.decode()
    assert "Мой вопрос" in page and "Чужой вопрос" not in page and "Чужаков" not in page
    # The token does not sign anybody in.
    assert client.get(reverse("mentorship:teacher-home")).status_code == 302
    # Answers to another question id are ignored, not written into the other form.
    _post(client, invitation, {f"q{mine.pk}": "мой ответ", f"q{theirs.pk}": "подлог"})
    assert not Response.objects.filter(invitation=other).exists()
    assert Response.objects.get(invitation=invitation).answers.count() == 1


def test_wrong_tokens_are_throttled(client, db):
    for _ in range(20):
        assert client.get(reverse("surveys:answer", args=["nope-" + "x" * 20])).status_code == 404
    response = client.get(reverse("surveys:answer", args=["another-wrong-token"]))
    assert response.status_code == 429


def test_teacher_request_writes_weighted_topics_into_the_mentee_bank(client, standard):
    person = PersonFactory()
    ConsentFactory(person=person)
    questionnaire = standard["teacher-request"]
    invitation = _invite(questionnaire, person)
    questions = list(questionnaire.questions.prefetch_related("options"))
    data = {}
    for question in questions:
        if question.topic_id:
            # The first area is a significant difficulty, the second a minor one, others none.
            index = (
                0
                if question.topic.code == "lesson-planning"
                else (1 if question.topic.code == "parents" else 2)
            )
            data[f"q{question.pk}"] = str(list(question.options.all())[index].pk)
        elif question.code == "request_text":
            data[f"q{question.pk}"] = "Боюсь открытых уроков"
    _post(client, invitation, data)
    profile = MenteeProfile.objects.get(person=person)
    weights = {r.topic.code: r.weight for r in profile.requests.select_related("topic")}
    assert weights == {"lesson-planning": 3, "parents": 1}
    assert profile.request_text == "Боюсь открытых уроков"
    assert "Запрос записан в базу наставляемых" in Response.objects.get().writeback_note


def test_without_consent_the_answer_is_kept_and_the_curator_sees_why(client, standard):
    person = PersonFactory()
    questionnaire = standard["pupil-request"]
    pupil = PersonFactory(kind=PersonKind.PUPIL, birth_date=datetime.date(2013, 1, 1))
    invitation = _invite(questionnaire, pupil)
    question = questionnaire.questions.get(kind=QuestionKind.MULTIPLE)
    _post(client, invitation, {f"q{question.pk}": [str(question.options.first().pk)]})
    response = Response.objects.get()
    assert response.submitted_at is not None
    assert "не записан" in response.writeback_note and "законного представителя" in (
        response.writeback_note
    )
    assert not MenteeProfile.objects.filter(person__in=[person, pupil]).exists()


def test_mentor_offer_creates_a_candidate_with_topics_forms_and_capacity(client, standard):
    person = PersonFactory()
    ConsentFactory(person=person)
    questionnaire = standard["mentor-offer"]
    invitation = _invite(questionnaire, person)
    data = {}
    for question in questionnaire.questions.prefetch_related("options"):
        options = list(question.options.all())
        if question.kind == QuestionKind.YES_NO:
            data[f"q{question.pk}"] = "yes"
        elif question.code == "forms":
            data[f"q{question.pk}"] = [str(o.pk) for o in options if o.value == "traditional"]
        elif question.code == "capacity":
            data[f"q{question.pk}"] = "2"
        elif question.kind == QuestionKind.MULTIPLE and any(o.topic_id for o in options):
            data[f"q{question.pk}"] = [str(options[0].pk), str(options[6].pk)]
    _post(client, invitation, data)
    profile = MentorProfile.objects.get(person=person)
    assert profile.status == "candidate" and profile.capacity == 2
    assert set(profile.topics.values_list("code", flat=True)) == {"lesson-planning", "parents"}
    assert list(profile.forms.values_list("code", flat=True)) == ["traditional"]


def test_pairing_preferences_become_ranked_choices_and_exclusions(client, standard):
    mentee = PersonFactory()
    ConsentFactory(person=mentee)
    MenteeProfileFactory(person=mentee)
    first, second, avoided = (MentorProfileFactory().person for _ in range(3))
    questionnaire = standard["pairing-preference"]
    invitation = _invite(questionnaire, mentee)
    prefer = questionnaire.questions.get(code="preferences")
    avoid = questionnaire.questions.get(code="avoid")
    page = client.get(reverse("surveys:answer", args=[invitation.token])).content.decode()
    assert first.full_name in page  # mentors are offered to a mentee
    response = _post(
        client, invitation, {f"q{prefer.pk}_1": str(second.pk), f"q{prefer.pk}_2": str(second.pk)}
    )
    assert "Один и тот же человек выбран дважды." in response.content.decode()
    _post(
        client,
        invitation,
        {
            f"q{prefer.pk}_1": str(second.pk),
            f"q{prefer.pk}_2": str(first.pk),
            f"q{avoid.pk}_1": str(avoided.pk),
        },
    )
    rows = PairingPreference.objects.filter(person=mentee).order_by("kind", "rank")
    assert [(r.other, r.kind, r.rank) for r in rows] == [
        (avoided, "avoid", None),
        (second, "prefer", 1),
        (first, "prefer", 2),
    ]


def test_my_forms_lists_the_users_invitations(client, teacher, school):
    question = QuestionFactory(questionnaire=QuestionnaireFactory(title="Запрос педагога"))
    _invite(question.questionnaire, teacher.person)
    _invite(QuestionFactory().questionnaire, PersonFactory())
    client.force_login(teacher)
    page = client.get(reverse("surveys:my-forms")).content.decode()
    assert "Запрос педагога" in page and page.count("Заполнить") == 1


def test_representative_consent_covers_a_pupils_request(client, standard):
    pupil = PersonFactory(kind=PersonKind.PUPIL, birth_date=datetime.date(2013, 1, 1))
    ConsentFactory(
        person=pupil,
        kind=ConsentKind.REPRESENTATIVE,
        signer="representative",
        representative_name="Иванова Ольга",
        representative_document="свидетельство",
    )
    questionnaire = standard["pupil-request"]
    invitation = _invite(questionnaire, pupil)
    question = questionnaire.questions.get(kind=QuestionKind.MULTIPLE)
    _post(client, invitation, {f"q{question.pk}": [str(question.options.first().pk)]})
    assert MenteeProfile.objects.get(person=pupil).requests.count() == 1


def test_questions_of_a_form_are_loaded_in_fixed_queries(client, django_assert_max_num_queries):
    questionnaire = QuestionnaireFactory()
    for _ in range(30):
        OptionFactory(question=QuestionFactory(questionnaire=questionnaire, kind="single"))
    invitation = _invite(questionnaire, PersonFactory())
    # invitation (+campaign, questionnaire, person), draft lookup, questions, options,
    # the opened mark, session, messages
    with django_assert_max_num_queries(10):
        assert client.get(reverse("surveys:answer", args=[invitation.token])).status_code == 200
    assert Question.objects.filter(questionnaire=questionnaire).count() == 30
