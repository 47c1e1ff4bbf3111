from tests.factories import ProgrammeYearFactory
from tests.matrix import OK, Row, everyone, only, signed_in


def _year(ctx) -> dict:
    return {"pk": ProgrammeYearFactory().pk}


ROWS: dict[str, Row] = {
    "home": (None, signed_in(302, no_role=403)),
    "login": (None, signed_in(302, anonymous=OK)),
    "logout": (None, everyone(405)),  # log-out is a POST
    "password_change": (None, signed_in(OK)),
    "password_change_done": (None, signed_in(OK)),
    "password_reset": (None, everyone(OK)),
    "password_reset_done": (None, everyone(OK)),
    "password_reset_confirm": (lambda ctx: {"uidb64": "MQ", "token": "bad-token"}, everyone(OK)),
    "password_reset_complete": (None, everyone(OK)),
    "mentorship:curator-home": (None, only("curator")),
    "mentorship:director-home": (None, only("director")),
    "mentorship:mentor-home": (None, only("mentor", "other_mentor")),
    "mentorship:teacher-home": (None, only("teacher")),
    "mentorship:settings": (None, only("curator", "director")),
    "mentorship:year-create": (None, only("curator", "director")),
    "mentorship:year-update": (_year, only("curator", "director")),
    "mentorship:year-set-current": (_year, everyone(405)),  # a POST action
}
