import datetime

from mentorship.models import MatchProposal, MatchRun, Mentorship, MentorshipMember
from tests.factories import (
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorProfileFactory,
    ProgrammeYearFactory,
)
from tests.matrix import HIDDEN, Row, everyone, only, signed_in

MANAGERS = ("curator", "director")


def _run(ctx) -> dict:
    run = MatchRun.objects.create(year=ProgrammeYearFactory(), form=MentoringFormFactory())
    return {"pk": run.pk}


def _proposal(ctx) -> dict:
    run = MatchRun.objects.create(year=ProgrammeYearFactory(), form=MentoringFormFactory())
    proposal = MatchProposal.objects.create(
        run=run, mentee=MenteeProfileFactory(), mentor=MentorProfileFactory(), score=60
    )
    return {"pk": proposal.pk}


def _mentors_pair_with_teacher(ctx) -> dict:
    """The mentor persona leads the teacher persona: both see it, other users get 404."""
    year = ProgrammeYearFactory()
    pair = Mentorship.objects.create(
        year=year,
        form=MentoringFormFactory(),
        mentor=MentorProfileFactory(person=ctx.person("mentor")),
        start_date=year.start_date,
        planned_end_date=year.start_date + datetime.timedelta(days=180),
    )
    MentorshipMember.objects.create(
        mentorship=pair,
        mentee=MenteeProfileFactory(person=ctx.person("teacher")),
        joined_on=year.start_date,
    )
    return {"pk": pair.pk}


ROWS: dict[str, Row] = {
    "mentorship:matching": (None, only("curator")),
    "mentorship:matching-settings": (None, only("curator")),
    "mentorship:matching-run": (_run, only("curator")),
    "mentorship:proposals-accept-above": (_run, everyone(405)),
    "mentorship:proposal-accept": (_proposal, everyone(405)),
    "mentorship:proposal-reject": (_proposal, everyone(405)),
    "mentorship:proposal-swap": (_proposal, everyone(405)),
    "mentorship:proposal-compare": (_proposal, only("curator")),
    "mentorship:unmatched": (None, only(*MANAGERS)),
    "mentorship:pair-list": (None, only(*MANAGERS)),
    "mentorship:pair-create": (None, only("curator")),
    "mentorship:my-pairs": (None, signed_in(200)),
    "mentorship:pair-detail": (
        _mentors_pair_with_teacher,
        only(*MANAGERS, "mentor", "teacher", others=HIDDEN),
    ),
    "mentorship:pair-status": (_mentors_pair_with_teacher, everyone(405)),
    "mentorship:pair-end": (_mentors_pair_with_teacher, only("curator")),
    "mentorship:pair-agreement": (_mentors_pair_with_teacher, only("curator")),
    "mentorship:pair-add-mentee": (_mentors_pair_with_teacher, everyone(405)),
}
