"""Forms of the meeting pages: the three-tap logging form, the journal's and regularity filters."""

from __future__ import annotations

import datetime
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorship.forms.people import DATE_WIDGET
from mentorship.forms.widgets import LongSelect
from mentorship.models import Meeting, MeetingKind, MentoringForm, MentorProfile, Mentorship
from mentorship.selectors.meetings import MAX_PERIOD_WEEKS, journal_mentors, monday, pair_label

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
# The fields under «Подробнее»: the form is complete without them.
DETAIL_FIELDS = (
    "start_time",
    "topic",
    "notes",
    "next_steps",
    "next_planned_on",
    "next_planned_time",
)


class _PairChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Mentorship) -> str:
        return pair_label(obj)


class MeetingForm(forms.ModelForm):
    """Kind and format as big buttons, the date preset to today, the rest optional.

    ``kinds`` limits the kinds offered (a mentor does not gather all pairs); ``other_pairs``
    (the curator only) adds the choice of pairs for the group final meeting.
    """

    class Meta:
        model = Meeting
        fields = ["kind", "format", "held_on", *DETAIL_FIELDS]
        widgets = {
            "kind": forms.RadioSelect(attrs={"class": "btn-check", "autocomplete": "off"}),
            "format": forms.RadioSelect(attrs={"class": "btn-check", "autocomplete": "off"}),
            "held_on": DATE_WIDGET,
            "start_time": TIME_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
            "next_planned_on": DATE_WIDGET,
            "next_planned_time": TIME_WIDGET,
        }

    def __init__(
        self,
        *args: Any,
        kinds: list[str] | None = None,
        other_pairs: QuerySet[Mentorship] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [c for c in MeetingKind.choices if c[0] in kinds]
        today = timezone.localdate()
        self.fields["held_on"].widget.attrs["max"] = today.isoformat()
        self.other_pairs = other_pairs
        if other_pairs is not None:
            self.fields["all_pairs"] = forms.BooleanField(
                label=_("Все открытые пары и группы"), required=False, initial=True
            )
            self.fields["also_pairs"] = _PairChoices(
                label=_("Или только эти пары и группы"),
                queryset=other_pairs,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        self.helper = FormHelper()
        self.helper.form_tag = False

    @property
    def gathers_pairs(self) -> bool:
        return self.other_pairs is not None

    @property
    def detail_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in DETAIL_FIELDS]

    @property
    def details_have_data(self) -> bool:
        """Open «Подробнее» when a detail is filled in or has an error."""
        return any(self[name].value() or self[name].errors for name in DETAIL_FIELDS)

    def clean_topic(self) -> str:
        return " ".join(self.cleaned_data["topic"].split())

    def meeting_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def extra_pairs(self) -> list[Mentorship]:
        """The pairs joining the one the form was opened for (a group final only)."""
        if self.other_pairs is None or self.cleaned_data.get("kind") != MeetingKind.GROUP_FINAL:
            return []
        if self.cleaned_data.get("all_pairs"):
            return list(self.other_pairs)
        return list(self.cleaned_data.get("also_pairs") or [])


class _MentorChoice(forms.ModelChoiceField):
    widget = LongSelect

    def label_from_instance(self, obj: MentorProfile) -> str:
        return obj.person.full_name


def _style_filters(form: forms.Form) -> None:
    """Small Bootstrap controls for a GET filter row (the date inputs keep type=date)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select):
            widget.attrs["class"] = "form-select form-select-sm"
        elif not isinstance(widget, forms.HiddenInput):
            widget.attrs["class"] = "form-control form-control-sm"


def _check_order(form: forms.Form, first: str, last: str) -> None:
    start, end = form.cleaned_data.get(first), form.cleaned_data.get(last)
    if start and end and end < start:
        form.add_error(last, _("Конец периода раньше его начала."))


class JournalFilterForm(forms.Form):
    form = forms.ModelChoiceField(
        label=_("Форма наставничества"),
        queryset=MentoringForm.objects.all(),
        required=False,
        empty_label=_("любая"),
    )
    mentor = _MentorChoice(
        label=_("Наставник"), queryset=MentorProfile.objects.none(), required=False
    )
    kind = forms.ChoiceField(
        label=_("Вид встречи"), choices=[("", _("любой")), *MeetingKind.choices], required=False
    )
    date_from = forms.DateField(label=_("С"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("По"), required=False, widget=DATE_WIDGET)
    pair = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = journal_mentors()
        self.fields["mentor"].empty_label = _("любой")
        _style_filters(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _check_order(self, "date_from", "date_to")
        return cleaned


class RegularityForm(forms.Form):
    """A period of up to 26 weeks; left empty, the page shows the current programme year."""

    start = forms.DateField(label=_("С"), required=False, widget=DATE_WIDGET)
    end = forms.DateField(label=_("По"), required=False, widget=DATE_WIDGET)
    form = forms.ModelChoiceField(
        label=_("Форма наставничества"),
        queryset=MentoringForm.objects.all(),
        required=False,
        empty_label=_("любая"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style_filters(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _check_order(self, "start", "end")
        start, end = cleaned.get("start"), cleaned.get("end")
        longest = datetime.timedelta(weeks=MAX_PERIOD_WEEKS) - datetime.timedelta(days=1)
        if start and not end:
            cleaned["end"] = end = max(start, min(monday(start) + longest, timezone.localdate()))
        elif end and not start:
            cleaned["start"] = start = monday(end) - datetime.timedelta(weeks=MAX_PERIOD_WEEKS - 1)
        if start and end and end - monday(start) > longest:
            self.add_error("end", _("Выберите период не длиннее 26 недель."))
        return cleaned

    @property
    def period(self) -> tuple[datetime.date, datetime.date] | None:
        start = self.cleaned_data.get("start")
        end = self.cleaned_data.get("end")
        return (start, end) if start and end and not self.errors else None
