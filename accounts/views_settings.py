"""The settings page (profile, email preferences, API tokens), account deletion, and the language menu."""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts.extensions import registry
from accounts.forms import AccountDeleteForm, ProfileForm, TokenCreateForm
from accounts.selectors import api_token_list, profile_get
from accounts.services.deletion import account_delete
from accounts.services.profiles import profile_update
from accounts.services.tokens import TOKEN_NOT_FOUND, api_token_create, api_token_revoke
from config.pages import form_errors


def _profile_initial(request: HttpRequest) -> dict[str, object]:
    profile = profile_get(user=request.user)
    hours = registry.weekly_hours_get(request.user) if registry.weekly_hours_get else None
    return {
        "display_name": profile.display_name,
        "language": profile.language,
        "time_zone": profile.time_zone,
        "weekly_hours": hours,
        "email_review_received": profile.email_review_received,
        "email_submission_graded": profile.email_submission_graded,
        "email_milestone_signed_off": profile.email_milestone_signed_off,
        "email_weekly_digest": profile.email_weekly_digest,
    }


def _render(request: HttpRequest, *, form: ProfileForm, token_form: TokenCreateForm, new_key: str = "", status=200):
    context = {"form": form, "token_form": token_form, "tokens": api_token_list(user=request.user), "new_key": new_key}
    return render(request, "accounts/settings.html", context, status=status)


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    initial = _profile_initial(request)
    enrolled = initial["weekly_hours"] is not None
    token_form = TokenCreateForm(user=request.user)
    if request.method != "POST":
        return _render(request, form=ProfileForm(initial=initial, enrolled=enrolled), token_form=token_form)
    form = ProfileForm(request.POST, initial=initial, enrolled=enrolled)
    if form.is_valid():
        data = form.cleaned_data
        hours = data.get("weekly_hours")
        try:
            profile_update(
                user=request.user,
                display_name=data["display_name"],
                language=data["language"],
                time_zone=data["time_zone"],
                weekly_hours=hours if hours is not None and hours != initial["weekly_hours"] else None,
                email={kind: data[f"email_{kind}"] for kind in _EMAIL_KINDS},
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Settings saved."))
            return redirect("account-settings")
    return _render(request, form=form, token_form=token_form, status=400)


_EMAIL_KINDS = ("review_received", "submission_graded", "milestone_signed_off", "weekly_digest")


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    token_form = TokenCreateForm(request.POST, user=request.user)
    form = ProfileForm(initial=_profile_initial(request))
    if not token_form.is_valid():
        return _render(request, form=form, token_form=token_form, status=400)
    _token, key = api_token_create(user=request.user, name=token_form.cleaned_data["name"])
    # The key is shown once, on this response; only its digest is stored.
    return _render(request, form=form, token_form=TokenCreateForm(user=request.user), new_key=key)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    if api_token_revoke(user=request.user, token_id=token_id):
        messages.success(request, _("Token revoked."))
    else:
        messages.error(request, TOKEN_NOT_FOUND)
    return redirect("account-settings")


@login_required
def delete_page(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        account_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account was deleted."))
        return redirect("login")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/delete.html", {"form": form}, status=status)


def language_set(request: HttpRequest) -> HttpResponse:
    """Django's set_language, and for a signed-in person their profile's language too: an explicit choice in the
    menu is what their pages use from now on, on every device."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.method == "POST" and request.user.is_authenticated and response.status_code == 302:
        # An unknown code: set_language ignored it, and so does the profile.
        with contextlib.suppress(ValidationError):
            profile_update(user=request.user, language=language)
    return response
