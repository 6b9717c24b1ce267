"""An exercise folder's files: reading them, hashing them, importing its Python modules.

The lowest layer of the bank, so `BankError` is defined here; import it (and everything else) from
`gpu_runner.bank`, which re-exports these names.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import sys
import threading
from pathlib import Path
from types import ModuleType
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


_MODULE_LOCK = threading.RLock()


def import_module(folder: Path, slug: str, sha256: str, name: str) -> ModuleType:
    """Import `<name>.py` from an exercise folder loaded with hash `sha256` (see `Exercise.load_module`)."""
    relative = Path(name if name.endswith(".py") else f"{name}.py")
    if relative.is_absolute() or ".." in relative.parts:
        raise BankError(f"{folder}: module name {name!r} must be a path inside the exercise folder")
    file = folder / relative
    if not file.is_file():
        raise BankError(f"{folder}: has no {relative.as_posix()}")
    stem = re.sub(r"[^0-9A-Za-z_]", "_", relative.with_suffix("").as_posix())
    module_name = f"_pathwise_bank_{slug.replace('-', '_')}_{stem}_{sha256[:16]}"
    with _MODULE_LOCK:
        cached = sys.modules.get(module_name)
        if cached is not None:
            return cached
        # The cache is keyed by the hash this Exercise was loaded with; never run newer files under it.
        if content_sha256(folder) != sha256:
            raise BankError(f"{folder}: changed on disk since it was loaded; load the bank again")
        spec = importlib.util.spec_from_file_location(module_name, file)
        if spec is None or spec.loader is None:
            raise BankError(f"{file}: cannot be imported")
        module = importlib.util.module_from_spec(spec)
        # Registered before running it, as dataclasses and typing need to find the module by name.
        sys.modules[module_name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[module_name]
            raise
        return module


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
