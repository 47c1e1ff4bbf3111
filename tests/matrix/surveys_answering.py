from tests.factories import InvitationFactory, ProgrammeYearFactory
from tests.matrix import OK, Row, everyone, signed_in


def _teachers_link(ctx) -> dict:
    invitation = InvitationFactory(
        person=ctx.person("teacher"), campaign__year=ProgrammeYearFactory(title="2026/2027")
    )
    return {"token": invitation.token}


ROWS: dict[str, Row] = {
    # A personal link needs no account: whoever holds it answers that one form.
    "surveys:answer": (_teachers_link, everyone(OK)),
    "surveys:my-forms": (None, signed_in(OK)),
}
