"""An API-only client can sign up, verify its address and reset its password from the mails alone; the answers never
tell whether an address has an account."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from accounts.models import ApiToken, Profile
from accounts.services.auth import PASSWORD_RESET_DONE, REGISTERED, RESET_SENT, SIGNUP_CLOSED, VERIFIED
from accounts.services.tokens import api_token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
NEW_PASSWORD = "a-long-new-passphrase"


def post(path: str, body: dict, **headers) -> tuple[int, dict]:
    response = APIClient().post(path, body, format="json", **headers)
    return response.status_code, response.json()


def link_key(body: str, prefix: str) -> str:
    match = re.search(rf"http://testserver{prefix}(\S+?)/\s", body)
    assert match, body
    return match.group(1)


def test_register_verify_then_sign_in(mailoutbox):
    status, body = post(
        "/api/v1/auth/register/", {"username": "ada", "email": "Ada@example.org", "password": NEW_PASSWORD}
    )
    assert (status, body) == (202, {"detail": str(REGISTERED)})
    user = User.objects.get(username="ada")
    assert user.email == "ada@example.org"
    assert Profile.objects.filter(user=user, language="en").exists()
    # Mandatory verification: no token before the address is verified.
    assert post("/api/v1/auth/token/", {"username": "ada", "password": NEW_PASSWORD})[0] == 403
    verification = next(m for m in mailoutbox if m.subject.endswith("Please Confirm Your Email Address"))
    key = link_key(verification.body, "/accounts/confirm-email/")
    assert post("/api/v1/auth/verify-email/", {"key": key}) == (
        200,
        {"detail": str(VERIFIED), "email": "ada@example.org"},
    )
    assert EmailAddress.objects.get(user=user).verified
    status, body = post("/api/v1/auth/token/", {"username": "ada@example.org", "password": NEW_PASSWORD})
    assert status == 200


def test_register_with_a_taken_address_answers_the_same_and_mails_the_owner(mailoutbox):
    UserFactory(username="owner", email="ada@example.org")
    status, body = post(
        "/api/v1/auth/register/", {"username": "ada", "email": "ada@example.org", "password": NEW_PASSWORD}
    )
    assert (status, body) == (202, {"detail": str(REGISTERED)})
    assert not User.objects.filter(username="ada").exists()
    assert [m.to for m in mailoutbox] == [["ada@example.org"]]
    assert "already" in mailoutbox[0].subject.lower()


def test_register_refuses_a_taken_username_and_a_weak_password():
    UserFactory(username="ada")
    status, body = post("/api/v1/auth/register/", {"username": "ada", "email": "x@example.org", "password": "123"})
    assert status == 400
    assert body["username"] == ["A user with that username already exists."]
    assert "This password is too short. It must contain at least 8 characters." in body["password"]


def test_register_is_refused_when_sign_up_is_closed(settings):
    settings.PATHWISE_SIGNUP_OPEN = False
    status, body = post(
        "/api/v1/auth/register/", {"username": "ada", "email": "a@example.org", "password": NEW_PASSWORD}
    )
    assert (status, body) == (403, {"detail": str(SIGNUP_CLOSED)})
    assert not User.objects.filter(username="ada").exists()


def test_an_invalid_verification_key_is_a_400():
    assert post("/api/v1/auth/verify-email/", {"key": "nope"}) == (400, {"key": ["Invalid or expired key."]})


def test_password_reset_for_an_unknown_address_answers_the_same(mailoutbox):
    UserFactory(username="ada", email="ada@example.org")
    known = post("/api/v1/auth/password/reset/", {"email": "ada@example.org"})
    unknown = post("/api/v1/auth/password/reset/", {"email": "nobody@example.org"})
    assert known == unknown == (202, {"detail": str(RESET_SENT)})
    assert [m.to for m in mailoutbox] == [["ada@example.org"], ["nobody@example.org"]]
    assert "/accounts/password/reset/key/" in mailoutbox[0].body
    assert "/accounts/password/reset/key/" not in mailoutbox[1].body


def test_password_reset_by_key_sets_the_password_and_revokes_every_token(mailoutbox):
    user = UserFactory(username="ada", email="ada@example.org")
    _token, old_key = api_token_create(user=user, name="laptop")
    post("/api/v1/auth/password/reset/", {"email": "ada@example.org"})
    key = link_key(mailoutbox[0].body, "/accounts/password/reset/key/")
    assert post("/api/v1/auth/password/reset/confirm/", {"key": key, "password": NEW_PASSWORD}) == (
        200,
        {"detail": str(PASSWORD_RESET_DONE)},
    )
    assert not ApiToken.objects.filter(user=user).exists()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {old_key}")
    assert client.get("/api/v1/me/").status_code == 401
    assert post("/api/v1/auth/token/", {"username": "ada", "password": NEW_PASSWORD})[0] == 200
    # The key works once.
    status, body = post("/api/v1/auth/password/reset/confirm/", {"key": key, "password": "yet-another-passphrase"})
    assert (status, body) == (400, {"key": ["The password reset token was invalid."]})


def test_password_reset_confirm_refuses_a_weak_password_and_keeps_the_old_one(mailoutbox):
    UserFactory(username="ada", email="ada@example.org")
    post("/api/v1/auth/password/reset/", {"email": "ada@example.org"})
    key = link_key(mailoutbox[0].body, "/accounts/password/reset/key/")
    status, body = post("/api/v1/auth/password/reset/confirm/", {"key": key, "password": "ada"})
    assert status == 400
    assert "This password is too short. It must contain at least 8 characters." in body["password"]
    assert post("/api/v1/auth/token/", {"username": "ada", "password": "pw-correct-horse"})[0] == 200
