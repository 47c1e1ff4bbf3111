from mentorship.forms.core import ProgrammeYearForm, SchoolForm

__all__ = ["ProgrammeYearForm", "SchoolForm"]
