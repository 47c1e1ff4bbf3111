"""A believable demo school: staff, pupils, log-ins for every role. Deterministic per seed."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.db.models import F

from mentorship import services
from mentorship.models import (
    PERSONAL_DATA_DEFAULT,
    Audience,
    Consent,
    ConsentKind,
    MatchProposal,
    Meeting,
    MeetingFormat,
    MeetingKind,
    MenteeCategory,
    MenteeProfile,
    MenteeStatus,
    MenteeStatusChange,
    MentoringForm,
    MentorProfile,
    Mentorship,
    MentorshipStatus,
    MentorStatus,
    MentorStatusChange,
    Person,
    PersonKind,
    ProgrammeTemplate,
    ProgrammeYear,
    Topic,
    User,
)
from mentorship.roles import CURATOR, DIRECTOR, MENTOR, ROLE_PRIORITY, ROLES, TEACHER, ensure_roles
from mentorship.services.consents import DEFAULT_PURPOSES
from mentorship.text import transliterate

# (male surname, female surname): the female form is not always «+а» (Шевчук, Ким, Дюма).
SURNAMES = [
    ("Иванов", "Иванова"),
    ("Смирнов", "Смирнова"),
    ("Кузнецов", "Кузнецова"),
    ("Попов", "Попова"),
    ("Соколов", "Соколова"),
    ("Лебедев", "Лебедева"),
    ("Козлов", "Козлова"),
    ("Новиков", "Новикова"),
    ("Морозов", "Морозова"),
    ("Волков", "Волкова"),
    ("Семёнов", "Семёнова"),
    ("Королёв", "Королёва"),
    ("Ёлкин", "Ёлкина"),
    ("Павлов", "Павлова"),
    ("Фёдоров", "Фёдорова"),
    ("Михайлов", "Михайлова"),
    ("Белов", "Белова"),
    ("Тарасов", "Тарасова"),
    ("Орлов", "Орлова"),
    ("Андреев", "Андреева"),
    ("Макаров", "Макарова"),
    ("Никитин", "Никитина"),
    ("Захаров", "Захарова"),
    ("Зайцев", "Зайцева"),
    ("Соловьёв", "Соловьёва"),
    ("Борисов", "Борисова"),
    ("Яковлев", "Яковлева"),
    ("Григорьев", "Григорьева"),
    ("Романов", "Романова"),
    ("Воробьёв", "Воробьёва"),
    ("Сергеев", "Сергеева"),
    ("Кириллов", "Кириллова"),
    ("Гусев", "Гусева"),
    ("Титов", "Титова"),
    ("Куликов", "Куликова"),
    ("Жуков", "Жукова"),
    ("Покровский", "Покровская"),
    ("Вишневский", "Вишневская"),
    ("Толстой", "Толстая"),
    ("Шевчук", "Шевчук"),
    ("Ким", "Ким"),
    ("Бондаренко", "Бондаренко"),
    ("Коваленко", "Коваленко"),
    ("Дюма", "Дюма"),
    ("Черных", "Черных"),
    ("Алиев", "Алиева"),
    ("Магомедов", "Магомедова"),
    ("Гасанов", "Гасанова"),
    ("Рахимов", "Рахимова"),
    ("Юсупов", "Юсупова"),
    ("Абдуллаев", "Абдуллаева"),
    ("Гарипов", "Гарипова"),
    ("Хабибуллин", "Хабибуллина"),
    ("Мельник", "Мельник"),
    ("Римский-Корсаков", "Римская-Корсакова"),
]
MALE_NAMES = [
    "Александр",
    "Сергей",
    "Дмитрий",
    "Андрей",
    "Алексей",
    "Иван",
    "Михаил",
    "Николай",
    "Артём",
    "Пётр",
    "Владимир",
    "Евгений",
    "Олег",
    "Павел",
    "Роман",
    "Илья",
    "Максим",
    "Магомед",
    "Гасан",
    "Рустам",
    "Тимур",
    "Фаррух",
    "Ильдар",
    "Даниил",
    "Кирилл",
]
FEMALE_NAMES = [
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Светлана",
    "Мария",
    "Анна",
    "Екатерина",
    "Юлия",
    "Алёна",
    "Людмила",
    "Галина",
    "Марина",
    "Дарья",
    "Ксения",
    "Патимат",
    "Марьям",
    "Дильноза",
    "Гульнара",
    "Зарема",
    "Полина",
    "Софья",
    "Варвара",
]
FATHER_NAMES = [
    "Александр",
    "Сергей",
    "Дмитрий",
    "Андрей",
    "Алексей",
    "Иван",
    "Михаил",
    "Николай",
    "Пётр",
    "Владимир",
    "Евгений",
    "Олег",
    "Павел",
    "Игорь",
    "Юрий",
    "Виктор",
    "Анатолий",
    "Магомед",
    "Гасан",
    "Рустам",
    "Ильдар",
    "Василий",
    "Фёдор",
    "Григорий",
]
# Patronymics made from the father names above, man's and woman's form.
PATRONYMICS = {
    "Александр": ("Александрович", "Александровна"),
    "Сергей": ("Сергеевич", "Сергеевна"),
    "Дмитрий": ("Дмитриевич", "Дмитриевна"),
    "Андрей": ("Андреевич", "Андреевна"),
    "Алексей": ("Алексеевич", "Алексеевна"),
    "Иван": ("Иванович", "Ивановна"),
    "Михаил": ("Михайлович", "Михайловна"),
    "Николай": ("Николаевич", "Николаевна"),
    "Пётр": ("Петрович", "Петровна"),
    "Владимир": ("Владимирович", "Владимировна"),
    "Евгений": ("Евгеньевич", "Евгеньевна"),
    "Олег": ("Олегович", "Олеговна"),
    "Павел": ("Павлович", "Павловна"),
    "Игорь": ("Игоревич", "Игоревна"),
    "Юрий": ("Юрьевич", "Юрьевна"),
    "Виктор": ("Викторович", "Викторовна"),
    "Анатолий": ("Анатольевич", "Анатольевна"),
    "Магомед": ("Магомедович", "Магомедовна"),
    "Гасан": ("Гасанович", "Гасановна"),
    "Рустам": ("Рустамович", "Рустамовна"),
    "Ильдар": ("Ильдарович", "Ильдаровна"),
    "Василий": ("Васильевич", "Васильевна"),
    "Фёдор": ("Фёдорович", "Фёдоровна"),
    "Григорий": ("Григорьевич", "Григорьевна"),
}
SUBJECTS = [
    ("русский язык и литература", "МО учителей русского языка и литературы"),
    ("математика", "МО учителей математики и информатики"),
    ("информатика", "МО учителей математики и информатики"),
    ("английский язык", "МО учителей иностранных языков"),
    ("немецкий язык", "МО учителей иностранных языков"),
    ("история и обществознание", "МО учителей общественных наук"),
    ("физика", "МО учителей естественно-научного цикла"),
    ("химия", "МО учителей естественно-научного цикла"),
    ("биология", "МО учителей естественно-научного цикла"),
    ("география", "МО учителей естественно-научного цикла"),
    ("начальные классы", "МО учителей начальных классов"),
    ("физическая культура", "МО учителей физической культуры и ОБЗР"),
    ("музыка", "МО учителей эстетического цикла"),
    ("изобразительное искусство", "МО учителей эстетического цикла"),
    ("труд (технология)", "МО учителей эстетического цикла"),
]
CLASSES = ["5А", "5Б", "6А", "6Б", "7А", "7Б", "8А", "8Б", "9А", "9Б", "10А", "11А"]

DEMO_PASSWORDS = {
    CURATOR: ("kurator", "kurator-demo-2026"),
    DIRECTOR: ("direktor", "direktor-demo-2026"),
    MENTOR: ("nastavnik", "nastavnik-demo-2026"),
    TEACHER: ("pedagog", "pedagog-demo-2026"),
}


# Callables ``(*, seed, today) -> None`` registered by other apps in their AppConfig.ready();
# each must be idempotent, like seed_demo itself.
DEMO_EXTENSIONS: list[Callable[..., None]] = []

# The large demo (mentorship.demo_large) fills each programme year with (order, step) steps,
# lowest order first, each called with the year's ``LargeYear``; closers then close a past
# year and leave the next one current. Registered by other apps in their AppConfig.ready().
LARGE_YEAR_STEPS: list[tuple[int, Callable[..., None]]] = []
LARGE_YEAR_CLOSERS: list[Callable[..., None]] = []


# The demo school's requisites, the same for the small and the large school.
SCHOOL = {
    "full_name": "Муниципальное бюджетное общеобразовательное учреждение "
    "«Средняя общеобразовательная школа № 12» г. Зареченска",
    "short_name": "МБОУ «СОШ № 12»",
    "locality": "г. Зареченск",
    "address": "613040, Кировская область, г. Зареченск, ул. Школьная, д. 12",
    "phone": "+7 (83333) 2-12-12",
    "email": "school12@example.ru",
    "founder": "Управление образования администрации города Зареченска",
}


def register_large_step(step: Callable[..., None], *, order: int) -> None:
    if all(existing is not step for _order, existing in LARGE_YEAR_STEPS):
        LARGE_YEAR_STEPS.append((order, step))


def register_large_closer(closer: Callable[..., None]) -> None:
    if closer not in LARGE_YEAR_CLOSERS:
        LARGE_YEAR_CLOSERS.append(closer)


_ROLE_ORDER = [ROLES[code].group for code in ROLE_PRIORITY]


@dataclass
class DemoLogin:
    role: str
    username: str
    password: str
    person: str
    others: int = 0


@dataclass
class DemoResult:
    staff: int
    pupils: int
    created: int
    logins: list[DemoLogin]


class _NameMaker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[tuple[str, str, str]] = set()

    def make(self, female: bool) -> tuple[str, str, str]:
        while True:
            male_surname, female_surname = self.rng.choice(SURNAMES)
            name = self.rng.choice(FEMALE_NAMES if female else MALE_NAMES)
            father = self.rng.choice(FATHER_NAMES)
            patronymic = PATRONYMICS[father][1 if female else 0]
            full = (female_surname if female else male_surname, name, patronymic)
            if full not in self.used:
                self.used.add(full)
                return full


def _latin(text: str) -> str:
    return "".join(ch for ch in transliterate(text) if ch.isascii() and ch.isalnum())


def _birth_date(rng: random.Random, today: datetime.date, age: int) -> datetime.date:
    return today - datetime.timedelta(days=age * 365 + rng.randint(10, 350))


def _staff_specs(rng: random.Random, today: datetime.date) -> list[dict]:
    """About forty staff: the administration, specialists, experienced and young teachers."""
    names = _NameMaker(rng)
    specs: list[dict] = []

    def add(
        position: str,
        female: bool,
        age: int,
        experience: int,
        subject_index: int | None,
        role: str | None = None,
    ) -> None:
        surname, name, patronymic = names.make(female)
        subjects, department = ("", "Администрация")
        if subject_index is not None:
            subjects, department = SUBJECTS[subject_index]
        specs.append(
            {
                "surname": surname,
                "name": name,
                "patronymic": patronymic,
                "position": position,
                "subjects": subjects,
                "department": department,
                "birth_date": _birth_date(rng, today, age),
                "experience": experience,
                "hire_date": today - datetime.timedelta(days=min(experience, age - 22) * 365 + 40),
                "role": role,
                "email": f"{_latin(surname)}{len(specs) + 1}@school12.example.ru"
                if rng.random() < 0.5
                else "",
            }
        )

    add("Директор", True, 52, 29, None, DIRECTOR)
    add("Заместитель директора по учебно-воспитательной работе", True, 46, 22, None, CURATOR)
    add("Заместитель директора по воспитательной работе", False, 41, 17, None)
    add("Педагог-психолог", True, 38, 12, None)
    add("Социальный педагог", True, 44, 19, None)
    # Experienced teachers: the future mentor bank; the first one is the demo mentor.
    for index in range(22):
        subject = index % len(SUBJECTS)
        female = rng.random() < 0.8
        age = rng.randint(36, 63)
        add(
            "Учитель",
            female,
            age,
            rng.randint(10, age - 23),
            subject,
            MENTOR if index < 6 else None,
        )
    # Middle-career teachers.
    for index in range(5):
        age = rng.randint(30, 45)
        add("Учитель", rng.random() < 0.75, age, rng.randint(4, 9), (index * 4) % len(SUBJECTS))
    # Young specialists and new employees: the future mentee bank; the first is the demo teacher.
    for index in range(8):
        age = rng.randint(22, 29)
        add(
            "Учитель",
            rng.random() < 0.7,
            age,
            rng.randint(0, 3),
            (index * 3 + 1) % len(SUBJECTS),
            TEACHER,
        )
    return specs


def _pupil_specs(rng: random.Random, today: datetime.date) -> list[dict]:
    names = _NameMaker(rng)
    specs = []
    for index in range(60):
        class_name = CLASSES[index % len(CLASSES)]
        grade = int(class_name[:-1])
        surname, name, patronymic = names.make(rng.random() < 0.5)
        specs.append(
            {
                "surname": surname,
                "name": name,
                "patronymic": patronymic,
                "department": class_name,
                "birth_date": _birth_date(rng, today, grade + 6),
            }
        )
    return specs


def _year_dates(today: datetime.date) -> int:
    return today.year if today.month >= 9 else today.year - 1


@transaction.atomic
def seed_demo(*, seed: int = 2026, today: datetime.date) -> DemoResult:
    """Create (or complete) the demo school; running it again changes nothing but passwords."""
    rng = random.Random(seed)  # noqa: S311 (demo names, not security)
    ensure_roles()
    school = services.get_school()
    if school.full_name == "Образовательная организация":
        services.school_update(
            actor=None,
            data=dict(SCHOOL),
        )
    first = _year_dates(today)
    for start in (first - 1, first):
        title = f"{start}/{start + 1}"
        if not ProgrammeYear.objects.filter(title=title).exists():
            begin, end = services.default_year_dates(start)
            services.programme_year_create(
                title=title,
                start_date=begin,
                end_date=end,
                make_current=start == first,
                actor=None,
            )

    created = 0
    logins: list[DemoLogin] = []
    groups = {code: Group.objects.get(name=role.group) for code, role in ROLES.items()}
    role_count: dict[str, int] = {}
    for spec in _staff_specs(rng, today):
        person, was_created = Person.objects.get_or_create(
            surname=spec["surname"],
            name=spec["name"],
            patronymic=spec["patronymic"],
            birth_date=spec["birth_date"],
            kind=PersonKind.STAFF,
            defaults={
                "position": spec["position"],
                "subjects": spec["subjects"],
                "department": spec["department"],
                "hire_date": spec["hire_date"],
                "teaching_experience_years": spec["experience"],
                "email": spec["email"],
            },
        )
        created += was_created
        role = spec["role"]
        if role is None:
            continue
        # The first person of a role gets the printed log-in, the others «nastavnik2», … with
        # the same password, so that a second mentor can be tried too.
        role_count[role] = role_count.get(role, 0) + 1
        base_username, password = DEMO_PASSWORDS[role]
        username = base_username if role_count[role] == 1 else f"{base_username}{role_count[role]}"
        user = _demo_user(person, username, password)
        user.groups.add(groups[role])
        if role == DIRECTOR and not school.director_name:
            services.school_update(actor=None, data={"director_name": person.full_name})
        if role_count[role] == 1:
            logins.append(DemoLogin(ROLES[role].group, username, password, person.full_name))
        else:
            logins[-1].others += 1 if logins[-1].role == ROLES[role].group else 0
    for spec in _pupil_specs(rng, today):
        _person, was_created = Person.objects.get_or_create(
            surname=spec["surname"],
            name=spec["name"],
            patronymic=spec["patronymic"],
            birth_date=spec["birth_date"],
            kind=PersonKind.PUPIL,
            defaults={"department": spec["department"]},
        )
        created += was_created
    if not MenteeProfile.objects.exists() and not MentorProfile.objects.exists():
        _seed_banks(random.Random(seed + 1), today)  # noqa: S311 (demo data)
    if not Mentorship.objects.exists():
        _seed_pairs(today)
    if not Meeting.objects.exists():
        _seed_meetings(today)
    # Other apps add their part of the demo school (mentorship may not import them).
    for extension in DEMO_EXTENSIONS:
        extension(seed=seed, today=today)
    return DemoResult(
        staff=Person.objects.staff().count(),
        pupils=Person.objects.pupils().count(),
        created=created,
        logins=sorted(logins, key=lambda login: _ROLE_ORDER.index(login.role)),
    )


def _seed_banks(rng: random.Random, today: datetime.date) -> None:
    """Consents and both banks, as a school has them in November: requests in, mentors chosen."""
    if not Topic.objects.exists():
        call_command("load_standard_data", verbosity=0)
    start = datetime.date(_year_dates(today), 9, 1)
    teacher_topics = list(Topic.objects.filter(audience=Audience.TEACHERS))
    pupil_topics = list(Topic.objects.filter(audience=Audience.PUPILS))
    forms = {form.code: form for form in MentoringForm.objects.all()}
    staff = list(Person.objects.staff().select_related("user").order_by("pk"))
    mentor_group = set(
        Person.objects.filter(user__groups__name=ROLES[MENTOR].group).values_list("pk", flat=True)
    )
    teacher_group = set(
        Person.objects.filter(user__groups__name=ROLES[TEACHER].group).values_list("pk", flat=True)
    )
    for index, person in enumerate(staff):
        if index in (28, 29):  # two people have not signed yet: the curator sees them
            continue
        Consent.objects.create(
            person=person,
            kind=ConsentKind.PERSONAL_DATA,
            valid_from=start,
            data_categories=[str(c) for c in PERSONAL_DATA_DEFAULT],
            purposes=DEFAULT_PURPOSES[ConsentKind.PERSONAL_DATA],
        )
    experienced = [p for p in staff if (p.teaching_experience_years or 0) >= 10][:14]
    for index, person in enumerate(experienced):
        is_mentor = person.pk in mentor_group
        if is_mentor:
            Consent.objects.create(
                person=person,
                kind=ConsentKind.MENTOR_AGREEMENT,
                valid_from=start,
                valid_to=datetime.date(start.year + 1, 5, 31),
                purposes=DEFAULT_PURPOSES[ConsentKind.MENTOR_AGREEMENT],
            )
        if index % 3 == 0:
            Consent.objects.create(
                person=person,
                kind=ConsentKind.PUBLICATION,
                valid_from=start,
                data_categories=["name", "work", "cases"],
                purposes=DEFAULT_PURPOSES[ConsentKind.PUBLICATION],
            )
        status = (
            MentorStatus.ACTIVE
            if is_mentor
            else rng.choice(
                [MentorStatus.CANDIDATE, MentorStatus.INTERVIEWED, MentorStatus.TRAINED]
            )
        )
        mentor = MentorProfile.objects.create(
            person=person,
            status=status,
            capacity=rng.choice([None, None, 2, 3]),
            offer_text=rng.choice(
                [
                    "",
                    "Могу показать, как готовлю класс к ОГЭ",
                    "Помогу с документацией классного руководителя",
                ]
            ),
        )
        mentor.topics.set(rng.sample(teacher_topics, rng.randint(3, 6)))
        mentor.forms.set(
            [
                forms[c]
                for c in rng.sample(
                    ["traditional", "teacher-teacher", "group", "short-term", "situational"], 2
                )
                if c in forms
            ]
        )
        MentorStatusChange.objects.create(
            profile=mentor, from_status="", to_status=status, note="Внесён в базу наставников"
        )
        if status in (MentorStatus.TRAINED, MentorStatus.ACTIVE):
            mentor.trainings.create(
                date=start + datetime.timedelta(days=20),
                course="Школа наставника",
                hours=16,
                organisation="Институт развития образования",
            )
    young = [p for p in staff if p.pk in teacher_group]
    for person in young:
        mentee = MenteeProfile.objects.create(
            person=person,
            category=MenteeCategory.YOUNG_SPECIALIST,
            request_text=rng.choice(
                ["", "Сложно удерживать внимание класса", "Не знаю, как говорить с родителями"]
            ),
        )
        for topic in rng.sample(teacher_topics, rng.randint(2, 4)):
            mentee.requests.create(topic=topic, weight=rng.choice([1, 2, 2, 3]))
        MenteeStatusChange.objects.create(
            profile=mentee,
            from_status="",
            to_status=MenteeStatus.WAITING,
            note="Внесён в базу наставляемых",
        )
    pupils = list(Person.objects.pupils().order_by("pk"))
    categories = [
        MenteeCategory.PUPIL_LOW_ACHIEVING,
        MenteeCategory.PUPIL_GIFTED,
        MenteeCategory.PUPIL_ADAPTATION,
        MenteeCategory.PUPIL_SPECIAL_NEEDS,
    ]
    for index, pupil in enumerate(pupils[:42]):
        parent_surname = pupil.surname if pupil.surname.endswith("а") else pupil.surname + "а"
        Consent.objects.create(
            person=pupil,
            kind=ConsentKind.REPRESENTATIVE,
            signer="representative",
            representative_name=f"{parent_surname} Ольга Николаевна",
            representative_relation="мать",
            representative_document=f"свидетельство о рождении II-ИР № {400100 + index}",
            valid_from=start,
            data_categories=[str(c) for c in PERSONAL_DATA_DEFAULT],
            purposes=DEFAULT_PURPOSES[ConsentKind.REPRESENTATIVE],
        )
        if index < 16:
            mentee = MenteeProfile.objects.create(
                person=pupil, category=categories[index % len(categories)]
            )
            for topic in rng.sample(pupil_topics, rng.randint(1, 3)):
                mentee.requests.create(topic=topic, weight=rng.choice([1, 2, 3]))
            MenteeStatusChange.objects.create(
                profile=mentee,
                from_status="",
                to_status=MenteeStatus.WAITING,
                note="Внесён в базу наставляемых",
            )


def _seed_pairs(today: datetime.date) -> None:
    """Run the matching for «учитель – учитель», accept the strong proposals, start them."""
    from mentorship.services.matching import matching_run  # noqa: PLC0415 (loads scipy)
    from mentorship.services.pairs import default_period, mentorship_status_set, proposal_accept  # noqa: PLC0415
    from mentorship.services.programmes import programme_create_from_template  # noqa: PLC0415

    year = ProgrammeYear.objects.current()
    form = MentoringForm.objects.filter(code="teacher-teacher").first()
    if year is None or form is None:
        return
    run = matching_run(year=year, form=form, group_size=None, actor=None)
    start, end = default_period(year, today - datetime.timedelta(days=40))
    template = ProgrammeTemplate.objects.filter(form=form).first()
    best = list(
        run.proposals.select_related("mentor__person__user", "mentee__person__user").order_by(
            "-score", "pk"
        )[:5]
    )

    def demo_login(proposal: MatchProposal) -> bool:
        mentor, mentee = proposal.mentor.person.user, proposal.mentee.person.user
        return bool(
            (mentor and mentor.username == "nastavnik") or (mentee and mentee.username == "pedagog")
        )

    # The demo log-ins' pairs work (so they show meetings); the last one stays a draft.
    best.sort(key=lambda proposal: not demo_login(proposal))
    for index, proposal in enumerate(best):
        pair = proposal_accept(
            proposal=proposal, start_date=start, planned_end_date=end, actor=None
        )
        if index < 4:
            pair = mentorship_status_set(
                mentorship=pair,
                status=MentorshipStatus.ACTIVE,
                actor=None,
                note="Приказ о закреплении пар",
            )
            if template is not None:
                programme = programme_create_from_template(
                    mentorship=pair, template=template, actor=None
                )
                # The autumn's work is done, except one item left for the mentor to see.
                done = programme.items.filter(due_date__lt=today - datetime.timedelta(days=7))
                done.exclude(pk=done.order_by("-due_date").values("pk")[:1]).update(
                    done_on=F("due_date")
                )


def _seed_meetings(today: datetime.date) -> None:
    """The autumn of the active pairs: acquaintance, planning, then a meeting every two weeks.

    The last pair stopped meeting a month ago, so the curator's inbox has an overdue pair.
    Letters are not sent: the demo's addresses are made up.
    """
    from django.test.utils import override_settings  # noqa: PLC0415 (a context manager only)

    from mentorship.services.meetings import meeting_log  # noqa: PLC0415

    pairs = list(
        Mentorship.objects.filter(status=MentorshipStatus.ACTIVE)
        .select_related("mentor__person__user")
        .order_by("pk")
    )
    topics = [
        "Знакомство, ожидания от работы в паре",
        "План встреч и персонализированная программа",
        "Планирование урока по ФГОС",
        "Работа с родителями: первое собрание",
        "Дисциплина на уроке",
        "Разбор посещённого урока",
        "Подготовка к открытому уроку",
    ]
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for index, pair in enumerate(pairs):
            stop = today - datetime.timedelta(days=30 if index == len(pairs) - 1 else 3)
            day, number = pair.start_date + datetime.timedelta(days=3), 0
            while day <= stop:
                kind = (
                    MeetingKind.ACQUAINTANCE
                    if number == 0
                    else MeetingKind.PLANNING
                    if number == 1
                    else MeetingKind.REGULAR
                )
                following = day + datetime.timedelta(days=14)
                meeting_log(
                    mentorships=[pair],
                    data={
                        "held_on": day,
                        "kind": kind,
                        "format": MeetingFormat.IN_PERSON,
                        "topic": topics[min(number, len(topics) - 1)],
                        "notes": "Обсудили трудности недели, наметили шаги.",
                        "next_steps": "Посетить урок наставника, подготовить вопросы.",
                        "next_planned_on": following,
                    },
                    actor=pair.mentor.person.user,
                )
                day, number = following, number + 1


def _demo_user(person: Person, username: str, password: str) -> User:
    user = person.user or User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username)
    user.first_name = person.name
    user.last_name = person.surname
    user.set_password(password)
    user.save()
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    return user
