"""Changes of state in the core app, split by subdomain. Every write goes through these."""

from mentorship.services.school import (
    SCHOOL_FIELDS,
    default_year_dates,
    get_school,
    programme_year_create,
    programme_year_set_current,
    programme_year_update,
    school_update,
    timezone_year,
)

__all__ = [
    "SCHOOL_FIELDS",
    "default_year_dates",
    "get_school",
    "programme_year_create",
    "programme_year_set_current",
    "programme_year_update",
    "school_update",
    "timezone_year",
]
