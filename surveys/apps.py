from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Анкеты и опросы"

    def ready(self) -> None:
        from mentorship import standard_data  # noqa: PLC0415
        from surveys.standard import load_standard_questionnaires  # noqa: PLC0415

        if load_standard_questionnaires not in standard_data.STANDARD_DATA_EXTENSIONS:
            standard_data.STANDARD_DATA_EXTENSIONS.append(load_standard_questionnaires)

        from mentorship import navigation  # noqa: PLC0415
        from surveys.permissions import can_view_results  # noqa: PLC0415

        navigation.register(
            navigation.NavItem(
                "Опросы", "surveys:campaign-list", can_view_results, icon="send", order=35
            )
        )
        navigation.register(
            navigation.NavItem(
                "Обратная связь после встреч",
                "surveys:feedback-overview",
                can_view_results,
                icon="chat-square-text",
                group="pairs",
                order=136,
            )
        )
        navigation.register(
            navigation.NavItem(
                "Мои анкеты",
                "surveys:my-forms",
                lambda user: not can_view_results(user),
                icon="ui-checks",
                order=55,
            )
        )

        from mentorship import widgets  # noqa: PLC0415
        from mentorship.roles import MENTOR, TEACHER  # noqa: PLC0415
        from surveys.widgets import my_open_forms  # noqa: PLC0415

        widgets.register(
            widgets.Widget("my-forms", frozenset({MENTOR, TEACHER}), my_open_forms, order=5)
        )

        from mentorship import hooks  # noqa: PLC0415
        from mentorship.roles import CURATOR  # noqa: PLC0415
        from surveys import meeting_feedback  # noqa: PLC0415
        from surveys.widgets import meeting_feedback_totals  # noqa: PLC0415

        # Feedback after every meeting: invitations when it is logged, who answered.
        hooks.add(hooks.MEETING_LOGGED, meeting_feedback.meeting_feedback_invite)
        hooks.add(hooks.FEEDBACK_STATUS, meeting_feedback.feedback_status)
        widgets.register(
            widgets.Widget(
                "meeting-feedback", frozenset({CURATOR}), meeting_feedback_totals, order=30
            )
        )

        from surveys.reminders import feedback_reminders, questionnaire_reminders  # noqa: PLC0415

        # Daily reminders of forms waiting for an answer (``manage.py send_reminders``).
        hooks.add(hooks.REMINDER_SOURCES, feedback_reminders)
        hooks.add(hooks.REMINDER_SOURCES, questionnaire_reminders)

        from mentorship import demo  # noqa: PLC0415
        from surveys.demo import seed_meeting_feedback, seed_surveys  # noqa: PLC0415

        if seed_surveys not in demo.DEMO_EXTENSIONS:
            demo.DEMO_EXTENSIONS.append(seed_surveys)
        if seed_meeting_feedback not in demo.DEMO_EXTENSIONS:
            demo.DEMO_EXTENSIONS.append(seed_meeting_feedback)
        from surveys.demo_large import seed_surveys_large  # noqa: PLC0415

        demo.register_large_step(seed_surveys_large, order=20)
