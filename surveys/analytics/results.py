"""Results of a campaign: the response rate and every question's answers, in fixed queries."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from mentorship.models import Person
from mentorship.text import full_name
from surveys.analytics.common import (
    _bars,
    _form_people,
    _mean,
    _median,
    _percent,
    _plain,
    _respondent_filter,
    _round,
    number_label,
)
from surveys.analytics.data import (
    DEFAULT_RANKING_PLACES,
    DEFAULT_SCALE,
    NO,
    NO_DEPARTMENT,
    NUMERIC_KINDS,
    TEXT_KINDS,
    YES,
    CampaignResults,
    ChoiceResult,
    DateResult,
    NumericResult,
    QuestionResult,
    RankingResult,
    RankingRow,
    RateRow,
    TextEntry,
    TextResult,
)
from surveys.models import (
    CHOICE_KINDS,
    Answer,
    Campaign,
    Invitation,
    Question,
    QuestionKind,
    Response,
)


def _rates(campaign: Campaign, form_id: int | None = None) -> list[RateRow]:
    """Invited and answered per department or class, from one grouped query.

    A revoked invitation no longer counts as invited, unless it was answered before.
    """
    submitted = Q(response__submitted_at__isnull=False)
    invitations = Invitation.objects.filter(campaign=campaign)
    if form_id is not None:
        invitations = invitations.filter(person__in=_form_people(campaign, form_id))
    rows = (
        invitations.filter(Q(revoked_at__isnull=True) | submitted)
        .values("person__department")
        .annotate(invited=Count("id"), answered=Count("id", filter=submitted))
        .order_by("person__department")
    )
    result = [
        RateRow(
            department=row["person__department"] or NO_DEPARTMENT,
            invited=row["invited"],
            answered=row["answered"],
            rate=_percent(row["answered"], row["invited"]),
        )
        for row in rows
    ]
    # The unnamed group goes last, whatever the collation does with an empty string.
    return sorted(result, key=lambda row: row.department == NO_DEPARTMENT)


def _numeric(question: Question, counts: dict[Decimal, int]) -> NumericResult:
    n = sum(counts.values())
    values = set(counts)
    if question.kind == QuestionKind.SCALE:
        low = question.scale_min if question.scale_min is not None else DEFAULT_SCALE[0]
        high = question.scale_max if question.scale_max is not None else DEFAULT_SCALE[1]
        values |= {Decimal(v) for v in range(low, high + 1)}
    bars = _bars(((number_label(v), counts.get(v, 0)) for v in sorted(values)), n)
    return NumericResult(
        n=n,
        mean=_round(_mean(counts)),
        median=_round(_median(counts)),
        minimum=_plain(min(counts)) if counts else None,
        maximum=_plain(max(counts)) if counts else None,
        bars=bars,
    )


def _choice(question: Question, counts: Counter, respondents: int) -> ChoiceResult:
    options = list(question.options.all())
    return ChoiceResult(
        n=respondents,
        bars=_bars(((option.text, counts.get(option.pk, 0)) for option in options), respondents),
        multiple=question.kind == QuestionKind.MULTIPLE,
    )


def _yes_no(counts: Counter) -> ChoiceResult:
    n = counts.get(YES, 0) + counts.get(NO, 0)
    return ChoiceResult(
        n=n, bars=_bars([("да", counts.get(YES, 0)), ("нет", counts.get(NO, 0))], n), multiple=False
    )


def _date(counts: dict[datetime.date, int]) -> DateResult:
    n = sum(counts.values())
    return DateResult(
        n=n,
        earliest=min(counts) if counts else None,
        latest=max(counts) if counts else None,
        bars=_bars(((f"{day:%d.%m.%Y}", counts[day]) for day in sorted(counts)), n),
    )


def _ranking(question: Question, rankings: list[list], names: dict[int, str]) -> RankingResult:
    places = max([question.max_choices or DEFAULT_RANKING_PLACES, *map(len, rankings)])
    per_person: dict[int, list[int]] = defaultdict(lambda: [0] * places)
    for ranking in rankings:
        for place, person_id in enumerate(ranking):
            per_person[person_id][place] += 1
    rows = [
        RankingRow(name=names.get(person_id, "—"), places=counts, total=sum(counts))
        for person_id, counts in per_person.items()
    ]
    rows.sort(key=lambda row: ([-c for c in row.places], row.name))
    return RankingResult(n=sum(1 for r in rankings if r), places=places, rows=rows)


def _clean_ranking(value: object) -> list[int]:
    if not isinstance(value, list):
        return []
    return [int(item) for item in value if isinstance(item, int | str) and str(item).isdigit()]


def _number_counts(answers: QuerySet[Answer]) -> dict[int, dict[Decimal, int]]:
    counts: dict[int, dict[Decimal, int]] = defaultdict(dict)
    for row in (
        answers.filter(question__kind__in=NUMERIC_KINDS, number__isnull=False)
        .values("question_id", "number")
        .annotate(n=Count("id"))
        .order_by()
    ):
        per_value, value = counts[row["question_id"]], Decimal(row["number"])
        per_value[value] = per_value.get(value, 0) + row["n"]  # 4 and 4.00 are one value
    return counts


def _date_counts(answers: QuerySet[Answer]) -> dict[int, dict[datetime.date, int]]:
    counts: dict[int, dict[datetime.date, int]] = defaultdict(dict)
    for row in (
        answers.filter(question__kind=QuestionKind.DATE, date_value__isnull=False)
        .values("question_id", "date_value")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[row["question_id"]][row["date_value"]] = row["n"]
    return counts


def _yes_no_counts(answers: QuerySet[Answer]) -> dict[int, Counter]:
    counts: dict[int, Counter] = defaultdict(Counter)
    for row in (
        answers.filter(question__kind=QuestionKind.YES_NO, text__in=[YES, NO])
        .values("question_id", "text")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[row["question_id"]][row["text"]] = row["n"]
    return counts


def _choice_counts(responses: QuerySet[Response]) -> tuple[Counter, dict[int, int]]:
    """Times each option was chosen, and respondents who chose anything per question."""
    through = Answer.choices.through.objects.filter(answer__response_id__in=responses)
    chosen = Counter(dict(through.values_list("option_id").annotate(n=Count("id")).order_by()))
    choosers = dict(
        through.values_list("answer__question_id")
        .annotate(n=Count("answer_id", distinct=True))
        .order_by()
    )
    return chosen, choosers


def _texts(answers: QuerySet[Answer], *, with_names: bool) -> dict[int, list[TextEntry]]:
    person = "response__invitation__person__"
    texts: dict[int, list[TextEntry]] = defaultdict(list)
    for row in (
        answers.filter(question__kind__in=TEXT_KINDS)
        .exclude(text="")
        .values("question_id", "text", f"{person}surname", f"{person}name", f"{person}patronymic")
        .order_by("response__submitted_at", "pk")
    ):
        text = row["text"].strip()
        if not text:
            continue
        name = full_name(
            row[f"{person}surname"] or "",
            row[f"{person}name"] or "",
            row[f"{person}patronymic"] or "",
        )
        texts[row["question_id"]].append(TextEntry(text, name if with_names else ""))
    return texts


def _rankings(answers: QuerySet[Answer]) -> tuple[dict[int, list[list[int]]], dict[int, str]]:
    """The rankings per question, and the names of everyone ranked (one more query if any)."""
    rankings: dict[int, list[list[int]]] = defaultdict(list)
    for question_id, ranking in answers.filter(question__kind=QuestionKind.RANKING).values_list(
        "question_id", "ranking"
    ):
        cleaned = _clean_ranking(ranking)
        if cleaned:
            rankings[question_id].append(cleaned)
    ranked = {pk for lists in rankings.values() for ranking in lists for pk in ranking}
    if not ranked:
        return rankings, {}
    people = Person.objects.filter(pk__in=ranked).only("surname", "name", "patronymic")
    return rankings, {person.pk: person.full_name for person in people}


def campaign_results(
    campaign: Campaign,
    *,
    department: str | None = None,
    form_id: int | None = None,
    with_names: bool = False,
) -> CampaignResults:
    """Response rate and per-question results of a campaign, in a fixed number of queries.

    Queries: rates 1, questions 2 (with options), and for the kinds the questionnaire asks:
    numbers 1, dates 1, yes/no 1, choices 2, texts 1, rankings 1 (+1 for the ranked people's
    names when anyone was ranked) — at most 11, whatever the number of responses. ``with_names`` adds the respondent to free texts;
    ``form_id`` keeps only the people in pairs or groups of that form of mentoring.
    """
    rates = _rates(campaign, form_id)
    if department is None:
        invited = sum(row.invited for row in rates)
        answered = sum(row.answered for row in rates)
    else:
        wanted = department or NO_DEPARTMENT
        row = next((row for row in rates if row.department == wanted), None)
        invited, answered = (row.invited, row.answered) if row else (0, 0)

    questions = list(
        Question.objects.filter(questionnaire_id=campaign.questionnaire_id).prefetch_related(
            "options"
        )
    )
    # From the campaign's submitted responses down to their answers (by index). Joined the
    # other way, PostgreSQL reads every answer to the questionnaire's questions in every year
    # (a standing feedback form of a large school: 20 ms a query instead of 4).
    responses = Response.objects.filter(
        _respondent_filter("", campaign, department, form_id)
    ).values("pk")
    answers = Answer.objects.filter(response_id__in=responses)
    # Only the kinds the questionnaire asks: a query for a kind it lacks would still read the
    # answers of other questionnaires' questions of that kind.
    kinds = {question.kind for question in questions}
    numbers = _number_counts(answers) if kinds & set(NUMERIC_KINDS) else defaultdict(dict)
    dates = _date_counts(answers) if QuestionKind.DATE in kinds else defaultdict(dict)
    yes_no = _yes_no_counts(answers) if QuestionKind.YES_NO in kinds else defaultdict(Counter)
    chosen, choosers = _choice_counts(responses) if kinds & set(CHOICE_KINDS) else (Counter(), {})
    texts = _texts(answers, with_names=with_names) if kinds & set(TEXT_KINDS) else defaultdict(list)
    rankings, names = (
        _rankings(answers) if QuestionKind.RANKING in kinds else (defaultdict(list), {})
    )

    results = []
    for number, question in enumerate(questions, start=1):
        kind, pk = question.kind, question.pk
        if kind in NUMERIC_KINDS:
            result = QuestionResult(number, question, numeric=_numeric(question, numbers[pk]))
        elif kind in CHOICE_KINDS:
            choice = _choice(question, chosen, choosers.get(pk, 0))
            result = QuestionResult(number, question, choice=choice)
        elif kind == QuestionKind.YES_NO:
            result = QuestionResult(number, question, choice=_yes_no(yes_no[pk]))
        elif kind == QuestionKind.DATE:
            result = QuestionResult(number, question, date=_date(dates[pk]))
        elif kind == QuestionKind.RANKING:
            ranking = _ranking(question, rankings[pk], names)
            result = QuestionResult(number, question, ranking=ranking)
        else:
            result = QuestionResult(number, question, text=TextResult(texts[pk]))
        results.append(result)

    return CampaignResults(
        campaign=campaign,
        department=department,
        invited=invited,
        answered=answered,
        rate=_percent(answered, invited),
        by_department=rates,
        questions=results,
        with_names=with_names,
    )


def campaigns_scores(campaigns: Iterable[Campaign]) -> dict[int, CampaignResults]:
    """The rates and the numeric and yes/no results of several campaigns, in four queries.

    For tables that set campaigns side by side (the satisfaction report): however many
    campaigns, one query each for rates, questions, numbers and yes/no answers. Each
    result's ``questions`` holds only its numeric and yes/no questions, numbered as in the
    questionnaire; free texts, choices and rankings stay on the campaign's own page.
    """
    campaigns = list(campaigns)
    if not campaigns:
        return {}
    ids = [campaign.pk for campaign in campaigns]
    submitted = Q(response__submitted_at__isnull=False)
    rates = {
        row["campaign_id"]: (row["invited"], row["answered"])
        for row in Invitation.objects.filter(campaign_id__in=ids)
        .filter(Q(revoked_at__isnull=True) | submitted)
        .values("campaign_id")
        .annotate(invited=Count("id"), answered=Count("id", filter=submitted))
        .order_by()
    }
    questions: dict[int, list[Question]] = defaultdict(list)
    for question in Question.objects.filter(
        questionnaire_id__in={campaign.questionnaire_id for campaign in campaigns}
    ):
        questions[question.questionnaire_id].append(question)
    answers = Answer.objects.filter(
        response__invitation__campaign_id__in=ids, response__submitted_at__isnull=False
    )
    numbers: dict[tuple[int, int], dict[Decimal, int]] = defaultdict(dict)
    for campaign_id, question_id, value, n in (
        answers.filter(question__kind__in=NUMERIC_KINDS, number__isnull=False)
        .values_list("response__invitation__campaign_id", "question_id", "number")
        .annotate(n=Count("id"))
        .order_by()
    ):
        per_value, value = numbers[campaign_id, question_id], Decimal(value)
        per_value[value] = per_value.get(value, 0) + n  # 4 and 4.00 are one value
    yes_no: dict[tuple[int, int], Counter] = defaultdict(Counter)
    for campaign_id, question_id, text, n in (
        answers.filter(question__kind=QuestionKind.YES_NO, text__in=[YES, NO])
        .values_list("response__invitation__campaign_id", "question_id", "text")
        .annotate(n=Count("id"))
        .order_by()
    ):
        yes_no[campaign_id, question_id][text] = n
    found = {}
    for campaign in campaigns:
        results = []
        for number, question in enumerate(questions[campaign.questionnaire_id], start=1):
            key = (campaign.pk, question.pk)
            if question.kind in NUMERIC_KINDS:
                results.append(
                    QuestionResult(number, question, numeric=_numeric(question, numbers[key]))
                )
            elif question.kind == QuestionKind.YES_NO:
                results.append(QuestionResult(number, question, choice=_yes_no(yes_no[key])))
        invited, answered = rates.get(campaign.pk, (0, 0))
        found[campaign.pk] = CampaignResults(
            campaign=campaign,
            department=None,
            invited=invited,
            answered=answered,
            rate=_percent(answered, invited),
            by_department=[],
            questions=results,
            with_names=False,
        )
    return found
