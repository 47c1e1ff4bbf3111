"""What a signed-in user may do, kept in the cache between requests.

Every page asks who the user is (their roles, for the menu and the home page) and what
they may do (model permissions). Django reads both from the database on each request:
three queries before the page itself starts. They change only when someone's groups or
a group's permissions change, so the answer is kept in the cache under a *generation*
that any such change replaces: one write makes every kept answer stale at once, in
every worker that shares the cache (settings.CACHES; the file cache in production).

The user's own row (``is_active``, ``is_superuser``) is read on every request anyway and
is part of the key: switching either takes effect on the next request.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

GENERATION_KEY = "access:generation"
TIMEOUT = 24 * 60 * 60  # a day: long enough to matter, short enough to heal anything missed


@dataclass(frozen=True)
class Access:
    roles: frozenset[str]
    permissions: frozenset[str]


def forget_all() -> None:
    """Make every kept answer stale: groups, memberships or permissions have changed."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, generation, None):
            generation = cache.get(GENERATION_KEY, generation)
    return generation


def access_for(user) -> Access:
    """The user's roles and permissions, from the cache or (once) from the database."""
    kept = getattr(user, "_access", None)
    if kept is not None:
        return kept
    from mentorship.roles import role_codes_from_db  # noqa: PLC0415 (roles imports models)

    key = f"access:{_generation()}:{user.pk}:{int(user.is_active)}:{int(user.is_superuser)}"
    access = cache.get(key)
    if access is None:
        permissions = (
            frozenset(ModelBackend().get_all_permissions(user)) if user.is_active else frozenset()
        )
        access = Access(role_codes_from_db(user), permissions)
        cache.set(key, access, TIMEOUT)
    user._access = access
    return access


class CachedModelBackend(ModelBackend):
    """Django's model backend whose answers come from ``access_for`` (same rules, no queries)."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        return set(access_for(user_obj).permissions)

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return False
        return perm in access_for(user_obj).permissions

    def has_module_perms(self, user_obj, app_label):
        if not user_obj.is_active or user_obj.is_anonymous:
            return False
        prefix = f"{app_label}."
        return any(perm.startswith(prefix) for perm in access_for(user_obj).permissions)


def _changed(sender, **kwargs) -> None:
    if kwargs.get("action", "post_").startswith("post_"):
        forget_all()


def connect_signals() -> None:
    """Forget kept answers whenever memberships, groups or permissions change."""
    from django.contrib.auth import get_user_model  # noqa: PLC0415
    from django.contrib.auth.models import Group, Permission  # noqa: PLC0415
    from django.db.models.signals import m2m_changed, post_delete, post_save  # noqa: PLC0415

    user_model = get_user_model()
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"access:{through.__name__}")
    for model in (Group, Permission):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"access:{model.__name__}")
