"""Changes of the rewards registry, the case bank and the methodical library."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from mentorship.common import audit, model_update
from mentorship.exceptions import DomainError
from mentorship.models import (
    Case,
    Mentorship,
    Person,
    ProgrammeYear,
    Resource,
    Reward,
    Topic,
    User,
)
from mentorship.selectors.practice import CASE_PAIR_STATUSES, pair_authors
from mentorship.services.files import delete_on_commit, values_with_file

REWARD_FIELDS = ["year", "person", "kind", "basis"]
CASE_FIELDS = [
    "title",
    "mentorship",
    "form",
    "problem",
    "actions",
    "result",
    "file",
    "link",
]
RESOURCE_FIELDS = ["title", "kind", "description", "file", "url", "is_public"]


class PracticeError(DomainError):
    pass


# Rewards


def _check_reward(reward: Reward) -> None:
    if not hasattr(reward.person, "mentor_profile"):
        raise ValidationError({"person": "Поощрение записывается наставнику из базы наставников."})
    twin = Reward.objects.filter(
        year=reward.year_id, person=reward.person_id, kind=reward.kind, order_reference=""
    ).exclude(pk=reward.pk)
    if twin.exists():
        raise ValidationError(
            {"kind": "Такое поощрение этому наставнику в этом году уже ждёт приказа."}
        )


def _pending(reward: Reward) -> Reward:
    reward = Reward.objects.select_for_update().get(pk=reward.pk)
    if not reward.is_pending:
        raise PracticeError(
            f"Поощрение уже оформлено приказом ({reward.order_reference}): изменить его нельзя."
        )
    return reward


@transaction.atomic
def reward_create(*, data: dict[str, Any], actor: User | None) -> Reward:
    reward = Reward(**{field: data[field] for field in REWARD_FIELDS if field in data})
    reward.created_by = actor if getattr(actor, "is_authenticated", False) else None
    reward.full_clean()
    _check_reward(reward)
    reward.save()
    audit(actor=actor, action="reward.create", obj=reward, data={"kind": reward.kind})
    return reward


@transaction.atomic
def reward_update(*, reward: Reward, data: dict[str, Any], actor: User | None) -> Reward:
    """Change a pending reward; one in a signed order is refused."""
    reward = _pending(reward)
    values = {field: data[field] for field in REWARD_FIELDS if field in data}
    current = {field: getattr(reward, field) for field in REWARD_FIELDS}
    _check_reward(Reward(pk=reward.pk, **(current | values)))
    reward, changed = model_update(instance=reward, fields=REWARD_FIELDS, data=values)
    if changed:
        audit(actor=actor, action="reward.update", obj=reward, data={"fields": changed})
    return reward


@transaction.atomic
def reward_delete(*, reward: Reward, actor: User | None) -> None:
    reward = _pending(reward)
    audit(actor=actor, action="reward.delete", obj=reward, data={"person": reward.person_id})
    reward.delete()


@transaction.atomic
def rewards_mark_ordered(
    *, rewards: Iterable[Reward], reference: str, on: datetime.date, actor: User | None
) -> int:
    """The rewards order was signed: its rewards get the order and the date."""
    ids = [reward.pk for reward in rewards]
    count = Reward.objects.filter(pk__in=ids).update(order_reference=reference, awarded_on=on)
    for reward in Reward.objects.filter(pk__in=ids):
        audit(actor=actor, action="reward.ordered", obj=reward, data={"order": reference})
    return count


# Cases


def _case_pair(case: Case, *, was: int | None = None) -> None:
    """A pair's case belongs to the pair's year and, unless told otherwise, to its form."""
    pair: Mentorship | None = case.mentorship
    if pair is None:
        return
    # A case stays with its pair if the pair later ends early; a new one needs a good pair.
    if pair.pk != was and pair.status not in CASE_PAIR_STATUSES:
        raise ValidationError(
            {"mentorship": "Кейс составляют по работающей или завершившей год паре."}
        )
    case.year_id = pair.year_id
    if case.form_id is None:
        case.form_id = pair.form_id


@transaction.atomic
def case_create(
    *,
    data: dict[str, Any],
    authors: Iterable[Person] = (),
    year: ProgrammeYear | None = None,
    published: bool = False,
    actor: User | None,
) -> Case:
    """Record a case; with no authors given, the pair's mentor and mentees are its authors."""
    case = Case(**values_with_file(data, CASE_FIELDS, "file"))
    if year is not None:
        case.year = year
    _case_pair(case)
    if case.year_id is None:
        raise PracticeError("Сначала выберите текущий учебный год в настройках.")
    case.full_clean()
    case.save()
    authors = list(authors)
    if not authors and case.mentorship is not None:
        authors = pair_authors(case.mentorship)
    case.authors.set(authors)
    audit(actor=actor, action="case.create", obj=case, data={"mentorship": case.mentorship_id})
    if published:
        case = case_publish(case=case, published=True, actor=actor)
    return case


