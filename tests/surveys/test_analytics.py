"""Analytics of a campaign, before/after comparison, SVG charts and the responses export."""

from __future__ import annotations

import csv
import datetime
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorship.common import AuditEntry
from mentorship.models import Person
from surveys import charts
from surveys.analytics import (
    NO_DEPARTMENT,
    SHOWN_TEXTS,
    ComparisonError,
    TextEntry,
    TextResult,
    campaign_results,
    campaigns_scores,
    compare_campaigns,
)
from surveys.exports import responses_export
from surveys.models import Answer, Invitation, Moment, QuestionKind, Response
from tests.factories import (
    CampaignFactory,
    InvitationFactory,
    OptionFactory,
    PersonFactory,
    QuestionFactory,
    QuestionnaireFactory,
)
from tests.mentorship.spreadsheets import xlsx_rows

pytestmark = pytest.mark.django_db

MATHS, CLASS_7B = "МО учителей математики", "7Б"
D = Decimal


def _respond(invitation: Invitation, answers: dict, *, submitted: bool = True) -> Response:
    """A response stored directly: values by question, options as lists, people as rankings."""
    response = Response.objects.create(
        questionnaire=invitation.campaign.questionnaire,
        invitation=invitation,
        person=invitation.person,
        submitted_at=timezone.now() if submitted else None,
    )
    for question, value in answers.items():
        answer = Answer(response=response, question=question)
        kind = question.kind
        if kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
            answer.number = D(str(value))
        elif kind == QuestionKind.DATE:
            answer.date_value = value
        elif kind == QuestionKind.RANKING:
            answer.ranking = [person.pk for person in value]
        elif kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            answer.text = value
        answer.save()
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            answer.choices.set(value)
    return response


class Survey:
    """One questionnaire with a question of every kind, and a campaign with known answers.

    Invited: two of МО математики (both answered), three of 7Б (one answered, one only saved a
    draft, one did nothing) and a revoked invitation in 7Б that does not count.
    """

    def __init__(self) -> None:
        self.questionnaire = QuestionnaireFactory(title="Анкета удовлетворённости")
        q = self.questionnaire
        self.scale = QuestionFactory(
            questionnaire=q,
            order=1,
            kind=QuestionKind.SCALE,
            text="Насколько полезны встречи",
            scale_min=1,
            scale_max=5,
        )
        self.single = QuestionFactory(
            questionnaire=q, order=2, kind=QuestionKind.SINGLE, text="Как часто встречались"
        )
        self.often, self.weekly, self.monthly = (
            OptionFactory(question=self.single, order=i, text=t)
            for i, t in enumerate(["несколько раз в неделю", "раз в неделю", "раз в месяц"])
        )
        self.multiple = QuestionFactory(
            questionnaire=q, order=3, kind=QuestionKind.MULTIPLE, text="Что было полезно"
        )
        self.lessons, self.talks, self.projects = (
            OptionFactory(question=self.multiple, order=i, text=t)
            for i, t in enumerate(["открытые уроки", "беседы", "проекты"])
        )
        self.yes_no = QuestionFactory(
            questionnaire=q, order=4, kind=QuestionKind.YES_NO, text="Хотели бы продолжить"
        )
        self.text = QuestionFactory(
            questionnaire=q, order=5, kind=QuestionKind.LONG_TEXT, text="Что изменить"
        )
        self.date = QuestionFactory(
            questionnaire=q, order=6, kind=QuestionKind.DATE, text="Дата первой встречи"
        )
        self.number = QuestionFactory(
            questionnaire=q, order=7, kind=QuestionKind.NUMBER, text="Сколько часов в месяц"
        )
        self.ranking = QuestionFactory(
            questionnaire=q,
            order=8,
            kind=QuestionKind.RANKING,
            text="С кем хотели бы работать",
            max_choices=3,
        )
        self.campaign = CampaignFactory(questionnaire=q, title="Итоговый опрос")
        self.m1 = PersonFactory(surname="Андреева", name="Анна", patronymic="Ивановна")
        self.m2 = PersonFactory(surname="Борисов", name="Борис", patronymic="Петрович")
        self.m3 = PersonFactory(surname="Власова", name="Вера", patronymic="Олеговна")

        def invite(surname: str, department: str, **kwargs) -> Invitation:
            person = PersonFactory(
                surname=surname, name="Ирина", patronymic="Львовна", department=department
            )
            return InvitationFactory(campaign=self.campaign, person=person, **kwargs)

        self.p1 = invite("Яковлева", MATHS)
        self.p2 = invite("Белова", MATHS)
        self.p3 = invite("Ершова", CLASS_7B)
        self.p4 = invite("Дроздова", CLASS_7B)
        self.p5 = invite("Жукова", CLASS_7B)
        invite("Зуева", CLASS_7B, revoked_at=timezone.now())

        _respond(
            self.p1,
            {
                self.scale: 5,
                self.single: [self.often],
                self.multiple: [self.lessons, self.talks],
                self.yes_no: "yes",
                self.text: "Больше практики",
                self.date: datetime.date(2026, 11, 5),
                self.number: 10,
                self.ranking: [self.m1, self.m2],
            },
        )
        _respond(
            self.p2,
            {
                self.scale: 4,
                self.single: [self.often],
                self.multiple: [self.talks],
                self.yes_no: "no",
                self.text: "  ",
                self.date: datetime.date(2026, 11, 5),
                self.number: "12.5",
                self.ranking: [self.m2, self.m1, self.m3],
            },
        )
        _respond(
            self.p3,
            {
                self.scale: 2,
                self.single: [self.weekly],
                self.multiple: [],
                self.yes_no: "yes",
                self.text: "<b>Спасибо</b> & всё",
                self.date: datetime.date(2026, 11, 20),
                self.ranking: [self.m2],
            },
        )
        # A draft says the opposite of everything: it must not count anywhere.
        _respond(
            self.p4,
            {
                self.scale: 1,
                self.single: [self.monthly],
                self.multiple: [self.projects],
                self.yes_no: "no",
                self.text: "Черновик",
                self.date: datetime.date(2027, 1, 1),
                self.number: 99,
                self.ranking: [self.m3],
            },
            submitted=False,
        )

    def result(self, results, question):
        return next(r for r in results.questions if r.question.pk == question.pk)


