"""Campaigns: the curator runs them, the director reads them, nobody else sees them."""

from tests.factories import CampaignFactory, InvitationFactory
from tests.matrix import Row, everyone, only

MANAGERS = ("curator", "director")


def _campaign(ctx) -> dict:
    return {"pk": CampaignFactory().pk}


def _invitation(ctx) -> dict:
    return {"pk": InvitationFactory().pk}


ROWS: dict[str, Row] = {
    "surveys:campaign-list": (None, only(*MANAGERS)),
    "surveys:campaign-create": (None, only("curator")),
    "surveys:campaign-detail": (_campaign, only(*MANAGERS)),
    "surveys:campaign-invite": (_campaign, only("curator")),
    "surveys:campaign-sheet": (_campaign, only("curator")),
    # POST-only: @require_POST is outermost, so a GET is refused before anything else.
    "surveys:campaign-send": (_campaign, everyone(405)),
    "surveys:campaign-remind": (_campaign, everyone(405)),
    "surveys:campaign-open": (_campaign, everyone(405)),
    "surveys:campaign-close": (_campaign, everyone(405)),
    "surveys:invitation-revoke": (_invitation, everyone(405)),
}
