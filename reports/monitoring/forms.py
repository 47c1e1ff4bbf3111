"""Forms of the report pages: the curator's texts and the municipal export's columns."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms

from reports.monitoring.common import Note
from reports.monitoring.indicators import Indicator
from reports.monitoring.services import MAX_NOTE_LENGTH


class ReportNotesForm(forms.Form):
    """One text per section of the report («Выводы», «Предложения»)."""

    def __init__(self, *args, notes: tuple[Note, ...], **kwargs) -> None:
        kwargs.setdefault("initial", {note.section: note.text for note in notes})
        super().__init__(*args, **kwargs)
        for note in notes:
            self.fields[note.section] = forms.CharField(
                label=note.heading,
                help_text=note.help_text,
                required=False,
                max_length=MAX_NOTE_LENGTH,
                widget=forms.Textarea(attrs={"rows": 8}),
            )
        self.helper = FormHelper()
        self.helper.form_tag = False


class ExportColumnsForm(forms.Form):
    """Which indicators go into the export and in what order: a tick and a number each."""

    title = forms.CharField(
        label="Название выгрузки",
        max_length=300,
        help_text="Как её называет управление образования, например: «Мониторинг наставничества»",
    )

    def __init__(
        self, *args, indicators: tuple[Indicator, ...], chosen: tuple[str, ...], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        position = {code: number for number, code in enumerate(chosen, 1)}
        for index, indicator in enumerate(indicators):
            self.fields[f"use_{index}"] = forms.BooleanField(
                label=indicator.label, required=False, initial=indicator.code in position
            )
            self.fields[f"order_{index}"] = forms.IntegerField(
                label=f"Порядок: {indicator.label}",
                min_value=1,
                max_value=999,
                required=False,
                initial=position.get(indicator.code),
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
            )

    def rows(self) -> list[tuple[Indicator, forms.BoundField, forms.BoundField]]:
        """Each indicator with its two fields, for the table of the page."""
        return [
            (indicator, self[f"use_{index}"], self[f"order_{index}"])
            for index, indicator in enumerate(self.indicators)
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        picked = []
        for index, indicator in enumerate(self.indicators):
            if cleaned.get(f"use_{index}"):
                order = cleaned.get(f"order_{index}")
                # Without a number the indicator goes after the numbered ones, in list order.
                picked.append((order if order is not None else 1000, index, indicator.code))
        if not picked:
            raise forms.ValidationError("Отметьте хотя бы один показатель.")
        cleaned["columns"] = [code for _order, _index, code in sorted(picked)]
        return cleaned
