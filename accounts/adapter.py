"""Pathwise's django-allauth adapter: sign-up creates the profile, sign-in limits count per account, the settings
decide whether sign-up is open."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.userkit import filter_users_by_email, filter_users_by_username
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.forms import BaseForm
from django.http import HttpRequest
from django.utils.translation import get_language

from accounts.services.profiles import profile_create


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return settings.PATHWISE_SIGNUP_OPEN

    def save_user(
        self, request: HttpRequest, user: AbstractBaseUser, form: BaseForm, commit: bool = True
    ) -> AbstractBaseUser:
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            # The language the person signed up in is the one their pages and mails use until they change it.
            language = next((code for code, _ in settings.LANGUAGES if code == get_language()), "")
            profile_create(user=user, language=language)
        return user

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """allauth counts failed sign-ins per login string; an account reached by its username and by its email
        address would get two counters (twice the tries). Count per account when the login names one."""
        login = str(credentials.get("email") or credentials.get("username") or "")
        if "email" in credentials:
            users = filter_users_by_email(login, for_login=True)
        else:
            users = list(filter_users_by_username(login)[:2])
        if len(users) == 1:
            return f"user:{users[0].pk}"
        return f"login:{login.lower()}"
