"""An exercise folder's files: reading and hashing them (`gpu_runner/bank_modules.py` imports its Python).

The lowest layer of the bank, so `BankError` is defined here; import it (and everything else) from
`gpu_runner.bank`, which re-exports these names.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import yaml

# Files under these names are never hashed: caches that Python or tools write next to the sources.
IGNORED_NAMES: frozenset[str] = frozenset({"__pycache__", ".pytest_cache", ".ruff_cache", ".DS_Store"})


class BankError(ValueError):
    """A malformed exercise folder or bank, or an unknown slug."""


def content_sha256(folder: Path) -> str:
    """sha256 over every file: sorted relative POSIX paths, each as path bytes, NUL, file bytes, NUL."""
    digest = hashlib.sha256()
    files: list[tuple[str, Path]] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in IGNORED_NAMES)
        for name in names:
            if name in IGNORED_NAMES or name.endswith(".pyc"):
                continue
            full = Path(root) / name
            files.append((full.relative_to(folder).as_posix(), full))
    for relative, full in sorted(files):
        digest.update(relative.encode("utf-8"))
        digest.update(b"\0")
        digest.update(full.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def read_text(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise BankError(f"{file}: is not UTF-8 text ({exc})") from exc


def read_yaml(file: Path) -> Any:
    try:
        return yaml.safe_load(read_text(file))
    except yaml.YAMLError as exc:
        raise BankError(f"{file}: is not valid YAML: {exc}") from exc
