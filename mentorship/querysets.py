from __future__ import annotations

from django.db import models

from mentorship.text import normalise


class ProgrammeYearQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True).first()


class PersonQuerySet(models.QuerySet):
    def search(self, query: str):
        """Every word of the query must occur in the full name, whatever its case and ё."""
        qs = self
        for word in normalise(query).split():
            qs = qs.filter(search_key__contains=word)
        return qs

    def staff(self):
        return self.filter(kind="staff")

    def pupils(self):
        return self.filter(kind="pupil")