@pytest.fixture
def survey() -> Survey:
    return Survey()


# --- campaign_results ----------------------------------------------------------------------


def test_response_rate_counts_submitted_responses_of_invitations_that_were_not_revoked(survey):
    results = campaign_results(survey.campaign)

    assert (results.invited, results.answered, results.rate) == (5, 3, D("60.0"))
    rates = {row.department: (row.invited, row.answered, row.rate) for row in results.by_department}
    assert rates == {MATHS: (2, 2, D("100.0")), CLASS_7B: (3, 1, D("33.3"))}
    assert results.departments == [CLASS_7B, MATHS]


def test_people_without_department_are_grouped_last(survey):
    InvitationFactory(campaign=survey.campaign, person=PersonFactory(department=""))

    results = campaign_results(survey.campaign)

    assert [row.department for row in results.by_department][-1] == NO_DEPARTMENT
    assert NO_DEPARTMENT not in results.departments


def test_scale_has_mean_median_and_counts_per_value_and_ignores_drafts(survey):
    numeric = survey.result(campaign_results(survey.campaign), survey.scale).numeric

    assert (numeric.n, numeric.mean, numeric.median) == (3, D("3.67"), D("4.00"))
    assert [(bar.label, bar.count) for bar in numeric.bars] == [
        ("1", 0),
        ("2", 1),
        ("3", 0),
        ("4", 1),
        ("5", 1),
    ]
    assert (numeric.minimum, numeric.maximum) == (D(2), D(5))


def test_number_question_with_an_even_count_has_the_middle_of_two_as_median(survey):
    numeric = survey.result(campaign_results(survey.campaign), survey.number).numeric

    assert (numeric.n, numeric.mean, numeric.median) == (2, D("11.25"), D("11.25"))
    assert [(bar.label, bar.count, bar.share) for bar in numeric.bars] == [
        ("10", 1, D("50.0")),
        ("12,5", 1, D("50.0")),
    ]


