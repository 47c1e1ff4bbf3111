"""Read queries of the public page «Наставничество» and of the curator's page that manages it.

The one rule (152-ФЗ ст. 10.1): a person's name, position or photo appears only while his
publication consent is in force and lists that category, and while the school may process
his data at all. Everything is decided per request from the consents, never cached, so a
withdrawn consent takes the person off the page at the next load. Each builder runs a
fixed number of queries whatever the number of items.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from mentorship.gates import clearances
from mentorship.models import (
    Case,
    Consent,
    ConsentKind,
    DataCategory,
    Person,
    ProgrammeYear,
    Resource,
    Reward,
    School,
)
from reports.models import PUBLIC_DOCUMENT_KINDS, Document, DocumentStatus, PublicPage
from roadmap.models import Event, EventStatus, Roadmap

NAME = DataCategory.NAME.value
WORK = DataCategory.WORK.value
PHOTO = DataCategory.PHOTO.value
CATEGORY_LABELS = {
    NAME: "ФИО",
    WORK: "должность",
    PHOTO: "фотография",
}
ANONYMOUS_AUTHORS = "авторы — участники программы"


# ---------------------------------------------------------------------------------------
# Who may be shown, and with what


def publication_clearances(
    people: Iterable[Person], day: datetime.date | None = None
) -> dict[int, frozenset[str]]:
    """Person id → the categories that may be published today; two queries for any number.

    Empty when the processing gate is closed (no consent to processing, anonymised), even
    if a publication consent is still on file: no processing, no distribution either.
    """
    day = day or timezone.localdate()
    unique = list({person.pk: person for person in people}.values())
    if not unique:
        return {}
    gates = clearances(unique, day)
    granted: dict[int, set[str]] = {}
    for person_id, categories in (
        Consent.objects.filter(person__in=[p.pk for p in unique], kind=ConsentKind.PUBLICATION)
        .active(day)
        .values_list("person_id", "data_categories")
    ):
        granted.setdefault(person_id, set()).update(categories or [])
    return {
        person.pk: frozenset(granted.get(person.pk, ()))
        if "processing" in gates[person.pk]
        else frozenset()
        for person in unique
    }


@dataclass(frozen=True)
class PublicPerson:
    """What the public sees of one person: only the parts his consent allows."""

    pk: int
    name: str
    position: str
    has_photo: bool


def public_person(person: Person, allowed: frozenset[str]) -> PublicPerson | None:
    """The person as published, or None when even the name may not be shown."""
    if NAME not in allowed:
        return None
    return PublicPerson(
        pk=person.pk,
        name=person.full_name,
        position=person.position if WORK in allowed else "",
        has_photo=PHOTO in allowed and bool(person.photo),
    )


# ---------------------------------------------------------------------------------------
# Documents: who each public kind names


@dataclass(frozen=True)
class NamedIn:
    """The people a document of a public kind prints, and which of their data."""

    params: tuple[str, ...] = ()  # keys of Document.params holding Person ids
    categories: tuple[str, ...] = (NAME,)
    roadmap: bool = False  # it prints the year's roadmap with its responsible people


NAMED_IN: dict[str, NamedIn] = {
    "regulation": NamedIn(),
    "roadmap": NamedIn(roadmap=True),
    # Orders print «должность Фамилию Имя Отчество» (with_position): name and position.
    "order_implementation": NamedIn(("curator", "control_person"), (NAME, WORK), roadmap=True),
    "order_curator": NamedIn(("curator", "control_person"), (NAME, WORK)),
    "order_final_event": NamedIn(("responsible", "control_person"), (NAME, WORK)),
    "protocol": NamedIn(("chair", "secretary")),
}


def _document_people(
    documents: list[Document],
) -> tuple[dict[int, list[tuple[int, tuple[str, ...]]]], dict[int, Person]]:
    """Document id → [(person id, categories it prints)], and the people; ≤ 2 queries.

    The roadmap a document prints is taken as it stands now: the frozen PDF keeps only the
    names as text, so the current responsible people stand in for those printed.
    """
    wanted: dict[int, list[tuple[int, tuple[str, ...]]]] = {}
    roadmap_years = {d.year_id for d in documents if NAMED_IN[d.kind].roadmap}
    responsible: dict[int, set[int]] = {}
    if roadmap_years:
        through = Event.responsible_people.through.objects.filter(
            event__stage__roadmap__year_id__in=roadmap_years
        ).values_list("event__stage__roadmap__year_id", "person_id")
        for year_id, person_id in through:
            responsible.setdefault(year_id, set()).add(person_id)
    for document in documents:
        named = NAMED_IN[document.kind]
        entries = []
        for key in named.params:
            value = document.params.get(key)
            if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
                entries.append((int(value), named.categories))
        if named.roadmap:
            entries += [(pk, (NAME,)) for pk in sorted(responsible.get(document.year_id, ()))]
        wanted[document.pk] = entries
    ids = {pk for entries in wanted.values() for pk, _categories in entries}
    people = {p.pk: p for p in Person.objects.filter(pk__in=ids)} if ids else {}
    return wanted, people


def public_documents_queryset() -> QuerySet[Document]:
    """Marked public, approved (so never a draft or a cancelled one), of a public kind."""
    return Document.objects.filter(
        is_public=True, status=DocumentStatus.APPROVED, kind__in=PUBLIC_DOCUMENT_KINDS
    ).exclude(sha256="")


def document_blockers(
    entries: list[tuple[int, tuple[str, ...]]],
    people: dict[int, Person],
    allowed: dict[int, frozenset[str]],
) -> list[tuple[Person | None, list[str]]]:
    """The people a document names without consent to publish what it prints of them.

    A person deleted since (None) still blocks: the frozen PDF names someone whose consent
    can no longer be checked.
    """
    blockers: list[tuple[Person | None, list[str]]] = []
    for person_id, categories in entries:
        person = people.get(person_id)
        missing = [CATEGORY_LABELS[c] for c in categories if c not in allowed.get(person_id, ())]
        if missing:
            blockers.append((person, missing))
    return blockers


def public_document(pk: int) -> Document | None:
    """The document the public may download now, or None; four queries at most."""
    document = public_documents_queryset().filter(pk=pk).first()
    if document is None or not document.pdf:
        return None
    wanted, people = _document_people([document])
    allowed = publication_clearances(people.values())
    if document_blockers(wanted[document.pk], people, allowed):
        return None
    return document


# ---------------------------------------------------------------------------------------
# The public page


@dataclass(frozen=True)
class PublicEvent:
    title: str
    deadline: str
    status: str
    status_label: str


@dataclass(frozen=True)
class PublicStage:
    number: int
    title: str
    task: str
    done: int
    total: int
    events: tuple[PublicEvent, ...]

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def state(self) -> str:
        if self.total and self.done == self.total:
            return "done"
        return "in_progress" if self.done else "planned"


@dataclass(frozen=True)
class PublicRoadmap:
    title: str
    year: str
    approval_reference: str
    stages: tuple[PublicStage, ...]

    @property
    def done(self) -> int:
        return sum(stage.done for stage in self.stages)

    @property
    def total(self) -> int:
        return sum(stage.total for stage in self.stages)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass(frozen=True)
class PublicDocument:
    pk: int
    title: str
    kind_label: str
    number: str
    approved_on: datetime.date | None
    year: str
    size: int | None  # bytes of the signed PDF, for the link's text


@dataclass(frozen=True)
class PublicCase:
    title: str
    year: str
    form: str
    problem: str
    actions: str
    result: str
    link: str
    authors: tuple[str, ...]
    others_hidden: bool  # some authors are not named

    @property
    def authors_text(self) -> str:
        """«Авторы: …» with the names that may be shown, or «Авторы — участники программы»."""
        if not self.authors:
            return ANONYMOUS_AUTHORS.capitalize()
        names = ", ".join(self.authors)
        others = " и другие участники программы" if self.others_hidden else ""
        return f"Авторы: {names}{others}"


@dataclass(frozen=True)
class HonouredMentor:
    person: PublicPerson
    rewards: tuple[str, ...]


@dataclass(frozen=True)
class PublicResource:
    pk: int
    title: str
    kind_label: str
    description: str
    url: str
    has_file: bool


@dataclass(frozen=True)
class PublicContact:
    person: PublicPerson | None
    email: str
    phone: str

    @property
    def is_empty(self) -> bool:
        return self.person is None and not self.email and not self.phone


@dataclass
class PublicPageData:
    page: PublicPage
    school: School
    year: ProgrammeYear | None
    roadmap: PublicRoadmap | None
    documents: list[PublicDocument]
    cases: list[PublicCase]
    honoured: list[HonouredMentor]
    unnamed_mentors: int  # honoured people who may not be named: counted, never described
    resources: list[PublicResource]
    contact: PublicContact
    photo_ids: frozenset[int] = field(default_factory=frozenset)


def public_page_get() -> PublicPage:
    """The page's settings; an unsaved, closed page on a fresh installation (no write on GET)."""
    page = PublicPage.objects.select_related("contact_person").filter(pk=1).first()
    return page or PublicPage(pk=1)


