"""LongSelect: the markup of Django's Select, built without a template per option."""

from __future__ import annotations

import re

from django import forms

from mentorship.forms.widgets import LongSelect

CHOICES = [
    ("", "любой"),
    ("Кафедра «Точные науки»", [(1, "Иванова Мария"), (2, "Петров <Пётр>")]),
    (3, "Сидоров & сын"),
]


def _tidy(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def test_it_renders_what_django_s_select_renders() -> None:
    attrs = {"class": "form-select form-select-sm", "id": "id_mentor", "aria-describedby": "h"}
    for value in ("", 2, 3):
        ours = LongSelect(choices=CHOICES).render("mentor", value, attrs=attrs)
        django = forms.Select(choices=CHOICES).render("mentor", value, attrs=attrs)
        assert _tidy(ours) == _tidy(django)


def test_labels_and_groups_are_escaped() -> None:
    html = LongSelect(choices=CHOICES).render("mentor", 2)
    assert "Петров &lt;Пётр&gt;" in html and "Сидоров &amp; сын" in html
    assert '<option value="2" selected>' in html
    assert 'label="Кафедра «Точные науки»"' in html
