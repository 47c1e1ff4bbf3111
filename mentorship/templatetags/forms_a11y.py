"""Accessible forms: the fields a summary of errors links to."""

from __future__ import annotations

from django import template
from django.forms import BaseForm, BoundField

register = template.Library()


@register.filter
def fields_with_errors(form: BaseForm | None) -> list[BoundField]:
    """The form's fields that have errors, in the form's order (non-field errors apart)."""
    if form is None or not getattr(form, "errors", None):
        return []
    return [field for field in form if field.errors]
