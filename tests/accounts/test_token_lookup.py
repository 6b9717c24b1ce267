"""The API's token lookup (accounts/token_lookup.py): one precompiled statement that gives the ORM's own instances,
linked as select_related links them, on PostgreSQL and on make run's SQLite; /me/'s prepared account reads beside
it."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken, MentorAssignment, Profile
from accounts.selectors import profile_get
from accounts.services.tokens import api_token_create, token_digest
from accounts.token_lookup import api_token_lookup
from tests.factories import EnrolmentFactory, UserFactory
from tests.make_run import make_run_env, manage

pytestmark = pytest.mark.django_db


def fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_the_lookup_gives_what_the_orm_gives_in_one_query(django_assert_num_queries):
    user = UserFactory(username="ada", email="ada@example.org", is_staff=True)
    Profile.objects.create(user=user, display_name="Ada L.", language="zh-hans", time_zone="Asia/Shanghai")
    token, key = api_token_create(user=user, name="laptop")
    ApiToken.objects.filter(pk=token.pk).update(
        last_used_at=timezone.now() - dt.timedelta(hours=1), expires_at=timezone.now() + dt.timedelta(days=3)
    )
    orm = ApiToken.objects.select_related("user", "user__profile").get(pk=token.pk)
    with django_assert_num_queries(1):
        found = api_token_lookup(digest=token_digest(key))
        # The user and the profile come with it: reading them costs nothing more.
        assert (found.user.username, found.user.profile.display_name) == ("ada", "Ada L.")
    assert fields(found) == fields(orm)
    assert fields(found.user) == fields(orm.user)
    assert fields(found.user.profile) == fields(orm.user.profile)
    assert found.expires_at.tzinfo is not None and found.last_used_at.tzinfo is not None
    assert not found._state.adding and found._state.db == "default"
    found.name = "renamed"
    found.save(update_fields=["name"])  # an instance the ORM can write back
    assert ApiToken.objects.get(pk=token.pk).name == "renamed"


def test_a_person_without_a_saved_profile_reads_the_defaults_without_a_query(django_assert_num_queries):
    user = UserFactory(username="bo")
    Profile.objects.filter(user=user).delete()
    _, key = api_token_create(user=user)
    found = api_token_lookup(digest=token_digest(key))
    with django_assert_num_queries(0):
        with pytest.raises(Profile.DoesNotExist):
            found.user.profile  # noqa: B018 (the access is the test)
        assert profile_get(user=found.user).language == ""


def test_an_unknown_digest_finds_nothing():
    UserFactory(username="cy")
    assert api_token_lookup(digest=token_digest("no-such-key")) is None


def test_me_over_a_token_costs_three_queries_however_many_links(django_assert_num_queries):
    """Authentication (one), the account's annotations (one), the mentor links both ways (one); the token's first
    use also records when it was used (a write at most every few minutes)."""
    ada = UserFactory(username="ada")
    _, key = api_token_create(user=ada)
    for n in range(4):
        MentorAssignment.objects.create(mentor=ada, learner=UserFactory(username=f"learner-{n}"))
    MentorAssignment.objects.create(mentor=UserFactory(username="mentor"), learner=ada)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    with django_assert_num_queries(4):
        client.get("/api/v1/me/")
    with django_assert_num_queries(3):
        body = client.get("/api/v1/me/").json()
    assert (len(body["learner_ids"]), len(body["mentor_ids"]), body["is_mentor"]) == (4, 1, True)


SQLITE_SCRIPT = """
import datetime as dt, json
from django.contrib.auth import get_user_model
from django.utils import timezone
from accounts.models import ApiToken, Profile
from accounts.services.tokens import api_token_create, token_digest
from accounts.token_lookup import api_token_lookup
user = get_user_model().objects.create_user("ada", password="pw-ada", email="ada@example.org")
Profile.objects.create(user=user, language="zh-hans", time_zone="Asia/Shanghai")
token, key = api_token_create(user=user, name="laptop")
ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + dt.timedelta(days=3))
orm = ApiToken.objects.select_related("user", "user__profile").get(pk=token.pk)
found = api_token_lookup(digest=token_digest(key))
def fields(i):
    return {f.attname: repr(getattr(i, f.attname)) for f in i._meta.concrete_fields}
same = [fields(a) == fields(b) for a, b in ((found, orm), (found.user, orm.user), (found.user.profile, orm.user.profile))]
from allauth.account.models import EmailAddress
from accounts.selectors import account_get
EmailAddress.objects.create(user=user, email="ADA@example.org", verified=True)
EmailAddress.objects.create(user=user, email="new@example.org", verified=False)
account = account_get(user=user)  # its prepared statements compiled for SQLite
print("RESULT" + json.dumps({"same": same, "aware": found.expires_at.tzinfo is not None, "account": account}))
"""


@pytest.mark.slow
def test_the_lookup_gives_what_the_orm_gives_on_make_runs_sqlite(tmp_path):
    env = make_run_env(tmp_path)
    manage(env, "migrate", "--noinput")
    out = manage(env, "shell", "-c", SQLITE_SCRIPT)
    result = json.loads(out.split("RESULT", 1)[1])
    account = {
        "email_verified": True,
        "pending_email": "new@example.org",
        "weekly_hours": None,
        "unread_notifications": 0,
        "learner_ids": [],
        "mentor_ids": [],
    }
    assert result == {"same": [True, True, True], "aware": True, "account": account}


def test_weekly_hours_in_me_are_the_latest_enrolments():
    ada = UserFactory(username="ada")
    _, key = api_token_create(user=ada)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/me/").json()["weekly_hours"] is None
    EnrolmentFactory(user=ada, hours_per_week=Decimal("6.0"))
    EnrolmentFactory(user=ada, hours_per_week=Decimal("9.5"))
    assert client.get("/api/v1/me/").json()["weekly_hours"] == "9.5"