def test_choices_are_counted_per_option_with_shares_of_those_who_answered(survey):
    results = campaign_results(survey.campaign)
    single = survey.result(results, survey.single).choice
    multiple = survey.result(results, survey.multiple).choice

    assert single.n == 3
    assert [(b.label, b.count, b.share) for b in single.bars] == [
        ("несколько раз в неделю", 2, D("66.7")),
        ("раз в неделю", 1, D("33.3")),
        ("раз в месяц", 0, D("0.0")),
    ]
    assert multiple.n == 2  # the third respondent chose nothing
    assert [(b.label, b.count, b.share) for b in multiple.bars] == [
        ("открытые уроки", 1, D("50.0")),
        ("беседы", 2, D("100.0")),
        ("проекты", 0, D("0.0")),
    ]


def test_yes_no_is_counted_as_two_options(survey):
    choice = survey.result(campaign_results(survey.campaign), survey.yes_no).choice

    assert [(b.label, b.count, b.share) for b in choice.bars] == [
        ("да", 2, D("66.7")),
        ("нет", 1, D("33.3")),
    ]


def test_free_texts_are_listed_without_blanks_and_named_only_when_asked(survey):
    anonymous = survey.result(campaign_results(survey.campaign), survey.text).text
    named = survey.result(campaign_results(survey.campaign, with_names=True), survey.text).text

    assert [(e.text, e.respondent) for e in anonymous.entries] == [
        ("Больше практики", ""),
        ("<b>Спасибо</b> & всё", ""),
    ]
    assert [e.respondent for e in named.entries] == [
        "Яковлева Ирина Львовна",
        "Ершова Ирина Львовна",
    ]


def test_a_results_page_lists_only_the_newest_texts():
    entries = [TextEntry(f"ответ {n}", "") for n in range(SHOWN_TEXTS + 7)]
    text = TextResult(entries)

    assert (text.n, text.hidden) == (SHOWN_TEXTS + 7, 7)
    assert text.shown[0].text == "ответ 7" and text.shown[-1].text == entries[-1].text


def test_scores_of_several_campaigns_agree_with_each_campaigns_results(
    survey, django_assert_num_queries
):
    other = CampaignFactory(questionnaire=survey.campaign.questionnaire)
    _respond(InvitationFactory(campaign=other), {survey.scale: 1, survey.yes_no: "no"})
    empty = CampaignFactory()

    # rates, questions, numbers, yes/no: however many campaigns
    with django_assert_num_queries(4):
        scores = campaigns_scores([survey.campaign, other, empty])

    for campaign in (survey.campaign, other):
        full = campaign_results(campaign)
        kept = scores[campaign.pk]
        assert (kept.invited, kept.answered, kept.rate) == (full.invited, full.answered, full.rate)
        expected = [
            r for r in full.questions if r.numeric is not None or r.question.kind == "yes_no"
        ]
        assert [(r.number, r.numeric, r.choice) for r in kept.questions] == [
            (r.number, r.numeric, r.choice) for r in expected
        ]
    assert (scores[empty.pk].invited, scores[empty.pk].questions) == (0, [])


def test_dates_have_the_earliest_the_latest_and_counts_per_day(survey):
    date = survey.result(campaign_results(survey.campaign), survey.date).date

    assert (date.n, date.earliest, date.latest) == (
        3,
        datetime.date(2026, 11, 5),
        datetime.date(2026, 11, 20),
    )
    assert [(b.label, b.count) for b in date.bars] == [("05.11.2026", 2), ("20.11.2026", 1)]


def test_ranking_counts_how_often_each_person_was_chosen_at_each_place(survey):
    ranking = survey.result(campaign_results(survey.campaign), survey.ranking).ranking

    assert (ranking.n, ranking.places) == (3, 3)
    assert [(row.name, row.places, row.total) for row in ranking.rows] == [
        ("Борисов Борис Петрович", [2, 1, 0], 3),
        ("Андреева Анна Ивановна", [1, 1, 0], 2),
        ("Власова Вера Олеговна", [0, 0, 1], 1),
    ]


