"""What the analytics return: typed results of a campaign and of a before/after comparison."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from mentorship.exceptions import DomainError
from surveys.models import Campaign, Question, QuestionKind

TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)
NUMERIC_KINDS = (QuestionKind.SCALE, QuestionKind.NUMBER)
YES, NO = "yes", "no"
NO_DEPARTMENT = "не указано"
DEFAULT_SCALE = (1, 5)  # what the answer form offers when a scale has no bounds
DEFAULT_RANKING_PLACES = 3
SHOWN_TEXTS = 50  # free-text answers a results page lists per question


class ComparisonError(DomainError):
    """The two campaigns cannot be compared: other questionnaires, or the same campaign."""


@dataclass(frozen=True)
class Bar:
    """One value of a distribution: how many answered so, and the share in per cent."""

    label: str
    count: int
    share: Decimal | None


@dataclass(frozen=True)
class RateRow:
    department: str
    invited: int
    answered: int
    rate: Decimal | None


@dataclass(frozen=True)
class NumericResult:
    n: int
    mean: Decimal | None
    median: Decimal | None
    minimum: Decimal | None
    maximum: Decimal | None
    bars: list[Bar]


@dataclass(frozen=True)
class ChoiceResult:
    n: int  # respondents who chose anything
    bars: list[Bar]
    multiple: bool


@dataclass(frozen=True)
class TextEntry:
    text: str
    respondent: str  # empty unless names were asked for


@dataclass(frozen=True)
class TextResult:
    entries: list[TextEntry]

    @property
    def n(self) -> int:
        return len(self.entries)

    @property
    def shown(self) -> list[TextEntry]:
        """The newest answers, for the page: a year of feedback has thousands (the export
        keeps them all)."""
        return self.entries[-SHOWN_TEXTS:]

    @property
    def hidden(self) -> int:
        return max(len(self.entries) - SHOWN_TEXTS, 0)


@dataclass(frozen=True)
class DateResult:
    n: int
    earliest: datetime.date | None
    latest: datetime.date | None
    bars: list[Bar]


@dataclass(frozen=True)
class RankingRow:
    name: str
    places: list[int]  # how often chosen 1st, 2nd, 3rd…
    total: int


@dataclass(frozen=True)
class RankingResult:
    n: int  # respondents who ranked anyone
    places: int
    rows: list[RankingRow]

    @property
    def place_numbers(self) -> list[int]:
        return list(range(1, self.places + 1))


@dataclass(frozen=True)
class QuestionResult:
    number: int
    question: Question
    numeric: NumericResult | None = None
    choice: ChoiceResult | None = None
    text: TextResult | None = None
    date: DateResult | None = None
    ranking: RankingResult | None = None

    @property
    def n(self) -> int:
        part = self.numeric or self.choice or self.text or self.date or self.ranking
        return part.n if part is not None else 0


@dataclass(frozen=True)
class CampaignResults:
    campaign: Campaign
    department: str | None
    invited: int
    answered: int
    rate: Decimal | None
    by_department: list[RateRow]
    questions: list[QuestionResult]
    with_names: bool

    @property
    def departments(self) -> list[str]:
        """Departments and classes of the invited people: the choices of the filter."""
        return [row.department for row in self.by_department if row.department != NO_DEPARTMENT]


@dataclass(frozen=True)
class ItemChange:
    text: str
    kind: str
    scale_max: int | None
    before_n: int
    before_mean: Decimal | None
    after_n: int
    after_mean: Decimal | None
    change: Decimal | None


@dataclass(frozen=True)
class PersonChange:
    person_id: int
    name: str
    department: str
    before_mean: Decimal
    after_mean: Decimal
    change: Decimal


@dataclass(frozen=True)
class Comparison:
    before: Campaign
    after: Campaign
    items: list[ItemChange]
    people: list[PersonChange]
    mean_change: Decimal | None  # the average of the people's changes
    improved: int = 0
    declined: int = 0
    unchanged: int = 0
    scale_items: int = 0
