"""The personalised programme of a pair: the mentor (teacher persona = his mentee) and the
curator edit, the director and the mentee read, anyone else does not learn it exists."""

import datetime

from mentorship.models import (
    Mentorship,
    MentorshipMember,
    PersonalProgramme,
    ProgrammeItem,
)
from tests.factories import (
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorProfileFactory,
    ProgrammeYearFactory,
)
from tests.matrix import DENY, HIDDEN, LOGIN, OK, Row, everyone


def _pair(ctx) -> Mentorship:
    mentorship = Mentorship.objects.create(
        year=ProgrammeYearFactory(title="2026/2027"),
        form=MentoringFormFactory(code="teacher-teacher"),
        mentor=MentorProfileFactory(person=ctx.person("mentor")),
        start_date=datetime.date(2026, 9, 1),
        planned_end_date=datetime.date(2027, 5, 31),
    )
    MentorshipMember.objects.create(
        mentorship=mentorship,
        mentee=MenteeProfileFactory(person=ctx.person("teacher")),
        joined_on=mentorship.start_date,
    )
    return mentorship


def _programme(ctx) -> dict:
    mentorship = _pair(ctx)
    PersonalProgramme.objects.create(mentorship=mentorship, title="Программа")
    return {"pk": mentorship.pk}


def _item(ctx) -> dict:
    mentorship = _pair(ctx)
    programme = PersonalProgramme.objects.create(mentorship=mentorship, title="Программа")
    item = ProgrammeItem.objects.create(programme=programme, title="Открытый урок")
    return {"pk": mentorship.pk, "item_pk": item.pk}


VIEW = {
    "anonymous": LOGIN,
    "curator": OK,
    "director": OK,
    "mentor": OK,
    "teacher": OK,
    "other_mentor": HIDDEN,
    "no_role": HIDDEN,
}
EDIT = VIEW | {"director": DENY, "teacher": DENY}

ROWS: dict[str, Row] = {
    "mentorship:programme-detail": (_programme, VIEW),
    "mentorship:programme-create": (_programme, everyone(405)),
    "mentorship:programme-update": (_programme, EDIT),
    "mentorship:programme-item-create": (_programme, EDIT),
    "mentorship:programme-item-update": (_item, EDIT),
    "mentorship:programme-item-delete": (_item, EDIT),
    "mentorship:programme-item-done": (_item, everyone(405)),
}