def test_department_filter_narrows_the_rate_and_every_question(survey):
    results = campaign_results(survey.campaign, department=MATHS)

    assert (results.invited, results.answered, results.rate) == (2, 2, D("100.0"))
    numeric = survey.result(results, survey.scale).numeric
    assert (numeric.n, numeric.mean, numeric.median) == (2, D("4.50"), D("4.50"))
    assert survey.result(results, survey.single).choice.bars[1].count == 0
    assert len(results.by_department) == 2  # the breakdown always shows every department


def test_a_campaign_without_responses_has_empty_results():
    campaign = CampaignFactory()
    question = QuestionFactory(
        questionnaire=campaign.questionnaire, kind=QuestionKind.SCALE, scale_min=1, scale_max=3
    )
    InvitationFactory(campaign=campaign)

    results = campaign_results(campaign)

    assert (results.invited, results.answered, results.rate) == (1, 0, D("0.0"))
    numeric = results.questions[0].numeric
    assert results.questions[0].question == question
    assert (numeric.n, numeric.mean, numeric.median) == (0, None, None)
    assert [bar.share for bar in numeric.bars] == [None, None, None]


def test_results_take_a_fixed_number_of_queries(survey, django_assert_num_queries):
    # rates 1, questions 1 + options 1, numbers 1, dates 1, yes/no 1, choices 2, texts 1,
    # rankings 1 + the ranked people's names 1.
    with django_assert_num_queries(11):
        campaign_results(survey.campaign, with_names=True)


# --- compare_campaigns ---------------------------------------------------------------------


class BeforeAfter:
    """Two scales and a number, asked before and after; A and B answered both times."""

    def __init__(self) -> None:
        q = QuestionnaireFactory(title="Входная и итоговая анкета")
        self.s1 = QuestionFactory(
            questionnaire=q,
            order=1,
            kind=QuestionKind.SCALE,
            text="Уверенность на уроке",
            scale_min=1,
            scale_max=5,
        )
        self.s2 = QuestionFactory(
            questionnaire=q,
            order=2,
            kind=QuestionKind.SCALE,
            text="Работа с родителями",
            scale_min=1,
            scale_max=5,
        )
        self.n = QuestionFactory(
            questionnaire=q, order=3, kind=QuestionKind.NUMBER, text="Открытых уроков за год"
        )
        self.t = QuestionFactory(questionnaire=q, order=4, kind=QuestionKind.SHORT_TEXT)
        self.before = CampaignFactory(questionnaire=q, moment=Moment.BEFORE, title="Входной")
        self.after = CampaignFactory(
            questionnaire=q,
            moment=Moment.AFTER,
            title="Итоговый",
            starts_on=datetime.date(2027, 5, 1),
            ends_on=datetime.date(2027, 5, 31),
        )
        self.a = PersonFactory(surname="Алексеева", department=MATHS)
        self.b = PersonFactory(surname="Борисова", department=CLASS_7B)
        c, d = PersonFactory(surname="Волкова"), PersonFactory(surname="Григорьева")

        def answer(campaign, person, values, submitted=True):
            invitation = InvitationFactory(campaign=campaign, person=person)
            _respond(
                invitation,
                dict(zip([self.s1, self.s2, self.n], values, strict=False)),
                submitted=submitted,
            )

        answer(self.before, self.a, [2, 4, 10])
        answer(self.before, self.b, [3, 3])
        answer(self.before, c, [4])
        answer(self.after, self.a, [4, 5, 12])
        answer(self.after, self.b, [3, 2])
        answer(self.after, d, [5, 5])
        answer(self.after, c, [1, 1, 1], submitted=False)


@pytest.fixture
def before_after() -> BeforeAfter:
    return BeforeAfter()


def test_comparison_gives_per_item_means_before_after_and_the_change(before_after):
    comparison = compare_campaigns(before_after.before, before_after.after)

    assert [
        (i.text, i.before_n, i.before_mean, i.after_n, i.after_mean, i.change)
        for i in comparison.items
    ] == [
        ("Уверенность на уроке", 3, D("3.00"), 3, D("4.00"), D("1.00")),
        ("Работа с родителями", 2, D("3.50"), 3, D("4.00"), D("0.50")),
        ("Открытых уроков за год", 1, D("10.00"), 1, D("12.00"), D("2.00")),
    ]


