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
        from mentorship import navigation, permissions  # noqa: PLC0415

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
                order=100,
            ),
            navigation.NavItem(
                "Наставляемые",
                "mentorship:mentee-list",
                permissions.can_view_banks,
                icon="person-raised-hand",
                order=110,
            ),
            navigation.NavItem(
                "Наставники",
                "mentorship:mentor-list",
                permissions.can_view_banks,
                icon="person-check",
                order=120,
            ),
            navigation.NavItem(
                "Пары",
                "mentorship:pair-list",
                permissions.can_view_pairs,
                icon="people-fill",
                order=130,
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
