"""Log-ins for people: the curator issues them by e-mail link or as one-time passwords."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from mentorship.common import audit
from mentorship.emails import send_account_invitation
from mentorship.models import Person, PersonKind, User
from mentorship.roles import ROLES
from mentorship.text import transliterate

# Letters and digits that cannot be confused on paper (no 0/O, 1/l/I).
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


@dataclass
class IssuedLogin:
    person: Person
    username: str
    password: str | None  # shown once on the printed sheet; None when a link was e-mailed
    emailed: bool
    note: str = ""


@dataclass
class AccountsResult:
    issued: list[IssuedLogin]
    skipped: list[tuple[Person, str]]


def username_for(person: Person) -> str:
    """«Семёнова Анна Ильинична» → «semenova.ai», with a number if taken."""
    initials = "".join(part[:1] for part in (person.name, person.patronymic) if part)
    base = transliterate(f"{person.surname}.{initials}")
    base = "".join(ch for ch in base if ch.isascii() and (ch.isalnum() or ch in ".-")) or "user"
    candidate, number = base, 1
    while User.objects.filter(username=candidate).exists():
        number += 1
        candidate = f"{base}{number}"
    return candidate


def one_time_password() -> str:
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(3))


@transaction.atomic
def accounts_create(
    *, people: Iterable[Person], role: str, by_email: bool, actor: User, base_url: str
) -> AccountsResult:
    """Give each person a log-in with the role; e-mail a link where asked and possible."""
    group = Group.objects.get(name=ROLES[role].group)
    issued: list[IssuedLogin] = []
    skipped: list[tuple[Person, str]] = []
    for person in people:
        if person.is_anonymised:
            skipped.append((person, "данные обезличены"))
            continue
        if person.kind == PersonKind.PUPIL:
            skipped.append((person, "обучающимся вход не нужен: анкеты приходят по личной ссылке"))
            continue
        if person.user_id:
            person.user.groups.add(group)
            skipped.append((person, f"вход уже есть ({person.user.username}), роль добавлена"))
            continue
        user = User(
            username=username_for(person),
            first_name=person.name,
            last_name=person.surname,
            email=person.email,
        )
        password = None
        emailed = by_email and bool(person.email)
        if emailed:
            user.set_unusable_password()
        else:
            password = one_time_password()
            user.set_password(password)
            user.must_change_password = True
        user.save()
        user.groups.add(group)
        person.user = user
        person._history_user = actor
        person.save(update_fields=["user", "updated_at"])
        if emailed:
            link = base_url + reverse(
                "password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
            transaction.on_commit(
                lambda u=user, p=person, link=link: send_account_invitation(
                    user=u, person=p, link=link
                )
            )
        issued.append(
            IssuedLogin(
                person,
                user.username,
                password,
                emailed,
                "" if emailed or not by_email else "нет e-mail",
            )
        )
    audit(
        actor=actor,
        action="accounts.create",
        data={
            "role": role,
            "issued": [i.username for i in issued],
            "skipped": len(skipped),
        },
    )
    return AccountsResult(issued=issued, skipped=skipped)


def user_password_changed(*, user: User) -> None:
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
