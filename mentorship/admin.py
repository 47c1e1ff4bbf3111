from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from mentorship.common import AuditEntry
from mentorship.models import (
    Consent,
    LegalBasis,
    MenteeProfile,
    MenteeRequest,
    MenteeStatusChange,
    MentoringForm,
    MentorProfile,
    MentorStatusChange,
    Person,
    ProgrammeYear,
    School,
    Topic,
    TrainingRecord,
    User,
)

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


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    fields = ["kind", "signer", "valid_from", "valid_to", "withdrawn_on", "scan"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "position", "department", "email"]
    list_filter = ["kind", "department"]
    search_fields = ["search_key", "email", "position"]
    raw_id_fields = ["user"]
    inlines = [ConsentInline]


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


@admin.register(Consent)
class ConsentAdmin(SimpleHistoryAdmin):
    list_display = ["person", "kind", "signer", "valid_from", "valid_to", "withdrawn_on"]
    list_filter = ["kind", "signer", "withdrawn_on"]
    search_fields = ["person__search_key", "representative_name"]
    raw_id_fields = ["person"]
    date_hierarchy = "valid_from"


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "audience", "order", "is_active"]
    list_filter = ["audience", "is_active"]
    search_fields = ["title", "code"]
    list_editable = ["order", "is_active"]


@admin.register(MentoringForm)
class MentoringFormAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "audience", "is_group", "order", "is_active"]
    list_filter = ["audience", "is_group", "is_active"]
    search_fields = ["title", "code"]


class MenteeRequestInline(admin.TabularInline):
    model = MenteeRequest
    extra = 0
    autocomplete_fields = ["topic"]


class MenteeStatusChangeInline(admin.TabularInline):
    model = MenteeStatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "changed_at", "actor", "note"]
    can_delete = False


@admin.register(MenteeProfile)
class MenteeProfileAdmin(SimpleHistoryAdmin):
    list_display = ["person", "category", "status", "updated_at"]
    list_filter = ["status", "category", "requests__topic"]
    search_fields = ["person__search_key", "request_text"]
    raw_id_fields = ["person"]
    inlines = [MenteeRequestInline, MenteeStatusChangeInline]


class TrainingRecordInline(admin.TabularInline):
    model = TrainingRecord
    extra = 0


class MentorStatusChangeInline(admin.TabularInline):
    model = MentorStatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "changed_at", "actor", "note"]
    can_delete = False


@admin.register(MentorProfile)
class MentorProfileAdmin(SimpleHistoryAdmin):
    list_display = ["person", "status", "capacity", "updated_at"]
    list_filter = ["status", "topics", "forms"]
    search_fields = ["person__search_key", "offer_text"]
    raw_id_fields = ["person"]
    filter_horizontal = ["topics", "forms"]
    inlines = [TrainingRecordInline, MentorStatusChangeInline]


@admin.register(TrainingRecord)
class TrainingRecordAdmin(admin.ModelAdmin):
    list_display = ["mentor", "date", "course", "hours"]
    search_fields = ["course", "mentor__person__search_key"]
    date_hierarchy = "date"


from mentorship import admin_meetings  # noqa: E402, F401  (registers the stage 6 models)
