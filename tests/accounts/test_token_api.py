"""Per-client API tokens: several per learner, named, listed, revoked one at a time; expiry; a password change,
an inactive or deleted account, or an unverified address (verification mandatory) ends them or refuses them."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.authentication import ACCOUNT_INACTIVE, TOKEN_EXPIRED, TOKEN_INVALID, TOKEN_REVOKED
from accounts.models import ApiToken
from accounts.services.auth import EMAIL_UNVERIFIED, INVALID_CREDENTIALS
from accounts.services.tokens import api_token_create, token_digest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "pw-correct-horse"


def sign_in(login: str = "ada", password: str = PASSWORD, **extra) -> tuple[int, dict]:
    response = APIClient().post("/api/v1/auth/token/", {"username": login, "password": password, **extra})
    return response.status_code, response.json()


def client_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_each_sign_in_creates_a_named_token_and_both_work():
    UserFactory(username="ada")
    _, laptop = sign_in(name="laptop")
    _, phone = sign_in(name="phone")
    assert laptop["token"] != phone["token"]
    assert (laptop["name"], phone["name"], laptop["expires_at"]) == ("laptop", "phone", None)
    for key in (laptop["token"], phone["token"]):
        assert client_with(key).get("/api/v1/me/").json()["username"] == "ada"


def test_tokens_are_listed_without_their_keys_and_the_one_in_use_is_marked():
    UserFactory(username="ada")
    _, laptop = sign_in(name="laptop")
    _, phone = sign_in(name="phone")
    listed = client_with(phone["token"]).get("/api/v1/auth/tokens/").json()
    assert [(t["name"], t["prefix"], t["current"]) for t in listed] == [
        ("phone", phone["token"][:8], True),
        ("laptop", laptop["token"][:8], False),
    ]
    assert all(
        set(t) == {"id", "name", "prefix", "created_at", "last_used_at", "expires_at", "current"} for t in listed
    )


def test_only_a_digest_of_the_key_is_stored():
    UserFactory(username="ada")
    _, body = sign_in()
    token = ApiToken.objects.get(pk=body["id"])
    assert token.digest == token_digest(body["token"])
    assert body["token"] not in {token.digest, token.prefix, token.name}


def test_revoking_one_token_leaves_the_others_signed_in():
    UserFactory(username="ada")
    _, laptop = sign_in(name="laptop")
    _, phone = sign_in(name="phone")
    assert client_with(phone["token"]).delete(f"/api/v1/auth/tokens/{laptop['id']}/").status_code == 204
    assert client_with(laptop["token"]).get("/api/v1/me/").json() == {"detail": str(TOKEN_INVALID)}
    assert client_with(phone["token"]).get("/api/v1/me/").status_code == 200


def test_delete_on_the_token_endpoint_signs_out_only_this_client():
    UserFactory(username="ada")
    _, laptop = sign_in(name="laptop")
    _, phone = sign_in(name="phone")
    assert client_with(laptop["token"]).delete("/api/v1/auth/token/").status_code == 204
    assert client_with(laptop["token"]).get("/api/v1/me/").status_code == 401
    assert client_with(phone["token"]).get("/api/v1/me/").status_code == 200


def test_a_learner_cannot_revoke_another_learners_token():
    UserFactory(username="ada")
    UserFactory(username="bob")
    _, ada = sign_in("ada")
    _, bob = sign_in("bob")
    response = client_with(bob["token"]).delete(f"/api/v1/auth/tokens/{ada['id']}/")
    assert (response.status_code, response.json()) == (404, {"detail": "No such token."})
    assert client_with(ada["token"]).get("/api/v1/me/").status_code == 200


def test_sign_in_by_email_address_works_too():
    UserFactory(username="ada", email="ada@example.org")
    status, body = sign_in("Ada@Example.org")
    assert status == 200
    assert client_with(body["token"]).get("/api/v1/me/").json()["username"] == "ada"


def test_wrong_password_gets_no_token():
    UserFactory(username="ada")
    assert sign_in(password="nope") == (400, {"non_field_errors": [str(INVALID_CREDENTIALS)]})


def test_token_expires_after_the_configured_lifetime(settings):
    settings.PATHWISE_TOKEN_TTL = 3600
    UserFactory(username="ada")
    _, body = sign_in()
    token = ApiToken.objects.get(pk=body["id"])
    assert abs((token.expires_at - timezone.now()) - dt.timedelta(hours=1)) < dt.timedelta(seconds=30)
    assert client_with(body["token"]).get("/api/v1/me/").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert client_with(body["token"]).get("/api/v1/me/").json() == {"detail": str(TOKEN_EXPIRED)}
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_a_password_change_by_any_path_revokes_every_token():
    user = UserFactory(username="ada")
    _, laptop = sign_in(name="laptop")
    _, phone = sign_in(name="phone")
    user.set_password("another-long-passphrase")  # e.g. the admin's "change password" form
    user.save()
    for key in (laptop["token"], phone["token"]):
        assert client_with(key).get("/api/v1/me/").json() == {"detail": str(TOKEN_REVOKED)}
    assert ApiToken.objects.filter(user=user).count() == 0


def test_password_change_api_revokes_the_others_and_returns_a_new_token_for_this_client():
    UserFactory(username="ada")
    _, laptop = sign_in(name="laptop")
    _, phone = sign_in(name="phone")
    response = client_with(laptop["token"]).post(
        "/api/v1/auth/password/change/",
        {"current_password": PASSWORD, "new_password": "another-long-passphrase"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "laptop"
    assert client_with(phone["token"]).get("/api/v1/me/").status_code == 401
    assert client_with(laptop["token"]).get("/api/v1/me/").status_code == 401
    assert client_with(body["token"]).get("/api/v1/me/").status_code == 200
    assert sign_in(password=PASSWORD)[0] == 400
    assert sign_in(password="another-long-passphrase")[0] == 200


def test_password_change_api_refuses_a_wrong_current_password():
    UserFactory(username="ada")
    _, body = sign_in()
    response = client_with(body["token"]).post(
        "/api/v1/auth/password/change/", {"current_password": "wrong", "new_password": "another-long-passphrase"}
    )
    assert (response.status_code, response.json()) == (
        400,
        {"current_password": ["Please type your current password."]},
    )
    assert client_with(body["token"]).get("/api/v1/me/").status_code == 200


def test_an_inactive_account_gets_no_token_and_its_tokens_stop_working():
    user = UserFactory(username="ada")
    _, body = sign_in()
    user.is_active = False
    user.save()
    assert client_with(body["token"]).get("/api/v1/me/").json() == {"detail": str(ACCOUNT_INACTIVE)}
    assert sign_in() == (400, {"non_field_errors": [str(INVALID_CREDENTIALS)]})


def test_an_unverified_account_gets_no_token_while_verification_is_mandatory(mailoutbox):
    user = UserFactory(username="ada", email="ada@example.org", verified_email=False)
    EmailAddress.objects.create(user=user, email="ada@example.org", verified=False, primary=True)
    assert sign_in() == (403, {"detail": str(EMAIL_UNVERIFIED)})
    assert [m.to for m in mailoutbox] == [["ada@example.org"]]
    assert "/accounts/confirm-email/" in mailoutbox[0].body


def test_an_unverified_account_gets_a_token_when_verification_is_optional(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    UserFactory(username="ada", verified_email=False)
    assert sign_in()[0] == 200


def test_past_the_cap_the_least_recently_used_token_goes(settings):
    settings.PATHWISE_MAX_TOKENS = 2
    user = UserFactory(username="ada")
    api_token_create(user=user, name="first")
    second, _ = api_token_create(user=user, name="second")
    ApiToken.objects.filter(pk=second.pk).update(last_used_at=timezone.now())
    api_token_create(user=user, name="third")
    assert sorted(ApiToken.objects.filter(user=user).values_list("name", flat=True)) == ["second", "third"]
