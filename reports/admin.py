"""Admin: registers are editable, documents are read-mostly (the workflow lives in the app)."""

from django.contrib import admin

from reports.models import (
    Document,
    DocumentTransition,
    ExportTemplate,
    PublicPage,
    Register,
    ReportNote,
)


@admin.register(Register)
class RegisterAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "pattern"]
    search_fields = ["title", "code"]
    readonly_fields = ["code"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class TransitionInline(admin.TabularInline):
    model = DocumentTransition
    extra = 0
    can_delete = False
    fields = ["at", "from_status", "to_status", "actor", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Documents change only through their workflow: here they are looked up, not edited."""

    list_display = ["__str__", "kind", "status", "year", "number", "approved_on", "created_at"]
    list_filter = ["status", "kind", "year", "register"]
    search_fields = ["title", "number"]
    date_hierarchy = "created_at"
    list_select_related = ["year", "register"]
    inlines = [TransitionInline]
    readonly_fields = [
        "kind",
        "year",
        "title",
        "status",
        "params",
        "preamble",
        "extra_items",
        "mentorships",
        "event",
        "register",
        "number",
        "number_year",
        "sequence",
        "approved_on",
        "approved_at",
        "approved_by",
        "data",
        "pdf",
        "sha256",
        "return_comment",
        "cancel_reason",
        "created_by",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PublicPage)
class PublicPageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "is_enabled"]


@admin.register(ReportNote)
class ReportNoteAdmin(admin.ModelAdmin):
    list_display = ["year", "report_code", "section", "updated_at"]
    list_filter = ["year", "report_code"]


@admin.register(ExportTemplate)
class ExportTemplateAdmin(admin.ModelAdmin):
    list_display = ["code", "title"]
