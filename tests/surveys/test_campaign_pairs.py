import datetime

import pytest
from django.urls import reverse

from surveys.models import Invitation
from surveys.services_campaigns import AudienceSpec, campaign_invite
from tests.factories import (
    CampaignFactory,
    ConsentFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    MentorshipFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC), tick=False)


def _consented_mentee():
    person = PersonFactory()
    ConsentFactory(person=person)
    return MenteeProfileFactory(person=person)


def test_the_participants_of_chosen_pairs_are_invited(curator):
    mentor = MentorProfileFactory()
    ConsentFactory(person=mentor.person)
    first, second = _consented_mentee(), _consented_mentee()
    chosen = MentorshipFactory(mentor=mentor, members=[first, second])
    MentorshipFactory(members=[_consented_mentee()])  # another pair: not invited
    campaign = CampaignFactory()
    result = campaign_invite(
        campaign=campaign, audience=AudienceSpec(pairs=(chosen.pk,)), actor=curator
    )
    invited = set(Invitation.objects.filter(campaign=campaign).values_list("person", flat=True))
    assert invited == {mentor.person_id, first.person_id, second.person_id}
    assert result.created == 3
    assert "участники выбранных пар и групп (1)" in AudienceSpec(pairs=(chosen.pk,)).describe()


def test_the_invite_form_offers_open_pairs(curator_client, school):
    pair = MentorshipFactory(members=[_consented_mentee()])
    ConsentFactory(person=pair.mentor.person)
    campaign = CampaignFactory()
    url = reverse("surveys:campaign-invite", args=[campaign.pk])
    assert pair.mentor.person.short_name in curator_client.get(url).content.decode()
    curator_client.post(url, {"pairs": [pair.pk]})
    assert Invitation.objects.filter(campaign=campaign).count() == 2
