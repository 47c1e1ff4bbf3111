"""The large demo's documents of a year and the closing of a past year.

A handful of signed orders with their frozen PDFs each year (rendering costs: the pairs
order lists every pair), drafts on the director's desk in the current year, and the real
closing of the year (``reports.closing.year_close``) for the two past years.
``context`` is a ``mentorship.demo_large.LargeYear``.
"""

from __future__ import annotations

import datetime

from mentorship.models import Mentorship, MentorshipStatus, Reward
from reports.closing import (
    Choice,
    ClosingPlan,
    graduates,
    next_year_defaults,
    year_close,
    year_facts,
)
from reports.demo import _params, _sign
from reports.models import Document, DocumentStatus
from reports.services import document_create, document_submit
from reports.services_public import document_set_public, public_page_update
from roadmap.models import RoadmapTemplate

PUBLIC_INTRO = (
    "В школе работает целевая модель наставничества: опытные педагоги помогают молодым "
    "специалистам, старшеклассники — младшим, партнёры школы знакомят ребят с профессиями.\n\n"
    "Здесь — документы программы, наставники, которые согласились на публикацию, и лучшие "
    "практики наших пар."
)


def seed_documents_large(context) -> None:
    year, curator = context.year, context.curator.person
    first = year.start_date.year
    september = datetime.date(first, 9, 2)
    implementation = document_create(
        kind="order_implementation",
        year=year,
        actor=context.curator,
        params=_params("order_implementation", year, curator=curator.pk),
    )
    _sign(implementation, september)
    signed = [implementation]
    if not context.past:
        appointment = document_create(
            kind="order_curator",
            year=year,
            actor=context.curator,
            params=_params("order_curator", year, curator=curator.pk),
        )
        signed.append(_sign(appointment, september))
    # Every pair that has started or is about to start: drafts wait for the next order.
    pairs = [
        plan.pair
        for plan in context.plans
        if plan.pair.status != MentorshipStatus.DRAFT and not plan.pair.order_reference
    ]
    ordered_on = datetime.date(first, 9, 20)
    if pairs:
        order = document_create(
            kind="order_pairs",
            year=year,
            actor=context.curator,
            params=_params(
                "order_pairs",
                year,
                curator=curator.pk,
                programmes_due=(ordered_on + datetime.timedelta(days=21)).isoformat(),
            ),
            mentorships=pairs,
        )
        _sign(order, ordered_on)
    if Reward.objects.filter(year=year, order_reference="").exists() and context.past:
        rewards = document_create(
            kind="order_rewards",
            year=year,
            actor=context.curator,
            params=_params("order_rewards", year),
        )
        _sign(rewards, datetime.date(first + 1, 5, 28))
    if context.past:
        return
    # The current year: the director has a programme to approve, the final event is a draft.
    with_programme = (
        Mentorship.objects.filter(year=year, programme__isnull=False, status="active")
        .order_by("pk")
        .first()
    )
    if with_programme is not None:
        programme = document_create(
            kind="programme", year=year, actor=context.curator, mentorships=[with_programme]
        )
        document_submit(document=programme, actor=context.curator)
    document_create(
        kind="order_final_event",
        year=year,
        actor=context.curator,
        params=_params("order_final_event", year, responsible=curator.pk),
    )
    public_page_update(
        data={
            "is_enabled": True,
            "intro": PUBLIC_INTRO,
            "contact_person": curator,
            "contact_email": "school12@example.ru",
            "contact_phone": "+7 (83333) 2-12-12",
        },
        actor=context.curator,
    )
    for document in Document.objects.filter(
        status=DocumentStatus.APPROVED, kind__in=("order_implementation", "order_curator")
    ).order_by("pk"):
        document_set_public(document=document, is_public=True, actor=context.curator)


def close_year_large(context) -> None:
    """Close a past year as the curator would: finish the working pairs, carry the late
    starters over, end those that never started, invite a few graduates to mentor."""
    year = context.year
    facts = year_facts(year=year, today=year.end_date)
    choices, reasons = {}, {}
    for pair in facts.open:
        choice = pair.default_choice
        if not pair.can_finish:  # approved by the order, never met
            choice = Choice.END_EARLY
            reasons[pair.pk] = "Пара так и не приступила к работе"
        choices[pair.pk] = choice
    eligible = [row for row in graduates(facts, choices) if not row.blocker]
    following = next_year_defaults(year)
    template = RoadmapTemplate.objects.filter(code="teachers-2021").first()
    plan = ClosingPlan(
        year_id=year.pk,
        choices=choices,
        reasons=reasons,
        graduates=tuple(row.person_id for row in eligible[:3]),
        next_title=following["title"],
        next_start=following["start_date"],
        next_end=following["end_date"],
        template_id=template.pk if template else None,
    )
    year_close(plan=plan, actor=context.curator, today=year.end_date)
