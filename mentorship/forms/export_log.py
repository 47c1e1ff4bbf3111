"""The filters of the log of exports of personal data."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorship.forms.people import DATE_WIDGET
from mentorship.models import User
from mentorship.selectors.export_log import EXPORT_ACTIONS, export_actors


class _UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class ExportLogFilterForm(forms.Form):
    actor = _UserChoice(
        label=_("Кто выгружал"), queryset=User.objects.none(), required=False, empty_label=_("все")
    )
    action = forms.ChoiceField(
        label=_("Что"), choices=[("", _("всё")), *EXPORT_ACTIONS.items()], required=False
    )
    date_from = forms.DateField(label=_("С"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("По"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = export_actors()
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} {css}-sm"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Конец периода раньше его начала."))
        return cleaned
