"""The methodical library: materials, memos, templates and links, kept by the curator."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from mentorship import permissions_practice as policy
from mentorship.decorators import role_required
from mentorship.exceptions import DomainError
from mentorship.forms.practice import ResourceFilterForm, ResourceForm
from mentorship.models import Resource
from mentorship.selectors import practice as selectors
from mentorship.services import practice as services
from mentorship.views.practice._common import download, filter_data, paged, show_errors


def _visible_resource(request: HttpRequest, pk: int) -> Resource:
    visible = policy.resources_visible_to(request.user).prefetch_related("topics")
    return get_object_or_404(visible, pk=pk)


@role_required(policy.can_view_library)
def resource_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    filters = ResourceFilterForm(request.GET or None)
    resources = selectors.resource_list(
        visible=policy.resources_visible_to(user),
        filters=filter_data(filters),
        first=selectors.first_kinds_for(user.role_codes),
    )
    page, query = paged(request, resources)
    return render(
        request,
        "mentorship/practice/resource_list.html",
        {
            "filters": filters,
            "page": page,
            "query": query,
            "first_kinds": selectors.first_kinds_for(user.role_codes),
            "can_manage": policy.can_manage_library(user),
        },
    )


@role_required(policy.can_view_library)
def resource_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _visible_resource(request, pk)
    return render(
        request,
        "mentorship/practice/resource_detail.html",
        {"resource": resource, "can_manage": policy.can_manage_library(request.user)},
    )


@role_required(policy.can_manage_library)
def resource_create(request: HttpRequest) -> HttpResponse:
    wanted = request.GET.get("kind", "")
    form = ResourceForm(request.POST or None, request.FILES or None, initial={"kind": wanted})
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.resource_create(
                data=form.cleaned_data, topics=form.cleaned_data["topics"], actor=request.user
            )
        except (DomainError, ValidationError) as exc:
            show_errors(form, exc)
        else:
            messages.success(request, f"Материал «{resource.title}» добавлен в библиотеку.")
            return redirect(resource)
    return render(
        request, "mentorship/practice/resource_form.html", {"form": form, "resource": None}
    )


@role_required(policy.can_manage_library)
def resource_update(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _visible_resource(request, pk)
    form = ResourceForm(
        request.POST or None,
        request.FILES or None,
        instance=Resource.objects.get(pk=pk),
        file_url=reverse("mentorship:resource-file", args=[pk]),
    )
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.resource_update(
                resource=resource,
                data=form.cleaned_data,
                topics=form.cleaned_data["topics"],
                actor=request.user,
            )
        except (DomainError, ValidationError) as exc:
            show_errors(form, exc)
        else:
            messages.success(request, "Материал сохранён.")
            return redirect(resource)
    return render(
        request, "mentorship/practice/resource_form.html", {"form": form, "resource": resource}
    )


@role_required(policy.can_manage_library)
def resource_delete(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _visible_resource(request, pk)
    if request.method == "POST":
        services.resource_delete(resource=resource, actor=request.user)
        messages.success(request, f"Материал «{resource.title}» удалён из библиотеки.")
        return redirect("mentorship:resource-list")
    return render(
        request, "mentorship/practice/resource_confirm_delete.html", {"resource": resource}
    )


@role_required(policy.can_view_library)
def resource_file(request: HttpRequest, pk: int) -> FileResponse:
    resource = get_object_or_404(policy.resources_visible_to(request.user), pk=pk)
    return download(resource.file, f"material-{resource.pk}")
