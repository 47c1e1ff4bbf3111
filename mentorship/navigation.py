"""The main menu: each app registers its sections; a user sees those his roles may open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    visible: Callable[[object], bool]
    icon: str = ""
    order: int = 100
    # A user-dependent target, e.g. «Главная» leads to the home page of the user's role.
    url_for: Callable[[object], str] | None = None
    # Items of one group share a dropdown (a lone visible item stays a plain link).
    group: str = ""


# Dropdowns of the main menu: (label, icon), in the order of their first item.
GROUPS = {
    "people": ("Люди", "people"),
    "pairs": ("Пары и встречи", "people-fill"),
    "practice": ("Практики", "award"),
}


_REGISTRY: list[NavItem] = []


# Every page draws the menu: its fixed addresses are resolved once per process and prefix.
_URLS: dict[tuple[str, str], str] = {}


def register(item: NavItem) -> None:
    if item.url_name not in {existing.url_name for existing in _REGISTRY}:
        _REGISTRY.append(item)
        _REGISTRY.sort(key=lambda i: i.order)


@receiver(setting_changed)
def _forget_urls(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _URLS.clear()


def _url(url_name: str) -> str:
    key = (get_script_prefix(), url_name)
    url = _URLS.get(key)
    if url is None:
        url = _URLS[key] = reverse(url_name)
    return url


def items_for(user, current_path: str) -> list[dict[str, object]]:
    """The user's menu: links and dropdowns; only the best-matching link is active."""
    links = []
    for item in _REGISTRY:
        if not item.visible(user):
            continue
        url = item.url_for(user) if item.url_for else _url(item.url_name)
        links.append({"label": item.label, "url": url, "icon": item.icon, "group": item.group})
    matches = [
        link["url"]
        for link in links
        if current_path == link["url"]
        or (link["url"] != "/" and current_path.startswith(link["url"]))
    ]
    best = max(matches, key=len, default=None)
    result: list[dict[str, object]] = []
    groups: dict[str, dict[str, object]] = {}
    for link in links:
        link["active"] = link["url"] == best
        group = link.pop("group")
        if not group:
            result.append(link)
            continue
        if group not in groups:
            label, icon = GROUPS.get(group, (group, ""))
            groups[group] = {"label": label, "icon": icon, "children": [], "active": False}
            result.append(groups[group])
        groups[group]["children"].append(link)
        groups[group]["active"] = groups[group]["active"] or link["active"]
    return [
        entry["children"][0] if "children" in entry and len(entry["children"]) == 1 else entry
        for entry in result
    ]
