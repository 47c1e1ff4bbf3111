from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = "Дорожная карта"

    def ready(self) -> None:
        from mentorship import (  # noqa: PLC0415
            demo,
            navigation,
            widgets,  # noqa: PLC0415
        )
        from mentorship.roles import CURATOR, DIRECTOR, MENTOR, TEACHER  # noqa: PLC0415
        from roadmap import permissions  # noqa: PLC0415
        from roadmap.demo import seed_roadmap  # noqa: PLC0415
        from roadmap.widgets import my_events_widget, roadmap_progress  # noqa: PLC0415

        widgets.register(
            widgets.Widget("roadmap", frozenset({CURATOR, DIRECTOR}), roadmap_progress, order=10)
        )
        widgets.register(
            widgets.Widget("my-events", frozenset({MENTOR, TEACHER}), my_events_widget, order=50)
        )
        from mentorship import hooks  # noqa: PLC0415
        from roadmap.calendar import deadline_inbox, deadline_items  # noqa: PLC0415
        from roadmap.reminders import deadline_reminders  # noqa: PLC0415

        # Deadlines in the calendar feed, the reminders and the curator's inbox.
        hooks.add(hooks.CALENDAR_SOURCES, deadline_items)
        hooks.add(hooks.REMINDER_SOURCES, deadline_reminders)
        hooks.add(hooks.INBOX_SOURCES, deadline_inbox)
        if seed_roadmap not in demo.DEMO_EXTENSIONS:
            demo.DEMO_EXTENSIONS.append(seed_roadmap)
        from roadmap.demo import seed_roadmap_large  # noqa: PLC0415

        demo.register_large_step(seed_roadmap_large, order=10)

        navigation.register(
            navigation.NavItem(
                "Дорожная карта",
                "roadmap:roadmap-home",
                permissions.can_view_roadmap,
                icon="signpost-split",
                order=20,
            )
        )
        navigation.register(
            navigation.NavItem(
                "Мои мероприятия",
                "roadmap:my-events",
                lambda user: not permissions.can_view_roadmap(user),
                icon="list-check",
                order=60,
            )
        )
