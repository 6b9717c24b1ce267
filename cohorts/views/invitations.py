"""Invitation pages: a cohort's invitations (make a join link, mail invitations, revoke), and joining through a
link or a typed code. A code is shown once, when its link is made; joining asks for a click (a POST), so a link
previewed by a mail client or a chat app joins nobody."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cohorts import selectors
from cohorts.forms import EmailInvitationForm, JoinCodeForm, LinkInvitationForm
from cohorts.services import cohort_join, invitation_create_link, invitation_get_by_code, invitation_revoke
from cohorts.services.invitations import invitations_email, join_path
from cohorts.services.join import INVITATION_INVALID, invitation_refusal
from cohorts.views.cohorts import cohort_or_404
from config.i18n import error_lines
from config.pages import attempt, form_errors, or_404


def _create(request: HttpRequest, cohort, link_form, email_form) -> str | None:
    """Make what the posted form asks for; the new link's code (shown once) or None."""
    if request.POST.get("kind") == "email":
        if not email_form.is_valid():
            return None
        try:
            sent = invitations_email(
                user=request.user, cohort=cohort, emails=email_form.addresses(), days=email_form.cleaned_data["days"]
            )
        except ValidationError as exc:
            form_errors(email_form, exc)
            return None
        n = len(sent.invited)
        sent_line = ngettext("%(n)s invitation is on its way.", "%(n)s invitations are on their way.", n)
        messages.success(request, sent_line % {"n": n})
        if sent.already_members:
            names = ", ".join(sent.already_members)
            messages.info(request, _("Already in the cohort, not invited: %(names)s.") % {"names": names})
        return None
    if not link_form.is_valid():
        return None
    data = link_form.cleaned_data
    try:
        __, code = invitation_create_link(
            user=request.user, cohort=cohort, seats=data["seats"], days=data["days"], label=data["label"]
        )
    except ValidationError as exc:
        form_errors(link_form, exc)
        return None
    return code


@login_required
@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = cohort_or_404(request, cohort_id)
    posted = request.method == "POST"
    is_email = posted and request.POST.get("kind") == "email"
    link_form = LinkInvitationForm(request.POST if posted and not is_email else None)
    email_form = EmailInvitationForm(request.POST if is_email else None)
    code = _create(request, cohort, link_form, email_form) if posted else None
    if posted and code is None and not (link_form.errors or email_form.errors):
        return redirect("cohort-invitations", cohort_id=cohort.pk)
    context = {
        "cohort": cohort,
        "link_form": link_form,
        "email_form": email_form,
        "items": selectors.invitation_list(cohort=cohort),
        "new_code": code,
        "new_url": request.build_absolute_uri(join_path(code)) if code else "",
    }
    status = 400 if link_form.errors or email_form.errors else (201 if code else 200)
    return render(request, "cohorts/invitations.html", context, status=status)


@login_required
@require_POST
def invitation_revoke_page(request: HttpRequest, cohort_id: int, invitation_id: int) -> HttpResponse:
    cohort = cohort_or_404(request, cohort_id)
    invitation = or_404(selectors.invitation_get(cohort=cohort, invitation_id=invitation_id))
    revoked = _("Invitation revoked: nobody can join through it any more.")
    attempt(request, lambda: invitation_revoke(user=request.user, invitation=invitation), success=revoked)
    return redirect("cohort-invitations", cohort_id=cohort.pk)


@login_required
@require_GET
def join_code(request: HttpRequest) -> HttpResponse:
    """Type a code instead of following a link."""
    form = JoinCodeForm(request.GET or None)
    if form.is_valid():
        return redirect("cohort-join", code=form.cleaned_data["code"].strip())
    return render(request, "cohorts/join_code.html", {"form": form}, status=400 if form.errors else 200)


def _invalid(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "cohorts/join_invalid.html", {"message": message}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, code: str) -> HttpResponse:
    """GET shows the cohort and asks to join; POST joins (again: harmless) and shows the plan's weekly hours."""
    invitation = invitation_get_by_code(code=code)
    if invitation is None:
        return _invalid(request, str(INVITATION_INVALID), 404)
    cohort = invitation.cohort
    member = selectors.is_member(cohort=cohort, learner=request.user)
    if request.method == "GET":
        refusal = None if member else invitation_refusal(invitation)
        if refusal is not None:
            return _invalid(request, error_lines(refusal)[0], 410)
        mentors = list(cohort.mentors.all())
        context = {"cohort": cohort, "member": member, "mentors": mentors, "mentoring": request.user in mentors}
        return render(request, "cohorts/join.html", context)
    try:
        result = cohort_join(user=request.user, code=code)
    except ValidationError as exc:
        codes = [e.code for errors in exc.error_dict.values() for e in errors] if hasattr(exc, "error_dict") else []
        gone = any(str(c).startswith("invitation_") for c in codes)
        return _invalid(request, error_lines(exc)[0], 410 if gone else 400)
    context = {"cohort": cohort, "result": result, "plan": result.plan}
    return render(request, "cohorts/joined.html", context, status=201 if result.created else 200)
