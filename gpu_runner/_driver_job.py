"""What a sandbox run's child does once it is confined (gpu_runner/_driver.py): load the learner's module, call
its functions on the job's arguments, and write each outcome to the worker as a frame on fd 3.

Bound into the sandbox read-only beside _driver.py (gpu_runner/sandbox/_zygote.py DRIVER_FILES). Everything the
learner's code returns or raises is reduced here to JSON the worker treats as untrusted.
"""

from __future__ import annotations

import json
import os
import struct
import sys
import types
from typing import Any

EXIT_SYSEXIT = 87  # the learner called sys.exit(): reported as a crash


def write_frame(fd: int, obj: object) -> None:
    data = json.dumps(obj, allow_nan=False, separators=(",", ":")).encode()
    buf = memoryview(struct.pack("!I", len(data)) + data)
    while buf:
        buf = buf[os.write(fd, buf) :]


def _safe_str(exc: BaseException) -> str:
    """str() of a learner's exception, which may itself raise (a hostile __str__)."""
    try:
        return str(exc)[:2000]
    except BaseException:  # the message is the learner's; any failure reading it is too
        return "<the exception's message could not be read>"


def exc_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {_safe_str(exc)}"[:2000]


def run_job(body: bytes, nonce: str) -> None:
    from gpu_runner import _imports, codec

    job = json.loads(body)
    # From here on the learner's code may run: an exit status alone can no longer prove a setup failure.
    # The nonce is this run's (the worker checks that its result stream begins with it); learner code can
    # read it, but only ever writes into its own run's pipe.
    write_frame(3, {"t": "started", "run": nonce})
    module = _load_module(job, _imports)
    if module is None:
        return
    for index, call in enumerate(job["calls"]):
        if not _run_call(module, index, call, codec):
            return


def _load_module(job: dict[str, Any], imports: Any) -> types.ModuleType | None:
    """The learner's source as the module `submission`, or None after writing why it could not be loaded."""
    try:
        code = compile(job["source"], "submission.py", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        detail = f"line {line}: {getattr(exc, 'msg', str(exc))}" if line else str(exc)
        write_frame(3, {"t": "fatal", "code": "syntax", "detail": detail[:2000]})
        return None
    module = types.ModuleType("submission")
    module.__file__ = "submission.py"
    sys.modules["submission"] = module
    # Installed before the learner's first line: the audit hook cannot be removed once it is in.
    module.__dict__["__builtins__"] = imports.install(
        job.get("forbidden") or (), lambda name: write_frame(3, {"t": "forbidden", "module": name})
    )
    try:
        exec(code, module.__dict__)  # noqa: S102 - this is the sandbox: running learner code is its job
    except MemoryError:
        write_frame(3, {"t": "fatal", "code": "memory", "detail": "MemoryError while importing your module"})
        return None
    except SystemExit:
        os._exit(EXIT_SYSEXIT)
    except BaseException as exc:
        write_frame(3, {"t": "fatal", "code": "import", "detail": exc_text(exc)})
        return None
    return module


def _failed_call(index: int, etype: str, message: str) -> None:
    write_frame(3, {"t": "call", "i": index, "ok": False, "etype": etype, "emsg": message})


def _run_call(module: types.ModuleType, index: int, call: dict[str, Any], codec: Any) -> bool:
    """One call of the learner's function; False when the run must stop (out of memory)."""
    fn = module.__dict__.get(call["fn"])
    if not callable(fn):
        msg = f"name {call['fn']!r} is not defined" if fn is None else f"{call['fn']!r} is not a function"
        _failed_call(index, "NameError", msg)
        return True
    try:
        args = codec.from_jsonable(call["args"], resolve_functions=True, max_bytes=1 << 40)
        kwargs = codec.from_jsonable(call["kwargs"], resolve_functions=True, max_bytes=1 << 40)
        value = fn(*args, **kwargs)
    except MemoryError:
        write_frame(3, {"t": "fatal", "code": "memory", "detail": f"MemoryError in {call['fn']}()"})
        return False
    except SystemExit:
        os._exit(EXIT_SYSEXIT)
    except BaseException as exc:
        _failed_call(index, type(exc).__name__, _safe_str(exc))
        return True
    try:
        encoded = codec.to_jsonable(value)
    except MemoryError:
        write_frame(3, {"t": "fatal", "code": "memory", "detail": f"MemoryError in {call['fn']}()"})
        return False
    except (codec.EncodeError, RecursionError) as exc:
        _failed_call(index, "TypeError", _safe_str(exc))
        return True
    except Exception as exc:  # e.g. a hostile __float__ on a returned subclass
        _failed_call(index, "TypeError", f"the return value could not be sent back: {exc_text(exc)}")
        return True
    write_frame(3, {"t": "call", "i": index, "ok": True, "v": encoded})
    return True
