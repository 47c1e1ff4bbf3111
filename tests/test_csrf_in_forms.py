"""Every form included with ``only`` must carry the CSRF token explicitly."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
INCLUDE = re.compile(r'{% include "includes/_form\.html" with (?P<args>[^%]*) only %}')


def test_forms_included_with_only_pass_the_csrf_token():
    missing = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in INCLUDE.finditer(path.read_text(encoding="utf-8"))
        if "csrf_token=csrf_token" not in match.group("args")
    ]
    assert missing == []
