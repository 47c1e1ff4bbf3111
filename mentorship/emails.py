"""E-mails of the core app: one function per kind, text and HTML parts in Russian."""

from __future__ import annotations

from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from mentorship.models import Person, User
from mentorship.services.school import get_school


def send_templated(
    *, name: str, to: list[str], context: dict[str, Any], connection: Any = None
) -> None:
    """Send emails/<name>{_subject.txt,.txt,.html}: a one-line subject, text and HTML parts."""
    subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"emails/{name}.txt", context),
        to=to,
        connection=connection,
    )
    message.attach_alternative(render_to_string(f"emails/{name}.html", context), "text/html")
    message.send()


def send_account_invitation(*, user: User, person: Person, link: str) -> None:
    send_templated(
        name="account_invitation",
        to=[user.email],
        context={
            "user": user,
            "person": person,
            "link": link,
            "school": get_school(),
        },
    )
