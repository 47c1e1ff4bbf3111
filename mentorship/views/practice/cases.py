"""The case bank: best practices of pairs and groups; mentors propose, the curator publishes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from mentorship import permissions
from mentorship import permissions_practice as policy
from mentorship.decorators import role_required
from mentorship.exceptions import DomainError
from mentorship.forms.practice import CaseFilterForm, CaseForm
from mentorship.models import Case, Person, ProgrammeYear
from mentorship.selectors import current_year
from mentorship.selectors import practice as selectors
from mentorship.services import practice as services
from mentorship.views.practice._common import download, filter_data, paged, show_errors


def _visible_case(request: HttpRequest, pk: int) -> Case:
    visible = policy.cases_visible_to(request.user)
    return get_object_or_404(selectors.case_detail_queryset(visible), pk=pk)


def _sees_unpublished(user) -> bool:
    return policy.can_view_all_cases(user) or permissions.is_mentor(user)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    filters = CaseFilterForm(request.GET or None, sees_unpublished=_sees_unpublished(user))
    cases = selectors.case_list(visible=policy.cases_visible_to(user), filters=filter_data(filters))
    page, query = paged(request, cases)
    return render(
        request,
        "mentorship/practice/case_list.html",
        {
            "filters": filters,
            "page": page,
            "query": query,
            "can_create": policy.can_create_case(user),
            "can_manage": policy.can_manage_cases(user),
        },
    )


def _case_form(request: HttpRequest, year: ProgrammeYear, case: Case | None) -> CaseForm:
    """The form with the pairs and authors the user may choose, the case's own kept."""
    user = request.user
    is_curator = policy.can_manage_cases(user)
    own = policy.case_mentorships(user)
    keep = case.mentorship_id if case else None
    pairs = selectors.case_pairs(mentorships=own, year=year, keep=keep)
    authors = selectors.case_author_choices(mentorships=own, everyone=is_curator)
    initial: dict = {}
    if case is not None:
        authors = Person.objects.filter(Q(pk__in=authors) | Q(pk__in=case.authors.all()))
    else:
        wanted = request.GET.get("pair", "")
        pair = pairs.filter(pk=int(wanted)).first() if wanted.isdigit() else None
        if pair is not None:
            initial = {
                "mentorship": pair,
                "form": pair.form,
                "authors": selectors.pair_authors(pair),
            }
    return CaseForm(
        request.POST or None,
        request.FILES or None,
        instance=Case.objects.get(pk=case.pk) if case else None,
        initial=initial,
        pairs=pairs,
        authors=authors,
        can_publish=policy.can_publish_cases(user),
        pair_required=not is_curator,
        file_url=reverse("mentorship:case-file", args=[case.pk]) if case else None,
    )


@role_required(policy.can_create_case)
def case_create(request: HttpRequest) -> HttpResponse:
    year = current_year()
    if year is None:
        messages.error(request, "Сначала выберите текущий учебный год в настройках.")
        return redirect("mentorship:case-list")
    form = _case_form(request, year, None)
    if (
        not policy.can_manage_cases(request.user)
        and not form.fields["mentorship"].queryset.exists()
    ):
        messages.info(request, "Кейс предлагают по своей паре или группе этого года: их пока нет.")
        return redirect("mentorship:case-list")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_create(
                data=data,
                authors=data["authors"],
                year=year,
                published=data.get("is_published", False),
                actor=request.user,
            )
        except (DomainError, ValidationError) as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _saved_text(case))
            return redirect(case)
    return render(
        request,
        "mentorship/practice/case_form.html",
        _form_context(request, form, None),
    )


def _saved_text(case: Case) -> str:
    if case.is_published:
        return "Кейс сохранён и опубликован."
    return "Кейс сохранён. Опубликовать его на странице «Наставничество» может куратор."


def _form_context(request: HttpRequest, form: CaseForm, case: Case | None) -> dict:
    return {
        "form": form,
        "case": case,
        "can_publish": policy.can_publish_cases(request.user),
        # For the script that fills the form and the authors in when a pair is chosen.
        "pair_defaults": selectors.pair_defaults(form.fields["mentorship"].queryset),
    }


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    user = request.user
    return render(
        request,
        "mentorship/practice/case_detail.html",
        {
            "case": case,
            "authors": list(case.authors.all()),
            "can_edit": policy.can_edit_case(user, case),
            "can_delete": policy.can_delete_case(user, case),
            "sees_pair": permissions.mentorships_visible_to(user)
            .filter(pk=case.mentorship_id)
            .exists(),
        },
    )


@login_required
def case_update(request: HttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    if not policy.can_edit_case(request.user, case):
        raise PermissionDenied
    form = _case_form(request, case.year, case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_update(
                case=case,
                data=data,
                authors=data["authors"],
                published=data.get("is_published"),
                actor=request.user,
            )
        except (DomainError, ValidationError) as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _saved_text(case))
            return redirect(case)
    return render(
        request,
        "mentorship/practice/case_form.html",
        _form_context(request, form, case),
    )


@login_required
def case_delete(request: HttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    if not policy.can_delete_case(request.user, case):
        raise PermissionDenied
    if request.method == "POST":
        services.case_delete(case=case, actor=request.user)
        messages.success(request, f"Кейс «{case.title}» удалён.")
        return redirect("mentorship:case-list")
    return render(request, "mentorship/practice/case_confirm_delete.html", {"case": case})


@login_required
def case_file(request: HttpRequest, pk: int) -> FileResponse:
    case = get_object_or_404(policy.cases_visible_to(request.user), pk=pk)
    return download(case.file, f"kejs-{case.pk}")
