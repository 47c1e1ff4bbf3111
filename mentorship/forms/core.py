from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from mentorship.models import ProgrammeYear, School
from mentorship.services import SCHOOL_FIELDS
from mentorship.validators import validate_image


class SchoolForm(forms.ModelForm):
    website = forms.URLField(label=_("сайт"), required=False, assume_scheme="https")

    class Meta:
        model = School
        fields = SCHOOL_FIELDS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The public page shows the logo in an <img>: JPEG or PNG only, by content.
        self.fields["logo"].validators.append(validate_image)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Организация"),
                "full_name",
                Row(Column("short_name"), Column("locality")),
                Row(Column("director_name"), Column("director_position")),
                "founder",
                "address",
                Row(Column("phone"), Column("email"), Column("website")),
                Row(Column("inn"), Column("kpp"), Column("ogrn")),
                "logo",
            ),
            Fieldset(
                _("Параметры из положения о наставничестве"),
                Row(Column("max_mentees_per_mentor"), Column("meeting_interval_days")),
                Row(Column("programme_min_months"), Column("programme_max_months")),
                Row(Column("young_specialist_max_age"), Column("young_specialist_max_experience")),
                "gost_edition",
            ),
        )


class ProgrammeYearForm(forms.ModelForm):
    # Longer than the model's 9 characters: «2026 - 2027» is accepted and normalised.
    title = forms.CharField(label=_("учебный год"), max_length=20, help_text=_("В виде 2025/2026"))
    make_current = forms.BooleanField(label=_("Сделать текущим"), required=False)

    class Meta:
        model = ProgrammeYear
        fields = ["title", "start_date", "end_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["make_current"]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_title(self) -> str:
        return self.cleaned_data["title"].replace(" ", "").replace("-", "/")
