"""Sign-up, sign-in, verification and passwords for API clients, on django-allauth's own forms and flows (the pages
use allauth's views): the same validation, rate limits, mails and enumeration rules on both paths."""

from __future__ import annotations

from allauth.account import app_settings as allauth_settings
from allauth.account import signals
from allauth.account.adapter import get_adapter
from allauth.account.forms import AddEmailForm, ResetPasswordForm, SignupForm, UserTokenForm
from allauth.account.internal.flows import email_verification, manage_email, password_change, password_reset
from allauth.account.models import EmailAddress, get_emailconfirmation_model
from allauth.core.internal import ratelimit
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import ApiToken
from accounts.services.tokens import api_token_create

INVALID_CREDENTIALS = _("Unable to sign in with the given username and password.")
EMAIL_UNVERIFIED = _(
    "Verify your email address first: we sent you a new link. Open it, or POST its key to /api/v1/auth/verify-email/."
)
SIGNUP_CLOSED = _("Sign-up is closed on this site; ask its staff for an account.")
REGISTERED = _(
    "If these details can be used, an account was created: we sent an email to the address. Open its link, or POST "
    "its key (the last part of the link) to /api/v1/auth/verify-email/."
)
VERIFIED = _("Your email address is verified.")
RESET_SENT = _("If an account uses this address, we sent it a link to reset the password.")
PASSWORD_CHANGED = _("Your password was changed. Every API token was revoked; the new one is in this response.")
PASSWORD_RESET_DONE = _("Your password was changed and every API token revoked. Sign in with the new password.")


