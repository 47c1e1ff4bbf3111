"""The large demo school's people: staff, pupils, external mentors, accounts and consents."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from simple_history.utils import bulk_create_with_history

from mentorship.demo import (
    DEMO_PASSWORDS,
    SUBJECTS,
    _birth_date,
    _latin,
    _NameMaker,
)
from mentorship.models import (
    PERSONAL_DATA_DEFAULT,
    Consent,
    ConsentKind,
    Person,
    PersonKind,
    Signer,
    User,
)
from mentorship.roles import CURATOR, DIRECTOR, MENTOR, ROLES, TEACHER
from mentorship.services.consents import DEFAULT_PURPOSES
from mentorship.text import full_name, normalise

CLASS_LETTERS = "АБВГД"
COLLEGE = "КОГПОБУ «Зареченский педагогический колледж», студент"
EMPLOYERS = [
    ("АО «Зареченский машиностроительный завод»", "инженер-конструктор"),
    ("ООО «Агрохолдинг „Вятка“»", "главный агроном"),
    ("КОГБУЗ «Зареченская центральная районная больница»", "врач-терапевт"),
    ("ООО «Цифровые решения»", "программист"),
    ("Зареченская городская библиотека", "библиотекарь"),
]
RELATIONS = ["мать", "мать", "мать", "отец", "отец", "опекун"]


def scaled(value: int, scale: float, minimum: int) -> int:
    return max(minimum, round(value * scale))


@dataclass
class Cast:
    """The people of the large school by the part they play in the programme."""

    director: Person
    curator: Person
    staff_mentors: list[Person]  # experienced teachers with the mentor's written consent
    candidates: list[Person]  # experienced teachers in the mentor bank, not mentoring yet
    staff_intake: list[list[Person]]  # per year: the teachers who ask for a mentor
    pupil_mentors: list[Person]  # senior pupils mentoring younger ones
    pupil_pool: list[Person]  # pupils with a parent's consent: the mentees, year by year
    students: list[Person]
    employers: list[Person]
    pupil_consents: set[int] = field(default_factory=set)  # pupils whose parents signed
    users: dict[int, User] = field(default_factory=dict)  # person id -> account
    logins: dict[str, tuple[str, str, Person]] = field(default_factory=dict)


def _person(
    names: _NameMaker,
    rng: random.Random,
    *,
    female: bool,
    kind: str,
    birth_date: datetime.date,
    **fields,
) -> Person:
    surname, name, patronymic = names.make(female)
    return Person(
        surname=surname,
        name=name,
        patronymic=patronymic,
        kind=kind,
        birth_date=birth_date,
        search_key=normalise(full_name(surname, name, patronymic)),
        **fields,
    )


def _staff(rng: random.Random, today: datetime.date, first: int, scale: float) -> dict:
    names = _NameMaker(rng)
    staff: dict[str, list[Person]] = {"admin": [], "experienced": [], "middle": [], "young": []}

    def add(group: str, position: str, female: bool, age: int, experience: int, subject) -> None:
        subjects, department = ("", "Администрация") if subject is None else SUBJECTS[subject]
        number = sum(len(people) for people in staff.values()) + 1
        person = _person(
            names,
            rng,
            female=female,
            kind=PersonKind.STAFF,
            birth_date=_birth_date(rng, today, age),
            position=position,
            subjects=subjects,
            department=department,
            teaching_experience_years=experience,
            hire_date=today - datetime.timedelta(days=min(experience, age - 22) * 365 + 40),
        )
        if rng.random() < 0.6:
            person.email = f"{_latin(person.surname)}{number}@school12.example.ru"
        staff[group].append(person)

    add("admin", "Директор", True, 53, 30, None)
    add("admin", "Заместитель директора по учебно-воспитательной работе", True, 47, 23, None)
    add("admin", "Заместитель директора по воспитательной работе", False, 42, 18, None)
    add("admin", "Педагог-психолог", True, 39, 13, None)
    add("admin", "Социальный педагог", True, 45, 20, None)
    for index in range(scaled(70, scale, 4)):
        age = rng.randint(36, 63)
        add(
            "experienced",
            "Учитель",
            rng.random() < 0.8,
            age,
            rng.randint(10, age - 23),
            index % len(SUBJECTS),
        )
    for index in range(scaled(25, scale, 1)):
        age = rng.randint(30, 45)
        add("middle", "Учитель", rng.random() < 0.75, age, rng.randint(4, 9), (index * 4) % 15)
    # The young come to the school year by year: their experience counts from their year.
    young = scaled(50, scale, 3)
    for index in range(young):
        hired = first + min(index * 3 // young, 2)
        age = rng.randint(22, 28)
        add(
            "young",
            "Учитель",
            rng.random() < 0.7,
            age,
            max(today.year - hired - 1, 0),
            (index * 3 + 1) % len(SUBJECTS),
        )
        staff["young"][-1].hire_date = datetime.date(hired, 8, 25)
    return staff


def _pupils(rng: random.Random, today: datetime.date, scale: float) -> list[Person]:
    names = _NameMaker(rng)
    classes = [f"{grade}{letter}" for grade in range(1, 12) for letter in CLASS_LETTERS]
    pupils = []
    for index in range(scaled(1500, scale, 40)):
        class_name = classes[index % len(classes)]
        grade = int(class_name[:-1])
        pupils.append(
            _person(
                names,
                rng,
                female=rng.random() < 0.5,
                kind=PersonKind.PUPIL,
                birth_date=_birth_date(rng, today, grade + 6),
                department=class_name,
            )
        )
    return pupils


def _external(rng: random.Random, today: datetime.date, scale: float) -> list[Person]:
    names = _NameMaker(rng)
    people = []
    for index in range(scaled(30, scale, 2)):
        student = index % 2 == 0
        if student:
            position = f"{COLLEGE} {rng.choice([2, 3, 4])} курса"
            age = rng.randint(19, 22)
        else:
            employer, job = EMPLOYERS[index // 2 % len(EMPLOYERS)]
            position = f"{employer}, {job}"
            age = rng.randint(30, 55)
        people.append(
            _person(
                names,
                rng,
                female=rng.random() < 0.5,
                kind=PersonKind.EXTERNAL,
                birth_date=_birth_date(rng, today, age),
                position=position,
                email=f"partner{index + 1}@example.ru",
            )
        )
    return people


def _accounts(cast: Cast, teachers: list[Person]) -> None:
    """Log-ins for the director, the curator, the staff mentors and the teachers taught."""
    groups = {code: Group.objects.get(name=role.group) for code, role in ROLES.items()}
    hashes = {role: make_password(password) for role, (_name, password) in DEMO_PASSWORDS.items()}
    plan: list[tuple[Person, str, str]] = [
        (cast.director, DIRECTOR, "direktor"),
        (cast.curator, CURATOR, "kurator"),
    ]
    plan += [
        (person, MENTOR, "nastavnik" if index == 0 else f"nastavnik{index + 1}")
        for index, person in enumerate(cast.staff_mentors)
    ]
    plan += [
        (person, TEACHER, "pedagog" if index == 0 else f"pedagog{index + 1}")
        for index, person in enumerate(teachers)
    ]
    users = User.objects.bulk_create(
        User(
            username=username,
            first_name=person.name,
            last_name=person.surname,
            email=person.email,
            password=hashes[role],
        )
        for person, role, username in plan
    )
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=user.pk, group_id=groups[role].pk)
        for user, (_person, role, _username) in zip(users, plan, strict=True)
    )
    for user, (person, role, username) in zip(users, plan, strict=True):
        person.user = user
        cast.users[person.pk] = user
        if username == DEMO_PASSWORDS[role][0]:
            cast.logins[role] = (username, DEMO_PASSWORDS[role][1], person)
    Person.objects.bulk_update([person for person, _role, _name in plan], ["user"])


def _consents(rng: random.Random, cast: Cast, everyone: list[Person], start: datetime.date):
    """Processing consents for all but a few, the mentors' written consents, publications."""
    unsigned = {p.pk for p in cast.candidates[-2:]}
    consents = []
    for person in everyone:
        if person.pk in unsigned:
            continue  # two teachers have not signed yet: the curator sees them
        valid_from = min(person.hire_date or start, start) - datetime.timedelta(
            days=rng.randint(0, 20)
        )
        if person.kind == PersonKind.PUPIL:
            if person.pk not in cast.pupil_consents:
                continue
            parent = person.surname if person.surname.endswith("а") else person.surname + "а"
            consents.append(
                Consent(
                    person=person,
                    kind=ConsentKind.REPRESENTATIVE,
                    signer=Signer.REPRESENTATIVE,
                    representative_name=f"{parent} Ольга Николаевна",
                    representative_relation=rng.choice(RELATIONS),
                    representative_document=f"свидетельство о рождении II-ИР № {400000 + person.pk}",
                    valid_from=valid_from,
                    data_categories=[str(c) for c in PERSONAL_DATA_DEFAULT],
                    purposes=DEFAULT_PURPOSES[ConsentKind.REPRESENTATIVE],
                )
            )
            continue
        consents.append(
            Consent(
                person=person,
                kind=ConsentKind.PERSONAL_DATA,
                valid_from=valid_from,
                data_categories=[str(c) for c in PERSONAL_DATA_DEFAULT],
                purposes=DEFAULT_PURPOSES[ConsentKind.PERSONAL_DATA],
            )
        )
    for index, person in enumerate(cast.staff_mentors):
        # Art. 351.8 of the Labour Code: the written consent, in force until withdrawn.
        consents.append(
            Consent(
                person=person,
                kind=ConsentKind.MENTOR_AGREEMENT,
                valid_from=start,
                purposes=DEFAULT_PURPOSES[ConsentKind.MENTOR_AGREEMENT],
            )
        )
        if index % 3 == 0:
            consents.append(
                Consent(
                    person=person,
                    kind=ConsentKind.PUBLICATION,
                    valid_from=start,
                    data_categories=["name", "work", "cases"],
                    purposes=DEFAULT_PURPOSES[ConsentKind.PUBLICATION],
                )
            )
    bulk_create_with_history(consents, Consent, batch_size=500)


