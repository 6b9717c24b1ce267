"""Cohort pages: the list (cohorts I mentor, cohorts I am in), making and changing a cohort, the mentor's page
(heatmap, behind plan, inactive, waiting reviews, exercises) and its CSV export, leaving or removing a member.

A cohort someone may not see answers 404, never 403, so its existence is not revealed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from cohorts import selectors
from cohorts.export import progress_csv
from cohorts.forms import CohortForm, JoinCodeForm
from cohorts.models import Cohort
from cohorts.permissions import can_run_cohorts
from cohorts.progress import DEFAULT_INACTIVE_DAYS, MAX_INACTIVE_DAYS, cohort_progress_get, ordering_check
from cohorts.services import cohort_create, cohort_delete, cohort_update, membership_end
from cohorts.services.cohorts import mentors_from_usernames
from cohorts.views.common import heat, sort_columns
from config.bounds import id_from_text
from config.pages import form_errors, or_404, refusal_as_404

UNKNOWN_ORDERING = gettext_lazy("Unknown sort order; sorted by name.")


def cohort_or_404(request: HttpRequest, cohort_id: int) -> Cohort:
    return or_404(selectors.cohort_get(user=request.user, cohort_id=cohort_id))


@login_required
def cohort_list(request: HttpRequest) -> HttpResponse:
    context = {
        "mentored": selectors.cohort_list(user=request.user),
        "memberships": selectors.membership_list(user=request.user),
        "can_run": can_run_cohorts(request.user),
        "join_form": JoinCodeForm(),
    }
    return render(request, "cohorts/list.html", context)


def _save(request: HttpRequest, form: CohortForm, cohort: Cohort | None) -> Cohort | None:
    """Make or change the cohort from a valid form; None (errors added to the form) when a service refuses."""
    data = form.cleaned_data
    try:
        mentors = mentors_from_usernames(usernames=form.mentor_names())
        fields = {"name": data["name"], "start_date": data["start_date"], "target_date": data["target_date"]}
        if cohort is None:
            return cohort_create(user=request.user, track=data["track"], mentors=mentors, **fields)
        return cohort_update(user=request.user, cohort=cohort, mentors=mentors, **fields)
    except ValidationError as exc:
        form_errors(form, exc)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def cohort_new(request: HttpRequest) -> HttpResponse:
    if not can_run_cohorts(request.user):
        raise Http404
    form = CohortForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        cohort = _save(request, form, None)
        if cohort is not None:
            messages.success(request, _("Cohort %(name)s made. Invite its learners now.") % {"name": cohort.name})
            return redirect("cohort-invitations", cohort_id=cohort.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "cohorts/form.html", {"form": form, "cohort": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def cohort_edit(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = cohort_or_404(request, cohort_id)
    mentors = " ".join(m.get_username() for m in cohort.mentors.all())
    initial = {"name": cohort.name, "start_date": cohort.start_date, "target_date": cohort.target_date}
    data = request.POST if request.method == "POST" else None
    form = CohortForm(data, editing=True, initial={**initial, "mentors": mentors})
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, cohort)
        if saved is not None:
            messages.success(request, _("Cohort saved."))
            if selectors.cohort_get(user=request.user, cohort_id=saved.pk) is None:
                return redirect("cohort-list")  # they took themself off its mentors
            return redirect("cohort-detail", cohort_id=saved.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "cohorts/form.html", {"form": form, "cohort": cohort}, status=status)


@login_required
@require_POST
def cohort_remove(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = cohort_or_404(request, cohort_id)
    if request.POST.get("confirm") != cohort.name:
        messages.error(request, _("Type the cohort's name to delete it."))
        return redirect("cohort-edit", cohort_id=cohort.pk)
    cohort_delete(user=request.user, cohort=cohort)
    messages.success(request, _("Cohort %(name)s deleted.") % {"name": cohort.name})
    return redirect("cohort-list")


def _page_params(request: HttpRequest) -> tuple[str, int]:
    ordering = request.GET.get("ordering") or "name"
    try:
        ordering_check(ordering)
    except ValidationError:
        messages.error(request, UNKNOWN_ORDERING)
        ordering = "name"
    days = id_from_text(request.GET.get("inactive_days"))
    if request.GET.get("inactive_days") and (days is None or days > MAX_INACTIVE_DAYS):
        messages.error(request, _("Days must be a whole number from 1 to %(limit)s.") % {"limit": MAX_INACTIVE_DAYS})
        days = None
    return ordering, days or DEFAULT_INACTIVE_DAYS


@login_required
def cohort_detail(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = cohort_or_404(request, cohort_id)
    ordering, days = _page_params(request)
    try:
        progress = cohort_progress_get(cohort=cohort, inactive_days=days, ordering=ordering)
    except ValidationError:  # a stage that does not exist
        messages.error(request, UNKNOWN_ORDERING)
        progress = cohort_progress_get(cohort=cohort, inactive_days=days)
    for row in progress.learners:
        row["cells"] = [heat(row["stages"].get(stage["slug"])) for stage in progress.stages]
    context: dict[str, Any] = {
        "cohort": cohort,
        "progress": progress,
        "max_inactive_days": MAX_INACTIVE_DAYS,
        "columns": sort_columns(progress, request.GET),
        "invitations": selectors.invitation_list(cohort=cohort).filter(revoked_at__isnull=True).count(),
    }
    return render(request, "cohorts/detail.html", context)


@login_required
def cohort_export(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = cohort_or_404(request, cohort_id)
    ordering, days = _page_params(request)
    progress = cohort_progress_get(cohort=cohort, inactive_days=days, ordering=ordering)
    return progress_csv(progress, filename=f"cohort-{cohort.pk}-{timezone.localdate():%Y-%m-%d}.csv")


@login_required
@require_POST
def member_remove(request: HttpRequest, cohort_id: int, learner_id: int) -> HttpResponse:
    """A learner leaves (their own row); a mentor of the cohort or staff removes anyone."""
    membership = or_404(selectors.membership_get(user=request.user, cohort_id=cohort_id, learner_id=learner_id))
    with refusal_as_404():
        membership_end(user=request.user, cohort=membership.cohort, learner=membership.learner)
    names = {"name": membership.cohort.name, "learner": membership.learner.get_username()}
    if learner_id == request.user.pk:
        messages.success(request, _("You left %(name)s.") % names)
        return redirect("cohort-list")
    messages.success(request, _("%(learner)s was removed from %(name)s.") % names)
    return redirect("cohort-detail", cohort_id=cohort_id)
