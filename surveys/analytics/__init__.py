"""Results of a campaign and the before/after comparison of two campaigns (monitoring, stage 2).

Builders only read: each runs a fixed number of queries, whatever the number of responses,
and returns typed dataclasses that pages, charts and (later) PDF reports display. Only
submitted responses count; a draft (``submitted_at`` empty) is invisible here.

The package: ``data`` (the constants and the result dataclasses), ``common`` (rounding,
means, filters), ``results`` (one campaign, or the scores of several) and ``comparison``
(before and after).
"""

from surveys.analytics.common import number_label
from surveys.analytics.comparison import comparable, comparable_campaigns, compare_campaigns
from surveys.analytics.data import (
    DEFAULT_RANKING_PLACES,
    DEFAULT_SCALE,
    NO,
    NO_DEPARTMENT,
    NUMERIC_KINDS,
    SHOWN_TEXTS,
    TEXT_KINDS,
    YES,
    Bar,
    CampaignResults,
    ChoiceResult,
    Comparison,
    ComparisonError,
    DateResult,
    ItemChange,
    NumericResult,
    PersonChange,
    QuestionResult,
    RankingResult,
    RankingRow,
    RateRow,
    TextEntry,
    TextResult,
)
from surveys.analytics.results import campaign_results, campaigns_scores

__all__ = [
    "DEFAULT_RANKING_PLACES",
    "DEFAULT_SCALE",
    "NO",
    "NO_DEPARTMENT",
    "NUMERIC_KINDS",
    "SHOWN_TEXTS",
    "TEXT_KINDS",
    "YES",
    "Bar",
    "CampaignResults",
    "ChoiceResult",
    "Comparison",
    "ComparisonError",
    "DateResult",
    "ItemChange",
    "NumericResult",
    "PersonChange",
    "QuestionResult",
    "RankingResult",
    "RankingRow",
    "RateRow",
    "TextEntry",
    "TextResult",
    "campaign_results",
    "campaigns_scores",
    "comparable",
    "comparable_campaigns",
    "compare_campaigns",
    "number_label",
]
