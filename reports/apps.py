from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Документы и отчёты"

    def ready(self) -> None:
        from mentorship import navigation, widgets  # noqa: PLC0415
        from mentorship.permissions import is_staff_manager  # noqa: PLC0415
        from mentorship.roles import CURATOR, DIRECTOR  # noqa: PLC0415
        from reports import permissions  # noqa: PLC0415
        from reports.widgets import (  # noqa: PLC0415
            approvals_widget,
            dashboard_widget,
            returned_drafts_widget,
        )

        navigation.register(
            navigation.NavItem(
                "Документы",
                "reports:document-list",
                permissions.can_view_documents,
                icon="file-earmark-text",
                order=40,
            )
        )
        widgets.register(
            widgets.Widget("approvals", frozenset({DIRECTOR}), approvals_widget, order=5)
        )
        widgets.register(
            widgets.Widget("documents", frozenset({CURATOR}), returned_drafts_widget, order=20)
        )
        # Monitoring: the dashboard of indicators, for those who run the programme.
        navigation.register(
            navigation.NavItem(
                "Мониторинг",
                "reports:dashboard",
                is_staff_manager,
                icon="speedometer2",
                order=35,
            )
        )
        widgets.register(
            widgets.Widget("dashboard", frozenset({DIRECTOR}), dashboard_widget, order=3)
        )

        from mentorship import demo  # noqa: PLC0415
        from reports.demo import seed_documents  # noqa: PLC0415

        if seed_documents not in demo.DEMO_EXTENSIONS:
            demo.DEMO_EXTENSIONS.append(seed_documents)
        from reports.demo_large import close_year_large, seed_documents_large  # noqa: PLC0415

        # Documents after the roadmap (their approval fulfils its events) and the surveys.
        demo.register_large_step(seed_documents_large, order=90)
        demo.register_large_closer(close_year_large)
