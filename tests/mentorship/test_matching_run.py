import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorship.services.matching import build_inputs
from tests.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorProfileFactory,
    ProgrammeYearFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def _banks(size: int, topic) -> None:
    for _ in range(size):
        mentee = MenteeProfileFactory()
        ConsentFactory(person=mentee.person)
        mentee.requests.create(topic=topic, weight=2)
        mentor = MentorProfileFactory()
        ConsentFactory(person=mentor.person)
        mentor.topics.add(topic)


@pytest.mark.parametrize("size", [5, 60])
def test_building_the_engines_input_takes_fixed_queries(size, school):
    topic, form, year = TopicFactory(), MentoringFormFactory(), ProgrammeYearFactory()
    _banks(size, topic)
    with CaptureQueriesContext(connection) as queries:
        mentees, mentors, _constraints = build_inputs(year=year, form=form)
    assert len(mentees) == len(mentors) == size
    assert all(m.has_consent for m in mentees)
    # school, mentees (+ requests), mentors (+ topics, forms), consents, loads, already
    # paired, preferences: the same for 5 and for 60 people in each bank
    assert len(queries) == 10
