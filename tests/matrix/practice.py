"""Rewards registry, case bank, methodical library."""

from __future__ import annotations

from django.core.files.base import ContentFile

from tests.factories import (
    CaseFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    MentorshipFactory,
    ProgrammeYearFactory,
    ResourceFactory,
    RewardFactory,
)
from tests.matrix import HIDDEN, Row, only, signed_in

PDF = b"%PDF-1.4\n%matrix\n"
REDIRECT = 302


def _current_year_pair(ctx):
    """The mentor persona leads a pair of the current year with the teacher persona in it."""
    year = ProgrammeYearFactory(title="2026/2027", is_current=True)
    return MentorshipFactory(
        year=year,
        mentor=MentorProfileFactory(person=ctx.person("mentor")),
        members=[MenteeProfileFactory(person=ctx.person("teacher"))],
    )


def _pending_reward(ctx) -> dict:
    return {"pk": RewardFactory().pk}


def _ready_to_propose(ctx) -> dict:
    _current_year_pair(ctx)
    return {}


def _mentors_unpublished_case(ctx) -> dict:
    pair = _current_year_pair(ctx)
    case = CaseFactory(year=pair.year, mentorship=pair, form=pair.form)
    case.file.save("practice.pdf", ContentFile(PDF))
    return {"pk": case.pk}


def _resource_with_file(ctx) -> dict:
    resource = ResourceFactory()
    resource.file.save("memo.pdf", ContentFile(PDF))
    return {"pk": resource.pk}


_CASE_READERS = only("curator", "director", "mentor", others=HIDDEN)
_CASE_EDITORS = {**only("curator", "mentor", others=HIDDEN), "director": 403}

ROWS: dict[str, Row] = {
    "mentorship:reward-list": (None, only("curator", "director")),
    "mentorship:reward-create": (None, only("curator")),
    "mentorship:reward-update": (_pending_reward, only("curator")),
    "mentorship:reward-delete": (_pending_reward, only("curator")),
    "mentorship:case-list": (None, signed_in(200)),
    # A mentor proposes cases of his own pairs: without one he is sent back to the list.
    "mentorship:case-create": (
        _ready_to_propose,
        {**only("curator", "mentor"), "other_mentor": REDIRECT},
    ),
    # An unpublished case of the mentor's pair: the mentee (teacher) and others get a 404.
    "mentorship:case-detail": (_mentors_unpublished_case, _CASE_READERS),
    "mentorship:case-update": (_mentors_unpublished_case, _CASE_EDITORS),
    "mentorship:case-delete": (_mentors_unpublished_case, _CASE_EDITORS),
    "mentorship:case-file": (_mentors_unpublished_case, _CASE_READERS),
    "mentorship:resource-list": (None, signed_in(200)),
    "mentorship:resource-create": (None, only("curator")),
    "mentorship:resource-detail": (_resource_with_file, signed_in(200)),
    "mentorship:resource-update": (_resource_with_file, only("curator")),
    "mentorship:resource-delete": (_resource_with_file, only("curator")),
    "mentorship:resource-file": (_resource_with_file, signed_in(200)),
}