def _public_roadmap(year: ProgrammeYear | None) -> PublicRoadmap | None:
    """Stages with their progress and event titles; never the responsible people. 2 queries."""
    if year is None:
        return None
    roadmap = Roadmap.objects.filter(year=year).first()
    if roadmap is None:
        return None
    events = Event.objects.only(
        "id", "stage_id", "order", "title", "deadline_phrase", "status"
    ).order_by("order", "pk")
    stages = roadmap.stages.order_by("number").prefetch_related(
        Prefetch("events", queryset=events, to_attr="public_events")
    )
    labels = dict(EventStatus.choices)
    result = []
    for stage in stages:
        counted = [e for e in stage.public_events if e.status != EventStatus.CANCELLED]
        result.append(
            PublicStage(
                number=stage.number,
                title=stage.title,
                task=stage.task,
                done=sum(e.status == EventStatus.DONE for e in counted),
                total=len(counted),
                events=tuple(
                    PublicEvent(e.title, e.deadline_phrase, e.status, str(labels[e.status]))
                    for e in counted
                ),
            )
        )
    return PublicRoadmap(
        title=roadmap.title,
        year=year.title,
        approval_reference=roadmap.approval_reference,
        stages=tuple(result),
    )


def _cases() -> list[Case]:
    return list(
        Case.objects.filter(is_published=True)
        .select_related("year", "form")
        .prefetch_related(Prefetch("authors", queryset=Person.objects.order_by("search_key")))
        .order_by("-year__start_date", "title", "pk")
    )