class TooManyAttempts(Exception):
    """A rate limit of allauth's refused the request; the API answers 429."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _error(code: str) -> str:
    return get_adapter().error_messages[code]


def email_verification_mandatory() -> bool:
    return allauth_settings.EMAIL_VERIFICATION == allauth_settings.EmailVerificationMethod.MANDATORY


def api_login(*, request: HttpRequest, login: str, password: str, name: str = "") -> tuple[ApiToken, str]:
    """A new named token for a username or email address and its password. Failed tries count against allauth's
    `login_failed` limits (per client address and per account), shared with the sign-in page."""
    credentials = {"email" if "@" in login else "username": login, "password": password}
    try:
        user = get_adapter(request).authenticate(request, **credentials)
    except ValidationError as exc:  # allauth raises its too_many_login_attempts error before trying
        raise TooManyAttempts(exc.messages[0]) from None
    # allauth's backend returns an inactive user too (its pages then show "account inactive"): refuse it here.
    if user is None or not user.is_active:
        raise ValidationError({"non_field_errors": [INVALID_CREDENTIALS]}, code="invalid_credentials")
    if email_verification_mandatory() and not EmailAddress.objects.filter(user=user, verified=True).exists():
        # Only someone who knows the password gets here, so saying "unverified" reveals nothing.
        email_verification.send_verification_email_for_user(request, user)
        raise PermissionDenied(EMAIL_UNVERIFIED)
    return api_token_create(user=user, name=name)


def account_register(*, request: HttpRequest, username: str, email: str, password: str) -> AbstractBaseUser | None:
    """allauth's SignupForm decides (username rules, password validators, unique address). A taken address gets the
    same answer as a new one, and an "account already exists" mail instead of a verification link. Returns the new
    user, or None for a taken address."""
    if not get_adapter(request).is_open_for_signup(request):
        raise PermissionDenied(SIGNUP_CLOSED)
    form = SignupForm(data={"username": username, "email": email, "password1": password, "password2": password})
    if not form.is_valid():
        raise ValidationError(_form_errors(form, {"password1": "password", "password2": "password"}))
    with transaction.atomic():
        if form.account_already_exists:
            email_verification.send_verification_email_to_address(
                request, EmailAddress(user=None, email=form.cleaned_data["email"]), signup=True
            )
            return None
        user = form.save(request)
    signals.user_signed_up.send(sender=user.__class__, request=request, user=user)
    # A verification link whatever the mode: with "optional" the person may sign in at once, and verifies later.
    email_verification.send_verification_email_for_user(request, user)
    return user


def email_verify(*, request: HttpRequest, key: str) -> EmailAddress:
    verification = get_emailconfirmation_model().from_key(key)
    if verification is None or verification.key_expired():
        raise ValidationError({"key": [_error("invalid_or_expired_key")]}, code="invalid_or_expired_key")
    if not verification.email_address.can_set_verified():
        raise ValidationError({"key": [_error("email_taken")]}, code="email_taken")
    address = verification.confirm(request)
    if address is None:
        raise ValidationError({"key": [_error("invalid_or_expired_key")]}, code="invalid_or_expired_key")
    return address


def password_reset_request(*, request: HttpRequest, email: str) -> None:
    """allauth's ResetPasswordForm sends the link, or to an unknown address a mail saying so: the caller always
    gets the same answer."""
    form = ResetPasswordForm(data={"email": email})
    if not form.is_valid():
        raise ValidationError(_form_errors(form))
    if not ratelimit.consume(request, app="allauth.account", action="reset_password", key=email.lower()):
        raise TooManyAttempts(_error("rate_limited"))
    form.save(request)


def password_reset_confirm(*, request: HttpRequest, key: str, password: str) -> AbstractBaseUser:
    """`key` is the last part of the emailed link: `<uidb36>-<token>`."""
    if not ratelimit.consume(request, app="allauth.account", action="reset_password_from_key"):
        raise TooManyAttempts(_error("rate_limited"))
    uidb36, _sep, token = key.partition("-")
    token_form = UserTokenForm(data={"uidb36": uidb36, "key": token})
    if not token_form.is_valid():
        raise ValidationError({"key": [_error("invalid_password_reset")]}, code="invalid_password_reset")
    user = token_form.reset_user
    password = _clean_password(password, user)
    password_reset.reset_password(user, password)
    password_reset.finalize_password_reset(request, user)
    ApiToken.objects.filter(user=user).delete()
    return user


def password_change_api(
    *, request: HttpRequest, user: AbstractBaseUser, current_password: str, new_password: str, token_name: str
) -> tuple[ApiToken, str]:
    """Change the password; every token goes, and the caller gets a new one under the name of the one it used."""
    if not ratelimit.consume(request, app="allauth.account", action="change_password", user=user):
        raise TooManyAttempts(_error("rate_limited"))
    if not user.check_password(current_password):
        raise ValidationError({"current_password": [_error("enter_current_password")]}, code="wrong_password")
    new_password = _clean_password(new_password, user, field="new_password")
    password_change.change_password(user, new_password)
    password_change.finalize_password_change(request, user)
    ApiToken.objects.filter(user=user).delete()
    return api_token_create(user=user, name=token_name)


def email_change(*, request: HttpRequest, user: AbstractBaseUser, email: str) -> None:
    """allauth's email change: a verification link goes to the new address, which replaces the old one only once
    verified (ACCOUNT_CHANGE_EMAIL)."""
    if not ratelimit.consume(request, app="allauth.account", action="manage_email", user=user):
        raise TooManyAttempts(_error("rate_limited"))
    form = AddEmailForm(user=user, data={"email": email})
    if not form.is_valid():
        raise ValidationError(_form_errors(form))
    manage_email.add_email(request, form)


def _clean_password(password: str, user: AbstractBaseUser, field: str = "password") -> str:
    try:
        return get_adapter().clean_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}, code="invalid_password") from None


def _form_errors(form, rename: dict[str, str] | None = None) -> dict[str, list[str]]:
    rename = rename or {}
    errors: dict[str, list[str]] = {}
    for field, messages in form.errors.items():
        key = rename.get(field, "non_field_errors" if field == "__all__" else field)
        errors.setdefault(key, []).extend(m for m in messages if m not in errors.get(key, []))
    return errors
