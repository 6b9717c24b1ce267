"""Curriculum reads are cached under the curriculum's version and answered 304 when unchanged (config.http_cache,
planner.curriculum_version): a reload or an admin edit shows at once; nothing of one caller reaches another."""

from __future__ import annotations

import copy

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.services.tokens import api_token_create
from planner.models import Milestone, Resource
from tests.factories import UserFactory
from tests.planner.test_load_curriculum import BASE, write

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/stages/", "/api/v1/tracks/", "/api/v1/milestones/"]


def _token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=user, name='t')[1]}")
    return client


@pytest.fixture
def reader(small) -> APIClient:
    return _token_client(UserFactory(username="reader"))


def _detail_urls(small) -> list[str]:
    return [f"/api/v1/tracks/{small.track.slug}/", f"/api/v1/milestones/{small.b.slug}/"]


@pytest.mark.parametrize("path", LISTS)
def test_a_repeated_read_is_served_from_the_cache_without_queries(reader, path, django_assert_num_queries):
    first = reader.get(path)
    with django_assert_num_queries(1):  # the token; the curriculum comes from the cache
        second = reader.get(path)

    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == "private, no-cache"
    assert {"Accept-Language", "Authorization", "Cookie"} <= {v.strip() for v in second["Vary"].split(",")}


def test_every_curriculum_read_answers_304_to_its_etag_and_to_its_last_modified(reader, small):
    for path in [*LISTS, *_detail_urls(small)]:
        first = reader.get(path)
        by_etag = reader.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = reader.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

        assert first.status_code == 200, path
        assert (by_etag.status_code, by_etag.content, by_etag["ETag"]) == (304, b"", first["ETag"]), path
        assert by_date.status_code == 304, path


@pytest.mark.parametrize("garbage", ['"nope"', "nonsense", 'W/"', '"' + "x" * 5000 + '"', ", , ,"])
def test_a_garbage_if_none_match_is_answered_200_with_the_current_body(reader, garbage):
    plain = reader.get("/api/v1/milestones/")
    response = reader.get("/api/v1/milestones/", HTTP_IF_NONE_MATCH=garbage)

    assert response.status_code == 200
    assert response.content == plain.content


def test_a_reload_shows_new_content_at_once_and_old_etags_no_longer_match(reader, tmp_path):
    call_command("load_curriculum", str(write(tmp_path / "v1", BASE)))
    before = reader.get("/api/v1/milestones/alpha/")
    data = copy.deepcopy(BASE)
    data["stages"]["01-one.yaml"]["milestones"][0]["title"]["en"] = "Alpha, rewritten"
    call_command("load_curriculum", str(write(tmp_path / "v2", data)))

    after = reader.get("/api/v1/milestones/alpha/")
    revalidated = reader.get("/api/v1/milestones/alpha/", HTTP_IF_NONE_MATCH=before["ETag"])
    listed = reader.get("/api/v1/milestones/", {"search": "rewritten"})

    assert before.json()["title_en"] == "Title alpha"
    assert after.json()["title_en"] == "Alpha, rewritten"
    assert after["ETag"] != before["ETag"]
    assert revalidated.status_code == 200
    assert [m["slug"] for m in listed.json()["results"]] == ["alpha"]


def test_a_reload_that_only_changes_resources_shows_at_once(reader, tmp_path):
    call_command("load_curriculum", str(write(tmp_path / "v1", BASE)))
    before = reader.get("/api/v1/milestones/", {"expand": "resources"}).json()["results"][0]
    data = copy.deepcopy(BASE)
    data["stages"]["01-one.yaml"]["milestones"][0]["resources"][0]["title"] = "A newer book"
    call_command("load_curriculum", str(write(tmp_path / "v2", data)))

    after = reader.get("/api/v1/milestones/", {"expand": "resources"}).json()["results"][0]

    assert before["resources"][0]["title"] == "Book on alpha"
    assert after["resources"][0]["title"] == "A newer book"


def test_admin_saves_and_deletes_show_at_once(reader, small):
    admin = Client()
    admin.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    reader.get(f"/api/v1/milestones/{small.e.slug}/")
    stage_list = reader.get("/api/v1/stages/")

    change = reverse("admin:planner_stage_change", args=[small.a.stage.pk])
    form = {"slug": "basics", "order": 1, "title_en": "Basics, renamed", "title_zh": "基础", "summary_en": "s"}
    form["summary_zh"] = "s"
    assert admin.post(change, form).status_code == 302
    renamed = reader.get("/api/v1/stages/", HTTP_IF_NONE_MATCH=stage_list["ETag"])
    delete = reverse("admin:planner_milestone_delete", args=[small.e.pk])
    assert admin.post(delete, {"post": "yes"}).status_code == 302

    assert renamed.status_code == 200
    assert renamed.json()["results"][0]["title_en"] == "Basics, renamed"
    assert reader.get(f"/api/v1/milestones/{small.e.slug}/").status_code == 404