def _rewards(year: ProgrammeYear | None) -> list[Reward]:
    """The year's rewards given by a signed order (a pending one is not an honour yet)."""
    if year is None:
        return []
    return list(
        Reward.objects.filter(year=year)
        .exclude(order_reference="")
        .select_related("person")
        .order_by("person__search_key", "kind", "pk")
    )


def _resources() -> list[Resource]:
    return list(Resource.objects.filter(is_public=True).order_by("kind", "title", "pk"))


def _file_size(document: Document) -> int | None:
    try:
        return document.pdf.size
    except (OSError, ValueError):  # the file is missing: the link will 404 anyway
        return None


def _reward_label(reward: Reward) -> str:
    return f"{reward.get_kind_display()} {reward.basis}".strip()


def public_page_data(
    *, page: PublicPage, school: School, day: datetime.date | None = None
) -> PublicPageData:
    """Everything the public page shows, already stripped of what consents do not allow.

    Queries, whatever the number of items: year, roadmap + stages + events (3), documents
    (1) + their people (≤ 2), cases + authors (2), rewards (1), resources (1), consents (2).
    """
    day = day or timezone.localdate()
    year = ProgrammeYear.objects.current()
    documents = list(
        public_documents_queryset().select_related("year").order_by("-approved_on", "-pk")
    )
    wanted, document_people = _document_people(documents)
    cases = _cases()
    rewards = _rewards(year)
    resources = _resources()
    contact = page.contact_person
    everyone = [
        *document_people.values(),
        *(author for case in cases for author in case.authors.all()),
        *(reward.person for reward in rewards),
        *([contact] if contact else []),
    ]
    allowed = publication_clearances(everyone, day)

    honoured: dict[int, HonouredMentor] = {}
    unnamed: set[int] = set()
    for reward in rewards:
        shown = public_person(reward.person, allowed[reward.person_id])
        if shown is None:
            unnamed.add(reward.person_id)
            continue
        previous = honoured.get(shown.pk)
        labels = (previous.rewards if previous else ()) + (_reward_label(reward),)
        honoured[shown.pk] = HonouredMentor(shown, labels)

    public_cases = []
    for case in cases:
        authors = list(case.authors.all())
        named = [a.full_name for a in authors if NAME in allowed[a.pk]]
        public_cases.append(
            PublicCase(
                title=case.title,
                year=case.year.title,
                form=case.form.title if case.form else "",
                problem=case.problem,
                actions=case.actions,
                result=case.result,
                link=case.link,
                authors=tuple(named),
                others_hidden=bool(named) and len(named) < len(authors),
            )
        )

    contact_person = public_person(contact, allowed[contact.pk]) if contact else None
    photos = {m.person.pk for m in honoured.values() if m.person.has_photo}
    return PublicPageData(
        page=page,
        school=school,
        year=year,
        roadmap=_public_roadmap(year),
        documents=[
            PublicDocument(
                pk=d.pk,
                title=d.title,
                kind_label=d.kind_label,
                number=d.number,
                approved_on=d.approved_on,
                year=d.year.title,
                size=_file_size(d),
            )
            for d in documents
            if not document_blockers(wanted[d.pk], document_people, allowed)
        ],
        cases=public_cases,
        honoured=list(honoured.values()),
        unnamed_mentors=len(unnamed),
        resources=[
            PublicResource(
                pk=r.pk,
                title=r.title,
                kind_label=r.get_kind_display(),
                description=r.description,
                url=r.url,
                has_file=bool(r.file),
            )
            for r in resources
        ],
        contact=PublicContact(contact_person, page.contact_email, page.contact_phone),
        photo_ids=frozenset(photos),
    )