def seed_people(rng: random.Random, *, today: datetime.date, first: int, scale: float) -> Cast:
    """All the people at once (they exist before the first year), with consents and log-ins."""
    staff = _staff(rng, today, first, scale)
    pupils = _pupils(rng, today, scale)
    external = _external(rng, today, scale)
    everyone = [*[p for group in staff.values() for p in group], *pupils, *external]
    bulk_create_with_history(everyone, Person, batch_size=500)
    experienced = staff["experienced"]
    mentors = max(2, round(len(experienced) * 0.7))
    senior = [p for p in pupils if int(p.department[:-1]) >= 9]
    pupil_mentors = senior[: scaled(85, scale, 2)]
    taken = {p.pk for p in pupil_mentors}
    others = [p for p in pupils if p.pk not in taken]
    rng.shuffle(others)
    # Each year's intake: the young hired that year and a third of the middle-career teachers.
    intake: list[list[Person]] = [[], [], []]
    for person in staff["young"]:
        intake[person.hire_date.year - first].append(person)
    for index, person in enumerate(staff["middle"]):
        intake[index % 3].append(person)
    cast = Cast(
        director=staff["admin"][0],
        curator=staff["admin"][1],
        staff_mentors=experienced[:mentors],
        candidates=experienced[mentors:],
        staff_intake=intake,
        pupil_mentors=pupil_mentors,
        pupil_pool=others[: round(len(others) * 0.95)],
        students=external[0::2],
        employers=external[1::2],
    )
    cast.pupil_consents = taken | {p.pk for p in cast.pupil_pool}
    start = datetime.date(first, 9, 1)
    _consents(rng, cast, everyone, start)
    # «pedagog» is the first teacher of the current year's intake.
    teachers = [*intake[2], *intake[0], *intake[1]]
    _accounts(cast, teachers)
    return cast
