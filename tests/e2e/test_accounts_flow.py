"""A newcomer's first minutes in a real browser: sign up, read the verification mail (the test outbox), verify,
land signed in and enrol; and a forgotten password reset from the mailed link."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, choose_language
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NEW_PASSWORD = "a-long-new-passphrase"


def mailed_link(mailoutbox, path: str) -> str:
    for message in reversed(mailoutbox):
        match = re.search(rf"(http://\S+{re.escape(path)}\S+/)", message.body)
        if match:
            return match.group(1)
    raise AssertionError(f"no mail with a {path} link: {[m.subject for m in mailoutbox]}")


def test_sign_up_verify_by_the_mailed_link_and_enrol(page, live_server, curriculum, mailoutbox, shot):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Create an account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    page.locator("#id_username").fill("newton")
    page.locator("#id_email").fill("newton@example.org")
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    shot(page, "sign-up")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/confirm-email/")
    expect(page.locator("main")).to_contain_text("Verify Your Email Address")

    page.goto(mailed_link(mailoutbox, "/accounts/confirm-email/"))
    expect(page.locator("main")).to_contain_text("newton@example.org")
    page.get_by_role("button", name="Confirm").click()

    # Verified in the browser that signed up: signed in, and the dashboard offers the tracks.
    expect(page.get_by_role("heading", name="Choose your track")).to_be_visible()
    expect(page.locator(".whoami")).to_have_text("newton")
    page.get_by_label("Track", exact=True).select_option(label="Data Scientist (NLP focus)")
    page.get_by_label("Hours per week", exact=True).fill("6")
    page.get_by_role("button", name="Enrol").click()
    expect(page).to_have_url(re.compile(r"/self-assessment/\?track=data-scientist-nlp$"))
    shot(page, "after-sign-up-enrolled")


def test_sign_up_page_in_chinese(page, live_server):
    page.goto(f"{live_server.url}/accounts/signup/")
    choose_language(page, "zh-hans")
    expect(page.get_by_role("heading", level=1)).to_have_text("创建账户")
    expect(page.get_by_role("button", name="创建账户")).to_be_visible()


def test_forgotten_password_is_reset_from_the_mailed_link(page, live_server, mailoutbox, transactional_db):
    UserFactory(username="hopper", email="hopper@example.org", password=PASSWORD)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    page.locator("#id_email").fill("hopper@example.org")
    page.get_by_role("button", name="Reset My Password").click()
    expect(page.locator("main")).to_contain_text("We have sent you an email")

    page.goto(mailed_link(mailoutbox, "/accounts/password/reset/key/"))
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change Password").click()
    expect(page.locator("main")).to_contain_text("Your password is now changed.")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username or email").fill("hopper@example.org")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator(".whoami")).to_have_text("hopper")
