from planner.services.progress import MILESTONE_LOCKED, MILESTONE_NEEDS_EXERCISES, UNKNOWN_MILESTONES


def test_progress_list_filters_by_state_and_track(people, client_for):
    client = client_for(people.learner)
    body = client.get("/api/v1/progress/").json()
    assert [(r["milestone"], r["state"]) for r in body["results"]] == [
        ("a", "available"),
        ("b", "locked"),
        ("c", "locked"),
        ("d", "locked"),
        ("e", "available"),
    ]
    assert [r["milestone"] for r in client.get("/api/v1/progress/?state=available").json()["results"]] == ["a", "e"]
    assert client.get("/api/v1/progress/?track=small-track").json()["count"] == 5
    assert client.get("/api/v1/progress/?stage=basics").json()["count"] == 2


def test_progress_list_paginates(people, client_for):
    body = client_for(people.learner).get("/api/v1/progress/?page_size=2&page=2").json()
    assert (body["count"], [r["milestone"] for r in body["results"]]) == (5, ["c", "d"])


def test_bad_state_filter_is_400(people, client_for):
    response = client_for(people.learner).get("/api/v1/progress/?state=finished")
    assert (response.status_code, response.json()) == (400, {"state": ['"finished" is not a valid choice.']})


def test_progress_update_by_patch_and_post(people, client_for):
    client = client_for(people.learner)
    assert client.patch("/api/v1/progress/a/", {"state": "in_progress"}).json()["state"] == "in_progress"
    response = client.post("/api/v1/progress/a/", {"state": "done"})
    assert (response.status_code, response.json()["state"], response.json()["evidence"]) == (200, "done", "self")
    assert client.get("/api/v1/progress/b/").json()["state"] == "available"


def test_forbidden_moves_are_400_with_the_reason(people, client_for):
    client = client_for(people.learner)
    response = client.patch("/api/v1/progress/b/", {"state": "in_progress"})
    assert (response.status_code, response.json()) == (400, {"state": [MILESTONE_LOCKED]})
    client.post("/api/v1/self-assessment/", {"known": ["a", "b"]})
    response = client.patch("/api/v1/progress/c/", {"state": "done"})
    assert (response.status_code, response.json()) == (400, {"state": [MILESTONE_NEEDS_EXERCISES]})


def test_invalid_state_value_and_missing_body_are_400(people, client_for):
    client = client_for(people.learner)
    response = client.patch("/api/v1/progress/a/", {"state": "locked"})
    assert (response.status_code, response.json()) == (400, {"state": ['"locked" is not a valid choice.']})
    response = client.patch("/api/v1/progress/a/", {})
    assert (response.status_code, response.json()) == (400, {"state": ["This field is required."]})
    assert client.patch("/api/v1/progress/zzz/", {"state": "done"}).status_code == 404


def test_self_assessment_api_skips_and_unskips(people, client_for):
    client = client_for(people.learner)
    response = client.post("/api/v1/self-assessment/", {"known": ["a", "b"]})
    assert [(r["milestone"], r["state"]) for r in response.json()] == [("a", "skipped"), ("b", "skipped")]
    response = client.post("/api/v1/self-assessment/", {"known": [], "unknown": ["b"]})
    assert [(r["milestone"], r["state"]) for r in response.json()] == [("b", "available")]
    assert client.get("/api/v1/progress/c/").json()["state"] == "locked"


def test_self_assessment_api_rejects_bad_input(people, client_for):
    client = client_for(people.learner)
    response = client.post("/api/v1/self-assessment/", {"known": ["a", "no-such"]})
    assert (response.status_code, response.json()) == (400, {"known": [UNKNOWN_MILESTONES % {"slugs": "no-such"}]})
    response = client.post("/api/v1/self-assessment/", {"known": "a"})
    assert (response.status_code, response.json()) == (400, {"known": ['Expected a list of items but got type "str".']})


def test_summary_per_track_and_stage(people, client_for):
    client = client_for(people.learner)
    client.post("/api/v1/self-assessment/", {"known": ["a"]})
    track = client.get("/api/v1/summary/").json()["tracks"][0]
    assert (
        track["track"],
        track["hours_total"],
        track["hours_done"],
        track["hours_remaining"],
        track["percent_done"],
    ) == ("small-track", 23.0, 4.0, 19.0, 17.4)
    assert [(s["stage"], s["hours_total"], s["hours_done"], s["percent_done"]) for s in track["stages"]] == [
        ("basics", 10.0, 4.0, 40.0),
        ("advanced", 13.0, 0.0, 0.0),
    ]
    assert track["projected_finish"] == track["stages"][-1]["projected_finish"]


def test_a_refused_move_is_explained_in_the_readers_language(people, client_for):
    response = client_for(people.learner).patch(
        "/api/v1/progress/b/", {"state": "in_progress"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert (response.status_code, response.json()) == (
        400,
        {"state": ["此里程碑尚未解锁：请先完成或跳过它的先修里程碑。"]},
    )
