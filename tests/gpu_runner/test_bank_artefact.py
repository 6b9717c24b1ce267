"""Artefact exercises in the bank loader: rubric.yaml is validated at load, and its rubric is public."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gpu_runner.bank import Bank, BankError
from gpu_runner.bank_artefact import host_matches

RUBRIC = {
    "pass_mark": 6,
    "criteria": [
        {"id": "method", "points": 4, "description": {"en": "The method is right.", "zh": "方法正确。"}},
        {"id": "writing", "points": 6, "description": {"en": "Clear writing.", "zh": "表达清楚。"}},
    ],
    "submission": {
        "url": {"required": True, "hosts": ["github"]},
        "writeup": {"required": True, "sections": [{"en": "Method", "zh": "方法"}]},
        "notebook": {"required": False},
    },
}


def write_artefact(root: Path, *, rubric: dict | None = RUBRIC, meta: dict | None = None) -> Path:
    folder = root / "pr-report"
    folder.mkdir(parents=True)
    data = {
        "slug": "pr-report",
        "milestone": "open-source-contribution",
        "kind": "artefact",
        "version": 1,
        "order": 1,
        "required": True,
        "title": {"en": "A pull request", "zh": "一个拉取请求"},
        **(meta or {}),
    }
    (folder / "exercise.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (folder / "statement.en.md").write_text("# A pull request\n\nLink it.\n", encoding="utf-8")
    (folder / "statement.zh.md").write_text("# 一个拉取请求\n\n附上链接。\n", encoding="utf-8")
    if rubric is not None:
        (folder / "rubric.yaml").write_text(yaml.safe_dump(rubric, allow_unicode=True), encoding="utf-8")
    return folder


def load_error(tmp_path: Path, **kwargs) -> str:
    write_artefact(tmp_path, **kwargs)
    with pytest.raises(BankError) as info:
        Bank([tmp_path]).get("pr-report")
    return str(info.value)


def test_an_artefact_loads_with_its_rubric_and_its_pass_mark_as_the_threshold(tmp_path):
    write_artefact(tmp_path)
    exercise = Bank([tmp_path]).get("pr-report")
    assert exercise.kind == "artefact"
    assert exercise.pass_threshold == 0.6
    assert exercise.rubric["total"] == 10
    assert exercise.rubric["submission"]["url"] == {"required": True, "hosts": ["github"]}


def test_public_dict_shows_the_rubric_which_is_not_secret(tmp_path):
    write_artefact(tmp_path)
    public = Bank([tmp_path]).get("pr-report").public_dict()
    assert public["rubric"]["pass_mark"] == 6
    assert [c["id"] for c in public["rubric"]["criteria"]] == ["method", "writing"]
    assert public["rubric"]["criteria"][1]["description"]["zh"] == "表达清楚。"
    assert public["rubric"]["submission"]["writeup"]["sections"] == [{"en": "Method", "zh": "方法"}]


def test_a_rubric_is_in_the_content_hash(tmp_path):
    folder = write_artefact(tmp_path)
    before = Bank([tmp_path]).get("pr-report").sha256
    (folder / "rubric.yaml").write_text(yaml.safe_dump({**RUBRIC, "pass_mark": 7}), encoding="utf-8")
    assert Bank([tmp_path]).get("pr-report").sha256 != before


def _with(**changes) -> dict:
    return {**RUBRIC, **changes}


@pytest.mark.parametrize(
    ("rubric", "ending"),
    [
        (None, "missing rubric.yaml (required for kind artefact)"),
        (_with(pass_mark=11), "field pass_mark must be a number in (0, 10] (the criteria's total), got 11"),
        (_with(pass_mark=0), "field pass_mark must be a number in (0, 10] (the criteria's total), got 0"),
        (_with(criteria=[]), "field criteria must be a list of 1 to 12 criteria"),
        (
            _with(criteria=[{"id": "a", "points": 0, "description": {"en": "x", "zh": "y"}}]),
            "criteria[a].points must be an integer in 1..100, got 0",
        ),
        (
            _with(criteria=[{"id": "a", "points": 2, "description": {"en": "x"}}]),
            "field criteria[a].description.zh must be a non-empty string, got None",
        ),
        (
            _with(criteria=[RUBRIC["criteria"][0], RUBRIC["criteria"][0]]),
            "criteria[1].id must be a unique identifier, got 'method'",
        ),
        (_with(criteria=[{"id": "a", "points": 2}]), "criteria[0] must have exactly id, points and description"),
        (_with(submission={"video": {}}), "unknown submission part(s) video"),
        (_with(submission={"url": {"hosts": ["myspace"]}}), "submission.url.hosts must be a non-empty list of"),
        (_with(submission={"writeup": {"required": False}}), "at least one submission part must be required"),
        (_with(submission={"url": {"required": True, "size": 3}}), "submission.url takes only required, hosts"),
        (_with(extra=1), "unknown field(s) extra"),
    ],
)
def test_a_bad_rubric_is_a_load_error_naming_the_field(tmp_path, rubric, ending):
    message = load_error(tmp_path, rubric=rubric)
    assert ending in message
    assert "pr-report" in message


def test_an_artefact_may_not_set_pass_threshold_beside_its_rubric(tmp_path):
    assert "pass_threshold: an artefact passes on its rubric's pass_mark" in load_error(
        tmp_path, meta={"pass_threshold": 0.5}
    )


def test_an_artefact_may_not_declare_sandbox_libraries(tmp_path):
    message = load_error(tmp_path, meta={"requires": ["torch"]})
    assert "field requires applies only to kinds that run code in the sandbox" in message


@pytest.mark.parametrize(
    ("host", "kinds", "expected"),
    [
        ("github.com", ["github"], True),
        ("someone.github.io", ["github"], True),
        ("github.com.evil.example", ["github"], False),
        ("notgithub.com", ["github"], False),
        ("www.kaggle.com", ["kaggle"], True),
        ("arxiv.org", ["github", "arxiv"], True),
        ("example.org", ["any"], True),
    ],
)
def test_host_kinds_match_the_host_or_a_subdomain_only(host, kinds, expected):
    assert host_matches(host, kinds) is expected


def test_every_artefact_in_the_default_bank_has_both_languages_and_sections():
    artefacts = [e for e in Bank.default().all() if e.kind == "artefact"]
    assert len(artefacts) >= 15
    for exercise in artefacts:
        sections = exercise.rubric["submission"]["writeup"]["sections"]
        assert sections, exercise.slug
        for section in sections:
            # The statement names each required section in its own language, so a learner knows the headings.
            assert section["en"] in exercise.statement["en"], (exercise.slug, section)
            assert section["zh"] in exercise.statement["zh"], (exercise.slug, section)
