"""Forms of the roadmap import: the upload with the target year, and the confirmation."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from mentorship.models import ProgrammeYear
from mentorship.validators import validate_table_file

YEAR_TAKEN = _(
    "На этот учебный год дорожная карта уже есть. Импорт не заменяет существующую карту: "
    "выберите другой год или правьте карту на её странице."
)


class RoadmapImportForm(forms.Form):
    file = forms.FileField(
        label=_("Файл дорожной карты"),
        help_text=_("Excel (.xlsx), Word (.docx) с таблицей или CSV, до 10 МБ"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.docx,.csv,.tsv,.txt"}),
        validators=[validate_table_file],
    )
    year = forms.ModelChoiceField(
        label=_("Учебный год"), queryset=ProgrammeYear.objects.all(), empty_label=None
    )

    def __init__(self, *args, taken_years: frozenset[int] = frozenset(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.taken_years = taken_years
        self.fields["year"].label_from_instance = lambda year: (
            f"{year} — карта уже есть" if year.pk in taken_years else str(year)
        )
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_year(self) -> ProgrammeYear:
        year = self.cleaned_data["year"]
        if year.pk in self.taken_years:
            raise forms.ValidationError(YEAR_TAKEN)
        return year


class RoadmapImportConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
