"""Domain errors: views turn them into a message for the user, never into a 500."""


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
