"""The exercise bank: one folder per exercise, loaded, validated and hashed.

The default bank is `exercise_bank/` next to this package; a deployment adds private banks through
`PATHWISE_EXERCISE_BANKS` (os.pathsep-separated folders, searched after the default). The format is
described in `exercise_bank/README.md`. Folders are found when a `Bank` is built (cheap: names only)
and loaded on first use, so one malformed exercise never stops a worker from grading the others;
`Bank.all()` loads and validates every folder. Reading, hashing and importing a folder's files is
`gpu_runner/bank_files.py`; import everything from here (`from gpu_runner.bank import BankError`).
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from gpu_runner.bank_files import IGNORED_NAMES, BankError, content_sha256, import_module, read_text, read_yaml
from gpu_runner.spec import KINDS, Limits

BANKS_ENV = "PATHWISE_EXERCISE_BANKS"
DEFAULT_BANK_DIR = Path(__file__).resolve().parent.parent / "exercise_bank"

LANGUAGES: tuple[str, ...] = ("en", "zh")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
QUESTION_TYPES: tuple[str, ...] = ("choice", "multi", "numeric")

REQUIRED_KEYS: tuple[str, ...] = ("slug", "milestone", "kind", "version", "order", "required", "title")
OPTIONAL_KEYS: tuple[str, ...] = ("entry", "limits", "pass_threshold", "metric", "options", "public")
LIMIT_KEYS: tuple[str, ...] = ("cpu_s", "wall_s", "memory_mb", "output_kb")


class UnknownExercise(BankError):
    """No bank folder defines this slug."""


@dataclass(frozen=True)
class Exercise:
    slug: str
    milestone: str
    kind: str
    version: int
    order: int
    required: bool
    title: dict[str, str]
    statement: dict[str, str]
    starter: str
    entry: list[str]
    limits: Limits
    pass_threshold: float
    metric: dict[str, Any] | None
    path: Path
    sha256: str
    # Kind-specific settings: `options` stay on the server, `public` is shown to learners.
    options: dict[str, Any] = field(default_factory=dict, repr=False)
    public: dict[str, Any] = field(default_factory=dict, repr=False)
    # quiz only: the parsed quiz.yaml questions, answers and explanations included (server-side).
    questions: list[dict[str, Any]] | None = field(default=None, repr=False)

    def public_dict(self) -> dict[str, Any]:
        """Everything that may be shown to a learner: no answers, no reference, no grader."""
        data: dict[str, Any] = {
            "slug": self.slug,
            "milestone": self.milestone,
            "kind": self.kind,
            "version": self.version,
            "order": self.order,
            "required": self.required,
            "title": dict(self.title),
            "statement": dict(self.statement),
            "starter": self.starter,
            "entry": list(self.entry),
            "limits": {key: getattr(self.limits, key) for key in LIMIT_KEYS},
            "pass_threshold": self.pass_threshold,
            "metric": dict(self.metric) if self.metric is not None else None,
            "sha256": self.sha256,
            "public": _plain(self.public),
        }
        if self.questions is not None:
            data["questions"] = [public_question(q) for q in self.questions]
        return data

    def load_module(self, name: str) -> ModuleType:
        """Import `<name>.py` from this folder (e.g. `grader`, `reference`, `wrong/overflows`).

        The module gets a private name that no learner code or other exercise can collide with, and is
        cached by the folder's content hash, so an edited exercise is imported afresh.
        """
        return import_module(self.path, self.slug, self.sha256, name)


def public_question(question: dict[str, Any]) -> dict[str, Any]:
    """A quiz question as a learner sees it: the same structure minus `answer` and `explanation`."""
    return {key: _plain(value) for key, value in question.items() if key not in ("answer", "explanation")}


class Bank:
    """The exercises found in a list of bank folders (each holding one folder per exercise)."""

    def __init__(self, paths: list[Path] | list[str]) -> None:
        self.paths = [Path(p) for p in paths]
        self._folders: dict[str, Path] = {}
        self._loaded: dict[str, Exercise] = {}
        self._lock = threading.Lock()
        for bank_dir in self.paths:
            if not bank_dir.is_dir():
                raise BankError(f"exercise bank {bank_dir} is not a folder")
            for child in sorted(bank_dir.iterdir()):
                if not child.is_dir() or child.name.startswith((".", "_")) or child.name in IGNORED_NAMES:
                    continue
                if child.name in self._folders:
                    raise BankError(
                        f"exercise {child.name!r} is defined twice: in {self._folders[child.name]} and in {child}"
                    )
                self._folders[child.name] = child

    @classmethod
    def default(cls) -> Bank:
        """The repository's `exercise_bank/` plus the folders named in PATHWISE_EXERCISE_BANKS."""
        extra = [Path(p) for p in os.environ.get(BANKS_ENV, "").split(os.pathsep) if p.strip()]
        return cls([DEFAULT_BANK_DIR, *extra])

    def slugs(self) -> list[str]:
        return sorted(self._folders)

    def get(self, slug: str) -> Exercise:
        with self._lock:
            if slug in self._loaded:
                return self._loaded[slug]
            folder = self._folders.get(slug)
            if folder is None:
                raise UnknownExercise(f"unknown exercise {slug!r}: no folder {slug}/ in {_join(self.paths)}")
            exercise = load_exercise(folder)
            self._loaded[slug] = exercise
            return exercise

    def all(self) -> list[Exercise]:
        """Every exercise, sorted by (milestone, order, slug); raises BankError on the first malformed one."""
        exercises = [self.get(slug) for slug in self.slugs()]
        return sorted(exercises, key=lambda e: (e.milestone, e.order, e.slug))


