"""Learner-facing grader texts that the pages render in the reader's language (DESIGN: "Learner-facing text").

A `Text` is plain JSON, so it travels inside a JobResult and is stored as it is:
- a `str`: literal text, the same in every language (a value's repr, Python's own error message), or the
  English of a legacy grader;
- `{"en": ..., "zh": ...}`: a bilingual pair written in the bank (a Case's name or hint, a custom check's
  message);
- `{"key": ..., "params": {...}}`: a message of `MESSAGES` below; each param is a number, a string or a
  Text itself, rendered in the same language.

`english(text)` gives the English that a check's `name`/`message` and an error's `message` keep for API
clients and older readers. The web side renders the same keys from its gettext catalogue
(`exercises/feedback.py`); a test keeps both catalogues' English identical. Templates use `%(name)s` so that
the English here is the gettext msgid there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Text = str | dict[str, Any]
LANGUAGES: tuple[str, ...] = ("en", "zh")

MESSAGES: dict[str, str] = {
    # Joining a case's label, its problem and its hint (gpu_runner/graders/code.py).
    "code.visible_case": "%(call)s: %(problem)s",
    "code.hidden_case": "%(problem)s (hidden case)",
    "code.with_hint": "%(text)s. Hint: %(hint)s",
    "code.reason_detail": "%(reason)s: %(detail)s",
    "code.at": " at %(where)s",
    "code.stopped_early": "Not run: the run stopped before this case.",
    "code.stopped_here": "The run stopped here: %(error)s.",
    "code.unreadable_result": (
        "could not check the returned value; return the types the statement asks for (%(error)s)"
    ),
    # What differs between the expected value and the returned one.
    "code.expected_none": "expected None%(at)s",
    "code.expected_type": "expected %(expected)s%(at)s, got %(got)s",
    "code.wrong_value": "wrong value%(at)s",
    "code.wrong_text": "wrong text%(at)s",
    "code.wrong_length": "expected %(expected)s items%(at)s, got %(got)s",
    "code.missing_keys": "wrong keys%(at)s: missing key(s) %(missing)s",
    "code.unexpected_keys": "wrong keys%(at)s: unexpected key(s) %(extra)s",
    "code.missing_and_unexpected_keys": "wrong keys%(at)s: missing key(s) %(missing)s; unexpected key(s) %(extra)s",
    "code.wrong_shape": "expected shape %(expected)s%(at)s, got shape %(got)s",
    "code.wrong_dtype": (
        "expected %(expected)s values%(at)s (dtype %(expected_dtype)s), got %(got)s values (dtype %(got_dtype)s)"
    ),
    "code.values_differ": "%(count)s of %(size)s values differ%(at)s",
    "code.got": "got %(got)s",
    "code.expected_got": "expected %(expected)s, got %(got)s",
    "code.array_index": "at index %(index)s: expected %(expected)s, got %(got)s",
    "code.largest_difference": "%(text)s; largest difference %(worst)s",
    "code.should_raise_returned": "should raise %(error)s: returned %(value)s",
    "code.should_raise_returned_hidden": "should raise %(error)s but it returned a value",
    "code.should_raise_raised": "should raise %(error)s, but raised %(raised)s",
    "code.raised": "raised %(raised)s",
    # For a grader's own check(): a bilingual label before a generic problem (e.g. a mismatch's text).
    "check.labelled": "%(label)s: %(problem)s",
    # Kinds of value named in those messages.
    "type.bool": "a bool",
    "type.integer": "an integer",
    "type.number": "a number",
    "type.str": "a str",
    "type.list": "a list",
    "type.tuple": "a tuple",
    "type.dict": "a dict",
    "type.array": "a numpy array",
    "type.array_of_shape": "a numpy array of shape %(shape)s",
    "type.none": "None",
    "dtype.bool": "bool",
    "dtype.integer": "integer",
    "dtype.floating": "floating-point",
    # Model exercises (gpu_runner/graders/model.py).
    "model.check_ran": "fit_predict ran",
    "model.check_shape": "one prediction per test example",
    "model.check_labels": "predictions are valid labels",
    "model.check_metric": "%(metric)s >= %(threshold)s",
    "model.raised": "fit_predict raised %(error)s",
    "model.returned_nothing": "fit_predict raised nothing (the run returned no result)",
    "model.stopped": "The run stopped: %(error)s.",
    "model.not_an_array": (
        "fit_predict must return a list or a 1-D NumPy array with one label per row of X_test; it returned %(type)s."
    ),
    "model.ragged": "a ragged nested list",
    "model.wrong_ndim": "fit_predict must return a 1-D array of shape (%(n)s,), got shape %(shape)s.",
    "model.wrong_ndim_probabilities": (
        "fit_predict must return a 1-D array of shape (%(n)s,), got shape %(shape)s. It looks like class"
        " probabilities: return model.predict(X_test), not predict_proba."
    ),
    "model.wrong_length": "fit_predict must return %(n)s predictions (one per row of X_test), got %(got)s.",
    "model.not_finite": "The predictions contain NaN or infinity (first at index %(index)s); return class labels.",
    "model.not_integers": (
        "The predictions must be integer class labels, got %(value)s at index %(index)s."
        " Return labels such as %(example)s, not scores or probabilities."
    ),
    "model.unknown_labels": (
        "The predictions contain label(s) %(bad)s that never occur in y_train (its labels are %(known)s)."
    ),
    "model.metric_report": (
        "%(metric)s %(value)s on %(n)s hidden test examples; needs %(threshold)s (%(baseline_text)s scores"
        " %(baseline)s)"
    ),
    "model.baseline_majority": "always predicting the most common training label",
    "model.baseline_one_cluster": "one cluster for everything",
    "metric.accuracy": "accuracy",
    "metric.f1_macro": "macro F1",
    "metric.ari": "adjusted Rand index",
    "metric.perplexity_ratio": "perplexity ratio",
    # Structured predictions (gpu_runner/graders/model_structured.py): tags per token, rankings per question.
    "model.check_valid": "predictions are valid",
    "model.baseline_all_outside": "tagging every token O",
    "model.baseline_first_five": "the first five documents for every question",
    "metric.entity_f1": "entity F1",
    "metric.recall_at_5": "recall@5",
    "tags.not_a_list": "fit_predict must return a list with one list of tags per test sentence; it returned %(type)s.",
    "tags.wrong_count": "fit_predict must return %(n)s tag lists (one per test sentence), got %(got)s.",
    "tags.sentence_not_a_list": "The tags of test sentence %(index)s must be a list of strings, got %(type)s.",
    "tags.not_strings": (
        "The tags of test sentence %(index)s must be strings such as 'B-PER' or 'O', not %(value)s "
        "(%(type)s): return the tag names the model was trained on."
    ),
    "tags.wrong_length": "Test sentence %(index)s has %(n)s tokens but %(got)s tags: return exactly one tag per token.",
    "tags.unknown": "The predictions contain tag(s) %(bad)s that never occur in y_train (its tags are %(known)s).",
    "rankings.not_a_list": "fit_predict must return a list with one ranking per test question; it returned %(type)s.",
    "rankings.wrong_count": "fit_predict must return %(n)s rankings (one per test question), got %(got)s.",
    "rankings.question_not_a_list": (
        "The ranking of test question %(index)s must be a list of document indices, got %(type)s."
    ),
    "rankings.too_long": (
        "The ranking of test question %(index)s has %(got)s documents; return at most %(k)s, best first."
    ),
    "rankings.not_indices": (
        "The ranking of test question %(index)s contains %(value)s: rankings hold document indices, "
        "integers from 0 to %(last)s (positions in X_train), not texts, scores or ids."
    ),
    "rankings.repeats": (
        "The ranking of test question %(index)s names document %(value)s twice; each document counts once."
    ),
    # Fine-tuning (gpu_runner/graders/finetune.py).
    "finetune.passed_classification": "%(metric)s on the hidden test split is %(value)s (needed >= %(threshold)s).",
    "finetune.failed_classification": (
        "%(metric)s on the hidden test split is %(value)s; it needs to reach %(threshold)s."
    ),
    "finetune.passed_lm": "Held-out perplexity fell from %(before)s to %(after)s (ratio %(ratio)s <= %(threshold)s).",
    "finetune.failed_lm": (
        "Held-out perplexity went from %(before)s to %(after)s (ratio %(ratio)s); it needs to fall to %(threshold)s"
        " x the base model's or below."
    ),
    "finetune.diverged": (
        "Training diverged: the loss became infinite or not a number, so held-out perplexity cannot be measured."
        " Lower the learning_rate or add warm-up."
    ),
    "finetune.timed_out": (
        "Fine-tuning stopped during %(stage)s after %(elapsed)s s (budget %(budget)s s), at step %(step)s of"
        " %(total)s. Try fewer epochs, a shorter max_seq_length, a larger batch_size or more frozen layers."
    ),
    "finetune.out_of_memory": (
        "Training ran out of device memory with batch_size %(batch_size)s and max_seq_length %(max_seq_length)s;"
        " lower one of them (memory grows with their product)."
    ),
    "finetune.stage.training": "training",
    "finetune.stage.evaluation": "evaluation",
    "finetune.stage.loading": "loading",
    "finetune.stage.baseline": "measuring the base model",
    # Quizzes (gpu_runner/graders/quiz.py).
    "quiz.correct": "Correct.",
    "quiz.wrong": "Wrong.",
    "quiz.not_answered": "Not answered.",
    "quiz.choice_expected": "Wrong. Answer with one option id.",
    "quiz.multi_expected": "Wrong. Answer with a list of option ids.",
    "quiz.number_expected": "Wrong. Answer with a number.",
    "quiz.number_too_large": "Wrong. The number is too large to compare.",
    # The sandbox's account of why a run stopped (gpu_runner/sandbox/_run.py).
    "sandbox.output_limit": "More than %(limit)s KB of output.",
    "sandbox.result_limit": "Your functions returned more than %(limit)s MB of values.",
    "sandbox.wall_limit": "Stopped after the wall-time limit of %(limit)s s.",
    "sandbox.cpu_limit": "Stopped after the CPU-time limit of %(limit)s s.",
    "sandbox.memory_limit": "Stopped at the memory limit of %(limit)s MB.",
    "sandbox.out_of_memory": "Ran out of memory (limit %(limit)s MB).",
    "sandbox.signal": "Your process was killed by signal %(signal)s.",
    "sandbox.sys_exit": "Your code called sys.exit(); return a value instead.",
    "sandbox.exit_status": "Your code ended the process early (exit status %(status)s).",
    "sandbox.memory_error": "%(detail)s",
    "sandbox.syntax_at_line": "line %(line)s: %(detail)s",
    # An error's text: what happened, what to do, and the detail of this run (gpu_runner/spec.py).
    "error.with_detail": "%(message)s %(detail)s",
    "error.timeout": "Your submission ran past its time limit.",
    "error.timeout.code": (
        "Your code ran past its time limit: look for an endless loop or work that grows too fast with the input."
    ),
    "error.timeout.model": (
        "Training and predicting ran past the time limit: pick a faster model or fewer iterations, and look for"
        " an endless loop."
    ),
    "error.timeout.finetune": "Fine-tuning ran past its time budget.",
    "error.memory": "Your code used more memory than allowed. Avoid building very large lists or arrays.",
    "error.memory.finetune": "Training used more memory than the device has.",
    "error.output_limit": "Your code printed or returned more output than allowed. Remove debug printing in loops.",
    "error.syntax": "Your code has a syntax error.",
    "error.import": "Your code failed to import a module or to define the required function.",
    "error.crash": "Your code crashed the grader process (a signal, a killed process or an exit call).",
    "error.bank_mismatch": "This worker has a different version of the exercise; the job was not graded against it.",
    "error.internal": "The grading platform failed. This attempt does not count against your quota.",
    # Short names of the error codes, where a page or message names one.
    "error_label.timeout": "time limit exceeded",
    "error_label.memory": "memory limit exceeded",
    "error_label.output_limit": "output limit exceeded",
    "error_label.syntax": "syntax error",
    "error_label.import": "the module did not load",
    "error_label.crash": "the process crashed",
    "error_label.bank_mismatch": "exercise version mismatch",
    "error_label.internal": "platform error",
}


class TextError(ValueError):
    """A Text that does not follow the form above (a grader's mistake, never the learner's)."""


def message(key: str, **params: Any) -> dict[str, Any]:
    """A keyed message; the key must be in MESSAGES and every placeholder given (checked here, early)."""
    if key not in MESSAGES:
        raise TextError(f"unknown message key {key!r}")
    text = {"key": key, "params": params}
    english(text)  # a missing or misspelt param fails where the message is built, not where it is read
    return text


def pair(value: Any, *, what: str = "text") -> Text:
    """`value` checked as a bank text: a str, or a dict with exactly non-empty `en` and `zh` strings."""
    if isinstance(value, str):
        return value
    if (
        isinstance(value, Mapping)
        and set(value) == set(LANGUAGES)
        and all(isinstance(value[lang], str) and value[lang].strip() for lang in LANGUAGES)
    ):
        return {lang: value[lang] for lang in LANGUAGES}
    raise TextError(f"{what} must be a str or {{'en': ..., 'zh': ...}} with non-empty strings, got {value!r}")


def check_text(value: Any, *, what: str = "text") -> Text:
    """What a grader's check() may return: a bank text (see `pair`) or a keyed message built with `message`."""
    if isinstance(value, Mapping) and "key" in value:
        english(value)  # raises TextError for an unknown key or params that do not fit
        return dict(value)
    return pair(value, what=what)


