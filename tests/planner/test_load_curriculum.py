"""load_curriculum / export_curriculum on small YAML fixtures written to tmp dirs, and on the real curriculum."""

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models

from planner.models import Milestone, Progress, Resource, Stage, Track, TrackMilestone
from planner.services import enrolment_create, self_assessment_apply
from tests.factories import UserFactory


def bi(en: str, zh: str) -> dict[str, str]:
    return {"en": en, "zh": zh}


def milestone(slug: str, prereqs: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "slug": slug,
        "title": bi(f"Title {slug}", f"标题 {slug}"),
        "summary": bi(f"About {slug}.", f"关于 {slug}。"),
        "hours": 5,
        "completion": "self",
        "prerequisites": prereqs or [],
        "topics": {"en": [f"{slug} topic"], "zh": [f"{slug} 主题"]},
        "resources": [{"title": f"Book on {slug}", "authors": "A. Author", "kind": "book", "url": ""}],
        **extra,
    }


BASE: dict[str, Any] = {
    "stages": {
        "01-one.yaml": {
            "stage": {"slug": "one", "order": 1, "title": bi("One", "一"), "summary": bi("S1", "阶段一")},
            "milestones": [milestone("alpha"), milestone("beta", ["alpha"])],
        },
        "02-two.yaml": {
            "stage": {"slug": "two", "order": 2, "title": bi("Two", "二"), "summary": bi("S2", "阶段二")},
            "milestones": [milestone("gamma", ["beta"], hours=2.5, completion="auto"), milestone("delta", ["alpha"])],
        },
    },
    "tracks": {
        "tracks": [
            {
                "slug": "t1",
                "role": "data_scientist",
                "title": bi("Track", "路线"),
                "summary": bi("T", "路"),
                "milestones": [
                    {"slug": "alpha", "required": True},
                    {"slug": "beta", "required": True},
                    {"slug": "gamma", "required": True},
                    {"slug": "delta", "required": False},
                ],
            }
        ]
    },
}


def write(root: Path, data: dict[str, Any]) -> Path:
    (root / "stages").mkdir(parents=True, exist_ok=True)
    for old in (root / "stages").glob("*.yaml"):
        old.unlink()
    for name, doc in data["stages"].items():
        (root / "stages" / name).write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    (root / "tracks.yaml").write_text(yaml.safe_dump(data["tracks"], allow_unicode=True), encoding="utf-8")
    return root


def columns(model: type[models.Model]) -> list[str]:
    """Every column of the model's table: what the loader writes and a reload must keep."""
    return [field.attname for field in model._meta.concrete_fields]


def snapshot() -> dict[str, Any]:
    return {
        "stages": list(Stage.objects.order_by("slug").values(*columns(Stage))),
        "milestones": list(Milestone.objects.order_by("slug").values(*columns(Milestone))),
        "prerequisites": sorted(
            Milestone.prerequisites.through.objects.values_list("from_milestone__slug", "to_milestone__slug")
        ),
        "resources": list(
            Resource.objects.order_by("milestone__slug", "order").values_list(
                "milestone__slug", "order", "title", "authors", "kind", "url"
            )
        ),
        "tracks": list(Track.objects.order_by("slug").values(*columns(Track))),
        "items": list(
            TrackMilestone.objects.order_by("track__slug", "order").values_list(
                "track__slug", "milestone__slug", "required", "order"
            )
        ),
    }


def load_error(path: Path) -> str:
    with pytest.raises(CommandError) as exc:
        call_command("load_curriculum", str(path))
    return str(exc.value)


@pytest.fixture
def data() -> dict[str, Any]:
    return copy.deepcopy(BASE)


def test_valid_curriculum_loads(db, tmp_path, data):
    call_command("load_curriculum", str(write(tmp_path, data)))
    assert list(Milestone.objects.values_list("slug", "stage__slug", "order", "hours")) == [
        ("alpha", "one", 1, 5),
        ("beta", "one", 2, 5),
        ("gamma", "two", 1, 2.5),
        ("delta", "two", 2, 5),
    ]
    assert snapshot()["prerequisites"] == [("beta", "alpha"), ("delta", "alpha"), ("gamma", "beta")]
    assert Milestone.objects.get(slug="gamma").topics_zh == ["gamma 主题"]
    assert list(TrackMilestone.objects.values_list("milestone__slug", "required")) == [
        ("alpha", True),
        ("beta", True),
        ("gamma", True),
        ("delta", False),
    ]


