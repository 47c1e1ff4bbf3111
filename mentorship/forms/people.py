from __future__ import annotations

from crispy_forms.bootstrap import Accordion, AccordionGroup
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from mentorship.declension import OVERRIDE_FIELDS, decline_full_name
from mentorship.models import (
    PUBLICATION_CATEGORIES,
    Consent,
    ConsentKind,
    DataCategory,
    Person,
    PersonKind,
)
from mentorship.models.people import NAME_CASE_FIELDS, NAME_CASE_HELP
from mentorship.roles import MENTOR, ROLES, TEACHER
from mentorship.services.people import PERSON_FIELDS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PHOTO_ACCEPT = ".jpg,.jpeg,.png,image/jpeg,image/png"


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class PersonForm(forms.ModelForm):
    # The photo is private: Django's clearable input would ask the storage for a URL.
    remove_photo = forms.BooleanField(label=_("Удалить фотографию"), required=False)

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {
            "birth_date": DATE_WIDGET,
            "hire_date": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "photo": forms.FileInput(attrs={"accept": PHOTO_ACCEPT}),
        }

    def __init__(self, *args, photo_url: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._setup_photo(photo_url)
        self.helper = _helper()
        self.helper.layout = Layout(
            Row(Column("surname"), Column("name"), Column("patronymic")),
            Row(Column("kind"), Column("birth_date")),
            Fieldset(
                _("Работа или учёба"),
                Row(Column("position"), Column("department")),
                "subjects",
                Row(Column("hire_date"), Column("teaching_experience_years")),
            ),
            Fieldset(_("Контакты"), Row(Column("email"), Column("phone"))),
            "notes",
            "photo",
            *(["remove_photo"] if "remove_photo" in self.fields else []),
            Accordion(
                AccordionGroup(
                    _("Склонение ФИО в документах"),
                    Row(Column("name_genitive"), Column("name_dative")),
                    Row(Column("name_accusative"), Column("name_instrumental")),
                    css_id="person-name-cases-fields",
                    # Closed unless the card already has a form typed by hand.
                    active=any(getattr(self.instance, field) for field in NAME_CASE_FIELDS),
                ),
                css_id="person-name-cases",
                css_class="mt-3",
            ),
        )
        if self.instance.pk:
            self._show_automatic_forms()

    def _setup_photo(self, photo_url: str | None) -> None:
        """Show the stored photo through the checking view and offer to remove it."""
        if not (self.instance.photo and photo_url):
            del self.fields["remove_photo"]
            return
        self.fields["photo"].help_text = format_html(
            '<img src="{}" alt="{}" class="img-thumbnail d-block my-2" width="120">{} {}',
            photo_url,
            _("Текущая фотография"),
            _("Новая фотография заменит эту."),
            self.fields["photo"].help_text,
        )

    def _show_automatic_forms(self) -> None:
        """Put what the automatic declension gives now into the help of each override."""
        person = self.instance
        for case, field in OVERRIDE_FIELDS.items():
            automatic = decline_full_name(person.surname, person.name, person.patronymic, case)
            self.fields[field].help_text = format_html(
                "{} {}",
                _("Сейчас автоматически: «%(name)s».") % {"name": automatic},
                NAME_CASE_HELP,
            )

    def clean_surname(self) -> str:
        return " ".join(self.cleaned_data["surname"].split())

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_patronymic(self) -> str:
        return " ".join(self.cleaned_data["patronymic"].split())

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict:
        cleaned = super().clean()
        for field in NAME_CASE_FIELDS:
            if field in cleaned:
                cleaned[field] = " ".join(cleaned[field].split())
        if cleaned.get("remove_photo") and not self.files.get(self.add_prefix("photo")):
            cleaned["photo"] = False
        return cleaned


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Поиск по ФИО"), required=False)
    kind = forms.ChoiceField(
        label=_("Категория"),
        required=False,
        choices=[("", _("все"))] + list(PersonKind.choices),
    )
    department = forms.CharField(label=_("МО или класс"), required=False)
    young = forms.BooleanField(label=_("только молодые специалисты"), required=False)
    consent = forms.ChoiceField(
        label=_("Согласие на обработку ПДн"),
        required=False,
        choices=[("", _("неважно")), ("yes", _("есть")), ("no", _("нет"))],
    )


class ConsentForm(forms.ModelForm):
    data_categories = forms.MultipleChoiceField(
        label=_("Категории данных"),
        required=False,
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Для согласия на публикацию — только то, что можно разместить на сайте"),
    )

    class Meta:
        model = Consent
        fields = [
            "kind",
            "signer",
            "representative_name",
            "representative_relation",
            "representative_document",
            "valid_from",
            "valid_to",
            "data_categories",
            "purposes",
            "scan",
        ]
        widgets = {
            "valid_from": DATE_WIDGET,
            "valid_to": DATE_WIDGET,
            "purposes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"purposes": _("Пусто — стандартные цели для этого вида согласия")}

    def __init__(self, *args, person: Person | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if person is not None and person.is_minor:
            self.initial.setdefault("kind", ConsentKind.REPRESENTATIVE)
            self.initial.setdefault("signer", "representative")
        self.helper = _helper()
        self.helper.layout = Layout(
            Row(Column("kind"), Column("signer")),
            Fieldset(
                _("Законный представитель (если подписал он)"),
                Row(Column("representative_name"), Column("representative_relation")),
                "representative_document",
            ),
            Row(Column("valid_from"), Column("valid_to")),
            "data_categories",
            "purposes",
            "scan",
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("kind") == ConsentKind.PUBLICATION:
            wrong = set(cleaned.get("data_categories") or []) - set(PUBLICATION_CATEGORIES)
            if wrong:
                labels = dict(DataCategory.choices)
                self.add_error(
                    "data_categories",
                    _("На сайте нельзя размещать: %(list)s.")
                    % {"list": ", ".join(str(labels[c]) for c in sorted(wrong))},
                )
        return cleaned


class ConsentWithdrawForm(forms.Form):
    on = forms.DateField(label=_("Дата отзыва"), widget=DATE_WIDGET)
    note = forms.CharField(
        label=_("Основание"),
        required=False,
        max_length=300,
        help_text=_("Например: заявление об отзыве согласия от 20.11.2026"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class AccountsForm(forms.Form):
    METHOD_EMAIL = "email"
    METHOD_SHEET = "sheet"

    role = forms.ChoiceField(
        label=_("Роль"),
        choices=[(MENTOR, ROLES[MENTOR].group), (TEACHER, ROLES[TEACHER].group)],
        widget=forms.RadioSelect,
    )
    method = forms.ChoiceField(
        label=_("Как выдать вход"),
        choices=[
            (
                METHOD_EMAIL,
                _(
                    "письмом со ссылкой для установки пароля (у кого есть e-mail), "
                    "остальным — одноразовый пароль"
                ),
            ),
            (METHOD_SHEET, _("всем — лист с одноразовыми паролями для печати")),
        ],
        widget=forms.RadioSelect,
        initial=METHOD_EMAIL,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
