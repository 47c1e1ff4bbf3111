import pytest
from django.urls import reverse
from django.utils import timezone

from surveys.analytics import campaign_results
from surveys.models import Answer, Response
from tests.factories import (
    CampaignFactory,
    InvitationFactory,
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorshipFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db


def _answered(campaign, person, value):
    invitation = InvitationFactory(campaign=campaign, person=person)
    response = Response.objects.create(
        questionnaire=campaign.questionnaire,
        person=person,
        invitation=invitation,
        submitted_at=timezone.now(),
    )
    question = campaign.questionnaire.questions.get()
    Answer.objects.create(response=response, question=question, number=value)


def test_results_can_be_limited_to_one_form_of_mentoring(curator_client, school):
    question = QuestionFactory(kind="scale", scale_min=1, scale_max=10)
    campaign = CampaignFactory(questionnaire=question.questionnaire)
    teachers, pupils = MentoringFormFactory(title="Учитель – учитель"), MentoringFormFactory()
    in_teachers, in_pupils = MenteeProfileFactory(), MenteeProfileFactory()
    pair = MentorshipFactory(year=campaign.year, form=teachers, members=[in_teachers])
    MentorshipFactory(year=campaign.year, form=pupils, members=[in_pupils])
    _answered(campaign, in_teachers.person, 9)
    _answered(campaign, in_pupils.person, 3)
    _answered(campaign, pair.mentor.person, 7)
    everyone = campaign_results(campaign)
    assert (everyone.invited, everyone.answered) == (3, 3)
    only_teachers = campaign_results(campaign, form_id=teachers.pk)
    assert (only_teachers.invited, only_teachers.answered) == (2, 2)
    assert only_teachers.questions[0].numeric.mean == pytest.approx(8.0)
    page = curator_client.get(
        reverse("surveys:campaign-analytics", args=[campaign.pk]), {"form": teachers.pk}
    ).content.decode()
    assert "Учитель – учитель" in page
