"""The mentor's assignment under art. 351.8 ТК РФ, edited on the pair's page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from mentorship import permissions
from mentorship.decorators import role_required
from mentorship.exceptions import DomainError
from mentorship.forms.pairs import AgreementForm
from mentorship.selectors import pairs as selectors
from mentorship.services.pairs import mentorship_agreement_update


@role_required(permissions.can_manage_pairs)
def pair_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    visible = permissions.mentorships_visible_to(request.user)
    pair = get_object_or_404(selectors.pair_detail_queryset(visible), pk=pk)
    form = AgreementForm(request.POST or None, instance=pair)
    if request.method == "POST" and form.is_valid():
        try:
            mentorship_agreement_update(mentorship=pair, data=form.cleaned_data, actor=request.user)
        except DomainError as exc:
            form.add_error("termination_notice_on", str(exc))
        else:
            messages.success(request, "Сведения о поручении наставнику сохранены.")
            return redirect(pair)
    return render(request, "mentorship/pairs/pair_agreement.html", {"pair": pair, "form": form})
