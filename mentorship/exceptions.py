"""Domain errors: views turn them into a message for the user, never into a 500."""

from django.core.exceptions import ValidationError


class DomainError(Exception):
    """A rule of the programme forbids the requested change; the message is for the user."""


class ProgrammeYearError(DomainError):
    pass


class ConsentError(DomainError):
    pass


class PairingError(DomainError):
    pass


class CapacityError(PairingError):
    """The mentor has no free place; the curator may override with a recorded reason."""


def error_text(exc: Exception) -> str:
    """The Russian text of a domain or validation error, for a message to the user."""
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
