"""Who may see, log and change meetings. Views ask these, templates get flags.

The curator logs, edits, unlocks and deletes any meeting; the director reads them all; a
mentor logs and edits the meetings of his own pairs; a current mentee only reads them.
"""

from __future__ import annotations

from django.db.models import QuerySet

from mentorship import permissions
from mentorship.models import Meeting, MeetingKind, Mentorship, MentorshipMember


def can_view_journal(user) -> bool:
    """The journal and the regularity view of all pairs: the curator and the director."""
    return permissions.can_view_pairs(user)


def can_manage_meetings(user) -> bool:
    """Log for any pair, unlock a closed meeting, delete one: the curator."""
    return permissions.can_manage_pairs(user)


def can_log_meetings(user) -> bool:
    """Whether the user may open the logging form at all (the pair is checked separately)."""
    return can_manage_meetings(user) or permissions.is_mentor(user)


def loggable_mentorships(user) -> QuerySet[Mentorship]:
    """The pairs and groups the user may log meetings for (closed ones the service refuses)."""
    if can_manage_meetings(user):
        return Mentorship.objects.all()
    if not user.is_authenticated:
        return Mentorship.objects.none()
    return Mentorship.objects.filter(mentor__person__user=user)


def _current_member_pairs(user) -> QuerySet[MentorshipMember]:
    return MentorshipMember.objects.filter(mentee__person__user=user, left_on__isnull=True)


def own_meeting_mentorships(user) -> QuerySet[Mentorship]:
    """The pairs whose meetings the user sees as a participant: led, or joined and not left."""
    if not user.is_authenticated:
        return Mentorship.objects.none()
    # A UNION of the two small sets, not an OR: with the OR PostgreSQL guesses that half of
    # all meetings match and walks every meeting of every year for a mentor's last three.
    led = Mentorship.objects.filter(mentor__person__user=user).order_by().values("pk")
    joined = _current_member_pairs(user).order_by().values("mentorship")
    return Mentorship.objects.filter(pk__in=led.union(joined))


def meetings_of(mentorships: QuerySet[Mentorship]) -> QuerySet[Meeting]:
    """Meetings of any of these pairs, each once (a subquery, so no DISTINCT is needed)."""
    through = Meeting.mentorships.through.objects.filter(mentorship__in=mentorships)
    return Meeting.objects.filter(pk__in=through.values("meeting"))


def meetings_visible_to(user) -> QuerySet[Meeting]:
    """All meetings for the curator and the director; else those of the user's own pairs."""
    if can_view_journal(user):
        return Meeting.objects.all()
    return meetings_of(own_meeting_mentorships(user))


def _leads_all_pairs(user, meeting: Meeting) -> bool:
    # A group final that gathers other mentors' pairs is the curator's to change.
    pairs = list(meeting.mentorships.all())
    return bool(pairs) and all(p.mentor.person.user_id == user.pk for p in pairs)


def can_change_meeting(user, meeting: Meeting) -> bool:
    """The curator, or the mentor who leads every pair of the meeting (the window aside)."""
    return can_manage_meetings(user) or (user.is_authenticated and _leads_all_pairs(user, meeting))


def can_edit_meeting(user, meeting: Meeting) -> bool:
    return meeting.is_editable and can_change_meeting(user, meeting)


def can_unlock_meeting(user, meeting: Meeting) -> bool:
    return can_manage_meetings(user) and not meeting.is_editable


def can_delete_meeting(user, meeting: Meeting) -> bool:
    return can_manage_meetings(user) and meeting.is_editable


def can_log_for(user, mentorship: Mentorship) -> bool:
    """A «Записать встречу» button: an open pair, and the curator or its own mentor."""
    if not mentorship.is_open or not user.is_authenticated:
        return False
    return can_manage_meetings(user) or mentorship.mentor.person.user_id == user.pk


def meeting_kinds_for(user, current: str | None = None) -> list[str]:
    """The kinds a user may choose: gathering all pairs is the curator's final meeting."""
    if can_manage_meetings(user):
        return list(MeetingKind.values)
    return [k for k in MeetingKind.values if k != MeetingKind.GROUP_FINAL or k == current]