def test_comparison_gives_each_person_present_in_both_his_mean_over_scales(before_after):
    comparison = compare_campaigns(before_after.before, before_after.after)

    assert [
        (p.person_id, p.department, p.before_mean, p.after_mean, p.change)
        for p in comparison.people
    ] == [
        (before_after.a.pk, MATHS, D("3.00"), D("4.50"), D("1.50")),
        (before_after.b.pk, CLASS_7B, D("3.00"), D("2.50"), D("-0.50")),
    ]
    assert comparison.mean_change == D("0.50")
    assert (comparison.improved, comparison.declined, comparison.unchanged) == (1, 1, 0)
    assert comparison.scale_items == 2


def test_comparison_runs_a_fixed_number_of_queries(before_after, django_assert_num_queries):
    # numeric questions 1, answers of both campaigns 1, names of people in both 1.
    with django_assert_num_queries(3):
        compare_campaigns(before_after.before, before_after.after)


def test_versions_sharing_a_code_are_compared_item_by_item():
    old = QuestionnaireFactory(code="mentor-exit", version=1)
    new = QuestionnaireFactory(code="mentor-exit", version=2, previous=old)
    QuestionFactory(questionnaire=old, kind=QuestionKind.SCALE, text="Поддержка  куратора")
    QuestionFactory(questionnaire=old, kind=QuestionKind.SCALE, text="Убранный пункт")
    kept = QuestionFactory(questionnaire=new, kind=QuestionKind.SCALE, text="Поддержка куратора")
    before, after = CampaignFactory(questionnaire=old), CampaignFactory(questionnaire=new)
    person = PersonFactory()
    _respond(
        InvitationFactory(campaign=before, person=person),
        {old.questions.get(text="Поддержка  куратора"): 2},
    )
    _respond(InvitationFactory(campaign=after, person=person), {kept: 5})

    comparison = compare_campaigns(before, after)

    assert [(i.text, i.before_mean, i.after_mean, i.change) for i in comparison.items] == [
        ("Поддержка куратора", D("2.00"), D("5.00"), D("3.00"))
    ]
    assert [p.change for p in comparison.people] == [D("3.00")]


def test_campaigns_of_different_questionnaires_or_the_same_campaign_are_not_compared():
    first, second = CampaignFactory(), CampaignFactory()

    with pytest.raises(ComparisonError):
        compare_campaigns(first, second)
    with pytest.raises(ComparisonError):
        compare_campaigns(first, first)


# --- charts ---------------------------------------------------------------------------------


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own markup, parsed to prove it well-formed


def test_bar_chart_is_well_formed_svg_with_escaped_labels_and_a_title():
    svg = charts.bar_chart(
        [
            charts.ChartRow('<script>alert("x")</script> & «Ёж»', 3, "3 (75,0 %)"),
            charts.ChartRow("нет", 1),
        ],
        title="1. Вопрос <b>жирный</b>",
        ident="q1",
    )

    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; «Ёж»" in svg
    root = _parse(svg)  # well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("viewBox") == "0 0 640 72"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "q1-title"
    assert root.find(f"{ns}title").text == "1. Вопрос <b>жирный</b>"
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert "3 (75,0 %)" in texts and "1" in texts


def test_bar_chart_without_rows_says_there_are_no_answers():
    svg = charts.bar_chart([], title="Пусто")

    assert "Нет ответов" in svg
    _parse(svg)


def test_paired_chart_draws_two_bars_per_item_and_a_dash_for_a_missing_side():
    svg = charts.paired_bar_chart(
        [charts.PairRow("Пункт & <1>", D("3.5"), D("4.25")), charts.PairRow("Новый", None, 2)],
        title="До и после",
        before_label="Входной",
        after_label="Итоговый",
        max_value=5,
    )

    root = _parse(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f".//{ns}g/{ns}rect")) == 4
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert {"Пункт & <1>", "3,50", "4,25", "—", "Входной", "Итоговый"} <= set(texts)