@transaction.atomic
def case_update(
    *,
    case: Case,
    data: dict[str, Any],
    authors: Iterable[Person] | None = None,
    published: bool | None = None,
    actor: User | None,
) -> Case:
    """Change a case; with the authors emptied, the pair's mentor and mentees again.

    ``published`` None leaves the publication as it is (a mentor's form has no such box).
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    old_file = case.file.name
    values = values_with_file(data, CASE_FIELDS, "file")
    # The file plays no part in the pair's rules: the probe goes without it.
    current = {field: getattr(case, field) for field in CASE_FIELDS if field != "file"}
    probe = Case(pk=case.pk, year_id=case.year_id, **(current | values | {"file": ""}))
    _case_pair(probe, was=case.mentorship_id)
    values |= {"year": probe.year, "form": probe.form}
    case, changed = model_update(instance=case, fields=[*CASE_FIELDS, "year"], data=values)
    if authors is not None:
        authors = list(authors) or (pair_authors(case.mentorship) if case.mentorship else [])
        if {p.pk for p in authors} != set(case.authors.values_list("pk", flat=True)):
            case.authors.set(authors)
            changed.append("authors")
    if "file" in changed and old_file:
        delete_on_commit(case.file.storage, old_file)
    if changed:
        audit(actor=actor, action="case.update", obj=case, data={"fields": changed})
    if published is not None:
        case = case_publish(case=case, published=published, actor=actor)
    return case


@transaction.atomic
def case_publish(*, case: Case, published: bool, actor: User | None) -> Case:
    """Show the case on the «Наставничество» page, or take it off."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.is_published == published:
        return case
    case.is_published = published
    case.save(update_fields=["is_published", "updated_at"])
    audit(actor=actor, action="case.publish" if published else "case.unpublish", obj=case)
    return case


@transaction.atomic
def case_delete(*, case: Case, actor: User | None) -> None:
    file_name = case.file.name
    storage = case.file.storage
    audit(actor=actor, action="case.delete", obj=case, data={"title": case.title})
    case.delete()
    if file_name:
        delete_on_commit(storage, file_name)


# The library


def _check_resource(*, file: Any, url: str, description: str) -> None:
    if not file and not url and not description.strip():
        raise ValidationError("Добавьте файл, ссылку или текст материала в описании.")


@transaction.atomic
def resource_create(
    *, data: dict[str, Any], topics: Iterable[Topic] = (), actor: User | None
) -> Resource:
    resource = Resource(**values_with_file(data, RESOURCE_FIELDS, "file"))
    resource.full_clean()
    _check_resource(file=resource.file, url=resource.url, description=resource.description)
    resource.save()
    resource.topics.set(list(topics))
    audit(actor=actor, action="resource.create", obj=resource, data={"kind": resource.kind})
    return resource


@transaction.atomic
def resource_update(
    *,
    resource: Resource,
    data: dict[str, Any],
    topics: Iterable[Topic] | None = None,
    actor: User | None,
) -> Resource:
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    old_file = resource.file.name
    values = values_with_file(data, RESOURCE_FIELDS, "file")
    _check_resource(
        file=values.get("file", resource.file),
        url=values.get("url", resource.url),
        description=values.get("description", resource.description),
    )
    resource, changed = model_update(instance=resource, fields=RESOURCE_FIELDS, data=values)
    if topics is not None:
        topics = list(topics)
        if {t.pk for t in topics} != set(resource.topics.values_list("pk", flat=True)):
            resource.topics.set(topics)
            changed.append("topics")
    if "file" in changed and old_file:
        delete_on_commit(resource.file.storage, old_file)
    if changed:
        audit(actor=actor, action="resource.update", obj=resource, data={"fields": changed})
    return resource


@transaction.atomic
def resource_delete(*, resource: Resource, actor: User | None) -> None:
    file_name = resource.file.name
    storage = resource.file.storage
    audit(actor=actor, action="resource.delete", obj=resource, data={"title": resource.title})
    resource.delete()
    if file_name:
        delete_on_commit(storage, file_name)