def public_photo_person(pk: int, day: datetime.date | None = None) -> Person | None:
    """The person whose photo the page shows now (an honoured mentor), or None. 3 queries."""
    day = day or timezone.localdate()
    honoured = (
        Reward.objects.filter(year__is_current=True).exclude(order_reference="").values("person")
    )
    person = Person.objects.filter(pk=pk, pk__in=honoured).exclude(photo="").first()
    if person is None:
        return None
    allowed = publication_clearances([person], day)[person.pk]
    return person if NAME in allowed and PHOTO in allowed else None


def public_resource(pk: int) -> Resource | None:
    return Resource.objects.filter(pk=pk, is_public=True).exclude(file="").first()


# ---------------------------------------------------------------------------------------
# The curator's page: what is published and what the consents hide


@dataclass(frozen=True)
class PersonCheck:
    """One person who would appear: what the public sees, what his consent hides."""

    person: Person
    shown: tuple[str, ...]
    hidden: tuple[str, ...]  # on file, but the consent does not allow it
    missing: tuple[str, ...] = ()  # allowed, but there is nothing to show

    @property
    def is_hidden(self) -> bool:
        return not self.shown


def person_check(
    person: Person, allowed: frozenset[str], wants: Iterable[str] = (NAME, WORK, PHOTO)
) -> PersonCheck:
    """Mirrors public_person: without the name nothing of the person is shown."""
    present = {NAME: True, WORK: bool(person.position), PHOTO: bool(person.photo)}
    shown, hidden, missing = [], [], []
    for category in wants:
        label = CATEGORY_LABELS[category]
        if not present[category]:
            if category in allowed:
                missing.append(label)
        elif category in allowed and NAME in allowed:
            shown.append(label)
        else:
            hidden.append(label)
    return PersonCheck(person, tuple(shown), tuple(hidden), tuple(missing))


