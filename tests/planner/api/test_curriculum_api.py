import pytest

from planner.models import Resource
from planner.services import enrolment_create
from tests.factories import MilestoneFactory, StageFactory, TrackFactory, TrackMilestoneFactory, UserFactory


def test_tracks_list_and_detail_with_milestones(small, client_for, learner):
    client = client_for(learner)
    body = client.get("/api/v1/tracks/").json()
    assert body["count"] == 1
    assert body["results"][0]["slug"] == "small-track"
    detail = client.get("/api/v1/tracks/small-track/").json()
    assert [(m["slug"], m["stage"], m["required"], m["hours"]) for m in detail["milestones"]] == [
        ("a", "basics", True, 4.0),
        ("b", "basics", True, 6.0),
        ("c", "advanced", True, 10.0),
        ("d", "advanced", True, 3.0),
        ("e", "advanced", False, 2.0),
    ]
    assert client.get("/api/v1/tracks/nope/").status_code == 404


def test_stages_list(small, client_for, learner):
    body = client_for(learner).get("/api/v1/stages/").json()
    assert [s["slug"] for s in body["results"]] == ["basics", "advanced"]


def test_milestones_filter_by_stage_and_track(small, client_for, learner):
    client = client_for(learner)
    assert [m["slug"] for m in client.get("/api/v1/milestones/?stage=advanced").json()["results"]] == ["c", "d", "e"]
    other = TrackFactory(slug="other-track")
    TrackMilestoneFactory(track=other, milestone=small.c)
    assert [m["slug"] for m in client.get("/api/v1/milestones/?track=other-track").json()["results"]] == ["c"]
    assert [m["slug"] for m in client.get("/api/v1/milestones/?completion=mentor").json()["results"]] == ["d"]


def test_milestone_search_in_english_and_chinese(small, client_for, learner):
    small.c.title_zh = "注意力机制"
    small.c.topics_en = ["scaled dot-product attention"]
    small.c.save()
    client = client_for(learner)
    assert [m["slug"] for m in client.get("/api/v1/milestones/", {"search": "注意力"}).json()["results"]] == ["c"]
    assert [m["slug"] for m in client.get("/api/v1/milestones/", {"search": "ATTENTION"}).json()["results"]] == ["c"]


def test_milestone_detail_has_prerequisites_dependants_and_resources(small, client_for, learner):
    Resource.objects.create(milestone=small.b, order=1, title="Deep Learning", authors="Goodfellow", kind="book")
    body = client_for(learner).get("/api/v1/milestones/b/").json()
    assert [p["slug"] for p in body["prerequisites"]] == ["a"]
    assert [d["slug"] for d in body["dependants"]] == ["c"]
    assert body["resources"] == [{"title": "Deep Learning", "authors": "Goodfellow", "kind": "book", "url": ""}]
    assert body["tracks"] == [{"slug": "small-track", "required": True}]
    assert client_for(learner).get("/api/v1/milestones/zzz/").status_code == 404


def test_bad_filter_values_are_400_with_field_errors(small, client_for, learner):
    response = client_for(learner).get("/api/v1/milestones/?completion=magic")
    assert response.status_code == 400
    assert response.json() == {"completion": ['"magic" is not a valid choice.']}


def test_anonymous_reads_the_curriculum_but_not_progress(small, client_for):
    visitor = client_for(None)
    assert visitor.get("/api/v1/milestones/").json()["count"] == 5
    assert visitor.get("/api/v1/milestones/c/").status_code == 200
    assert visitor.get("/api/v1/stages/").status_code == 200
    assert visitor.get("/api/v1/progress/").status_code == 401
    assert visitor.get("/api/v1/summary/").status_code == 401


def _grow(n: int) -> None:
    stage = StageFactory()
    track = TrackFactory()
    previous = None
    for _ in range(n):
        m = MilestoneFactory(stage=stage, prerequisites=[previous] if previous else [])
        TrackMilestoneFactory(track=track, milestone=m)
        Resource.objects.create(milestone=m, title="r", kind="book")
        previous = m
    return track


@pytest.mark.parametrize("n", [3, 30])
def test_milestone_and_track_lists_cost_the_same_queries_at_any_length(
    db, client_for, django_assert_max_num_queries, n
):
    track = _grow(n)
    client = client_for(UserFactory())
    for url in (
        "/api/v1/milestones/?page_size=200",
        f"/api/v1/tracks/{track.slug}/",
        "/api/v1/tracks/",
        "/api/v1/stages/",
        f"/api/v1/milestones/{track.items.last().milestone.slug}/",
    ):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [2, 12])
def test_learner_lists_and_summary_cost_the_same_queries_at_any_length(
    db, client_for, django_assert_max_num_queries, n
):
    learner = UserFactory()
    for _ in range(n):
        enrolment_create(user=learner, track=_grow(3))
    client = client_for(learner)
    for url in (
        "/api/v1/enrolments/",
        "/api/v1/progress/?page_size=200",
        "/api/v1/summary/",
        "/api/v1/progress/?state=available",
    ):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_when_lists_grow(db, client_for):
    learner = UserFactory()
    client = client_for(learner)
    enrolment_create(user=learner, track=_grow(2))
    urls = [
        "/api/v1/milestones/?page_size=200",
        "/api/v1/tracks/",
        "/api/v1/enrolments/",
        "/api/v1/progress/?page_size=200",
        "/api/v1/summary/",
    ]
    before = [_queries(client, url) for url in urls]
    for _ in range(5):
        enrolment_create(user=learner, track=_grow(6))
    assert [_queries(client, url) for url in urls] == before
