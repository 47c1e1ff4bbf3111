from django.contrib import admin

from roadmap.models import Event, Roadmap, RoadmapTemplate, Stage, TemplateEvent, TemplateStage


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0


@admin.register(Roadmap)
class RoadmapAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "approved_on", "approval_reference"]
    search_fields = ["title"]
    inlines = [StageInline]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "stage", "deadline_phrase", "end_date", "status"]
    list_filter = ["status", "document_kind", "deadline_recognised", "stage__roadmap"]
    search_fields = ["title", "responsible_text", "deadline_phrase"]
    filter_horizontal = ["responsible_people"]
    date_hierarchy = "end_date"


class TemplateEventInline(admin.TabularInline):
    model = TemplateEvent
    extra = 0


@admin.register(TemplateStage)
class TemplateStageAdmin(admin.ModelAdmin):
    list_display = ["template", "number", "title"]
    list_filter = ["template"]
    inlines = [TemplateEventInline]


class TemplateStageInline(admin.TabularInline):
    model = TemplateStage
    extra = 0
    show_change_link = True


@admin.register(RoadmapTemplate)
class RoadmapTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "audience"]
    inlines = [TemplateStageInline]
