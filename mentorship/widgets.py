"""Blocks that other apps add to the home pages (mentorship may not import them).

An app registers ``Widget(roles, render)`` in its AppConfig.ready(); ``render(request)``
returns the rendered HTML or "" to show nothing. The home views call ``render_for``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Widget:
    key: str
    roles: frozenset[str]
    render: Callable[[HttpRequest], str]
    order: int = 100


_REGISTRY: dict[str, Widget] = {}


def register(widget: Widget) -> None:
    _REGISTRY[widget.key] = widget


def render_for(request: HttpRequest, role: str) -> list[SafeString]:
    blocks = []
    for widget in sorted(_REGISTRY.values(), key=lambda w: w.order):
        if role in widget.roles:
            html = widget.render(request)
            if html:
                blocks.append(mark_safe(html))  # noqa: S308 (rendered by our own templates)
    return blocks
