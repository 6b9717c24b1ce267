"""The export/import API and the public progress page behind a share link."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone

from exercises.models import Submission
from planner.services import milestone_complete
from portability.api.views import IMPORT_NOT_JSON
from portability.models import ShareLink
from portability.services import share_link_create
from tests.factories import SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET_CODE = "def f(x):\n    return [v + 1 for v in x]  # my-secret-approach\n"


@pytest.fixture
def shared(world):
    learner = world.users["learner"]
    milestone_complete(user=learner, milestone=world.a, evidence="self")
    SubmissionFactory(
        user=learner,
        exercise=world.code,
        attempt=2,
        payload={"source": SECRET_CODE},
        status="passed",
        score=0.875,
        finished_at=timezone.now(),
    )
    return share_link_create(user=learner)


def test_export_api_returns_the_callers_document(world, client_for):
    response = client_for(world.users["learner"]).get("/api/v1/me/export/")
    assert response.status_code == 200
    assert response.json()["profile"]["username"] == "lena"
    assert response.json()["submissions"][0]["payload"] == {"source": "def f(x):\n    return x\n"}


def test_import_api_restores_and_reports(world, client_for):
    doc = client_for(world.users["learner"]).get("/api/v1/me/export/").json()
    fresh = UserFactory(username="newcomer")
    response = client_for(fresh).post("/api/v1/me/import/", doc, format="json")
    assert response.status_code == 200
    assert response.json()["restored"] == {"enrolments": 1, "submissions": 1}
    assert Submission.objects.filter(user=fresh).count() == 1
    again = client_for(fresh).post("/api/v1/me/import/", doc, format="json")
    assert again.json()["restored"] == {}


def test_import_api_refuses_a_malformed_body_with_a_message(world, client_for):
    fresh = UserFactory(username="newcomer")
    client = client_for(fresh)
    broken = client.generic("POST", "/api/v1/me/import/", '{"format": "pathwise-export", ', "application/json")
    assert broken.status_code == 400 and "JSON parse error" in broken.json()["detail"]
    form = client.post("/api/v1/me/import/", {"format": "pathwise-export"}, format="multipart")
    assert form.status_code == 400 and form.json() == {"detail": str(IMPORT_NOT_JSON)}
    wrong = client.post("/api/v1/me/import/", {"format": "pathwise-export", "version": 1, "progress": 3}, format="json")
    assert wrong.status_code == 400
    assert wrong.json()["non_field_errors"] == [
        'The export is malformed: progress: Expected a list of items but got type "int".'
    ]
    assert not Submission.objects.filter(user=fresh).exists()


def test_share_api_opts_in_and_revokes(world, client_for):
    client = client_for(world.users["learner"])
    assert client.get("/api/v1/me/share/").status_code == 404
    created = client.post("/api/v1/me/share/")
    assert created.status_code == 201
    url = created.json()["url"]
    assert client.get("/api/v1/me/share/").json()["url"] == url
    assert Client().get(url).status_code == 200
    assert client.delete("/api/v1/me/share/").status_code == 204
    assert Client().get(url).status_code == 404


def test_share_key_is_128_random_bits(world):
    keys = {share_link_create(user=world.users["learner"]).key for _ in range(3)}
    assert len(keys) == 3
    assert all(len(key) == 22 for key in keys)  # token_urlsafe(16): 16 bytes = 128 bits
    assert ShareLink.objects.filter(user=world.users["learner"], revoked_at__isnull=True).count() == 1


def test_share_page_is_public_and_shows_progress_and_scores_never_code(world, shared):
    response = Client().get(f"/share/{shared.key}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    assert "NLP engineer" in html and "Add one" in html and "0.88" in html
    assert 'class="node state-done" data-slug="a"' in html
    assert "my-secret-approach" not in html and "return x" not in html
    assert '<meta property="og:title" content="Progress of A Pathwise learner on Pathwise">' in html
    assert '<meta property="og:description" content="NLP engineer: 30.8% done">' in html


def test_share_page_in_chinese(world, shared):
    client = Client()
    client.cookies["django_language"] = "zh-hans"
    html = client.get(f"/share/{shared.key}/").content.decode()
    assert "NLP 工程师" in html and "加一" in html
    assert "通过的练习" in html


def test_revoked_or_unknown_key_is_404(world, shared, as_role):
    as_role("learner").post("/me/sharing/revoke/")
    assert Client().get(f"/share/{shared.key}/").status_code == 404
    assert Client().get("/share/AAAAAAAAAAAAAAAAAAAAAA/").status_code == 404


def test_settings_page_offers_the_export(world, as_role):
    html = as_role("learner").get("/accounts/settings/").content.decode()
    assert 'href="/me/export/pathwise-export.json"' in html
    response = as_role("learner").get("/me/export/pathwise-export.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(response.content)["profile"]["username"] == "lena"


def test_deleting_the_account_ends_its_share_link(world, shared):
    from accounts.services.deletion import account_delete

    account_delete(user=world.users["learner"])
    assert not ShareLink.objects.filter(key=shared.key).exists()
    assert Client().get(f"/share/{shared.key}/").status_code == 404


def test_an_import_over_the_size_limit_is_refused_before_parsing(world, client_for, settings):
    settings.PATHWISE_MAX_IMPORT_BYTES = 100
    body = json.dumps({"format": "pathwise-export", "version": 1, "submissions": [], "pad": "x" * 200})
    response = client_for(world.users["other_learner"]).generic("POST", "/api/v1/me/import/", body, "application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": f"The export is {len(body)} bytes; this instance imports at most 100 bytes."}
