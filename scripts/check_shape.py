"""The shape `make lint` checks beside ruff: runtime modules under 400 lines, runtime functions under 60, and pages
and API views that read through selectors (no `Model.objects` in a view module but a form field's `queryset=`).

Runtime = the import contracts' root packages in pyproject.toml: the Django apps, config and gpu_runner (migrations,
tests, scripts and the exercise bank's learner-facing solutions are not). A module or function over the limit is split by responsibility; PENDING lists the ones not
split yet, and an entry that is no longer over the limit fails the check, so the list only shrinks.

    python scripts/check_shape.py          exit 1 and one line per finding when the shape is off
"""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The runtime packages are the import contracts' root packages (pyproject.toml): an app added there is checked here.
PACKAGES = tuple(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"])
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# "path" for a module, "path:function" for a function, still over the limit.
PENDING: set[str] = set()


def findings() -> set[str]:
    found = set()
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            name = path.relative_to(ROOT).as_posix()
            text = path.read_text(encoding="utf-8")
            if len(text.splitlines()) > MAX_MODULE_LINES:
                found.add(name)
            for node in ast.walk(ast.parse(text)):
                is_function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                if is_function and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                    found.add(f"{name}:{node.name}")
    return found


def _is_view_module(path: Path) -> bool:
    """A page or API view module: in a `views` package, named views*.py, or an `api` module that is not its
    serializers, filters or URLs."""
    parts = path.parts
    if "views" in parts[:-1] or path.stem.startswith("views"):
        return True
    return len(parts) > 1 and parts[-2] == "api" and path.stem not in {"__init__", "serializers", "filters", "urls"}


def orm_in_views() -> list[str]:
    """`path:line: Model.objects ...` for each ORM query a view module makes itself."""
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = path.relative_to(ROOT)
            if not _is_view_module(name):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            # A form or serializer field's choices (queryset=Track.objects.all()) are declarations, and an empty
            # queryset (Model.objects.none()) is never a query: neither is a read.
            declared = {
                id(node)
                for keyword in ast.walk(tree)
                if isinstance(keyword, ast.keyword) and keyword.arg == "queryset"
                for node in ast.walk(keyword.value)
            }
            declared |= {
                id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "none"
            }
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and node.attr == "objects" and id(node) not in declared:
                    found.append(
                        f"{name.as_posix()}:{node.lineno}: {ast.unparse(node)} in a view; read through a selector"
                    )
    return found


def main() -> int:
    found = findings()
    problems = [
        f"{f}: over the limit ({MAX_MODULE_LINES} lines a module, {MAX_FUNCTION_LINES} a function)"
        for f in sorted(found - PENDING)
    ]
    problems += [
        f"{f}: within the limit now; remove it from PENDING in {Path(__file__).name}" for f in sorted(PENDING - found)
    ]
    problems += orm_in_views()
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
