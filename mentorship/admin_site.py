"""Django's admin for superusers only: staff accounts without it get the admin's log-in page.

Everything a curator or a director does has its own page with its own permission checks;
the admin bypasses them (any model, any row), so it is the superuser's tool alone.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.http import HttpRequest


class NastavnikAdminSite(admin.AdminSite):
    site_header = "Наставник: администрирование"
    site_title = "Наставник"
    index_title = "Администрирование"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and user.is_superuser


class AdminConfig(DjangoAdminConfig):
    default_site = "mentorship.admin_site.NastavnikAdminSite"
