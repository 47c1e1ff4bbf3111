"""Rows of the permission matrix, one module per area; tests/test_permissions_matrix.py
collects the ``ROWS`` of every module here.

A row: url name -> (kwargs maker or None, {persona: expected status of a GET}).
A kwargs maker receives a ``MatrixContext`` and returns the URL's kwargs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PERSONAS = ("anonymous", "curator", "director", "mentor", "other_mentor", "teacher", "no_role")
ANON = "anonymous"
LOGIN = 302  # an anonymous visitor is sent to the log-in page
DENY = 403
HIDDEN = 404  # someone else's object: not even its existence is revealed
OK = 200


@dataclass
class MatrixContext:
    """Gives kwargs makers the personas' objects, created on demand."""

    getfixturevalue: Callable[[str], Any]

    def user(self, persona: str):
        return self.getfixturevalue("no_role_user" if persona == "no_role" else persona)

    def person(self, persona: str):
        return self.user(persona).person


Row = tuple[Callable[[MatrixContext], dict] | None, dict[str, int]]


def everyone(status: int, **overrides: int) -> dict[str, int]:
    return {persona: overrides.get(persona, status) for persona in PERSONAS}


def signed_in(status: int, anonymous: int = LOGIN, **overrides: int) -> dict[str, int]:
    return everyone(status, anonymous=anonymous, **overrides)


def only(*allowed: str, others: int = DENY) -> dict[str, int]:
    return {
        persona: OK if persona in allowed else (LOGIN if persona == ANON else others)
        for persona in PERSONAS
    }