# --- export ---------------------------------------------------------------------------------


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_export_has_a_row_per_submitted_response_and_a_column_per_question(survey, curator):
    export = responses_export(campaign=survey.campaign, fmt="xlsx", actor=curator)

    rows = xlsx_rows(export.content)
    assert rows[0] == [
        "ФИО",
        "Методобъединение или класс",
        "Отправлено",
        "1. Насколько полезны встречи",
        "2. Как часто встречались",
        "3. Что было полезно",
        "4. Хотели бы продолжить",
        "5. Что изменить",
        "6. Дата первой встречи",
        "7. Сколько часов в месяц",
        "8. С кем хотели бы работать",
    ]
    assert [row[0] for row in rows[1:]] == [
        "Белова Ирина Львовна",
        "Ершова Ирина Львовна",
        "Яковлева Ирина Львовна",
    ]  # by name; the draft of Дроздова is not there
    yakovleva = rows[3]
    assert yakovleva[1] == MATHS
    assert yakovleva[2].date() == timezone.localdate()
    assert yakovleva[3:] == [
        5,
        "несколько раз в неделю",
        "открытые уроки; беседы",
        "да",
        "Больше практики",
        datetime.datetime.combine(datetime.date(2026, 11, 5), datetime.time()),
        10,
        "Андреева Анна Ивановна; Борисов Борис Петрович",
    ]
    assert rows[1][9] == 12.5
    assert export.filename.endswith(".xlsx")


def test_export_to_csv_writes_an_audit_row(survey, curator):
    export = responses_export(campaign=survey.campaign, fmt="csv", actor=curator)

    rows = _csv_rows(export.content)
    assert len(rows) == 4
    assert rows[2][:4] == [
        "Ершова Ирина Львовна",
        CLASS_7B,
        f"{timezone.localdate():%d.%m.%Y}",
        "2",
    ]
    assert rows[2][7] == "<b>Спасибо</b> & всё"
    entry = AuditEntry.objects.get(action="responses.export")
    assert (entry.actor, entry.target, entry.data) == (
        curator,
        survey.campaign,
        {"format": "csv", "rows": 3},
    )


def test_export_takes_a_fixed_number_of_queries(survey, curator, django_assert_num_queries):
    # questions 1, responses with their people 1, answers 1, choices 1, ranked people 1,
    # and the audit row: content type (cached after the first) + insert, in a savepoint pair.
    responses_export(campaign=survey.campaign, fmt="xlsx", actor=curator)
    with django_assert_num_queries(8):
        responses_export(campaign=survey.campaign, fmt="xlsx", actor=curator)


# --- pages ----------------------------------------------------------------------------------


