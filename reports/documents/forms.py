"""Each document kind's own parameters, as ordinary Django forms."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from mentorship.models import Mentorship, Person, Reward


def staff_people():
    return Person.objects.staff().not_anonymised().order_by("search_key")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name}, {obj.position}" if obj.position else obj.full_name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name}, {obj.position}" if obj.position else obj.full_name


class KindForm(forms.Form):
    """Base: the control clause and a crispy helper without its own <form> tag."""

    control_person = PersonChoiceField(
        label=_("Контроль за исполнением возложить на"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("— оставляю за собой (директор) —"),
    )

    def __init__(self, *args, year=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.year = year
        for field in self.fields.values():
            choice = isinstance(field, forms.ModelChoiceField | forms.ModelMultipleChoiceField)
            if choice and field.queryset.model is Person:
                field.queryset = staff_people()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CuratorOrderForm(KindForm):
    curator = PersonChoiceField(label=_("Куратор"), queryset=Person.objects.none())
    start_date = forms.DateField(label=_("Приступить к обязанностям с"), widget=DATE)
    duties = forms.CharField(
        label=_("Обязанности куратора"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Каждая обязанность с новой строки"),
    )
    field_order = ["curator", "start_date", "duties", "control_person"]


class ImplementationOrderForm(KindForm):
    model = forms.ChoiceField(
        label=_("Что внедряется"),
        choices=[
            ("both", _("система наставничества педагогов и целевая модель для обучающихся")),
            ("teachers", _("система наставничества педагогических работников")),
            ("pupils", _("целевая модель наставничества обучающихся")),
        ],
    )
    curator = PersonChoiceField(label=_("Куратор"), queryset=Person.objects.none())
    stage1_date = forms.DateField(
        label=_("Мониторинг, этап 1 (качество процесса) — до"), widget=DATE
    )
    stage2_date = forms.DateField(label=_("Мониторинг, этап 2 (рост участников) — до"), widget=DATE)
    results = forms.CharField(
        label=_("Планируемые результаты"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Каждый результат с новой строки"),
    )
    field_order = ["model", "curator", "stage1_date", "stage2_date", "results", "control_person"]

    def clean(self) -> dict:
        data = super().clean()
        first, second = data.get("stage1_date"), data.get("stage2_date")
        if first and second and second < first:
            self.add_error(
                "stage2_date", _("Второй этап мониторинга не может идти раньше первого.")
            )
        return data


class MentorshipsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Mentorship) -> str:
        mentees = ", ".join(m.mentee.person.short_name for m in obj.members.all() if not m.left_on)
        return (
            f"{obj.mentor.person.full_name} → {mentees or '—'}; {obj.form.title} "
            f"({obj.get_status_display()})"
        )


class PairsOrderForm(KindForm):
    mentorships = MentorshipsField(
        label=_("Пары и группы"),
        queryset=Mentorship.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Черновики пар этого года; закреплённые приказом пары переходят в статус «закреплена приказом»"
        ),
    )
    curator = PersonChoiceField(
        label=_("Куратор (сопровождение пар)"), queryset=Person.objects.none(), required=False
    )
    programmes_due = forms.DateField(
        label=_("Разработать персонализированные программы до"), widget=DATE
    )
    field_order = ["mentorships", "curator", "programmes_due", "control_person"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        queryset = Mentorship.objects.filter(status__in=("draft", "approved", "active"))
        if self.year:
            queryset = queryset.filter(year=self.year)
        self.fields["mentorships"].queryset = (
            queryset.select_related("mentor__person", "form")
            .prefetch_related("members__mentee__person")
            .order_by("mentor__person__search_key", "pk")
        )


class RewardChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Reward) -> str:
        return f"{obj.person.full_name} — {obj.get_kind_display()}, {obj.basis}"


class RewardsOrderForm(KindForm):
    rewards = RewardChoiceField(
        label=_("Из реестра поощрений"),
        queryset=Reward.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Поощрения этого года, ещё не оформленные приказом"),
    )
    mentors = PeopleChoiceField(
        label=_("Или наставники по списку"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    reward = forms.ChoiceField(
        label=_("Вид поощрения для списка"),
        choices=[
            ("gratitude", _("объявить благодарность")),
            ("certificate", _("наградить почётной грамотой")),
            ("bonus", _("выплатить единовременную премию")),
            ("status", _("присвоить статус «Лучший наставник года»")),
            ("state_award", _("представить к знаку отличия «За наставничество»")),
        ],
        required=False,
    )
    basis = forms.CharField(
        label=_("За что (для списка)"),
        max_length=300,
        required=False,
        initial="за высокие результаты работы в программе наставничества",
    )
    field_order = ["rewards", "mentors", "reward", "basis", "control_person"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        pending = Reward.objects.filter(order_reference="").select_related("person")
        if self.year:
            pending = pending.filter(year=self.year)
        self.fields["rewards"].queryset = pending.order_by("person__search_key", "pk")

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("rewards") and not data.get("mentors"):
            raise forms.ValidationError(
                _("Отметьте поощрения из реестра или выберите наставников по списку.")
            )
        if data.get("mentors") and not data.get("reward"):
            self.add_error("reward", _("Выберите вид поощрения для наставников по списку."))
        return data


class FinalEventOrderForm(KindForm):
    format = forms.ChoiceField(
        label=_("Форма мероприятия"),
        choices=[
            ("round_table", _("круглый стол")),
            ("conference", _("конференция")),
            ("festival", _("фестиваль наставнических практик")),
            ("forum", _("форум наставников")),
        ],
    )
    event_date = forms.DateField(label=_("Дата"), widget=DATE)
    event_time = forms.TimeField(
        label=_("Время"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    place = forms.CharField(label=_("Место"), max_length=200, required=False)
    responsible = PersonChoiceField(label=_("Ответственный"), queryset=Person.objects.none())
    participants = forms.CharField(label=_("Участники"), max_length=500)
    field_order = [
        "format",
        "event_date",
        "event_time",
        "place",
        "responsible",
        "participants",
        "control_person",
    ]

    def clean_event_time(self):
        value = self.cleaned_data.get("event_time")
        return value.strftime("%H:%M") if value else ""


class ProtocolForm(KindForm):
    meeting_date = forms.DateField(label=_("Дата заседания"), widget=DATE)
    present = forms.IntegerField(label=_("Присутствовали, чел."), min_value=0)
    absent = forms.IntegerField(label=_("Отсутствовали, чел."), min_value=0, initial=0)
    chair = PersonChoiceField(label=_("Председатель"), queryset=Person.objects.none())
    secretary = PersonChoiceField(label=_("Секретарь"), queryset=Person.objects.none())
    field_order = ["meeting_date", "present", "absent", "chair", "secretary"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["control_person"]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("chair") and data.get("chair") == data.get("secretary"):
            self.add_error("secretary", _("Секретарь и председатель — разные люди."))
        return data


class AgendaItemForm(forms.Form):
    question = forms.CharField(label=_("Вопрос повестки"), max_length=500)
    heard = forms.CharField(
        label=_("Слушали"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Кого и о чём: «Иванову М. П., заместителя директора по УВР, — о …»"),
    )
    spoke = forms.CharField(
        label=_("Выступили"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    decided = forms.CharField(label=_("Решили"), widget=forms.Textarea(attrs={"rows": 2}))
    votes_for = forms.IntegerField(label=_("«за»"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("«против»"), min_value=0, required=False)
    votes_abstained = forms.IntegerField(label=_("«воздержались»"), min_value=0, required=False)


AgendaFormSet = forms.formset_factory(
    AgendaItemForm, extra=1, can_delete=True, min_num=1, validate_min=True
)


class ProgrammeForm(KindForm):
    mentorship = forms.ModelChoiceField(
        label=_("Пара или группа"),
        queryset=Mentorship.objects.none(),
        help_text=_("Программа печатается из персонализированной программы этой пары"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["control_person"]
        queryset = Mentorship.objects.filter(programme__isnull=False).select_related(
            "mentor__person", "form"
        )
        self.fields["mentorship"].queryset = (
            queryset.filter(year=self.year) if self.year else queryset
        )
