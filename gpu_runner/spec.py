"""The versioned JSON contract between the web side and the grading runtime.

JobSpec goes in, JobResult comes out. Both are frozen dataclasses that round-trip
through plain dicts, so they travel over any broker and the command line alike.

    JobResult {schema_version, job_id, status, score, metrics, curve, stdout_tail, stderr_tail, usage, runtime,
               checks: [{name, passed, message, name_i18n?, message_i18n?}],
               error: {code, message, message_i18n?} | null}

`name` and `message` are English, as they always were. The optional `*_i18n` fields (added within schema
version 1: readers that do not know them ignore them, and results without them stay valid) carry the same
texts as gpu_runner.texts Texts, a bilingual pair or a message key with params, which the web side renders in
the reader's language. An error's `message_i18n` is what a learner is shown; for the platform's own errors it
leaves out the detail that `message` keeps for logs and staff.

JobSpec's optional `split_key` (also added within schema version 1: a spec without it grades as before, and a worker
that predates it ignores it) asks a model grader for `metrics.public_score` and `metrics.private_score`, the score
on each part of the hidden rows (gpu_runner.leaderboard). The web side keeps the private one out of every
learner-visible `metrics` (exercises.services.grading).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

from gpu_runner.texts import MESSAGES, Text, english, is_localized, message

SCHEMA_VERSION = 1

Kind = Literal["code", "model", "finetune", "quiz"]
Status = Literal["passed", "failed", "error"]
Device = Literal["auto", "cpu", "cuda"]

KINDS: tuple[str, ...] = ("code", "model", "finetune", "quiz")
STATUSES: tuple[str, ...] = ("passed", "failed", "error")
DEVICES: tuple[str, ...] = ("auto", "cpu", "cuda")

# The fixed set of error codes, each with the message a learner sees by default (some kinds have their own:
# a code exercise's timeout says nothing about epochs, a fine-tuning one nothing about endless loops).
ERROR_MESSAGES: dict[str, str] = {
    code: MESSAGES[f"error.{code}"]
    for code in ("timeout", "memory", "output_limit", "syntax", "import", "crash", "bank_mismatch", "internal")
}
ERROR_CODES: tuple[str, ...] = tuple(ERROR_MESSAGES)
# Errors caused by the platform rather than the learner: they never use quota.
PLATFORM_ERROR_CODES: frozenset[str] = frozenset({"bank_mismatch", "internal"})


class SpecError(ValueError):
    """A spec or result that does not follow the contract."""


@dataclass(frozen=True)
class ExerciseRef:
    slug: str
    sha256: str


@dataclass(frozen=True)
class Limits:
    cpu_s: float = 10.0
    wall_s: float = 20.0
    memory_mb: int = 512
    output_kb: int = 256


@dataclass(frozen=True)
class JobSpec:
    job_id: str
    kind: str
    exercise: ExerciseRef
    payload: dict[str, Any]
    limits: Limits = field(default_factory=Limits)
    seed: int = 0
    device: str = "auto"
    # The exercise's leaderboard key (gpu_runner.leaderboard.split_key): "" for no public/private split.
    split_key: str = ""
    schema_version: int = SCHEMA_VERSION

    def __post_init__(self) -> None:
        if self.schema_version != SCHEMA_VERSION:
            raise SpecError(f"unsupported schema_version {self.schema_version}, expected {SCHEMA_VERSION}")
        if self.kind not in KINDS:
            raise SpecError(f"unknown kind {self.kind!r}; expected one of {', '.join(KINDS)}")
        if self.device not in DEVICES:
            raise SpecError(f"unknown device {self.device!r}; expected one of {', '.join(DEVICES)}")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if not self.split_key:  # a spec without a split keeps the shape it always had
            del data["split_key"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> JobSpec:
        try:
            return cls(
                schema_version=int(data.get("schema_version", SCHEMA_VERSION)),
                job_id=str(data["job_id"]),
                kind=str(data["kind"]),
                exercise=ExerciseRef(**data["exercise"]),
                payload=dict(data.get("payload") or {}),
                limits=Limits(**(data.get("limits") or {})),
                seed=int(data.get("seed", 0)),
                device=str(data.get("device", "auto")),
                split_key=str(data.get("split_key", "")),
            )
        except (KeyError, TypeError) as exc:
            raise SpecError(f"malformed job spec: {exc}") from exc


def error_text(code: str, kind: str | None = None) -> dict[str, Any]:
    """The keyed message for an error code, the exercise kind's own where it has one."""
    key = f"error.{code}.{kind}" if f"error.{code}.{kind}" in MESSAGES else f"error.{code}"
    return message(key)


