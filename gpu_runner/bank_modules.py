"""An exercise folder's Python: importing its modules, and its solutions completed by the file they complete.

A learner submits a whole file: the starter with its bodies filled in, its provided helpers left as they are. The
bank's own solutions are written without what they would repeat, and completed here:

- `reference.py` and `wrong/*.py` complete the starter;
- `oracle/*.py` completes the reference (itself completed by the starter): an oracle defines what it delegates to
  its library and takes the rest (a part no library does) from the reference.

A solution names what it takes, with an import from the file it completes: `from starter import student_t_sf`,
`from reference import repair` (`import fit_conversation as fit_conversation`, the re-export form, for an entry
function it does not call itself). That line is for its readers and linters (no module `starter` exists where it
runs); here it is blanked out, after a check that the name is defined there. The base is completed by what the
solution lacks: each top-level definition or assignment of the base that binds a name the solution binds itself
(the stubs, a helper it writes its own way) is cut, and the rest of the base (its imports, provided helpers,
constants, docstring) runs first, then the solution. Why not a marker line in the starter where its provided part
begins: the starters mark it in different words or not at all, and they are shown to learners, so they stay as
they are. The base's imports are never cut, so the base's own code keeps the names it needs.

A grader (any module that is neither a solution nor the starter) takes what it needs of the solutions the same
way, with `from reference import TEMPLATES`: here the line is blanked out and the names are bound to the
reference (or starter) module imported from this folder at this hash, as the grading runtime uses it.

A cut statement becomes blank lines, so every part keeps its file's line numbers: a traceback in a module loaded
here names the right file and line. The content hash covers the whole folder, starter included, so a changed
starter is a new version of every solution that completes it.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from gpu_runner.bank_files import BankError, content_sha256, read_text

STARTER = "starter.py"
REFERENCE = "reference.py"
SIBLINGS = (Path(STARTER).stem, Path(REFERENCE).stem)  # what a grader may take names from
CUTTABLE = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign)


@dataclass(frozen=True)
class Part:
    """One file's text as it runs in a composed solution."""

    file: Path
    text: str


def base_of(relative: str) -> str | None:
    """The file that a file of an exercise folder completes, or None when it is complete by itself."""
    if relative == REFERENCE or relative.startswith("wrong/"):
        return STARTER
    if relative.startswith("oracle/"):
        return REFERENCE
    return None


def solution_parts(folder: Path, relative: str) -> list[Part]:
    """The parts that make `relative` (a POSIX path inside `folder`) a whole program, in the order they run."""
    own = Part(folder / relative, read_text(folder / relative))
    base = base_of(relative)
    if base is None or not (folder / base).is_file():
        return [own]
    body = _parse(own).body
    if any(isinstance(node, ast.ImportFrom) and node.module == "__future__" for node in body):
        raise BankError(f"{own.file}: a solution completed by {base} cannot have a `from __future__` import")
    base_parts = solution_parts(folder, base)
    taken = [node for node in body if isinstance(node, ast.ImportFrom) and node.module in _stems(base)]
    defined = _bound([node for part in base_parts for node in _parse(part).body])
    for node in taken:
        missing = [
            alias.name for alias in node.names if alias.asname not in (None, alias.name) or alias.name not in defined
        ]
        if missing:
            raise BankError(
                f"{own.file}: line {node.lineno}: {node.module}.py defines no {', '.join(missing)} "
                "(a name is taken from it as it is, never renamed)"
            )
    names = _bound([node for node in body if node not in taken])
    return [*(_blank(part, _cut(part, names)) for part in base_parts), _blank(own, taken)]


def _stems(base: str | None) -> list[str]:
    """The module names a solution completing `base` may take names from: the base and what it completes."""
    return [] if base is None else [Path(base).stem, *_stems(base_of(base))]


def solution_source(folder: Path, relative: str) -> str:
    """`relative` as one source text, as a learner would submit it (what the sandbox runs)."""
    return "\n".join(part.text.rstrip("\n") + "\n" for part in solution_parts(folder, relative))


_MODULE_LOCK = threading.RLock()


def import_module(folder: Path, slug: str, sha256: str, name: str) -> ModuleType:
    """Import `<name>.py` from an exercise folder loaded with hash `sha256` (see `Exercise.load_module`); a
    solution runs completed, each part compiled under its own file's name."""
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
        if spec is None:
            raise BankError(f"{file}: cannot be imported")
        module = importlib.util.module_from_spec(spec)
        parts = solution_parts(folder, relative.as_posix())
        if base_of(relative.as_posix()) is None and relative.as_posix() != STARTER:
            parts[-1], taken = _from_siblings(folder, slug, sha256, parts[-1])
            module.__dict__.update(taken)
        # Registered before running it, as dataclasses and typing need to find the module by name.
        sys.modules[module_name] = module
        try:
            for part in parts:
                exec(compile(part.text, str(part.file), "exec", dont_inherit=True), module.__dict__)  # noqa: S102
        except BaseException:
            del sys.modules[module_name]
            raise
        return module


def _from_siblings(folder: Path, slug: str, sha256: str, part: Part) -> tuple[Part, dict[str, object]]:
    """`part` (a grader) without its `from starter|reference import ...` lines, and the names those lines take,
    from the sibling modules as `import_module` gives them."""
    taken = [
        node
        for node in _parse(part).body
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in SIBLINGS
    ]
    names: dict[str, object] = {}
    for node in taken:
        sibling = import_module(folder, slug, sha256, node.module)
        missing = [alias.name for alias in node.names if not hasattr(sibling, alias.name)]
        if missing:
            raise BankError(f"{part.file}: line {node.lineno}: {node.module}.py defines no {', '.join(missing)}")
        names.update({alias.asname or alias.name: getattr(sibling, alias.name) for alias in node.names})
    return _blank(part, taken), names


def _parse(part: Part) -> ast.Module:
    try:
        return ast.parse(part.text, filename=str(part.file))
    except SyntaxError as exc:
        raise BankError(f"{part.file}: is not valid Python: {exc}") from exc


def _cut(part: Part, names: set[str]) -> list[ast.stmt]:
    """The top-level definitions and assignments of `part` that bind one of `names`."""
    return [node for node in _parse(part).body if isinstance(node, CUTTABLE) and _bound([node]) & names]


def _blank(part: Part, statements: list[ast.stmt]) -> Part:
    """`part` with these top-level statements (decorators included) turned into blank lines."""
    lines = part.text.split("\n")  # as ast counts lines (splitlines would also split at \x1c, \u2028 ...)
    for node in statements:
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ()))])
        end = node.end_lineno or node.lineno
        lines[first - 1 : end] = [""] * (end - first + 1)
    return Part(part.file, "\n".join(lines))


def _bound(statements: list[ast.stmt]) -> set[str]:
    """The names that these statements bind at module level (a def's body binds none)."""
    names: set[str] = set()
    for node in statements:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
        else:  # if / try / with / for at top level: what their bodies bind
            for field in ("body", "orelse", "finalbody"):
                names |= _bound([s for s in getattr(node, field, []) if isinstance(s, ast.stmt)])
            for handler in getattr(node, "handlers", []):
                names |= _bound(handler.body)
    return names