def test_a_shell_edit_of_a_resource_shows_at_once(reader, small):
    Resource.objects.create(milestone=small.a, title="First", authors="", kind="book", url="")
    reader.get(f"/api/v1/milestones/{small.a.slug}/")
    Resource.objects.filter(milestone=small.a).get().delete()
    Milestone.objects.get(pk=small.b.pk).prerequisites.clear()

    assert reader.get(f"/api/v1/milestones/{small.a.slug}/").json()["resources"] == []
    assert reader.get(f"/api/v1/milestones/{small.b.slug}/").json()["prerequisites"] == []


def test_learner_a_never_receives_learner_b_s_session_or_headers(small):
    session_a = Client()
    session_a.force_login(UserFactory(username="learner-a"))
    a = session_a.get("/api/v1/milestones/")
    b = _token_client(UserFactory(username="learner-b")).get("/api/v1/milestones/")

    assert a.status_code == b.status_code == 200
    assert b.content == a.content  # the curriculum is the same for every signed-in reader
    assert not b.cookies
    assert "sessionid" not in b.get("Set-Cookie", "")


def test_a_warm_cache_is_never_served_to_a_bad_token_and_anonymous_readers_get_only_the_public_body(reader):
    signed_in = reader.get("/api/v1/milestones/")
    anonymous = APIClient().get("/api/v1/milestones/")  # the curriculum is public (AllowAny)
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token not-a-token")

    assert signed_in.status_code == anonymous.status_code == 200
    assert anonymous.content == signed_in.content
    assert not anonymous.cookies
    assert bad.get("/api/v1/milestones/").status_code == 401
    assert bad.get("/api/v1/milestones/", HTTP_IF_NONE_MATCH=signed_in["ETag"]).status_code == 401


def test_the_key_holds_language_query_host_and_version(reader):
    reader.get("/api/v1/milestones/", {"page_size": 1})
    reader.get("/api/v1/milestones/", {"page_size": 1}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    reader.get("/api/v1/milestones/", {"page_size": 2})
    from_localhost = reader.get("/api/v1/milestones/", {"page_size": 1}, HTTP_HOST="localhost")
    from_testserver = reader.get("/api/v1/milestones/", {"page_size": 1})

    entries = [key for key in cache._cache if "http:curriculum:" in key]
    assert len(entries) == 4  # en, zh, another page size, another host
    # Pagination links are absolute: each host gets its own, never another caller's.
    assert from_localhost.json()["next"].startswith("http://localhost/")
    assert from_testserver.json()["next"].startswith("http://testserver/")


def test_query_parameter_order_does_not_split_the_cache(reader):
    one = reader.get("/api/v1/milestones/?stage=basics&page_size=2")
    two = reader.get("/api/v1/milestones/?page_size=2&stage=basics")

    assert one["ETag"] == two["ETag"]
    assert one.content == two.content


def test_errors_are_never_cached(reader):
    assert reader.get("/api/v1/milestones/", {"stage": "nope"}).status_code == 400
    assert reader.get("/api/v1/milestones/missing/").status_code == 404
    assert reader.get("/api/v1/milestones/", {"expand": "everything"}).status_code == 400

    assert [key for key in cache._cache if "http:curriculum:" in key] == []


def test_the_list_is_lean_unless_resources_are_asked_for(reader, small):
    Resource.objects.create(milestone=small.a, title="A book", authors="B. Author", kind="book", url="")

    lean = reader.get("/api/v1/milestones/").json()["results"][0]
    expanded = reader.get("/api/v1/milestones/", {"expand": "resources"}).json()["results"][0]
    detail = reader.get(f"/api/v1/milestones/{small.a.slug}/").json()

    assert "resources" not in lean
    assert expanded["resources"] == [{"title": "A book", "authors": "B. Author", "kind": "book", "url": ""}]
    assert {key: value for key, value in expanded.items() if key != "resources"} == lean
    assert detail["resources"] == expanded["resources"]
    assert {"dependants", "tracks", "resources"} <= set(detail)
