"""An exercise's forbidden imports, refused INSIDE the sandbox (installed by the driver before learner code runs).

`libraries: {forbidden: [numpy]}` in exercise.yaml keeps a statement's promise ("plain Python"): an import of a
forbidden top-level module by the learner's code is refused with `ForbiddenImport` (a ModuleNotFoundError, so the
code behaves as on a machine without the library) and reported once to the worker, which fails the submission
with a check that says so. Imports that the libraries make for themselves are never refused, even when the
learner's call set them off: only the module the learner's own code asked for counts.

Three parts, because the warm parent has already imported numpy, scipy and scikit-learn (an import of a module
found in `sys.modules` raises no audit event):
- an audit hook on the `import` event, which nothing in the process can remove; it fires whenever a module is
  loaded afresh, and walks the stack to find whose request that load serves;
- the forbidden modules the warm parent preloaded are moved out of `sys.modules` into a stash, so that the
  learner's import of one is a fresh load the hook sees. A finder first in `sys.meta_path` hands a stashed
  module back (the same object, never a second copy) when a library asks for it;
- the learner's module gets an `__import__` that refuses forbidden names even when a library has meanwhile
  taken one out of the stash.
This keeps honest code honest; it is not a security boundary (the sandbox's isolation does not rely on it),
and code bent on reaching a preloaded module through `sys.modules` or object references can.
"""

from __future__ import annotations

import builtins
import importlib
import os
import sys
from collections.abc import Callable, Iterable
from importlib.machinery import ModuleSpec
from types import FrameType, ModuleType
from typing import Any

# Frames of the import system itself: the requester is further out.
_MACHINERY = frozenset(
    {"<frozen importlib._bootstrap>", "<frozen importlib._bootstrap_external>", importlib.__file__ or ""}
)


class ForbiddenImport(ModuleNotFoundError):
    """The exercise does not allow this module."""


def _trusted_prefixes() -> tuple[str, ...]:
    """Where the interpreter's, the libraries' and the driver's own files live (anything else is learner code)."""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    roots.add(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the driver's package folder
    return tuple(sorted(os.path.join(root, "") for root in roots if root))


def requester(frame: FrameType | None, name: str, trusted: tuple[str, ...]) -> str | None:
    """The top-level module the learner's code asked for, when learner code started the import of `name`.

    Walking out from the import: frames of the import system are skipped, and so are the module bodies of
    libraries being loaded (what they import is on behalf of whoever imported them, so the request becomes
    theirs). A library function on the way means the library imports for itself: None.
    """
    wanted = name.partition(".")[0]
    while frame is not None:
        code = frame.f_code
        path = code.co_filename
        if path in _MACHINERY:
            frame = frame.f_back
            continue
        if path.startswith(trusted) or path.startswith("<frozen "):
            if code.co_name != "<module>":
                return None
            module_name = frame.f_globals.get("__name__")
            if isinstance(module_name, str) and module_name:
                wanted = module_name.partition(".")[0]
            frame = frame.f_back
            continue
        return wanted
    return None


class _Guard:
    """The audit hook, the stash of preloaded forbidden modules and the finder that serves it to libraries."""

    def __init__(self, forbidden: frozenset[str], report: Callable[[str], None]) -> None:
        self.forbidden = forbidden
        self.report = report
        self.reported: set[str] = set()
        self.trusted = _trusted_prefixes()
        self.stash: dict[str, ModuleType] = {}
        self.specs: dict[str, Any] = {}

    def refuse(self, top: str) -> ForbiddenImport:
        if top not in self.reported:
            self.reported.add(top)
            self.report(top)
        return ForbiddenImport(f"No module named {top!r}: this exercise does not allow it", name=top)

    def check(self, frame: FrameType | None, name: str) -> None:
        wanted = requester(frame, name, self.trusted)
        if wanted in self.forbidden:
            raise self.refuse(wanted)

    def audit(self, event: str, args: tuple) -> None:
        if event == "import" and args and isinstance(args[0], str):
            self.check(sys._getframe(1), args[0])

    # importlib.abc.MetaPathFinder and Loader, for the stashed modules only.
    def find_spec(self, name: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        if name not in self.stash:
            return None
        self.check(sys._getframe(1), name)
        return ModuleSpec(name, self, is_package=hasattr(self.stash[name], "__path__"))

    def create_module(self, spec: ModuleSpec) -> ModuleType:
        return self.stash.pop(spec.name)

    def exec_module(self, module: ModuleType) -> None:
        module.__spec__ = self.specs.pop(module.__name__, module.__spec__)  # the module's own, not the finder's

    def guarded_import(self, name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0):
        if level == 0 and isinstance(name, str) and name.partition(".")[0] in self.forbidden:
            raise self.refuse(name.partition(".")[0])
        return builtins.__import__(name, globals, locals, fromlist, level)


def install(forbidden: Iterable[str], report: Callable[[str], None]) -> dict[str, Any]:
    """Refuse `forbidden` top-level modules to learner code from now on; `report(name)` is called once per name.

    Returns the builtins for the learner's module (its `__builtins__`), whose `__import__` checks too.
    """
    names = frozenset(forbidden)
    learner_builtins = dict(builtins.__dict__)
    if not names:
        return learner_builtins
    guard = _Guard(names, report)
    # The top-level modules only: any import of a submodule loads its package first (`from numpy.linalg import
    # norm` goes through the learner's __import__). Moving every submodule too would touch a thousand module
    # objects the run shares with the warm parent, and copy their pages: 7 ms of CPU a run instead of almost none.
    for name in names & sys.modules.keys():
        module = sys.modules.pop(name)
        guard.stash[name] = module
        guard.specs[name] = getattr(module, "__spec__", None)
    sys.meta_path.insert(0, guard)
    sys.addaudithook(guard.audit)
    learner_builtins["__import__"] = guard.guarded_import
    return learner_builtins