def is_localized(text: Any) -> bool:
    """Whether `text` carries more than English: a bilingual pair or a keyed message."""
    return isinstance(text, dict) and ("key" in text or set(text) == set(LANGUAGES))


def render(text: Any, lang: str = "en", lookup: Callable[[str], str | None] | None = None) -> str:
    """`text` in `lang`. `lookup(key)` gives a key's template in that language (the web side's gettext);
    without one, or when it has none, the English of MESSAGES is used. Raises TextError for a malformed text
    or an unknown key, so a reader can fall back to the stored English."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return str(text)
    if not isinstance(text, Mapping):
        raise TextError(f"not a text: {text!r}")
    if "key" in text:
        key = text["key"]
        template = (lookup(key) if lookup is not None else None) or MESSAGES.get(key)
        if template is None:
            raise TextError(f"unknown message key {key!r}")
        params = text.get("params") or {}
        if not isinstance(params, Mapping):
            raise TextError(f"params of {key!r} must be a mapping")
        try:
            return template % {name: render(value, lang, lookup) for name, value in params.items()}
        except (KeyError, ValueError, TypeError) as exc:
            raise TextError(f"message {key!r} does not fit its params: {exc}") from exc
    if set(text) == set(LANGUAGES):
        chosen = text.get(lang) if lang in LANGUAGES else None
        return str(chosen or text["en"])
    raise TextError(f"not a text: {text!r}")


def english(text: Any) -> str:
    return render(text, "en")


def keys_in(text: Any) -> set[str]:
    """Every message key used in `text`, nested params included (for tests and catalogue checks)."""
    if not isinstance(text, Mapping):
        return set()
    found = {text["key"]} if "key" in text else set()
    for value in (text.get("params") or {}).values() if "key" in text else ():
        found |= keys_in(value)
    return found
