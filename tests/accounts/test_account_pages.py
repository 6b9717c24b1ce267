"""django-allauth's pages in Pathwise's layout and both languages: sign-up, verification, sign-in by username or
email, password change and reset, email change with re-verification."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.models import ApiToken, Profile
from accounts.services.tokens import api_token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-long-new-passphrase"


def link(mail, prefix: str) -> str:
    match = re.search(rf"http://testserver({prefix}\S+?/)\s", mail.body)
    assert match, mail.body
    return match.group(1)


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [("en", "Create an account", "Create account"), ("zh-hans", "创建账户", "创建账户")],
)
def test_sign_up_page_uses_the_site_layout_in_both_languages(language, heading, button):
    page = Client(HTTP_ACCEPT_LANGUAGE=language).get("/accounts/signup/").content.decode()
    assert f'<html lang="{language}">' in page
    assert '<a class="brand" href="/">Pathwise</a>' in page
    assert f"<h1>{heading}</h1>" in page
    assert f'<button type="submit" class="primary">{button}</button>' in page
    for name in ("username", "email", "password1", "password2"):
        assert f'<label for="id_{name}">' in page


def test_sign_up_then_verify_by_the_mailed_link_then_sign_in(mailoutbox):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    response = client.post(
        "/accounts/signup/",
        {"username": "ada", "email": "ada@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    user = get_user_model().objects.get(username="ada")
    assert Profile.objects.get(user=user).language == "zh-hans"
    assert not EmailAddress.objects.get(user=user).verified
    # Mandatory: signing in before verifying only resends the link.
    client.post("/accounts/login/", {"login": "ada", "password": NEW_PASSWORD})
    assert client.get("/accounts/settings/").status_code == 302
    confirm = link(mailoutbox[0], "/accounts/confirm-email/")
    assert client.post(confirm).status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    response = client.post("/accounts/login/", {"login": "ada@example.org", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.get("/accounts/settings/").status_code == 200


def test_sign_up_with_a_taken_address_looks_the_same_when_verification_is_mandatory(mailoutbox):
    UserFactory(username="owner", email="ada@example.org")
    response = Client().post(
        "/accounts/signup/",
        {"username": "ada", "email": "ada@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert (response.status_code, response["Location"]) == (302, "/accounts/confirm-email/")
    assert not get_user_model().objects.filter(username="ada").exists()
    assert [m.to for m in mailoutbox] == [["ada@example.org"]]


def test_with_optional_verification_a_new_user_is_signed_in_at_once(settings, mailoutbox):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    client = Client()
    response = client.post(
        "/accounts/signup/",
        {"username": "ada", "email": "ada@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.get("/accounts/settings/").status_code == 200
    assert "/accounts/confirm-email/" in mailoutbox[0].body


def test_password_change_page_revokes_api_tokens_and_keeps_the_session():
    user = UserFactory(username="ada")
    api_token_create(user=user, name="laptop")
    client = Client()
    client.force_login(user)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": "pw-correct-horse", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/accounts/settings/").status_code == 200
    assert not ApiToken.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    ("language", "revoked", "none"),
    [("en", "Token revoked.", "No such token."), ("zh-hans", "令牌已撤销。", "没有这个令牌。")],
)
def test_the_settings_page_revokes_ones_own_token_and_says_so_of_one_it_does_not_have(language, revoked, none):
    user = UserFactory(username="ada")
    token, _ = api_token_create(user=user, name="laptop")
    other, _ = api_token_create(user=UserFactory(username="bob"), name="phone")
    client = Client(headers={"accept-language": language})
    client.force_login(user)
    html = client.post(f"/accounts/settings/tokens/{token.pk}/revoke/", follow=True).content.decode()
    assert revoked in html and not ApiToken.objects.filter(pk=token.pk).exists()
    html = client.post(f"/accounts/settings/tokens/{other.pk}/revoke/", follow=True).content.decode()
    assert none in html and ApiToken.objects.filter(pk=other.pk).exists()


def test_password_reset_page_flow(mailoutbox):
    user = UserFactory(username="ada", email="ada@example.org")
    client = Client()
    assert client.post("/accounts/password/reset/", {"email": "ada@example.org"}).status_code == 302
    key_url = link(mailoutbox[0], "/accounts/password/reset/key/")
    form_url = client.get(key_url)["Location"]
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_email_change_waits_for_the_new_address_to_be_verified(mailoutbox):
    user = UserFactory(username="ada", email="ada@example.org")
    client = Client()
    client.force_login(user)
    response = client.post("/accounts/email/", {"action_add": "", "email": "ada@new.example.org"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "ada@example.org"  # the old address stays until the new one is verified
    assert [m.to for m in mailoutbox] == [["ada@new.example.org"]]
    client.post(link(mailoutbox[0], "/accounts/confirm-email/"))
    user.refresh_from_db()
    assert user.email == "ada@new.example.org"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [
        ("ada@new.example.org", True)
    ]


def test_email_change_through_the_api_sends_the_link_to_the_new_address(mailoutbox):
    from rest_framework.test import APIClient

    user = UserFactory(username="ada", email="ada@example.org")
    client = APIClient()
    client.force_authenticate(user)
    body = client.patch("/api/v1/me/", {"email": "ada@new.example.org"}, format="json").json()
    assert (body["email"], body["pending_email"]) == ("ada@example.org", "ada@new.example.org")
    assert [m.to for m in mailoutbox] == [["ada@new.example.org"]]


def test_the_existing_login_page_and_a_demo_user_still_work():
    from django.core.management import call_command

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client = Client()
    response = client.post("/accounts/login/", {"login": "learner", "password": "learn-nlp-2026"})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    ("path", "signed_in", "zh_heading"),
    [
        ("/accounts/email/", True, "地址"),
        ("/accounts/password/change/", True, "修改密码"),
        ("/accounts/password/reset/", False, "密码重置"),
        ("/accounts/password/reset/done/", False, "密码重置"),
        ("/accounts/confirm-email/", False, "验证"),
        ("/accounts/logout/", True, "登出"),
        ("/accounts/settings/", True, "设置"),
        ("/accounts/delete/", True, "删除账户"),
    ],
)
def test_account_pages_are_in_the_site_layout_and_in_chinese(path, signed_in, zh_heading):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    if signed_in:
        client.force_login(UserFactory(username="ada"))
    response = client.get(path)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in page
    assert '<a class="brand" href="/">Pathwise</a>' in page
    heading = re.search(r"<h1>\s*(.*?)\s*</h1>", page, re.S).group(1)
    assert zh_heading in heading, heading