def test_unknown_prerequisite_is_reported_with_file_and_slugs_and_nothing_is_written(db, tmp_path, data):
    data["stages"]["02-two.yaml"]["milestones"][1]["prerequisites"] = ["alpha", "omega"]
    message = load_error(write(tmp_path, data))
    assert f"{tmp_path}/stages/02-two.yaml: milestone 'delta': unknown prerequisite 'omega'" in message
    assert "nothing was written" in message
    assert (Stage.objects.count(), Milestone.objects.count(), Track.objects.count()) == (0, 0, 0)


def test_unknown_track_milestone_is_reported(db, tmp_path, data):
    data["tracks"]["tracks"][0]["milestones"].append({"slug": "nope", "required": False})
    assert f"{tmp_path}/tracks.yaml: track 't1': unknown milestone 'nope'" in load_error(write(tmp_path, data))


def test_duplicate_milestone_slug_is_reported_with_both_files(db, tmp_path, data):
    data["stages"]["02-two.yaml"]["milestones"].append(milestone("alpha"))
    message = load_error(write(tmp_path, data))
    assert (
        f"{tmp_path}/stages/02-two.yaml: duplicate milestone slug 'alpha' (also in {tmp_path}/stages/01-one.yaml)"
        in message
    )


def test_prerequisite_cycle_is_spelled_out(db, tmp_path, data):
    data["stages"]["01-one.yaml"]["milestones"][0]["prerequisites"] = ["gamma"]
    message = load_error(write(tmp_path, data))
    assert (
        f"{tmp_path}/stages/01-one.yaml, {tmp_path}/stages/02-two.yaml: prerequisites form a cycle: "
        "alpha -> gamma -> beta -> alpha"
    ) in message
    assert Milestone.objects.count() == 0


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda d: d["stages"]["01-one.yaml"]["milestones"][0]["title"].pop("zh"),
            "01-one.yaml: milestone 'alpha': 'title.zh' is missing or empty",
        ),
        (
            lambda d: d["stages"]["01-one.yaml"]["milestones"][0].update(hours=0),
            "01-one.yaml: milestone 'alpha': hours must be a number > 0, got 0",
        ),
        (
            lambda d: d["stages"]["01-one.yaml"]["milestones"][0].update(hours=-3),
            "01-one.yaml: milestone 'alpha': hours must be a number > 0, got -3",
        ),
        (
            lambda d: d["stages"]["01-one.yaml"]["milestones"][0].update(completion="magic"),
            "01-one.yaml: milestone 'alpha': completion must be one of auto, mentor, self, got 'magic'",
        ),
        (
            lambda d: d["stages"]["01-one.yaml"]["stage"]["summary"].pop("en"),
            "01-one.yaml: stage 'one': 'summary.en' is missing or empty",
        ),
        (
            lambda d: d["stages"]["01-one.yaml"]["milestones"][0]["resources"][0].update(kind="tweet"),
            "01-one.yaml: milestone 'alpha' resource #1: kind must be one of book, community, course, docs, paper, "
            "video, website, got 'tweet'",
        ),
    ],
)
def test_schema_errors_are_reported(db, tmp_path, data, mutate, expected):
    mutate(data)
    assert f"{tmp_path}/stages/{expected}" in load_error(write(tmp_path, data))
    assert Milestone.objects.count() == 0


def test_track_must_contain_the_prerequisites_of_its_required_milestones(db, tmp_path, data):
    data["tracks"]["tracks"][0]["milestones"] = [{"slug": "gamma", "required": True}]
    message = load_error(write(tmp_path, data))
    assert (
        f"{tmp_path}/tracks.yaml: track 't1': required milestone 'gamma' needs prerequisites that are not "
        "in the track: alpha, beta"
    ) in message


def test_every_error_is_reported_at_once(db, tmp_path, data):
    data["stages"]["01-one.yaml"]["milestones"][0]["hours"] = 0
    data["stages"]["02-two.yaml"]["milestones"][1]["prerequisites"] = ["omega"]
    assert "has 2 error(s)" in load_error(write(tmp_path, data))


