"""Admin for stage 6 and the practice registers (superusers only see the admin)."""

from django.contrib import admin

from mentorship.models import (
    CalendarFeed,
    Case,
    Concern,
    Meeting,
    PairingFit,
    ReminderLog,
    Resource,
    Reward,
)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("held_on", "kind", "format", "topic", "logged_by")
    list_filter = ("kind", "format")
    date_hierarchy = "held_on"
    filter_horizontal = ("mentorships",)
    search_fields = ("topic", "notes")


@admin.register(PairingFit)
class PairingFitAdmin(admin.ModelAdmin):
    list_display = ("mentorship", "person", "answer", "resolved_at")
    list_filter = ("answer",)
    raw_id_fields = ("mentorship", "person")


@admin.register(Concern)
class ConcernAdmin(admin.ModelAdmin):
    list_display = ("created_at", "raised_by", "topic", "urgency", "resolved_at")
    list_filter = ("topic", "urgency")
    raw_id_fields = ("raised_by", "mentorship")


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at", "revoked_at")
    readonly_fields = ("token",)


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ("sent_on", "kind", "person", "key", "email")
    list_filter = ("kind", "sent_on")
    raw_id_fields = ("person",)

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Reward)
class RewardAdmin(admin.ModelAdmin):
    list_display = ("year", "person", "kind", "awarded_on", "order_reference")
    list_filter = ("year", "kind")
    raw_id_fields = ("person",)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("title", "year", "form", "is_published")
    list_filter = ("year", "is_published")
    filter_horizontal = ("authors",)


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "is_public")
    list_filter = ("kind", "is_public")
    filter_horizontal = ("topics",)
