from django.contrib import admin

from surveys.models import Answer, Campaign, Invitation, Option, Question, Questionnaire, Response


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = [
        ("order", "kind", "required"),
        "text",
        "help_text",
        ("code", "topic"),
        ("scale_min", "scale_max", "max_choices"),
        ("scale_min_label", "scale_max_label"),
    ]


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["title", "purpose", "audience", "version", "is_standard", "is_archived"]
    list_filter = ["purpose", "audience", "is_standard", "is_archived"]
    search_fields = ["title", "code"]
    inlines = [QuestionInline]


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "questionnaire", "kind", "order", "required"]
    list_filter = ["kind", "questionnaire"]
    search_fields = ["text"]
    inlines = [OptionInline]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "questionnaire", "year", "starts_on", "ends_on", "status", "moment"]
    list_filter = ["status", "moment", "year"]
    search_fields = ["title"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["person", "campaign", "sent_at", "opened_at", "answered_at", "revoked_at"]
    list_filter = ["campaign"]
    search_fields = ["person__search_key"]
    raw_id_fields = ["person"]
    readonly_fields = ["token"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "text", "number", "date_value", "ranking"]
    readonly_fields = fields


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["questionnaire", "person", "submitted_at", "writeback_note"]
    list_filter = ["questionnaire"]
    search_fields = ["person__search_key"]
    raw_id_fields = ["person", "invitation"]
    inlines = [AnswerInline]
