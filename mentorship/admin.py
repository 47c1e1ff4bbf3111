from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from mentorship.common import AuditEntry
from mentorship.models import LegalBasis, Person, ProgrammeYear, School, User

admin.site.site_header = "Наставник: администрирование"
admin.site.site_title = "Наставник"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "last_name", "first_name", "email", "is_active", "last_login"]
    list_filter = ["groups", "is_active", "is_superuser"]


@admin.register(School)
class SchoolAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "director_name", "locality"]

    def has_add_permission(self, request) -> bool:
        return not School.objects.exists()


@admin.register(ProgrammeYear)
class ProgrammeYearAdmin(admin.ModelAdmin):
    list_display = ["title", "start_date", "end_date", "is_current"]
    list_filter = ["is_current"]
    search_fields = ["title"]


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["title", "code"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "position", "department", "email"]
    list_filter = ["kind", "department"]
    search_fields = ["search_key", "email", "position"]
    raw_id_fields = ["user"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "object_repr"]
    list_filter = ["action"]
    search_fields = ["object_repr", "action"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
