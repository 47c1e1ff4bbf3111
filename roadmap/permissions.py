"""Who sees and changes the roadmap: the curator keeps it, the director reads it, the people
responsible for an event see and mark their own events."""

from __future__ import annotations

from django.db.models import QuerySet

from roadmap.models import Event


def can_view_roadmap(user) -> bool:
    return user.has_perm("roadmap.view_roadmap")


def can_edit_roadmap(user) -> bool:
    return user.has_perm("roadmap.change_roadmap") and user.has_perm("roadmap.change_event")


def events_visible_to(user) -> QuerySet[Event]:
    if can_view_roadmap(user):
        return Event.objects.all()
    if user.is_authenticated:
        return Event.objects.filter(responsible_people__user=user)
    return Event.objects.none()


def can_mark_event(user, event: Event) -> bool:
    """The curator, or one of the event's responsible people, marks progress and evidence."""
    if can_edit_roadmap(user):
        return True
    return any(person.user_id == user.pk for person in event.responsible_people.all())


def can_see_my_events(user) -> bool:
    return user.is_authenticated
