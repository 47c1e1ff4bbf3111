from mentorship.models import Concern, ConcernTopic
from tests.factories import MenteeProfileFactory, MentorProfileFactory
from tests.matrix import HIDDEN, Row, everyone, only, signed_in
from tests.matrix.pairs import _mentors_pair_with_teacher


def _sides(ctx) -> dict:
    """The mentor persona in the mentor bank, the teacher persona in the mentee bank."""
    MentorProfileFactory(person=ctx.person("mentor"))
    MenteeProfileFactory(person=ctx.person("teacher"))
    return {}


def _teachers_concern(ctx) -> dict:
    """Raised by the teacher (a mentee): only she and the curator see it, not the director."""
    concern = Concern.objects.create(
        raised_by=ctx.person("teacher"), topic=ConcernTopic.WORKLOAD, text="Не хватает времени"
    )
    return {"pk": concern.pk}


ROWS: dict[str, Row] = {
    "mentorship:concern-create": (_sides, only("mentor", "teacher")),
    "mentorship:my-concerns": (None, signed_in(200)),
    "mentorship:concern-list": (None, only("curator")),
    "mentorship:concern-detail": (_teachers_concern, only("curator", "teacher", others=HIDDEN)),
    "mentorship:concern-resolve": (_teachers_concern, everyone(405)),
    "mentorship:fit-answer": (_mentors_pair_with_teacher, everyone(405)),
    "mentorship:fit-problems": (None, only("curator")),
    "mentorship:fit-resolve": (_mentors_pair_with_teacher, everyone(405)),
    "mentorship:fit-rematch": (_mentors_pair_with_teacher, only("curator")),
    "surveys:feedback-overview": (None, only("curator", "director")),
}
