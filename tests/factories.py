from __future__ import annotations

import datetime

import factory
from django.contrib.auth.models import Group

from mentorship.models import (
    Audience,
    Consent,
    ConsentKind,
    MenteeCategory,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    Person,
    PersonKind,
    ProgrammeYear,
    School,
    Topic,
    User,
)
from mentorship.roles import ROLES


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Мария"
    last_name = factory.Sequence(lambda n: f"Иванова{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.ru")
    password = factory.django.Password("secret-pass-1")

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs) -> None:
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=[ROLES[r].group for r in extracted]))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    surname = factory.Sequence(lambda n: f"Петрова{n}")
    name = "Анна"
    patronymic = "Сергеевна"
    kind = PersonKind.STAFF
    position = "Учитель"
    department = "МО учителей математики"
    birth_date = datetime.date(1985, 5, 17)
    teaching_experience_years = 12


class ProgrammeYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeYear
        django_get_or_create = ("title",)

    title = factory.Sequence(lambda n: f"{2030 + n}/{2031 + n}")
    start_date = factory.LazyAttribute(lambda y: datetime.date(int(y.title[:4]), 9, 1))
    end_date = factory.LazyAttribute(lambda y: datetime.date(int(y.title[:4]) + 1, 8, 31))
    is_current = False


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ("id",)

    id = 1
    full_name = "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 5»"
    short_name = "МБОУ «СШ № 5»"
    director_name = "Соколова Ирина Владимировна"
    locality = "г. Киров"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"topic-{n}")
    title = factory.Sequence(lambda n: f"Тема {n}")
    audience = Audience.TEACHERS


class MentoringFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentoringForm
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"form-{n}")
    title = factory.Sequence(lambda n: f"Форма {n}")


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    kind = ConsentKind.PERSONAL_DATA
    valid_from = datetime.date(2025, 9, 1)
    data_categories = factory.LazyFunction(lambda: ["name", "work"])


class MenteeProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MenteeProfile

    person = factory.SubFactory(PersonFactory)
    category = MenteeCategory.YOUNG_SPECIALIST


class MentorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorProfile

    person = factory.SubFactory(PersonFactory)


class RoadmapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "roadmap.Roadmap"

    year = factory.SubFactory(ProgrammeYearFactory)
    title = factory.LazyAttribute(lambda r: f"Дорожная карта на {r.year.title} учебный год")


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "roadmap.Stage"

    roadmap = factory.SubFactory(RoadmapFactory)
    number = factory.Sequence(lambda n: n % 9 + 1)
    title = factory.Sequence(lambda n: f"Этап {n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "roadmap.Event"

    stage = factory.SubFactory(StageFactory)
    order = factory.Sequence(lambda n: n)
    number = factory.Sequence(lambda n: f"1.{n}")
    title = factory.Sequence(lambda n: f"Мероприятие {n}")
    deadline_phrase = "Октябрь 2026 г."
    end_date = datetime.date(2026, 10, 31)
    start_date = factory.LazyAttribute(lambda e: e.end_date.replace(day=1) if e.end_date else None)


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "surveys.Questionnaire"

    title = factory.Sequence(lambda n: f"Анкета {n}")
    purpose = "custom"
    audience = "all"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "surveys.Question"

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    order = factory.Sequence(lambda n: n)
    kind = "short_text"
    text = factory.Sequence(lambda n: f"Вопрос {n}")


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "surveys.Option"

    question = factory.SubFactory(QuestionFactory, kind="single")
    order = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Вариант {n}")


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "surveys.Campaign"

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    year = factory.SubFactory(ProgrammeYearFactory)
    title = factory.Sequence(lambda n: f"Опрос {n}")
    starts_on = datetime.date(2026, 11, 1)
    ends_on = datetime.date(2026, 12, 31)
    status = "open"


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "surveys.Invitation"

    campaign = factory.SubFactory(CampaignFactory)
    person = factory.SubFactory(PersonFactory)


class MentorshipFactory(factory.django.DjangoModelFactory):
    """A pair straight in the database (services check consents; tests of pages may not)."""

    class Meta:
        model = "mentorship.Mentorship"
        skip_postgeneration_save = True

    year = factory.SubFactory(ProgrammeYearFactory)
    form = factory.SubFactory(MentoringFormFactory)
    mentor = factory.SubFactory(MentorProfileFactory)
    start_date = datetime.date(2026, 10, 1)
    planned_end_date = datetime.date(2027, 5, 31)
    status = "active"

    @factory.post_generation
    def members(self, create: bool, extracted: list | None, **kwargs) -> None:
        if not create:
            return
        from mentorship.models import MentorshipMember

        for mentee in extracted if extracted is not None else [MenteeProfileFactory()]:
            MentorshipMember.objects.create(
                mentorship=self, mentee=mentee, joined_on=self.start_date
            )


class RewardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "mentorship.Reward"

    year = factory.SubFactory(ProgrammeYearFactory)
    person = factory.LazyFunction(lambda: MentorProfileFactory().person)
    kind = "gratitude"


class CaseFactory(factory.django.DjangoModelFactory):
    """A case straight in the database, unpublished unless told otherwise."""

    class Meta:
        model = "mentorship.Case"

    year = factory.SubFactory(ProgrammeYearFactory)
    title = factory.Sequence(lambda n: f"Практика {n}")
    problem = "Молодой педагог теряет темп урока"
    actions = "Взаимные посещения уроков и их разбор"
    result = "Урок идёт по плану"


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "mentorship.Resource"

    title = factory.Sequence(lambda n: f"Материал {n}")
    kind = "material"
    description = "Короткая памятка"