def test_analytics_page_shows_numbers_charts_and_names_to_the_curator(survey, curator_client):
    response = curator_client.get(reverse("surveys:campaign-analytics", args=[survey.campaign.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "60,0 %" in html and "33,3 %" in html
    assert html.count("<svg") == 7  # every question but the free text
    assert "&lt;b&gt;Спасибо&lt;/b&gt; &amp; всё" in html and "<b>Спасибо</b>" not in html
    assert "Яковлева Ирина Львовна" in html
    assert reverse("surveys:campaign-export", args=[survey.campaign.pk]) in html


def test_director_sees_free_texts_without_names_and_no_export(survey, director_client):
    response = director_client.get(reverse("surveys:campaign-analytics", args=[survey.campaign.pk]))

    html = response.content.decode()
    assert "Больше практики" in html
    assert "Яковлева Ирина Львовна" not in html
    assert reverse("surveys:campaign-export", args=[survey.campaign.pk]) not in html


def test_analytics_page_filters_by_department(survey, curator_client):
    response = curator_client.get(
        reverse("surveys:campaign-analytics", args=[survey.campaign.pk]), {"department": MATHS}
    )

    results = response.context["results"]
    assert results.department == MATHS
    assert (results.invited, results.answered) == (2, 2)


def _bulk_campaign(questionnaire, questions, options, mentors, n: int):
    """n submitted responses, each answering every question, built with bulk_create."""
    campaign = CampaignFactory(questionnaire=questionnaire)
    people = Person.objects.bulk_create(
        Person(surname=f"Участник{i}", name="Анна", department=f"{i % 5 + 5}А") for i in range(n)
    )
    invitations = Invitation.objects.bulk_create(
        Invitation(campaign=campaign, person=person) for person in people
    )
    now = timezone.now()
    responses = Response.objects.bulk_create(
        Response(questionnaire=questionnaire, invitation=inv, person=inv.person, submitted_at=now)
        for inv in invitations
    )
    scale, single, multiple, yes_no, text, date, number, ranking = questions
    answers = []
    for i, response in enumerate(responses):
        answers += [
            Answer(response=response, question=scale, number=D(i % 5 + 1)),
            Answer(response=response, question=single),
            Answer(response=response, question=multiple),
            Answer(response=response, question=yes_no, text="yes" if i % 2 else "no"),
            Answer(response=response, question=text, text=f"Ответ {i}"),
            Answer(
                response=response, question=date, date_value=datetime.date(2026, 11, i % 28 + 1)
            ),
            Answer(response=response, question=number, number=D(i % 7)),
            Answer(response=response, question=ranking, ranking=[m.pk for m in mentors]),
        ]
    answers = Answer.objects.bulk_create(answers)
    through = Answer.choices.through
    through.objects.bulk_create(
        through(answer_id=answer.pk, option_id=options[i % len(options)].pk)
        for i, answer in enumerate(answers)
        if answer.question_id in (single.pk, multiple.pk)
    )
    return campaign


def test_analytics_page_runs_the_same_queries_for_10_and_for_1000_responses(survey, curator_client):
    questions = [
        survey.scale,
        survey.single,
        survey.multiple,
        survey.yes_no,
        survey.text,
        survey.date,
        survey.number,
        survey.ranking,
    ]
    options = [survey.often, survey.weekly, survey.lessons, survey.talks]
    mentors = [survey.m1, survey.m2]
    small = _bulk_campaign(survey.questionnaire, questions, options, mentors, 10)
    large = _bulk_campaign(survey.questionnaire, questions, options, mentors, 1000)
    url = "surveys:campaign-analytics"
    curator_client.get(reverse(url, args=[small.pk]))  # warm the session and the caches

    counts = []
    for campaign in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = curator_client.get(reverse(url, args=[campaign.pk]))
        assert response.status_code == 200
        counts.append(len(queries))

    assert response.context["results"].answered == 1000
    assert counts[0] == counts[1]


def test_compare_page_offers_the_campaigns_of_the_same_questionnaire(before_after, curator_client):
    other = CampaignFactory()
    response = curator_client.get(reverse("surveys:campaign-compare", args=[before_after.after.pk]))

    form = response.context["form"]
    offered = [pk for pk, _label in form.fields["before"].choices]
    assert set(offered) == {before_after.before.pk, before_after.after.pk}
    assert other.pk not in offered
    assert form.initial == {"before": before_after.before.pk, "after": before_after.after.pk}
    assert response.context["comparison"] is None


def test_compare_page_shows_the_changes(before_after, director_client):
    response = director_client.get(
        reverse("surveys:campaign-compare", args=[before_after.before.pk]),
        {"before": before_after.before.pk, "after": before_after.after.pk},
    )

    assert response.status_code == 200
    assert response.context["comparison"].mean_change == D("0.50")
    html = response.content.decode()
    assert "+1,50" in html and "-0,50" in html and "<svg" in html


def test_compare_page_refuses_the_same_campaign_twice_and_foreign_ones(
    before_after, curator_client
):
    url = reverse("surveys:campaign-compare", args=[before_after.before.pk])
    same = curator_client.get(
        url, {"before": before_after.before.pk, "after": before_after.before.pk}
    )
    foreign = curator_client.get(
        url, {"before": before_after.before.pk, "after": CampaignFactory().pk}
    )

    assert same.context["comparison"] is None and same.context["form"].non_field_errors()
    assert foreign.context["comparison"] is None and foreign.context["form"].errors["after"]


def test_export_view_downloads_the_file_and_rejects_an_unknown_format(survey, curator_client):
    url = reverse("surveys:campaign-export", args=[survey.campaign.pk])

    response = curator_client.get(url, {"format": "csv"})
    bad = curator_client.get(url, {"format": "pdf"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert len(_csv_rows(response.content)) == 4
    assert bad.status_code == 400
    assert AuditEntry.objects.filter(action="responses.export").count() == 1
