"""How the reports' numbers read in Russian: a decimal comma, a dash for «no data»."""

from __future__ import annotations

from decimal import Decimal


def number(value: int | Decimal | None) -> str:
    """40.0 → «40,0», 4.25 → «4,25», None → «—»."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")
    return str(value)


def signed(value: Decimal | None) -> str:
    """A change: «+0,50», «−0,25», «0,00»."""
    if value is None:
        return "—"
    if value > 0:
        return f"+{number(value)}"
    if value < 0:
        return f"−{number(-value)}"
    return number(value)


def percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{number(value)} %"