def _join(paths: list[Path]) -> str:
    return ", ".join(str(p) for p in paths) or "(no bank folders)"


def load_exercise(folder: Path) -> Exercise:
    """Read and validate one exercise folder; BankError names the folder and the field."""
    folder = Path(folder)
    where = str(folder)
    meta_file = folder / "exercise.yaml"
    if not meta_file.is_file():
        raise BankError(f"{where}: missing exercise.yaml")
    meta = read_yaml(meta_file)
    if not isinstance(meta, dict):
        raise BankError(f"{meta_file}: must be a mapping of fields, got {type(meta).__name__}")

    missing = [key for key in REQUIRED_KEYS if key not in meta]
    if missing:
        raise BankError(f"{meta_file}: missing field(s) {', '.join(missing)}")
    unknown = sorted(set(meta) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
    if unknown:
        raise BankError(
            f"{meta_file}: unknown field(s) {', '.join(map(str, unknown))}; "
            "kind-specific settings go under `options` (server-side) or `public` (shown to learners)"
        )

    slug = meta["slug"]
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        raise BankError(f"{meta_file}: field slug must be lowercase-kebab, got {slug!r}")
    if slug != folder.name:
        raise BankError(f"{meta_file}: field slug {slug!r} must equal the folder name {folder.name!r}")
    milestone = meta["milestone"]
    if not isinstance(milestone, str) or not SLUG_RE.match(milestone):
        raise BankError(f"{meta_file}: field milestone must be a lowercase-kebab slug, got {milestone!r}")
    kind = meta["kind"]
    if kind not in KINDS:
        raise BankError(f"{meta_file}: field kind must be one of {', '.join(KINDS)}, got {kind!r}")
    version = _int_field(meta_file, meta, "version", minimum=1)
    order = _int_field(meta_file, meta, "order", minimum=0)
    required = meta["required"]
    if not isinstance(required, bool):
        raise BankError(f"{meta_file}: field required must be true or false, got {required!r}")
    title = _i18n(meta_file, "title", meta["title"])

    entry = meta.get("entry") or []
    if not isinstance(entry, list) or not all(isinstance(e, str) and IDENT_RE.match(e) for e in entry):
        raise BankError(f"{meta_file}: field entry must be a list of Python function names, got {entry!r}")
    if kind in ("code", "model") and not entry:
        raise BankError(f"{meta_file}: field entry must name at least one function for kind {kind}")

    limits = _limits(meta_file, meta.get("limits"))
    threshold = meta.get("pass_threshold", 1.0)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0.0 <= threshold <= 1.0:
        raise BankError(f"{meta_file}: field pass_threshold must be a number in 0..1, got {threshold!r}")
    metric = meta.get("metric")
    if metric is not None:
        if not isinstance(metric, dict) or not isinstance(metric.get("name"), str):
            raise BankError(f"{meta_file}: field metric must be null or a mapping with a `name`, got {metric!r}")
        if "threshold" in metric and (
            isinstance(metric["threshold"], bool) or not isinstance(metric["threshold"], (int, float))
        ):
            raise BankError(f"{meta_file}: field metric.threshold must be a number, got {metric['threshold']!r}")
    options = meta.get("options") or {}
    public = meta.get("public") or {}
    for key, value in (("options", options), ("public", public)):
        if not isinstance(value, dict):
            raise BankError(f"{meta_file}: field {key} must be a mapping, got {type(value).__name__}")

    statement = {}
    for lang in LANGUAGES:
        statement_file = folder / f"statement.{lang}.md"
        if not statement_file.is_file():
            raise BankError(f"{where}: missing statement.{lang}.md")
        text = read_text(statement_file)
        if not text.strip():
            raise BankError(f"{statement_file}: is empty")
        statement[lang] = text

    starter_file = folder / "starter.py"
    if kind in ("code", "model"):
        for name in ("starter.py", "reference.py", "grader.py"):
            if not (folder / name).is_file():
                raise BankError(f"{where}: missing {name} (required for kind {kind})")
    starter = read_text(starter_file) if starter_file.is_file() else ""

    questions = None
    if kind == "quiz":
        questions = _questions(folder / "quiz.yaml")

    return Exercise(
        slug=slug,
        milestone=milestone,
        kind=kind,
        version=version,
        order=order,
        required=required,
        title=title,
        statement=statement,
        starter=starter,
        entry=list(entry),
        limits=limits,
        pass_threshold=float(threshold),
        metric=dict(metric) if metric is not None else None,
        path=folder.resolve(),
        sha256=content_sha256(folder),
        options=dict(options),
        public=dict(public),
        questions=questions,
    )


def _int_field(file: Path, meta: dict[str, Any], key: str, *, minimum: int) -> int:
    value = meta[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise BankError(f"{file}: field {key} must be an integer >= {minimum}, got {value!r}")
    return value


def _i18n(file: Path, key: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise BankError(f"{file}: field {key} must be a mapping {{en: ..., zh: ...}}, got {value!r}")
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise BankError(f"{file}: field {key}.{lang} must be a non-empty string, got {text!r}")
    return {lang: value[lang] for lang in LANGUAGES}


def _limits(file: Path, value: Any) -> Limits:
    if value is None:
        return Limits()
    if not isinstance(value, dict):
        raise BankError(f"{file}: field limits must be a mapping, got {value!r}")
    unknown = sorted(set(value) - set(LIMIT_KEYS))
    if unknown:
        raise BankError(f"{file}: unknown field(s) limits.{', limits.'.join(map(str, unknown))}")
    for key, number in value.items():
        if isinstance(number, bool) or not isinstance(number, (int, float)) or number <= 0:
            raise BankError(f"{file}: field limits.{key} must be a positive number, got {number!r}")
        if key in ("memory_mb", "output_kb") and not isinstance(number, int):
            raise BankError(f"{file}: field limits.{key} must be an integer, got {number!r}")
    return Limits(**value)


def _questions(file: Path) -> list[dict[str, Any]]:
    if not file.is_file():
        raise BankError(f"{file.parent}: missing quiz.yaml (required for kind quiz)")
    data = read_yaml(file)
    questions = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(questions, list) or not questions:
        raise BankError(f"{file}: must have a non-empty list `questions`")
    seen: set[str] = set()
    for index, question in enumerate(questions):
        if not isinstance(question, dict):
            raise BankError(f"{file}: questions[{index}] must be a mapping")
        qid = question.get("id")
        label = f"{file}: question {qid!r}" if isinstance(qid, str) else f"{file}: questions[{index}]"
        if not isinstance(qid, str) or not IDENT_RE.match(qid):
            raise BankError(f"{label}: field id must be an identifier such as q1, got {qid!r}")
        if qid in seen:
            raise BankError(f"{label}: duplicate id")
        seen.add(qid)
        qtype = question.get("type")
        if qtype not in QUESTION_TYPES:
            raise BankError(f"{label}: field type must be one of {', '.join(QUESTION_TYPES)}, got {qtype!r}")
        _i18n(file, f"questions[{qid}].prompt", question.get("prompt"))
        _i18n(file, f"questions[{qid}].explanation", question.get("explanation"))
        if "answer" not in question:
            raise BankError(f"{label}: missing field answer")
        answer = question["answer"]
        if qtype == "numeric":
            if isinstance(answer, bool) or not isinstance(answer, (int, float)):
                raise BankError(f"{label}: field answer must be a number, got {answer!r}")
            tolerance = question.get("tolerance", 0)
            if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or tolerance < 0:
                raise BankError(f"{label}: field tolerance must be a number >= 0, got {tolerance!r}")
            continue
        options = question.get("options")
        if not isinstance(options, list) or len(options) < 2:
            raise BankError(f"{label}: field options must list at least two options")
        ids = []
        for option in options:
            if not isinstance(option, dict) or not isinstance(option.get("id"), str):
                raise BankError(f"{label}: every option needs an id, got {option!r}")
            _i18n(file, f"questions[{qid}].options[{option['id']}].text", option.get("text"))
            ids.append(option["id"])
        if len(set(ids)) != len(ids):
            raise BankError(f"{label}: duplicate option ids {ids}")
        answers = [answer] if qtype == "choice" else answer
        if qtype == "multi" and (not isinstance(answer, list) or not answer):
            raise BankError(f"{label}: field answer must be a non-empty list of option ids, got {answer!r}")
        for one in answers:
            if one not in ids:
                raise BankError(f"{label}: answer {one!r} is not one of the option ids {ids}")
    return questions


def _plain(value: Any) -> Any:
    """A deep copy made of plain dicts and lists, so callers cannot change the bank's data."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value
