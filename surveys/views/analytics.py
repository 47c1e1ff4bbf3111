"""Analytics of a campaign, the before/after comparison and the export of the responses.

The curator and the director read results; only the curator downloads the responses, which
name every respondent. Names next to free texts are shown to the curator only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache

from mentorship.decorators import role_required
from mentorship.exceptions import DomainError
from mentorship.forms.transfer import ExportForm
from mentorship.models import MentoringForm
from surveys import analytics, charts, exports
from surveys.analytics import Bar, CampaignResults, Comparison, QuestionResult
from surveys.models import Campaign, Moment, QuestionKind
from surveys.permissions import can_manage_surveys, can_view_results


class DepartmentFilterForm(forms.Form):
    department = forms.CharField(label="Методобъединение или класс", max_length=100, required=False)
    form = forms.ModelChoiceField(
        label="Форма наставничества",
        required=False,
        empty_label="все формы",
        queryset=MentoringForm.objects.filter(is_active=True),
    )

    def clean_department(self) -> str | None:
        return self.cleaned_data["department"].strip() or None


class CompareForm(forms.Form):
    before = forms.TypedChoiceField(label="Первый замер (до)", coerce=int)
    after = forms.TypedChoiceField(label="Второй замер (после)", coerce=int)

    def __init__(self, *args, campaigns: list[Campaign], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(c.pk, f"{c.title} ({c.starts_on:%d.%m.%Y})") for c in campaigns]
        self.fields["before"].choices = choices
        self.fields["after"].choices = choices

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("before") and cleaned.get("before") == cleaned.get("after"):
            raise forms.ValidationError("Выберите два разных опроса.")
        return cleaned


@dataclass(frozen=True)
class QuestionBlock:
    result: QuestionResult
    chart: str


def _campaign(pk: int) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("questionnaire", "year"), pk=pk)


def _rows(bars: list[Bar], *, shares: bool = True) -> list[charts.ChartRow]:
    return [
        charts.ChartRow(
            bar.label,
            bar.count,
            f"{bar.count} ({bar.share} %)".replace(".", ",")
            if shares and bar.share is not None
            else str(bar.count),
        )
        for bar in bars
    ]


def _chart(result: QuestionResult) -> str:
    title = f"{result.number}. {result.question.text}"
    ident = f"q{result.question.pk}"
    if result.numeric is not None:
        return charts.bar_chart(_rows(result.numeric.bars), title=title, ident=ident)
    if result.choice is not None:
        return charts.bar_chart(_rows(result.choice.bars), title=title, ident=ident)
    if result.date is not None:
        return charts.bar_chart(_rows(result.date.bars), title=title, ident=ident)
    if result.ranking is not None:
        rows = [charts.ChartRow(row.name, row.total) for row in result.ranking.rows]
        return charts.bar_chart(rows, title=f"{title}: всего выборов", ident=ident)
    return ""


def _blocks(results: CampaignResults) -> list[QuestionBlock]:
    return [QuestionBlock(result, _chart(result)) for result in results.questions]


@role_required(can_view_results)
def campaign_analytics(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(pk)
    filters = DepartmentFilterForm(request.GET or None)
    valid = filters.is_valid()
    department = filters.cleaned_data["department"] if valid else None
    form = filters.cleaned_data["form"] if valid else None
    results = analytics.campaign_results(
        campaign,
        department=department,
        form_id=form.pk if form else None,
        with_names=can_manage_surveys(request.user),
    )
    return render(
        request,
        "surveys/analytics/campaign_analytics.html",
        {
            "campaign": campaign,
            "results": results,
            "blocks": _blocks(results),
            "filters": filters,
            "can_export": can_manage_surveys(request.user),
            "active_tab": "analytics",
        },
    )


def _default_pair(campaign: Campaign, campaigns: list[Campaign]) -> dict[str, int]:
    """This campaign on its side of the programme, the nearest one of the other side."""
    others = [c for c in campaigns if c.pk != campaign.pk]
    if campaign.moment == Moment.AFTER:
        earlier = [c for c in others if c.moment == Moment.BEFORE] or others
        return {"before": earlier[0].pk, "after": campaign.pk} if earlier else {}
    later = [c for c in others if c.moment == Moment.AFTER] or others
    return {"before": campaign.pk, "after": later[0].pk} if later else {}


@role_required(can_view_results)
def campaign_compare(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(pk)
    campaigns = list(analytics.comparable_campaigns(campaign))
    bound = "before" in request.GET or "after" in request.GET
    form = CompareForm(
        request.GET if bound else None,
        campaigns=campaigns,
        initial=_default_pair(campaign, campaigns),
    )
    comparison: Comparison | None = None
    if bound and form.is_valid():
        by_pk = {c.pk: c for c in campaigns}
        try:
            comparison = analytics.compare_campaigns(
                by_pk[form.cleaned_data["before"]], by_pk[form.cleaned_data["after"]]
            )
        except DomainError as exc:
            messages.error(request, str(exc))
    return render(
        request,
        "surveys/analytics/campaign_compare.html",
        {
            "campaign": campaign,
            "form": form,
            "has_others": len(campaigns) > 1,
            "comparison": comparison,
            "chart": _comparison_chart(comparison) if comparison else "",
            "can_export": can_manage_surveys(request.user),
            "active_tab": "compare",
        },
    )


def _comparison_chart(comparison: Comparison) -> str:
    """The scales only: a number item (hours, lessons) would squash them on a common axis."""
    scales = [item for item in comparison.items if item.kind == QuestionKind.SCALE]
    if not scales:
        return ""
    rows = [charts.PairRow(item.text, item.before_mean, item.after_mean) for item in scales]
    top = max(item.scale_max or 0 for item in scales)
    return charts.paired_bar_chart(
        rows,
        title="Средние по шкалам: до и после",
        before_label=comparison.before.title,
        after_label=comparison.after.title,
        max_value=top or None,
        ident="compare",
    )


@never_cache
@role_required(can_manage_surveys)
def campaign_export(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(pk)
    form = ExportForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest("Неизвестный формат выгрузки: xlsx или csv.")
    export = exports.responses_export(
        campaign=campaign, fmt=form.cleaned_data["format"], actor=request.user
    )
    return HttpResponse(
        export.content,
        content_type=export.content_type,
        headers={"Content-Disposition": content_disposition_header(True, export.filename)},
    )
