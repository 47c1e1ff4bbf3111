"""Forms of the import and export pages."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from mentorship.exporting import FORMATS
from mentorship.importing import IMPORT_KIND_LABELS
from mentorship.validators import validate_table_file


class PeopleImportForm(forms.Form):
    file = forms.FileField(
        label=_("Файл со списком"),
        help_text=_("Excel (.xlsx) или CSV, до 10 МБ"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,.txt"}),
        # Size and plain refusals here; the importer reads the rest by content.
        validators=[validate_table_file],
    )
    kind = forms.ChoiceField(
        label=_("Кого загружаем"),
        choices=list(IMPORT_KIND_LABELS.items()),
        initial="staff",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class PeopleImportConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    skip_errors = forms.BooleanField(
        label=_("Пропустить строки с ошибками"),
        required=False,
        help_text=_("Будут загружены только строки без ошибок"),
    )

    def __init__(self, *args, has_errors: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not has_errors:
            del self.fields["skip_errors"]
        self.helper = FormHelper()
        self.helper.form_tag = False


class ExportForm(forms.Form):
    """The format of an export; the people's filters are the list's own PersonFilterForm."""

    format = forms.ChoiceField(
        choices=[(code, f.label) for code, f in FORMATS.items()], required=False
    )

    def clean_format(self) -> str:
        return self.cleaned_data["format"] or "xlsx"