@dataclass(frozen=True)
class Check:
    """One line of feedback. `name` and `message` are English (what API clients have always read);
    `name_i18n` and `message_i18n` are the same texts as gpu_runner.texts Texts (a bilingual pair or a keyed
    message), which the pages render in the reader's language. A check without them is shown as stored."""

    name: str
    passed: bool
    message: str = ""
    name_i18n: Text | None = None
    message_i18n: Text | None = None

    @classmethod
    def of(cls, name: Text, passed: bool, message_text: Text | None = None) -> Check:
        """A check from Texts: the English fields rendered from them, the Texts kept where they are more."""
        return cls(
            name=english(name),
            passed=passed,
            message=english(message_text),
            name_i18n=name if is_localized(name) else None,
            message_i18n=message_text if is_localized(message_text) else None,
        )

    def to_dict(self) -> dict[str, Any]:
        """The stored form: the i18n fields only when present, so legacy checks keep their shape."""
        data: dict[str, Any] = {"name": self.name, "passed": self.passed, "message": self.message}
        if self.name_i18n is not None:
            data["name_i18n"] = self.name_i18n
        if self.message_i18n is not None:
            data["message_i18n"] = self.message_i18n
        return data


@dataclass(frozen=True)
class JobError:
    """`message` is English (the advice for the code, then this run's detail); `message_i18n` is what the
    pages render for a learner, in their language. For the platform's own errors it leaves the detail out
    (that is for logs and staff)."""

    code: str
    message: str
    message_i18n: Text | None = None

    def __post_init__(self) -> None:
        if self.code not in ERROR_MESSAGES:
            raise SpecError(f"unknown error code {self.code!r}")

    @classmethod
    def of(cls, code: str, detail: Text = "", *, kind: str | None = None) -> JobError:
        base = error_text(code, kind)
        full = message("error.with_detail", message=base, detail=detail) if detail else base
        shown = base if code in PLATFORM_ERROR_CODES else full
        return cls(code=code, message=english(full).strip(), message_i18n=shown)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.message_i18n is not None:
            data["message_i18n"] = self.message_i18n
        return data


@dataclass(frozen=True)
class JobResult:
    job_id: str
    status: str
    score: float = 0.0
    checks: list[Check] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    curve: list[dict[str, Any]] = field(default_factory=list)
    stdout_tail: str = ""
    stderr_tail: str = ""
    usage: dict[str, Any] = field(default_factory=dict)
    runtime: dict[str, Any] = field(default_factory=dict)
    error: JobError | None = None
    schema_version: int = SCHEMA_VERSION

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise SpecError(f"unknown status {self.status!r}")
        if not 0.0 <= float(self.score) <= 1.0:
            raise SpecError(f"score {self.score} outside 0..1")
        if (self.status == "error") != (self.error is not None):
            raise SpecError("status 'error' and an error object go together")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["checks"] = [check.to_dict() for check in self.checks]
        data["error"] = self.error.to_dict() if self.error is not None else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> JobResult:
        names = {f.name for f in fields(cls)}
        try:
            kwargs = {k: v for k, v in data.items() if k in names}
            kwargs["checks"] = [Check(**c) for c in data.get("checks") or []]
            kwargs["error"] = JobError(**data["error"]) if data.get("error") else None
            return cls(**kwargs)
        except (KeyError, TypeError) as exc:
            raise SpecError(f"malformed job result: {exc}") from exc

    @classmethod
    def failure(cls, job_id: str, code: str, detail: Text = "", *, kind: str | None = None, **extra: Any) -> JobResult:
        """A result with status `error` and one of the fixed error codes (`kind` picks the kind's own advice)."""
        return cls(job_id=job_id, status="error", score=0.0, error=JobError.of(code, detail, kind=kind), **extra)
