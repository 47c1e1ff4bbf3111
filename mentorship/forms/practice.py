"""Forms of the rewards registry, the case bank and the methodical library."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Fieldset, Layout, Row
from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from mentorship.models import (
    Case,
    MentoringForm,
    Mentorship,
    Person,
    ProgrammeYear,
    Resource,
    ResourceKind,
    Reward,
    RewardKind,
    Topic,
)

FILE_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


def _text(value: str) -> str:
    # Keep the author's paragraphs, drop trailing spaces and runs of blank lines.
    kept: list[str] = []
    for line in (line.rstrip() for line in value.strip().splitlines()):
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept)


class StoredFileMixin(forms.ModelForm):
    """A private file has no public URL: the form names it, links the checking view, and
    offers a box to remove it (Django's clearable input would ask the storage for a URL)."""

    remove_file = forms.BooleanField(label=_("Удалить файл"), required=False)

    def setup_file(self, file_url: str | None) -> None:
        stored = self.instance.file
        if not stored:
            del self.fields["remove_file"]
            return
        name = stored.name.rsplit("/", 1)[-1]
        self.fields["file"].help_text = format_html(
            'Сейчас: <a href="{}">{}</a>. Новый файл заменит его. PDF, JPEG или PNG, до 10 МБ',
            file_url or "#",
            name,
        )

    def _remove(self) -> list[str]:
        return ["remove_file"] if "remove_file" in self.fields else []

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("remove_file") and not self.files.get(self.add_prefix("file")):
            cleaned["file"] = False
        return cleaned


def _chosen_first(qs: QuerySet, chosen: list[int]) -> QuerySet:
    """The ticked boxes of a long list lead it, so they are seen without scrolling."""
    rank = models.Case(models.When(pk__in=chosen, then=models.Value(0)), default=models.Value(1))
    return qs.annotate(chosen_rank=rank).order_by("chosen_rank", *qs.query.order_by or [])


def _years() -> QuerySet[ProgrammeYear]:
    return ProgrammeYear.objects.order_by("-start_date")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name}, {obj.department}" if obj.department else obj.full_name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.full_name


class PairChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Mentorship) -> str:
        # The mentees tell apart two pairs of one mentor (case_pairs prefetches them).
        mentees = ", ".join(m.mentee.person.short_name for m in getattr(obj, "current_members", []))
        people = (
            f"{obj.mentor.person.short_name} → {mentees}"
            if mentees
            else obj.mentor.person.short_name
        )
        return f"{people} ({obj.form}, {obj.get_status_display()})"


# Rewards


