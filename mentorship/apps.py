from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_roles(sender, **kwargs) -> None:
    from mentorship.roles import ensure_roles  # noqa: PLC0415 (models are not ready at import)

    ensure_roles()


def _home_url(user) -> str:
    from django.urls import reverse  # noqa: PLC0415

    from mentorship.roles import primary_role  # noqa: PLC0415

    role = primary_role(user)
    return reverse(role.home_url if role else "home")


class MentorshipConfig(AppConfig):
    name = "mentorship"
    verbose_name = "Наставничество"

    def ready(self) -> None:
        from mentorship import (  # noqa: PLC0415
            access,
            navigation,
            permissions,
            permissions_concerns,
        )

        access.connect_signals()
        from django.db.models.signals import post_delete, post_save  # noqa: PLC0415

        from mentorship.context_processors import forget_school_name  # noqa: PLC0415
        from mentorship.models import School  # noqa: PLC0415

        for signal in (post_save, post_delete):
            signal.connect(forget_school_name, sender=School, dispatch_uid="school-name")
        # Groups need the permissions, which Django itself creates after migrate.
        post_migrate.connect(_create_roles, dispatch_uid="mentorship.create_roles")
        items = [
            navigation.NavItem(
                "Главная", "home", lambda user: True, icon="house", order=0, url_for=_home_url
            ),
            navigation.NavItem(
                "Моя карточка",
                "mentorship:person-me",
                lambda user: not permissions.can_view_people(user),
                icon="person-vcard",
                order=50,
            ),
            navigation.NavItem(
                "Участники",
                "mentorship:person-list",
                permissions.can_view_people,
                icon="people",
                group="people",
                order=100,
            ),
            navigation.NavItem(
                "Наставляемые",
                "mentorship:mentee-list",
                permissions.can_view_banks,
                icon="person-raised-hand",
                group="people",
                order=110,
            ),
            navigation.NavItem(
                "Наставники",
                "mentorship:mentor-list",
                permissions.can_view_banks,
                icon="person-check",
                group="people",
                order=120,
            ),
            navigation.NavItem(
                "Пары",
                "mentorship:pair-list",
                permissions.can_view_pairs,
                icon="people-fill",
                group="pairs",
                order=130,
            ),
            navigation.NavItem(
                "Встречи",
                "mentorship:meeting-journal",
                permissions.can_view_pairs,  # the journal: curator and director
                icon="calendar-check",
                group="pairs",
                order=135,
            ),
            navigation.NavItem(
                "Обращения участников",
                "mentorship:concern-list",
                permissions_concerns.can_handle_concerns,
                icon="chat-left-dots",
                group="pairs",
                order=138,
            ),
            navigation.NavItem(
                "Не подошли друг другу",
                "mentorship:fit-problems",
                permissions_concerns.can_sort_out_fit,
                icon="heartbreak",
                group="pairs",
                order=139,
            ),
            navigation.NavItem(
                "Мои пары",
                "mentorship:my-pairs",
                lambda user: not permissions.can_view_pairs(user),
                icon="person-heart",
                order=45,
            ),
            navigation.NavItem(
                "Настройки",
                "mentorship:settings",
                permissions.can_view_settings,
                icon="gear",
                order=900,
            ),
            navigation.NavItem(
                "Администрирование",
                "admin:index",
                lambda user: user.is_superuser,
                icon="tools",
                order=1000,
            ),
        ]
        for item in items:
            navigation.register(item)

        from mentorship import widgets  # noqa: PLC0415
        from mentorship.roles import CURATOR, MENTOR, TEACHER  # noqa: PLC0415
        from mentorship.views import concerns  # noqa: PLC0415

        # Concerns and «подходим ли мы»: the mentor's and mentee's blocks, the curator's list.
        sides = frozenset({MENTOR, TEACHER})

        for widget in (
            widgets.Widget("fit-question", sides, concerns.fit_question_widget, order=3),
            widgets.Widget("raise-concern", sides, concerns.raise_concern_widget, order=90),
            widgets.Widget(
                "pair-problems", frozenset({CURATOR}), concerns.curator_problems_widget, order=4
            ),
        ):
            widgets.register(widget)

        from mentorship import widgets  # noqa: PLC0415
        from mentorship.roles import CURATOR, DIRECTOR, MENTOR, TEACHER  # noqa: PLC0415
        from mentorship.views import home  # noqa: PLC0415

        # Meetings, the curator's inbox and the director's summary; the calendar page.
        for widget in (
            widgets.Widget("meetings", frozenset({MENTOR, TEACHER}), home.meetings_widget, order=8),
            widgets.Widget("inbox", frozenset({CURATOR}), home.curator_inbox_widget, order=2),
            widgets.Widget("summary", frozenset({DIRECTOR}), home.director_summary_widget, order=1),
        ):
            widgets.register(widget)
        # The curator's menu is full: he finds his calendar on the inbox block of his home.
        navigation.register(
            navigation.NavItem(
                "Календарь",
                "mentorship:calendar-page",
                lambda user: bool(user.role_codes) and not permissions.can_view_pairs(user),
                icon="calendar-event",
                order=70,
            )
        )

        from mentorship import demo, permissions_practice  # noqa: PLC0415
        from mentorship.demo_practice import seed_practice  # noqa: PLC0415

        # Stage 7 and the year round: rewards, the case bank and the methodical library.
        for item in (
            navigation.NavItem(
                "Поощрения",
                "mentorship:reward-list",
                permissions_practice.can_view_rewards,
                icon="award",
                group="practice",
                order=200,
            ),
            navigation.NavItem(
                "Лучшие практики",
                "mentorship:case-list",
                permissions_practice.can_view_cases,
                icon="stars",
                group="practice",
                order=210,
            ),
            navigation.NavItem(
                "Методическая библиотека",
                "mentorship:resource-list",
                permissions_practice.can_view_library,
                icon="book",
                group="practice",
                order=220,
            ),
        ):
            navigation.register(item)
        if seed_practice not in demo.DEMO_EXTENSIONS:
            demo.DEMO_EXTENSIONS.append(seed_practice)