@dataclass(frozen=True)
class DocumentCheck:
    document: Document
    is_shown: bool
    reason: str
    blockers: tuple[tuple[Person | None, list[str]], ...]


@dataclass(frozen=True)
class CaseCheck:
    case: Case
    authors: tuple[PersonCheck, ...]


@dataclass(frozen=True)
class RewardCheck:
    reward: Reward
    is_pending: bool
    check: PersonCheck


@dataclass
class PublicSettingsData:
    page: PublicPage
    documents: list[DocumentCheck]
    candidates: list[Document]  # approved documents of a public kind not yet on the page
    cases: list[CaseCheck]
    rewards: list[RewardCheck]
    resources: list[Resource]
    contact: PersonCheck | None
    year: ProgrammeYear | None


def public_settings_data(*, day: datetime.date | None = None) -> PublicSettingsData:
    """For the curator: what is on the page, who would appear and what consents hide."""
    day = day or timezone.localdate()
    page = public_page_get()
    year = ProgrammeYear.objects.current()
    marked = list(
        Document.objects.filter(is_public=True).select_related("year").order_by("-approved_on")
    )
    candidates = list(
        Document.objects.filter(
            is_public=False, status=DocumentStatus.APPROVED, kind__in=PUBLIC_DOCUMENT_KINDS
        )
        .select_related("year")
        .order_by("-approved_on", "-pk")
    )
    publishable = [d for d in marked if d.is_publishable]
    wanted, document_people = _document_people(publishable)
    cases = _cases()
    rewards = (
        list(
            Reward.objects.filter(year=year)
            .select_related("person")
            .order_by("person__search_key", "pk")
        )
        if year
        else []
    )
    contact = page.contact_person
    allowed = publication_clearances(
        [
            *document_people.values(),
            *(a for case in cases for a in case.authors.all()),
            *(r.person for r in rewards),
            *([contact] if contact else []),
        ],
        day,
    )
    documents = []
    for document in marked:
        if not document.is_publishable:
            reason = (
                "не показывается: документ отменён"
                if document.status == DocumentStatus.CANCELLED
                else "не показывается: документ не утверждён"
                if document.status != DocumentStatus.APPROVED
                else "не показывается: в документе сведения об участниках"
            )
            documents.append(DocumentCheck(document, False, reason, ()))
            continue
        blockers = tuple(document_blockers(wanted[document.pk], document_people, allowed))
        if blockers:
            reason = "не показывается: в документе названы люди без согласия на публикацию"
        elif not document.pdf:
            reason = "не показывается: нет подписанного PDF"
        else:
            reason = "показывается"
        documents.append(DocumentCheck(document, reason == "показывается", reason, blockers))
    return PublicSettingsData(
        page=page,
        documents=documents,
        candidates=candidates,
        cases=[
            CaseCheck(
                case, tuple(person_check(a, allowed[a.pk], (NAME,)) for a in case.authors.all())
            )
            for case in cases
        ],
        rewards=[
            RewardCheck(r, r.is_pending, person_check(r.person, allowed[r.person_id]))
            for r in rewards
        ],
        resources=_resources(),
        contact=person_check(contact, allowed[contact.pk], (NAME, WORK)) if contact else None,
        year=year,
    )