class RewardFilterForm(forms.Form):
    q = forms.CharField(label=_("Наставник"), required=False)
    year = forms.ModelChoiceField(
        label=_("Учебный год"), required=False, queryset=_years(), empty_label=_("все годы")
    )
    kind = forms.ChoiceField(
        label=_("Вид поощрения"), required=False, choices=[("", _("любой")), *RewardKind.choices]
    )
    state = forms.ChoiceField(
        label=_("Приказ"),
        required=False,
        choices=[("", _("все")), ("pending", _("ждут приказа")), ("ordered", _("по приказу"))],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = _years()


class RewardForm(forms.ModelForm):
    person = PersonChoiceField(
        label=_("Наставник"), queryset=Person.objects.none(), empty_label=_("выберите")
    )

    class Meta:
        model = Reward
        fields = ["year", "person", "kind", "basis"]
        help_texts = {"basis": _("Так и войдёт в приказ: «за …»")}

    def __init__(self, *args, mentors: QuerySet[Person], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = _years()
        self.fields["year"].empty_label = None
        self.fields["person"].queryset = mentors
        self.fields["kind"].choices = [("", _("выберите")), *RewardKind.choices]
        self.helper = _helper()
        self.helper.layout = Layout(
            Row(Column("person", css_class="col-12 col-md-8"), Column("year")), "kind", "basis"
        )

    def clean_basis(self) -> str:
        return " ".join(self.cleaned_data["basis"].split())


# Cases


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Поиск"), required=False)
    year = forms.ModelChoiceField(
        label=_("Учебный год"), required=False, queryset=_years(), empty_label=_("все годы")
    )
    form = forms.ModelChoiceField(
        label=_("Форма наставничества"),
        required=False,
        queryset=MentoringForm.objects.all(),
        empty_label=_("любая"),
    )
    published = forms.ChoiceField(
        label=_("Публикация"),
        required=False,
        choices=[("", _("все")), ("yes", _("опубликованные")), ("no", _("не опубликованные"))],
    )

    def __init__(self, *args, sees_unpublished: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = _years()
        if not sees_unpublished:
            del self.fields["published"]


class CaseForm(StoredFileMixin):
    link = forms.URLField(
        label=_("Ссылка на материалы"), required=False, max_length=200, assume_scheme="https"
    )
    mentorship = PairChoiceField(
        label=_("Пара или группа"), queryset=Mentorship.objects.none(), required=False
    )
    authors = PeopleChoiceField(
        label=_("Авторы"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Пусто — наставник и наставляемые выбранной пары"),
    )

    class Meta:
        model = Case
        fields = [
            "title",
            "mentorship",
            "form",
            "authors",
            "problem",
            "actions",
            "result",
            "file",
            "link",
            "is_published",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 3}),
            "actions": forms.Textarea(attrs={"rows": 4}),
            "result": forms.Textarea(attrs={"rows": 3}),
            "file": forms.FileInput(attrs={"accept": FILE_ACCEPT}),
        }
        labels = {"file": _("Файл")}
        help_texts = {
            "problem": _("С каким запросом или трудностью начинали"),
            "actions": _("Формы работы, встречи, приёмы — то, что можно повторить"),
            "result": _("Что изменилось: измеримо, если получится"),
        }

    def __init__(
        self,
        *args,
        pairs: QuerySet[Mentorship],
        authors: QuerySet[Person],
        can_publish: bool,
        pair_required: bool,
        file_url: str | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.setup_file(file_url)
        self.fields["mentorship"].queryset = pairs
        self.fields["mentorship"].required = pair_required
        self.fields["mentorship"].empty_label = (
            _("выберите") if pair_required else _("без пары (практика школы)")
        )
        self.fields["form"].queryset = MentoringForm.objects.filter(is_active=True)
        self.fields["form"].empty_label = _("как у пары")
        # A mentor picks from the people of his pairs; the curator from the whole banks.
        chosen = (
            list(self.instance.authors.values_list("pk", flat=True)) if self.instance.pk else []
        )
        self.fields["authors"].queryset = _chosen_first(authors.order_by("search_key"), chosen)
        if not can_publish:
            del self.fields["is_published"]
        self.helper = _helper()
        self.helper.layout = Layout(
            "title",
            Row(Column("mentorship", css_class="col-12 col-md-7"), Column("form")),
            Div("authors", css_class="check-columns"),
            "problem",
            "actions",
            "result",
            Fieldset(
                _("Материалы"),
                Row(Column("file", *self._remove(), css_class="col-12 col-md-6"), Column("link")),
            ),
            *(["is_published"] if can_publish else []),
        )

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_problem(self) -> str:
        return _text(self.cleaned_data["problem"])

    def clean_actions(self) -> str:
        return _text(self.cleaned_data["actions"])

    def clean_result(self) -> str:
        return _text(self.cleaned_data["result"])


# The library


class ResourceFilterForm(forms.Form):
    q = forms.CharField(label=_("Поиск"), required=False)
    kind = forms.ChoiceField(
        label=_("Вид"), required=False, choices=[("", _("любой")), *ResourceKind.choices]
    )
    topic = forms.ModelChoiceField(
        label=_("Тема"), required=False, queryset=Topic.objects.none(), empty_label=_("любая")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(resources__isnull=False).distinct()


class ResourceForm(StoredFileMixin):
    url = forms.URLField(label=_("Ссылка"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = Resource
        fields = ["title", "kind", "description", "topics", "file", "url", "is_public"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "topics": forms.CheckboxSelectMultiple(),
            "file": forms.FileInput(attrs={"accept": FILE_ACCEPT}),
        }
        help_texts = {
            "description": _("Короткая памятка целиком или о чём материал"),
        }

    def __init__(self, *args, file_url: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.setup_file(file_url)
        self.fields["kind"].choices = [("", _("выберите")), *ResourceKind.choices]
        chosen = list(self.instance.topics.values_list("pk", flat=True)) if self.instance.pk else []
        topics = Topic.objects.filter(is_active=True).order_by("audience", "order", "title")
        self.fields["topics"].queryset = _chosen_first(topics, chosen)
        self.helper = _helper()
        self.helper.layout = Layout(
            Row(Column("title", css_class="col-12 col-md-8"), Column("kind")),
            "description",
            Div("topics", css_class="check-columns"),
            Row(Column("file", *self._remove(), css_class="col-12 col-md-6"), Column("url")),
            "is_public",
        )

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_description(self) -> str:
        return _text(self.cleaned_data["description"])