def test_broken_yaml_is_a_clear_error(db, tmp_path, data):
    write(tmp_path, data)
    (tmp_path / "stages" / "01-one.yaml").write_text("stage: [unclosed\n", encoding="utf-8")
    assert f"{tmp_path}/stages/01-one.yaml: is not valid YAML at line" in load_error(tmp_path)


def test_reload_is_idempotent(db, tmp_path, data):
    path = write(tmp_path, data)
    call_command("load_curriculum", str(path))
    before = snapshot()
    call_command("load_curriculum", str(path))
    assert snapshot() == before


def test_reload_keeps_progress_and_applies_changes(db, tmp_path, data):
    path = write(tmp_path, data)
    call_command("load_curriculum", str(path))
    learner = UserFactory(username="reloader")
    enrolment_create(user=learner, track=Track.objects.get(slug="t1"))
    self_assessment_apply(user=learner, known=["alpha"])
    data["stages"]["01-one.yaml"]["milestones"][1]["title"]["en"] = "Beta, renamed"
    data["stages"]["02-two.yaml"]["milestones"].append(milestone("epsilon", ["gamma"]))
    data["tracks"]["tracks"][0]["milestones"].append({"slug": "epsilon", "required": True})
    call_command("load_curriculum", str(write(tmp_path, data)))
    assert Milestone.objects.get(slug="beta").title_en == "Beta, renamed"
    states = dict(Progress.objects.filter(user=learner).values_list("milestone__slug", "state"))
    assert states == {
        "alpha": "skipped",
        "beta": "available",
        "gamma": "locked",
        "delta": "available",
        "epsilon": "locked",
    }


def test_removed_milestone_without_progress_is_deleted_with_progress_is_kept_and_reported(db, tmp_path, data):
    call_command("load_curriculum", str(write(tmp_path, data)))
    learner = UserFactory(username="keeper")
    enrolment_create(user=learner, track=Track.objects.get(slug="t1"))  # rows for every track milestone
    # delta goes (learner has a row: kept); a brand-new milestone zeta is added, then removed (no rows: deleted)
    data["stages"]["02-two.yaml"]["milestones"].append(milestone("zeta"))
    call_command("load_curriculum", str(write(tmp_path, data)))
    data["stages"]["02-two.yaml"]["milestones"] = [
        m for m in data["stages"]["02-two.yaml"]["milestones"] if m["slug"] not in ("delta", "zeta")
    ]
    data["tracks"]["tracks"][0]["milestones"].pop()  # delta
    from io import StringIO

    err = StringIO()
    call_command("load_curriculum", str(write(tmp_path, data)), stderr=err)
    assert not Milestone.objects.filter(slug="zeta").exists()
    assert Milestone.objects.filter(slug="delta").exists()
    assert not TrackMilestone.objects.filter(milestone__slug="delta").exists()
    assert (
        "warning: milestone 'delta' is no longer in the files but is kept: 1 learner(s) have progress on it"
        in err.getvalue()
    )


def test_export_then_load_gives_the_same_database(db, tmp_path, data):
    call_command("load_curriculum", str(write(tmp_path / "src", data)))
    before = snapshot()
    call_command("export_curriculum", "--out", str(tmp_path / "out"))
    assert sorted(p.name for p in (tmp_path / "out" / "stages").iterdir()) == ["01-one.yaml", "02-two.yaml"]
    Milestone.objects.all().delete()
    Track.objects.all().delete()
    Stage.objects.all().delete()
    call_command("load_curriculum", str(tmp_path / "out"))
    after = snapshot()

    def strip(snap):
        return {
            k: [
                {f: v for f, v in row.items() if f not in ("id", "stage_id")} if isinstance(row, dict) else row
                for row in rows
            ]
            for k, rows in snap.items()
        }

    assert strip(after) == strip(before)
    # and a reload of the export over the same database changes nothing at all
    call_command("load_curriculum", str(tmp_path / "out"))
    assert snapshot() == after


def test_real_curriculum_loads_and_round_trips(db, tmp_path):
    call_command("load_curriculum")
    assert Track.objects.filter(slug="data-scientist-nlp").exists()
    assert Milestone.objects.get(slug="self-attention").completion == "auto"
    before = snapshot()
    call_command("export_curriculum", "--out", str(tmp_path))
    call_command("load_curriculum", str(tmp_path))
    assert snapshot() == before
    assert Path(settings.PATHWISE_CURRICULUM_DIR).is_dir()
