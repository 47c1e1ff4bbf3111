from mentorship.selectors.core import current_year, programme_year_list

__all__ = ["current_year", "programme_year_list"]
