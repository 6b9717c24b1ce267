"""An artefact exercise's `rubric.yaml`: the criteria a mentor scores, the pass mark, and what a learner submits.

Artefacts (a Kaggle entry, a merged pull request, a paper summary, a project write-up) are judged by a mentor, not
by a program: nothing of the learner's runs anywhere. The web side checks the submission's form at once (the URL's
host kind, the write-up's required sections, the notebook parses) and the mentor scores each criterion.

pass_mark: 7                     # points out of the criteria's total
criteria:
  - {id: problem, points: 3, description: {en, zh}}
submission:
  url: {required: true, hosts: [github]}            # host kinds: HOST_KINDS below; `any` is any https host
  writeup: {required: true, sections: [{en: Problem, zh: 问题}, ...]}   # Markdown headings the write-up has
  notebook: {required: false}                        # absent: no notebook is accepted
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from gpu_runner.bank_files import BankError, read_yaml
from gpu_runner.bank_quiz import IDENT_RE, i18n_field

# Host kinds a URL may be restricted to: the host itself or any subdomain of one of these.
HOST_KINDS: dict[str, tuple[str, ...]] = {
    "github": ("github.com", "github.io", "gist.github.com"),
    "gitlab": ("gitlab.com",),
    "kaggle": ("kaggle.com",),
    "arxiv": ("arxiv.org",),
    "openreview": ("openreview.net",),
    "aclanthology": ("aclanthology.org",),
    "huggingface": ("huggingface.co", "hf.co"),
    "any": (),
}
PARTS: tuple[str, ...] = ("url", "writeup", "notebook")
PART_KEYS: dict[str, tuple[str, ...]] = {
    "url": ("required", "hosts"),
    "writeup": ("required", "sections"),
    "notebook": ("required",),
}
MAX_CRITERIA = 12


def parse_rubric(file: Path) -> dict[str, Any]:
    """rubric.yaml, validated: a BankError names the file and the field."""
    if not file.is_file():
        raise BankError(f"{file.parent}: missing rubric.yaml (required for kind artefact)")
    data = read_yaml(file)
    if not isinstance(data, dict):
        raise BankError(f"{file}: must be a mapping with criteria, pass_mark and submission")
    unknown = sorted(set(data) - {"criteria", "pass_mark", "submission"})
    if unknown:
        raise BankError(f"{file}: unknown field(s) {', '.join(map(str, unknown))}")
    criteria = _criteria(file, data.get("criteria"))
    total = sum(c["points"] for c in criteria)
    pass_mark = data.get("pass_mark")
    if not _number(pass_mark) or not 0 < pass_mark <= total:
        raise BankError(
            f"{file}: field pass_mark must be a number in (0, {total}] (the criteria's total), got {pass_mark!r}"
        )
    return {
        "criteria": criteria,
        "total": total,
        "pass_mark": pass_mark,
        "submission": _submission(file, data.get("submission")),
    }


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _criteria(file: Path, value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_CRITERIA:
        raise BankError(f"{file}: field criteria must be a list of 1 to {MAX_CRITERIA} criteria")
    criteria, seen = [], set()
    for index, item in enumerate(value):
        if not isinstance(item, dict) or sorted(item) != ["description", "id", "points"]:
            raise BankError(f"{file}: criteria[{index}] must have exactly id, points and description")
        cid = item["id"]
        if not isinstance(cid, str) or not IDENT_RE.match(cid) or cid in seen:
            raise BankError(f"{file}: criteria[{index}].id must be a unique identifier, got {cid!r}")
        seen.add(cid)
        points = item["points"]
        if isinstance(points, bool) or not isinstance(points, int) or not 1 <= points <= 100:
            raise BankError(f"{file}: criteria[{cid}].points must be an integer in 1..100, got {points!r}")
        description = i18n_field(file, f"criteria[{cid}].description", item["description"])
        criteria.append({"id": cid, "points": points, "description": description})
    return criteria


def _submission(file: Path, value: Any) -> dict[str, Any]:
    """Which parts a learner sends; at least one is required."""
    if not isinstance(value, dict) or not value:
        raise BankError(f"{file}: field submission must be a mapping of parts ({', '.join(PARTS)})")
    unknown = sorted(set(value) - set(PARTS))
    if unknown:
        raise BankError(f"{file}: unknown submission part(s) {', '.join(map(str, unknown))}")
    parts: dict[str, Any] = {}
    for name, spec in value.items():
        spec = spec or {}
        if not isinstance(spec, dict) or set(spec) - set(PART_KEYS[name]):
            raise BankError(f"{file}: submission.{name} takes only {', '.join(PART_KEYS[name])}")
        required = spec.get("required", False)
        if not isinstance(required, bool):
            raise BankError(f"{file}: submission.{name}.required must be true or false, got {required!r}")
        parts[name] = {"required": required}
        if name == "url":
            parts[name]["hosts"] = _hosts(file, spec.get("hosts", ["any"]))
        if name == "writeup":
            parts[name]["sections"] = _sections(file, spec.get("sections", []))
    if not any(part["required"] for part in parts.values()):
        raise BankError(f"{file}: at least one submission part must be required")
    return parts


def _hosts(file: Path, hosts: Any) -> list[str]:
    if not isinstance(hosts, list) or not hosts or not all(h in HOST_KINDS for h in hosts):
        raise BankError(
            f"{file}: submission.url.hosts must be a non-empty list of {', '.join(HOST_KINDS)}, got {hosts!r}"
        )
    return list(dict.fromkeys(hosts))


def _sections(file: Path, sections: Any) -> list[dict[str, str]]:
    if not isinstance(sections, list):
        raise BankError(f"{file}: submission.writeup.sections must be a list of {{en, zh}} headings")
    return [i18n_field(file, f"submission.writeup.sections[{n}]", s) for n, s in enumerate(sections)]


def host_matches(host: str, kinds: list[str]) -> bool:
    """Whether a lowercase host name is of one of the host kinds (`any` accepts every host)."""
    if "any" in kinds:
        return True
    domains = [domain for kind in kinds for domain in HOST_KINDS.get(kind, ())]
    return any(host == domain or host.endswith("." + domain) for domain in domains)
