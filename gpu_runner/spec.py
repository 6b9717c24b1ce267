"""The versioned JSON contract between the web side and the grading runtime.

JobSpec goes in, JobResult comes out. Both are frozen dataclasses that round-trip
through plain dicts, so they travel over any broker and the command line alike.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

SCHEMA_VERSION = 1

Kind = Literal["code", "model", "finetune", "quiz"]
Status = Literal["passed", "failed", "error"]
Device = Literal["auto", "cpu", "cuda"]

KINDS: tuple[str, ...] = ("code", "model", "finetune", "quiz")
STATUSES: tuple[str, ...] = ("passed", "failed", "error")
DEVICES: tuple[str, ...] = ("auto", "cpu", "cuda")

# The fixed set of error codes, each with the message a learner sees by default.
ERROR_MESSAGES: dict[str, str] = {
    "timeout": (
        "Your submission ran past its time limit: in code, look for an endless loop or work that grows too fast;"
        " in a training configuration, lower epochs, batch size or max_seq_length."
    ),
    "memory": "Your code used more memory than allowed. Avoid building very large lists or arrays.",
    "output_limit": "Your code printed or returned more output than allowed. Remove debug printing in loops.",
    "syntax": "Your code has a syntax error.",
    "import": "Your code failed to import a module or to define the required function.",
    "crash": "Your code crashed the grader process (a signal, a killed process or an exit call).",
    "bank_mismatch": "This worker has a different version of the exercise; the job was not graded against it.",
    "internal": "The grading platform failed. This attempt does not count against your quota.",
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
    schema_version: int = SCHEMA_VERSION

    def __post_init__(self) -> None:
        if self.schema_version != SCHEMA_VERSION:
            raise SpecError(f"unsupported schema_version {self.schema_version}, expected {SCHEMA_VERSION}")
        if self.kind not in KINDS:
            raise SpecError(f"unknown kind {self.kind!r}; expected one of {', '.join(KINDS)}")
        if self.device not in DEVICES:
            raise SpecError(f"unknown device {self.device!r}; expected one of {', '.join(DEVICES)}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

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
            )
        except (KeyError, TypeError) as exc:
            raise SpecError(f"malformed job spec: {exc}") from exc


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    message: str = ""


@dataclass(frozen=True)
class JobError:
    code: str
    message: str

    def __post_init__(self) -> None:
        if self.code not in ERROR_MESSAGES:
            raise SpecError(f"unknown error code {self.code!r}")

    @classmethod
    def of(cls, code: str, detail: str = "") -> JobError:
        base = ERROR_MESSAGES[code]
        return cls(code=code, message=f"{base} {detail}".strip())


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
        return asdict(self)

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
    def failure(cls, job_id: str, code: str, detail: str = "", **extra: Any) -> JobResult:
        """A result with status `error` and one of the fixed error codes."""
        return cls(job_id=job_id, status="error", score=0.0, error=JobError.of(code, detail), **extra)
