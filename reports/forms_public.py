"""Forms of the public page «Наставничество»: its settings and the document's toggle."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from mentorship.models import Person
from reports.documents.forms import PersonChoiceField, staff_people
from reports.models import PublicPage


class PublicPageForm(forms.ModelForm):
    contact_person = PersonChoiceField(
        label=_("Контактное лицо"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("— не указывать —"),
        help_text=_(
            "Обычно куратор. ФИО и должность появятся, только если в его согласии на "
            "публикацию отмечены эти сведения"
        ),
    )

    class Meta:
        model = PublicPage
        fields = ["is_enabled", "intro", "contact_person", "contact_email", "contact_phone"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = staff_people()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_intro(self) -> str:
        return self.cleaned_data["intro"].strip()

    def clean_contact_phone(self) -> str:
        return " ".join(self.cleaned_data["contact_phone"].split())


class DocumentPublicForm(forms.Form):
    """The toggle on the document page: one hidden value, the button says which way."""

    is_public = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )
