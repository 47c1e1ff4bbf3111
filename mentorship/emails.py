"""E-mails of the core app: one function per kind, text and HTML parts in Russian."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string

from mentorship.models import Concern, Person, User
from mentorship.roles import CURATOR, ROLES
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


def send_urgent_concern(*, concern_id: int) -> int:
    """E-mail an urgent concern to every active user of the curator group; return how many."""
    concern = (
        Concern.objects.select_related(
            "raised_by", "mentorship__form", "mentorship__mentor__person"
        )
        .filter(pk=concern_id)
        .first()
    )
    if concern is None:
        return 0
    addresses = sorted(
        set(
            User.objects.filter(groups__name=ROLES[CURATOR].group, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    context = {
        "concern": concern,
        "link": settings.SITE_URL + concern.get_absolute_url(),
        "school": get_school(),
    }
    # One letter per curator: their addresses are not shown to one another.
    with get_connection() as connection:
        for address in addresses:
            send_templated(
                name="urgent_concern", to=[address], context=context, connection=connection
            )
    return len(addresses)
