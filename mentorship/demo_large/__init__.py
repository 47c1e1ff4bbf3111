"""The large demo school for benchmarks (``manage.py seed_demo --size large``).

150 staff, 1,500 pupils and about 300 pairs and groups a year over three programme years: two
past years, closed by the year's closing, and the current one in its autumn. Rows that come
by the thousand (people, consents, banks, pairs, meetings) are bulk-created keeping the
invariants the services keep (consents before pairs, statuses and their history); the rest
goes through the services. Other apps add their part of each year through
``mentorship.demo.register_large_step`` (roadmap, surveys, documents) and
``register_large_closer`` (closing a past year).

Deterministic: the same seed, base date and scale give the same school, whatever day it is
run (only tokens of personal links and timestamps of the run differ).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.core.management import call_command
from django.db import transaction

from mentorship import services
from mentorship.demo import (
    LARGE_YEAR_CLOSERS,
    LARGE_YEAR_STEPS,
    SCHOOL,
    DemoLogin,
    DemoResult,
    _year_dates,
)
from mentorship.demo_large.banks import seed_mentee_intake, seed_mentor_bank
from mentorship.demo_large.extras import (
    end_early,
    seed_fits_and_concerns,
    seed_library,
    seed_matching,
    seed_year_practice,
)
from mentorship.demo_large.meetings import seed_meetings
from mentorship.demo_large.pairs import PairPlan, seed_year_pairs
from mentorship.demo_large.people import Cast, scaled, seed_people
from mentorship.exceptions import DomainError
from mentorship.models import Person, ProgrammeYear, Topic, User
from mentorship.roles import ROLE_PRIORITY, ROLES, ensure_roles

# The base date of the benchmarks: a Monday in the autumn of the current year of the data.
LARGE_DEMO_DATE = datetime.date(2026, 11, 16)
YEARS = 3


@dataclass(frozen=True)
class LargeYear:
    """One programme year of the large demo, as the other apps' steps see it."""

    year: ProgrammeYear
    number: int  # 0 and 1 are past years, 2 is the current one
    past: bool
    seen_on: datetime.date  # the year's end for a past year, the base date for the current
    today: datetime.date  # the base date
    seed: int
    scale: float
    curator: User
    director: User
    plans: tuple[PairPlan, ...]

    def rng(self, salt: int) -> random.Random:
        return random.Random(self.seed * 1000 + self.number * 100 + salt)  # noqa: S311 (demo)


class LargeDemoError(DomainError):
    pass


def seed_demo_large(
    *, seed: int = 2026, today: datetime.date = LARGE_DEMO_DATE, scale: float = 1.0
) -> DemoResult:
    """Fill an empty database with the large school; ``scale`` shrinks it for tests."""
    if Person.objects.exists():
        raise LargeDemoError(
            "Большая демо-школа заполняет только пустую базу: в этой уже есть участники."
        )
    from django.test.utils import override_settings  # noqa: PLC0415 (a context manager only)

    # Letters are not sent: the demo's addresses are made up.
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        transaction.atomic(),
    ):
        return _seed(seed=seed, today=today, scale=scale)


def _seed(*, seed: int, today: datetime.date, scale: float) -> DemoResult:
    ensure_roles()
    if not Topic.objects.exists():
        call_command("load_standard_data", verbosity=0)
    first = _year_dates(today) - (YEARS - 1)
    cast = seed_people(random.Random(seed), today=today, first=first, scale=scale)  # noqa: S311
    services.school_update(actor=None, data={**SCHOOL, "director_name": cast.director.full_name})
    groups = scaled(30, scale, 1)
    mentors = seed_mentor_bank(
        random.Random(seed + 1),  # noqa: S311
        cast,
        start=datetime.date(first, 9, 1),
        groups=groups,
    )
    seed_library()
    curator, director = cast.users[cast.curator.pk], cast.users[cast.director.pk]
    begin, end = services.default_year_dates(first)
    year = services.programme_year_create(
        title=f"{first}/{first + 1}", start_date=begin, end_date=end, make_current=True, actor=None
    )
    pupils_per_year = groups * 4 + scaled(245, scale, 4)
    waiting = scaled(30, scale, 2)
    pupil_pool = list(cast.pupil_pool)
    for number in range(YEARS):
        past = number < YEARS - 1
        rng = random.Random(seed * 1000 + number)  # noqa: S311 (demo data)
        take = pupils_per_year + (0 if past else waiting)
        intake_pupils, pupil_pool = pupil_pool[:take], pupil_pool[take:]
        intake = seed_mentee_intake(rng, staff=cast.staff_intake[number], pupils=intake_pupils)
        seen_on = year.end_date if past else today
        plans = seed_year_pairs(
            rng,
            cast=cast,
            year=year,
            past=past,
            today=seen_on,
            mentors=mentors,
            intake=intake,
            group_count=groups,
            waiting=waiting,
            curator=curator,
        )
        seed_meetings(rng, plans, year=year, past=past, users=cast.users, curator=curator)
        seed_year_practice(rng, plans, year=year, past=past, curator=curator)
        seed_fits_and_concerns(rng, plans, today=seen_on, past=past)
        context = LargeYear(
            year=year,
            number=number,
            past=past,
            seen_on=seen_on,
            today=today,
            seed=seed,
            scale=scale,
            curator=curator,
            director=director,
            plans=tuple(plans),
        )
        for _order, step in sorted(LARGE_YEAR_STEPS, key=lambda item: item[0]):
            step(context)
        end_early(plans, curator=curator)
        if past:
            year = _close(context)
        else:
            seed_matching(year=year, curator=curator)
    return _result(cast)


def _close(context: LargeYear) -> ProgrammeYear:
    for closer in LARGE_YEAR_CLOSERS:
        closer(context)
    year = ProgrammeYear.objects.current()
    if year is None or year.pk == context.year.pk:  # no closing registered: just move on
        first = context.year.first_year + 1
        begin, end = services.default_year_dates(first)
        year = services.programme_year_create(
            title=f"{first}/{first + 1}",
            start_date=begin,
            end_date=end,
            make_current=True,
            actor=None,
        )
    return year


def _result(cast: Cast) -> DemoResult:
    logins = []
    for code in ROLE_PRIORITY:
        if code in cast.logins:
            username, password, person = cast.logins[code]
            others = User.objects.filter(
                groups__name=ROLES[code].group, username__startswith=username
            ).count()
            logins.append(
                DemoLogin(ROLES[code].group, username, password, person.full_name, others - 1)
            )
    return DemoResult(
        staff=Person.objects.staff().count(),
        pupils=Person.objects.pupils().count(),
        created=Person.objects.count(),
        logins=logins,
    )
