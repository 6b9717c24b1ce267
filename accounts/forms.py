"""Page forms of the settings page: profile, API tokens, account deletion."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext_lazy as _

from accounts.models import ApiToken, Profile
from accounts.services.profiles import time_zone_names
from config.bounds import MAX_WEEKLY_HOURS, MIN_WEEKLY_HOURS, max_length

WRONG_PASSWORD = _("That is not your current password.")
WRONG_CONFIRMATION = _("Type your username exactly to confirm.")


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"), max_length=max_length(Profile, "display_name"), required=False
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    time_zone = forms.ChoiceField(label=_("Time zone"), required=False)
    weekly_hours = forms.DecimalField(
        label=_("Weekly hours"),
        min_value=MIN_WEEKLY_HOURS,
        max_value=MAX_WEEKLY_HOURS,
        decimal_places=1,
        required=False,
        help_text=_("Your plan is laid out again from these hours."),
    )
    email_review_received = forms.BooleanField(label=_("A mentor reviewed my submission"), required=False)
    email_submission_graded = forms.BooleanField(label=_("My submission was graded"), required=False)
    email_milestone_signed_off = forms.BooleanField(label=_("A mentor signed off a milestone"), required=False)
    email_weekly_digest = forms.BooleanField(
        label=_("Weekly digest: progress, what is next, reviews waiting"), required=False
    )

    def __init__(self, *args, enrolled: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Follow the browser")), *settings.LANGUAGES]
        self.fields["time_zone"].choices = [("", _("Site default (%(zone)s)") % {"zone": settings.TIME_ZONE})] + [
            (name, name) for name in time_zone_names()
        ]
        if not enrolled:
            del self.fields["weekly_hours"]


class PasswordCheckMixin:
    user: AbstractBaseUser

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(WRONG_PASSWORD, code="wrong_password")
        return password


class TokenCreateForm(PasswordCheckMixin, forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=max_length(ApiToken, "name"),
        help_text=_("Which client uses it, e.g. 'laptop'."),
    )
    password = forms.CharField(label=_("Current password"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, user: AbstractBaseUser, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)


class AccountDeleteForm(PasswordCheckMixin, forms.Form):
    confirm = forms.CharField(
        label=_("Type your username to confirm"), max_length=max_length(get_user_model(), "username")
    )
    password = forms.CharField(label=_("Current password"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, user: AbstractBaseUser, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"]
        if value != self.user.get_username():
            raise forms.ValidationError(WRONG_CONFIRMATION, code="wrong_confirmation")
        return value
