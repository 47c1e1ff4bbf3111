import datetime

from django.utils import timezone

from mentorship.models import Meeting, MeetingKind
from tests.factories import MenteeProfileFactory, MentorProfileFactory, MentorshipFactory
from tests.matrix import DENY, HIDDEN, Row, everyone, only, signed_in

MANAGERS = ("curator", "director")


def _mentors_meeting_with_teacher(ctx) -> dict:
    """A fresh meeting of the mentor persona's pair with the teacher persona as the mentee."""
    pair = MentorshipFactory(
        mentor=MentorProfileFactory(person=ctx.person("mentor")),
        members=[MenteeProfileFactory(person=ctx.person("teacher"))],
        start_date=timezone.localdate() - datetime.timedelta(days=30),
        planned_end_date=timezone.localdate() + datetime.timedelta(days=150),
    )
    meeting = Meeting.objects.create(
        held_on=timezone.localdate(), kind=MeetingKind.REGULAR, logged_by=ctx.user("mentor")
    )
    meeting.mentorships.set([pair])
    return {"pk": meeting.pk}


ROWS: dict[str, Row] = {
    "mentorship:meeting-journal": (None, only(*MANAGERS)),
    "mentorship:meeting-journal-export": (None, only(*MANAGERS)),
    "mentorship:meeting-regularity": (None, only(*MANAGERS)),
    "mentorship:meeting-regularity-export": (None, only(*MANAGERS)),
    # Without ?pair= the page asks which pair; only those who log meetings may open it.
    "mentorship:meeting-create": (None, only("curator", "mentor", "other_mentor")),
    "mentorship:my-meetings": (None, signed_in(200)),
    "mentorship:meeting-detail": (
        _mentors_meeting_with_teacher,
        only(*MANAGERS, "mentor", "teacher", others=HIDDEN),
    ),
    # The director and the mentee read the meeting but may not change it.
    "mentorship:meeting-update": (
        _mentors_meeting_with_teacher,
        {**only("curator", "mentor", others=HIDDEN), "director": DENY, "teacher": DENY},
    ),
    "mentorship:meeting-unlock": (_mentors_meeting_with_teacher, everyone(405)),
    "mentorship:meeting-delete": (_mentors_meeting_with_teacher, only("curator")),
}
