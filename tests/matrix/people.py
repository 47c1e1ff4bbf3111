from django.core.files.base import ContentFile

from tests.factories import (
    ConsentFactory,
    MenteeProfileFactory,
    MentoringFormFactory,
    MentorProfileFactory,
    TopicFactory,
)
from tests.matrix import HIDDEN, Row, everyone, only, signed_in

MANAGERS = ("curator", "director")


def _teacher_person(ctx) -> dict:
    return {"pk": ctx.person("teacher").pk}


def _teacher_person_pk(ctx) -> dict:
    return {"pk": ctx.person("teacher").pk}


def _mentor_person_pk(ctx) -> dict:
    return {"pk": ctx.person("mentor").pk}


def _teacher_consent(ctx) -> dict:
    consent = ConsentFactory(person=ctx.person("teacher"))
    consent.scan.save("scan.pdf", ContentFile(b"%PDF-1.4 test scan"), save=True)
    return {"pk": consent.pk}


def _teacher_photo(ctx) -> dict:
    person = ctx.person("teacher")
    person.photo.save("photo.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"\0" * 32), save=True)
    return {"pk": person.pk}


def _mentee(ctx) -> dict:
    return {"pk": MenteeProfileFactory(person=ctx.person("teacher")).pk}


def _mentor(ctx) -> dict:
    return {"pk": MentorProfileFactory(person=ctx.person("mentor")).pk}


# The teacher's own card: the curator and director see it, the teacher sees his own, any
# other signed-in user gets 404 (its existence is not revealed).
OWN_CARD = {**only(*MANAGERS, "teacher", others=HIDDEN)}

ROWS: dict[str, Row] = {
    "mentorship:person-list": (None, only(*MANAGERS)),
    "mentorship:person-create": (None, only("curator")),
    "mentorship:person-me": (None, signed_in(302)),
    "mentorship:person-detail": (_teacher_person, OWN_CARD),
    "mentorship:person-update": (_teacher_person, only("curator")),
    "mentorship:person-photo": (_teacher_photo, OWN_CARD),
    "mentorship:consent-create": (_teacher_person, only("curator")),
    "mentorship:consent-withdraw": (_teacher_consent, only("curator")),
    "mentorship:consent-scan": (_teacher_consent, OWN_CARD),
    "mentorship:accounts-create": (None, only("curator") | {"curator": 302}),
    "mentorship:accounts-sheet": (None, only("curator")),
    "mentorship:mentee-list": (None, only(*MANAGERS)),
    "mentorship:mentor-list": (None, only(*MANAGERS)),
    "mentorship:mentee-create": (_teacher_person_pk, only("curator")),
    "mentorship:mentor-create": (_mentor_person_pk, only("curator")),
    "mentorship:mentee-update": (_mentee, only("curator")),
    "mentorship:mentee-status": (_mentee, everyone(405)),
    "mentorship:mentor-update": (_mentor, only("curator")),
    "mentorship:mentor-status": (_mentor, everyone(405)),
    "mentorship:mentor-training-add": (_mentor, everyone(405)),
    "mentorship:vocabulary": (None, only(*MANAGERS)),
    "mentorship:topic-create": (None, only("curator")),
    "mentorship:topic-update": (lambda ctx: {"pk": TopicFactory().pk}, only("curator")),
    "mentorship:form-create": (None, only("curator")),
    "mentorship:form-update": (lambda ctx: {"pk": MentoringFormFactory().pk}, only("curator")),
}
