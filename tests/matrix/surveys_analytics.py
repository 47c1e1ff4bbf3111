"""Analytics of a campaign: the curator and the director read results; the export of the
responses names every respondent, so only the curator downloads it."""

from tests.factories import CampaignFactory
from tests.matrix import Row, only

MANAGERS = ("curator", "director")


def _campaign(ctx) -> dict:
    return {"pk": CampaignFactory().pk}


ROWS: dict[str, Row] = {
    "surveys:campaign-analytics": (_campaign, only(*MANAGERS)),
    "surveys:campaign-compare": (_campaign, only(*MANAGERS)),
    "surveys:campaign-export": (_campaign, only("curator")),
}
