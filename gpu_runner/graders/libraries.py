"""What a submission gets when its code imported a library that the exercise forbids (`libraries.forbidden`).

The sandbox refuses the import (gpu_runner/_imports.py) and reports it; the submission then fails, whatever its
cases returned, with one check that names the module in the learner's language. Never an error: the learner's code
ran as written, on a machine where that library is not there for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gpu_runner.spec import Check, JobResult

CHECK_TITLE = {"en": "Only the allowed libraries", "zh": "只使用允许的库"}
CHECK_NAME = CHECK_TITLE["en"]
PLAIN_PYTHON = {
    "en": "This exercise asks for plain Python: {modules} {verb} not allowed. Remove the import and write it yourself.",
    "zh": "本练习要求用纯 Python（只用标准库）完成：不允许导入 {modules}。请删掉这个导入，自己实现。",
}
NOT_ALLOWED = {
    "en": "This exercise does not allow {modules}; beyond the standard library you may use {allowed}.",
    "zh": "本练习不允许导入 {modules}；除标准库外，可以使用 {allowed}。",
}


def forbidden_text(tried: Sequence[str], allowed: Sequence[str]) -> dict[str, str]:
    """The message, {en, zh}, for the forbidden modules `tried`; `allowed` is what the exercise advertises."""
    modules = ", ".join(f"`{name}`" for name in tried)
    if not allowed:
        verb = "is" if len(tried) == 1 else "are"
        return {lang: text.format(modules=modules, verb=verb) for lang, text in PLAIN_PYTHON.items()}
    others = ", ".join(f"`{name}`" for name in allowed)
    return {lang: text.format(modules=modules, allowed=others) for lang, text in NOT_ALLOWED.items()}


def forbidden_result(job_id: str, tried: Sequence[str], allowed: Sequence[str], **extra: Any) -> JobResult:
    """A failed result whose first check says which forbidden modules the code imported; `extra["checks"]`
    (the cases as graded) follow it, and the score is 0: the exercise's rule was not kept."""
    text = forbidden_text(tried, allowed)
    checks = [Check.of(CHECK_TITLE, False, text), *extra.pop("checks", [])]
    return JobResult(job_id=job_id, status="failed", score=0.0, checks=checks, **extra)
