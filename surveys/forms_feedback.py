"""Filters of the feedback-after-meetings page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorship.forms.pairs import PairFilterForm

PAIRS, PEOPLE = "pairs", "people"


class FeedbackFilterForm(PairFilterForm):
    view = forms.ChoiceField(
        label=_("Вид"),
        required=False,
        choices=[(PAIRS, _("по парам")), (PEOPLE, _("по людям"))],
    )
    unanswered = forms.BooleanField(label=_("Только где ждём ответа"), required=False)
