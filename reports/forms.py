"""Forms of the documents pages; each kind's own parameters live in reports/documents/forms.py."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from mentorship.models import ProgrammeYear
from reports.documents import KINDS
from reports.documents.base import DocumentKind, params_to_json
from reports.documents.forms import AgendaFormSet
from reports.models import DocumentStatus, Register
from roadmap.models import Event, EventStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PARAMS_PREFIX = "p"
AGENDA_PREFIX = "agenda"


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Event) -> str:
        title = obj.title if len(obj.title) <= 110 else f"{obj.title[:109]}…"
        return f"{obj.number} {title}" if obj.number else title


class DocumentForm(forms.Form):
    """What every document has: its heading, the roadmap event it fulfils, its own text."""

    title = forms.CharField(label=_("Заголовок"), max_length=500)
    event = EventChoiceField(
        label=_("Мероприятие дорожной карты"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("— не связан с дорожной картой —"),
        help_text=_("Когда документ утвердят, мероприятие отметится выполненным"),
    )
    preamble = forms.CharField(
        label=_("Вводная часть"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Основания и цель документа; пустое поле — стандартный текст"),
    )
    extra_items = forms.CharField(
        label=_("Дополнительные пункты"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Каждый пункт с новой строки; встанут перед пунктом о контроле"),
    )

    def __init__(self, *args, kind: DocumentKind, year: ProgrammeYear, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = (
            Event.objects.filter(stage__roadmap__year=year)
            .exclude(status=EventStatus.CANCELLED)
            .order_by("stage__number", "order", "pk")
        )
        if not kind.has_preamble:
            del self.fields["preamble"]
        if not kind.has_extra_items:
            del self.fields["extra_items"]
        self.helper = _helper()

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())


class ApproveForm(forms.Form):
    on = forms.DateField(
        label=_("Дата документа"),
        widget=DATE,
        help_text=_("Эта дата и номер встанут в реквизиты документа"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Что исправить"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Куратор увидит это замечание на странице документа"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_comment(self) -> str:
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError(_("Напишите, что нужно исправить."))
        return comment


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Причина отмены"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Укажите причину отмены."))
        return reason


class RegisterForm(forms.ModelForm):
    class Meta:
        model = Register
        fields = ["title", "pattern"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_pattern(self) -> str:
        pattern = self.cleaned_data["pattern"].strip()
        if "{n}" not in pattern:
            raise forms.ValidationError(_("В шаблоне должен быть порядковый номер {n}."))
        return pattern


class DocumentFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Вид"), required=False)
    status = forms.ChoiceField(
        label=_("Статус"),
        required=False,
        choices=[("", _("Любой")), *DocumentStatus.choices],
    )
    year = forms.TypedChoiceField(
        label=_("Учебный год"), required=False, coerce=int, empty_value=None
    )
    q = forms.CharField(label=_("Номер или заголовок"), required=False, max_length=100)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", _("Все виды")),
            *((code, str(kind.title).capitalize()) for code, kind in KINDS.items()),
        ]
        # Plain choices, read once: a model choice field would count the years before listing them.
        years = ProgrammeYear.objects.order_by("-start_date").values_list("pk", "title")
        self.fields["year"].choices = [("", _("Все годы")), *years]


class DocumentForms:
    """A document's page of forms: its own fields, the kind's parameters, a protocol's agenda."""

    ADD_QUESTION = "add_question"  # the submit button that asks for one more agenda form

    def __init__(
        self,
        *,
        kind: DocumentKind,
        year: ProgrammeYear,
        data=None,
        initial: dict | None = None,
        params: dict | None = None,
    ) -> None:
        self.kind = kind
        params = params or {}
        if data is not None and self.ADD_QUESTION in data:
            data = data.copy()
            total = f"{AGENDA_PREFIX}-TOTAL_FORMS"
            data[total] = str(int(data.get(total) or 0) + 1)
        self.adding_question = data is not None and self.ADD_QUESTION in data
        self.document = DocumentForm(data, kind=kind, year=year, initial=initial)
        self.params = (
            kind.form_class(data, year=year, initial=params, prefix=PARAMS_PREFIX)
            if kind.form_class
            else None
        )
        self.agenda = None
        if kind.code == "protocol":
            self.agenda = AgendaFormSet(
                data, prefix=AGENDA_PREFIX, initial=params.get("agenda") or None
            )
            self.agenda.extra = 0  # «Добавить вопрос» adds a form when one is wanted
        self.agenda_helper = _helper()
        self.agenda_helper.layout = Layout(
            "question",
            "heard",
            "spoke",
            "decided",
            Row(Column("votes_for"), Column("votes_against"), Column("votes_abstained")),
            "DELETE",
        )

    def __iter__(self):
        return iter(form for form in (self.document, self.params, self.agenda) if form)

    def is_valid(self) -> bool:
        valid = [form.is_valid() for form in self]  # every form, so each shows its errors
        return not self.adding_question and all(valid)

    def cleaned(self) -> tuple[dict, dict, list | None]:
        """The document's fields, the kind's JSON params and the chosen pairs (or None)."""
        params = dict(self.params.cleaned_data) if self.params else {}
        mentorships = None
        if "mentorships" in params:
            mentorships = list(params.pop("mentorships"))
        elif "mentorship" in params:
            chosen = params.pop("mentorship")
            mentorships = [chosen] if chosen else []
        params = params_to_json(params)
        if self.agenda is not None:
            params["agenda"] = [
                {key: value for key, value in form.cleaned_data.items() if key != "DELETE"}
                for form in self.agenda.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
        return dict(self.document.cleaned_data), params, mentorships
