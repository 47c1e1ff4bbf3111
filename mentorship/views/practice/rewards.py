"""The rewards registry: the year's rewards, pending ones made into the rewards order."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from mentorship import permissions_practice as policy
from mentorship.decorators import role_required
from mentorship.exceptions import DomainError
from mentorship.forms.practice import RewardFilterForm, RewardForm
from mentorship.models import Reward
from mentorship.selectors import current_year
from mentorship.selectors import practice as selectors
from mentorship.services import practice as services
from mentorship.views.practice._common import filter_data, paged, show_errors


def _visible_reward(request: HttpRequest, pk: int) -> Reward:
    visible = policy.rewards_visible_to(request.user).select_related("person", "year")
    return get_object_or_404(visible, pk=pk)


@role_required(policy.can_view_rewards)
def reward_list(request: HttpRequest) -> HttpResponse:
    # With no filter at all the registry opens on the current year.
    year = current_year()
    filters = RewardFilterForm(request.GET or None, initial={"year": year})
    cleaned = filter_data(filters) if filters.is_bound else {"year": year}
    rewards = selectors.reward_list(
        visible=policy.rewards_visible_to(request.user), filters=cleaned
    )
    page, query = paged(request, rewards)
    return render(
        request,
        "mentorship/practice/reward_list.html",
        {
            "filters": filters,
            "page": page,
            "query": query,
            "pending": selectors.pending_count(year=cleaned.get("year")),
            "year": cleaned.get("year"),
            "can_manage": policy.can_manage_rewards(request.user),
            "can_order": policy.can_order_rewards(request.user),
        },
    )


@role_required(policy.can_manage_rewards)
def reward_create(request: HttpRequest) -> HttpResponse:
    mentors = selectors.reward_mentors()
    wanted = request.GET.get("person", "")
    initial = {"year": current_year(), "person": int(wanted) if wanted.isdigit() else None}
    form = RewardForm(request.POST or None, initial=initial, mentors=mentors)
    if request.method == "POST" and form.is_valid():
        try:
            reward = services.reward_create(data=form.cleaned_data, actor=request.user)
        except (DomainError, ValidationError) as exc:
            show_errors(form, exc)
        else:
            messages.success(request, f"Поощрение записано: {reward.person.full_name}.")
            return redirect("mentorship:reward-list")
    return render(request, "mentorship/practice/reward_form.html", {"form": form, "reward": None})


@role_required(policy.can_manage_rewards)
def reward_update(request: HttpRequest, pk: int) -> HttpResponse:
    reward = _visible_reward(request, pk)
    if not policy.can_edit_reward(request.user, reward):
        # Part of a signed order: the page shows it, the form is gone.
        return render(
            request, "mentorship/practice/reward_form.html", {"form": None, "reward": reward}
        )
    form = RewardForm(
        request.POST or None,
        instance=Reward.objects.get(pk=pk),
        mentors=selectors.reward_mentors(keep=reward),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reward_update(reward=reward, data=form.cleaned_data, actor=request.user)
        except (DomainError, ValidationError) as exc:
            show_errors(form, exc)
        else:
            messages.success(request, "Поощрение сохранено.")
            return redirect("mentorship:reward-list")
    return render(request, "mentorship/practice/reward_form.html", {"form": form, "reward": reward})


@role_required(policy.can_manage_rewards)
def reward_delete(request: HttpRequest, pk: int) -> HttpResponse:
    reward = _visible_reward(request, pk)
    if not policy.can_edit_reward(request.user, reward):
        messages.error(request, "Поощрение оформлено приказом: удалить его нельзя.")
        return redirect("mentorship:reward-update", pk=reward.pk)
    if request.method == "POST":
        try:
            services.reward_delete(reward=reward, actor=request.user)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Поощрение удалено: {reward.person.full_name}.")
        return redirect("mentorship:reward-list")
    return render(request, "mentorship/practice/reward_confirm_delete.html", {"reward": reward})
