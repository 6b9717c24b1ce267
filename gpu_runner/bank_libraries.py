"""An exercise's library fields in `exercise.yaml`: what it needs preloaded and which imports it allows.

    requires: [torch]                           heavy libraries the sandbox preloads for it (a warm parent that
                                                has imported them); one of REQUIRES_CHOICES each
    libraries: {allowed: [numpy], forbidden: [numpy, scipy]}
                                                top-level import names: `allowed` is what the statement and page
                                                advertise beyond the standard library, `forbidden` is enforced in
                                                the sandbox (importing one fails the submission with a check)

Only kinds that run learner code in the sandbox (code, model) may carry them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gpu_runner.bank_files import BankError

REQUIRES_CHOICES: tuple[str, ...] = ("torch", "transformers")
LIBRARY_KEYS: tuple[str, ...] = ("allowed", "forbidden")
SANDBOX_KINDS: tuple[str, ...] = ("code", "model")


@dataclass(frozen=True)
class Libraries:
    allowed: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, list[str]]:
        return {"allowed": list(self.allowed), "forbidden": list(self.forbidden)}


def parse_requires(file: Path, kind: str, value: Any) -> tuple[str, ...]:
    """The `requires` field: a list of distinct REQUIRES_CHOICES, kept in the order written."""
    if value is None:
        return ()
    _sandbox_kind(file, kind, "requires")
    if not isinstance(value, list):
        raise BankError(f"{file}: field requires must be a list such as [torch], got {value!r}")
    for name in value:
        if name not in REQUIRES_CHOICES:
            raise BankError(f"{file}: field requires may name {', '.join(REQUIRES_CHOICES)}, got {name!r}")
    if len(set(value)) != len(value):
        raise BankError(f"{file}: field requires names a library twice: {value!r}")
    return tuple(value)


def parse_libraries(file: Path, kind: str, value: Any, requires: tuple[str, ...]) -> Libraries:
    """The `libraries` field: `allowed` and `forbidden` lists of top-level module names, disjoint."""
    if value is None:
        return Libraries()
    _sandbox_kind(file, kind, "libraries")
    if not isinstance(value, dict):
        raise BankError(
            f"{file}: field libraries must be a mapping {{allowed: [...], forbidden: [...]}}, got {value!r}"
        )
    unknown = sorted(set(value) - set(LIBRARY_KEYS))
    if unknown:
        raise BankError(f"{file}: unknown field(s) libraries.{', libraries.'.join(map(str, unknown))}")
    lists = {key: _module_names(file, key, value.get(key)) for key in LIBRARY_KEYS}
    both = sorted(set(lists["allowed"]) & set(lists["forbidden"]))
    if both:
        raise BankError(f"{file}: libraries.allowed and libraries.forbidden both name {', '.join(both)}")
    needed = sorted(set(requires) & set(lists["forbidden"]))
    if needed:
        raise BankError(f"{file}: field requires preloads {', '.join(needed)}, which libraries.forbidden forbids")
    return Libraries(allowed=lists["allowed"], forbidden=lists["forbidden"])


def _module_names(file: Path, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise BankError(f"{file}: field libraries.{key} must be a list of module names, got {value!r}")
    for name in value:
        # Top-level names only: the sandbox's check sees the first part of every import (`sklearn`, not
        # `sklearn.linear_model`), so a dotted entry would silently never match.
        if not isinstance(name, str) or not name.isidentifier():
            raise BankError(
                f"{file}: field libraries.{key} must list top-level module names such as numpy, got {name!r}"
            )
    if len(set(value)) != len(value):
        raise BankError(f"{file}: field libraries.{key} names a module twice: {value!r}")
    return tuple(value)


def _sandbox_kind(file: Path, kind: str, key: str) -> None:
    if kind not in SANDBOX_KINDS:
        raise BankError(
            f"{file}: field {key} applies only to kinds that run code in the sandbox (code, model), not {kind}"
        )
