"""The exercise bank: one folder per exercise, loaded, validated and hashed.

The default bank is `exercise_bank/` next to this package; a deployment adds private banks through
`PATHWISE_EXERCISE_BANKS` (os.pathsep-separated folders, searched after the default). The format is
described in `exercise_bank/README.md`. Folders are found when a `Bank` is built (cheap: names only)
and loaded on first use, so one malformed exercise never stops a worker from grading the others;
`Bank.all()` loads and validates every folder. Reading and hashing a folder's files is `gpu_runner/bank_files.py`,
importing its modules and completing its solutions `gpu_runner/bank_modules.py`; import everything from here
(`from gpu_runner.bank import BankError`).
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from gpu_runner.bank_artefact import parse_rubric
from gpu_runner.bank_files import IGNORED_NAMES, BankError, content_sha256, read_text, read_yaml
from gpu_runner.bank_libraries import REQUIRES_CHOICES as REQUIRES_CHOICES
from gpu_runner.bank_libraries import Libraries, parse_libraries, parse_requires
from gpu_runner.bank_modules import import_module, solution_source
from gpu_runner.bank_quiz import IDENT_RE, LANGUAGES, i18n_field, parse_questions
from gpu_runner.spec import KINDS, Limits

BANKS_ENV = "PATHWISE_EXERCISE_BANKS"
DEFAULT_BANK_DIR = Path(__file__).resolve().parent.parent / "exercise_bank"

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

REQUIRED_KEYS: tuple[str, ...] = ("slug", "milestone", "kind", "version", "order", "required", "title")
OPTIONAL_KEYS: tuple[str, ...] = (
    "entry",
    "limits",
    "pass_threshold",
    "metric",
    "options",
    "public",
    "requires",
    "libraries",
)
LIMIT_KEYS: tuple[str, ...] = ("cpu_s", "wall_s", "memory_mb", "output_kb")
# A bank folder's kinds: the job kinds a worker grades, and `artefact`, which a mentor scores against a rubric
# (gpu_runner/bank_artefact.py) and which never becomes a job.
BANK_KINDS: tuple[str, ...] = (*KINDS, "artefact")


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
    # Libraries the sandbox preloads for it (a warm parent that imported them), and the imports it allows.
    requires: tuple[str, ...] = ()
    libraries: Libraries = field(default_factory=Libraries)
    # quiz only: the parsed quiz.yaml questions, answers and explanations included (server-side).
    questions: list[dict[str, Any]] | None = field(default=None, repr=False)
    # artefact only: the parsed rubric.yaml (criteria, pass mark, what a learner submits); public, not secret.
    rubric: dict[str, Any] | None = field(default=None, repr=False)

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
            "requires": list(self.requires),
            "libraries": self.libraries.as_dict(),
        }
        if self.questions is not None:
            data["questions"] = [public_question(q) for q in self.questions]
        if self.rubric is not None:
            data["rubric"] = _plain(self.rubric)
        return data

    def load_module(self, name: str) -> ModuleType:
        """Import `<name>.py` from this folder (e.g. `grader`, `reference`, `wrong/overflows`); a solution runs
        completed, as `solution_source` gives it.

        The module gets a private name that no learner code or other exercise can collide with, and is
        cached by the folder's content hash, so an edited exercise is imported afresh.
        """
        return import_module(self.path, self.slug, self.sha256, name)

    def solution_source(self, relative: str) -> str:
        """A solution file of this folder (`reference.py`, `wrong/<name>.py`, `oracle/<library>.py`) as the whole
        program a learner would submit: the file completed by the one it completes (`gpu_runner/bank_modules.py`)."""
        return solution_source(self.path, relative)


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
    meta_file, meta = _read_meta(folder)
    slug, milestone, kind = _identity(meta_file, folder, meta)
    requires = parse_requires(meta_file, kind, meta.get("requires"))
    statement, starter, questions = _files(folder, kind)
    threshold, metric = _scoring(meta_file, meta)
    rubric = parse_rubric(folder / "rubric.yaml") if kind == "artefact" else None
    if rubric is not None:
        if "pass_threshold" in meta:
            raise BankError(f"{meta_file}: field pass_threshold: an artefact passes on its rubric's pass_mark")
        threshold = rubric["pass_mark"] / rubric["total"]
    options, public = _extras(meta_file, meta)
    return Exercise(
        slug=slug,
        milestone=milestone,
        kind=kind,
        version=_int_field(meta_file, meta, "version", minimum=1),
        order=_int_field(meta_file, meta, "order", minimum=0),
        required=_bool_field(meta_file, meta, "required"),
        title=i18n_field(meta_file, "title", meta["title"]),
        statement=statement,
        starter=starter,
        entry=_entry(meta_file, meta, kind),
        limits=_limits(meta_file, meta.get("limits")),
        pass_threshold=threshold,
        metric=metric,
        path=folder.resolve(),
        sha256=content_sha256(folder),
        options=options,
        public=public,
        requires=requires,
        libraries=parse_libraries(meta_file, kind, meta.get("libraries"), requires),
        questions=questions,
        rubric=rubric,
    )


def _read_meta(folder: Path) -> tuple[Path, dict[str, Any]]:
    """exercise.yaml as a mapping with every required field and no unknown one."""
    meta_file = folder / "exercise.yaml"
    if not meta_file.is_file():
        raise BankError(f"{folder}: missing exercise.yaml")
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
    return meta_file, meta


def _identity(meta_file: Path, folder: Path, meta: dict[str, Any]) -> tuple[str, str, str]:
    """slug (the folder's name), milestone and kind."""
    slug = meta["slug"]
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        raise BankError(f"{meta_file}: field slug must be lowercase-kebab, got {slug!r}")
    if slug != folder.name:
        raise BankError(f"{meta_file}: field slug {slug!r} must equal the folder name {folder.name!r}")
    milestone = meta["milestone"]
    if not isinstance(milestone, str) or not SLUG_RE.match(milestone):
        raise BankError(f"{meta_file}: field milestone must be a lowercase-kebab slug, got {milestone!r}")
    kind = meta["kind"]
    if kind not in BANK_KINDS:
        raise BankError(f"{meta_file}: field kind must be one of {', '.join(BANK_KINDS)}, got {kind!r}")
    return slug, milestone, kind


def _bool_field(file: Path, meta: dict[str, Any], key: str) -> bool:
    value = meta[key]
    if not isinstance(value, bool):
        raise BankError(f"{file}: field {key} must be true or false, got {value!r}")
    return value


def _entry(meta_file: Path, meta: dict[str, Any], kind: str) -> list[str]:
    """The functions a code or model exercise's learner defines."""
    entry = meta.get("entry") or []
    if not isinstance(entry, list) or not all(isinstance(e, str) and IDENT_RE.match(e) for e in entry):
        raise BankError(f"{meta_file}: field entry must be a list of Python function names, got {entry!r}")
    if kind in ("code", "model") and not entry:
        raise BankError(f"{meta_file}: field entry must name at least one function for kind {kind}")
    return list(entry)


def _scoring(meta_file: Path, meta: dict[str, Any]) -> tuple[float, dict[str, Any] | None]:
    """pass_threshold (0..1) and the metric a model or fine-tuning exercise is judged on."""
    threshold = meta.get("pass_threshold", 1.0)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0.0 <= threshold <= 1.0:
        raise BankError(f"{meta_file}: field pass_threshold must be a number in 0..1, got {threshold!r}")
    metric = meta.get("metric")
    if metric is None:
        return float(threshold), None
    if not isinstance(metric, dict) or not isinstance(metric.get("name"), str):
        raise BankError(f"{meta_file}: field metric must be null or a mapping with a `name`, got {metric!r}")
    if "threshold" in metric and (
        isinstance(metric["threshold"], bool) or not isinstance(metric["threshold"], (int, float))
    ):
        raise BankError(f"{meta_file}: field metric.threshold must be a number, got {metric['threshold']!r}")
    return float(threshold), dict(metric)


def _extras(meta_file: Path, meta: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """`options` (server-side settings) and `public` (shown to learners)."""
    options = meta.get("options") or {}
    public = meta.get("public") or {}
    for key, value in (("options", options), ("public", public)):
        if not isinstance(value, dict):
            raise BankError(f"{meta_file}: field {key} must be a mapping, got {type(value).__name__}")
    return dict(options), dict(public)


def _files(folder: Path, kind: str) -> tuple[dict[str, str], str, list[dict[str, Any]] | None]:
    """The statement in each language, the starter, and a quiz's questions; the files a kind needs exist."""
    statement = {}
    for lang in LANGUAGES:
        statement_file = folder / f"statement.{lang}.md"
        if not statement_file.is_file():
            raise BankError(f"{folder}: missing statement.{lang}.md")
        text = read_text(statement_file)
        if not text.strip():
            raise BankError(f"{statement_file}: is empty")
        statement[lang] = text
    if kind in ("code", "model"):
        for name in ("starter.py", "reference.py", "grader.py"):
            if not (folder / name).is_file():
                raise BankError(f"{folder}: missing {name} (required for kind {kind})")
    starter_file = folder / "starter.py"
    starter = read_text(starter_file) if starter_file.is_file() else ""
    questions = parse_questions(folder / "quiz.yaml") if kind == "quiz" else None
    return statement, starter, questions


def _int_field(file: Path, meta: dict[str, Any], key: str, *, minimum: int) -> int:
    value = meta[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise BankError(f"{file}: field {key} must be an integer >= {minimum}, got {value!r}")
    return value


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


def _plain(value: Any) -> Any:
    """A deep copy made of plain dicts and lists, so callers cannot change the bank's data."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value
