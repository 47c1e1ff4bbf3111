"""The main menu: each app registers its sections; a user sees those his roles may open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    visible: Callable[[object], bool]
    icon: str = ""
    order: int = 100
    # A user-dependent target, e.g. «Главная» leads to the home page of the user's role.
    url_for: Callable[[object], str] | None = None


_REGISTRY: list[NavItem] = []


def register(item: NavItem) -> None:
    if item.url_name not in {existing.url_name for existing in _REGISTRY}:
        _REGISTRY.append(item)


def items_for(user, current_path: str) -> list[dict[str, object]]:
    result = []
    for item in sorted(_REGISTRY, key=lambda i: i.order):
        if not item.visible(user):
            continue
        url = item.url_for(user) if item.url_for else reverse(item.url_name)
        result.append(
            {
                "label": item.label,
                "url": url,
                "icon": item.icon,
                "active": current_path == url or (url != "/" and current_path.startswith(url)),
            }
        )
    return result
