"""Grader feedback in the reader's language (PROTOCOL contract 2, DESIGN "Learner-facing text").

gpu_runner stores each check's and error's English beside its Text (gpu_runner/texts.py): a bilingual pair from
the bank or a message key with params. `MESSAGES` is the web side's catalogue of those keys, whose English is
gpu_runner's word for word (a test holds them together) and whose Chinese is in locale/zh_Hans. Results stored
before the keys existed have only English: they are shown as stored, except an error, whose code still gets its
label and advice in the reader's language.
"""

from __future__ import annotations

import logging
from typing import Any

from django.utils.translation import pgettext_lazy

from config.i18n import is_zh
from gpu_runner.spec import ERROR_CODES, error_text
from gpu_runner.texts import TextError, render

log = logging.getLogger(__name__)

MESSAGES = {
    "code.visible_case": pgettext_lazy("grader", "%(call)s: %(problem)s"),
    "code.hidden_case": pgettext_lazy("grader", "%(problem)s (hidden case)"),
    "code.with_hint": pgettext_lazy("grader", "%(text)s. Hint: %(hint)s"),
    "code.reason_detail": pgettext_lazy("grader", "%(reason)s: %(detail)s"),
    "code.at": pgettext_lazy("grader", " at %(where)s"),
    "code.stopped_early": pgettext_lazy("grader", "Not run: the run stopped before this case."),
    "code.stopped_here": pgettext_lazy("grader", "The run stopped here: %(error)s."),
    "code.unreadable_result": pgettext_lazy(
        "grader", "could not check the returned value; return the types the statement asks for (%(error)s)"
    ),
    "code.expected_none": pgettext_lazy("grader", "expected None%(at)s"),
    "code.expected_type": pgettext_lazy("grader", "expected %(expected)s%(at)s, got %(got)s"),
    "code.wrong_value": pgettext_lazy("grader", "wrong value%(at)s"),
    "code.wrong_text": pgettext_lazy("grader", "wrong text%(at)s"),
    "code.wrong_length": pgettext_lazy("grader", "expected %(expected)s items%(at)s, got %(got)s"),
    "code.missing_keys": pgettext_lazy("grader", "wrong keys%(at)s: missing key(s) %(missing)s"),
    "code.unexpected_keys": pgettext_lazy("grader", "wrong keys%(at)s: unexpected key(s) %(extra)s"),
    "code.missing_and_unexpected_keys": pgettext_lazy(
        "grader", "wrong keys%(at)s: missing key(s) %(missing)s; unexpected key(s) %(extra)s"
    ),
    "code.wrong_shape": pgettext_lazy("grader", "expected shape %(expected)s%(at)s, got shape %(got)s"),
    "code.wrong_dtype": pgettext_lazy(
        "grader",
        "expected %(expected)s values%(at)s (dtype %(expected_dtype)s), got %(got)s values (dtype %(got_dtype)s)",
    ),
    "code.values_differ": pgettext_lazy("grader", "%(count)s of %(size)s values differ%(at)s"),
    "code.got": pgettext_lazy("grader", "got %(got)s"),
    "code.expected_got": pgettext_lazy("grader", "expected %(expected)s, got %(got)s"),
    "code.array_index": pgettext_lazy("grader", "at index %(index)s: expected %(expected)s, got %(got)s"),
    "code.largest_difference": pgettext_lazy("grader", "%(text)s; largest difference %(worst)s"),
    "code.should_raise_returned": pgettext_lazy("grader", "should raise %(error)s: returned %(value)s"),
    "code.should_raise_returned_hidden": pgettext_lazy("grader", "should raise %(error)s but it returned a value"),
    "code.should_raise_raised": pgettext_lazy("grader", "should raise %(error)s, but raised %(raised)s"),
    "code.raised": pgettext_lazy("grader", "raised %(raised)s"),
    "check.labelled": pgettext_lazy("grader", "%(label)s: %(problem)s"),
    "type.bool": pgettext_lazy("grader", "a bool"),
    "type.integer": pgettext_lazy("grader", "an integer"),
    "type.number": pgettext_lazy("grader", "a number"),
    "type.str": pgettext_lazy("grader", "a str"),
    "type.list": pgettext_lazy("grader", "a list"),
    "type.tuple": pgettext_lazy("grader", "a tuple"),
    "type.dict": pgettext_lazy("grader", "a dict"),
    "type.array": pgettext_lazy("grader", "a numpy array"),
    "type.array_of_shape": pgettext_lazy("grader", "a numpy array of shape %(shape)s"),
    "type.none": pgettext_lazy("grader", "None"),
    "dtype.bool": pgettext_lazy("grader", "bool"),
    "dtype.integer": pgettext_lazy("grader", "integer"),
    "dtype.floating": pgettext_lazy("grader", "floating-point"),
    "model.check_ran": pgettext_lazy("grader", "fit_predict ran"),
    "model.check_shape": pgettext_lazy("grader", "one prediction per test example"),
    "model.check_labels": pgettext_lazy("grader", "predictions are valid labels"),
    "model.check_metric": pgettext_lazy("grader", "%(metric)s >= %(threshold)s"),
    "model.raised": pgettext_lazy("grader", "fit_predict raised %(error)s"),
    "model.returned_nothing": pgettext_lazy("grader", "fit_predict raised nothing (the run returned no result)"),
    "model.stopped": pgettext_lazy("grader", "The run stopped: %(error)s."),
    "model.not_an_array": pgettext_lazy(
        "grader",
        "fit_predict must return a list or a 1-D NumPy array with one label per row of X_test; it returned %(type)s.",
    ),
    "model.ragged": pgettext_lazy("grader", "a ragged nested list"),
    "model.wrong_ndim": pgettext_lazy(
        "grader", "fit_predict must return a 1-D array of shape (%(n)s,), got shape %(shape)s."
    ),
    "model.wrong_ndim_probabilities": pgettext_lazy(
        "grader",
        "fit_predict must return a 1-D array of shape (%(n)s,), got shape %(shape)s. It looks like "
        "class probabilities: return model.predict(X_test), not predict_proba.",
    ),
    "model.wrong_length": pgettext_lazy(
        "grader", "fit_predict must return %(n)s predictions (one per row of X_test), got %(got)s."
    ),
    "model.not_finite": pgettext_lazy(
        "grader", "The predictions contain NaN or infinity (first at index %(index)s); return class labels."
    ),
    "model.not_integers": pgettext_lazy(
        "grader",
        "The predictions must be integer class labels, got %(value)s at index %(index)s. Return labels "
        "such as %(example)s, not scores or probabilities.",
    ),
    "model.unknown_labels": pgettext_lazy(
        "grader", "The predictions contain label(s) %(bad)s that never occur in y_train (its labels are %(known)s)."
    ),
    "model.metric_report": pgettext_lazy(
        "grader",
        "%(metric)s %(value)s on %(n)s hidden test examples; needs %(threshold)s (%(baseline_text)s "
        "scores %(baseline)s)",
    ),
    "model.baseline_majority": pgettext_lazy("grader", "always predicting the most common training label"),
    "model.baseline_one_cluster": pgettext_lazy("grader", "one cluster for everything"),
    "metric.accuracy": pgettext_lazy("grader", "accuracy"),
    "metric.f1_macro": pgettext_lazy("grader", "macro F1"),
    "metric.ari": pgettext_lazy("grader", "adjusted Rand index"),
    "metric.perplexity_ratio": pgettext_lazy("grader", "perplexity ratio"),
    "model.check_valid": pgettext_lazy("grader", "predictions are valid"),
    "model.baseline_all_outside": pgettext_lazy("grader", "tagging every token O"),
    "model.baseline_first_five": pgettext_lazy("grader", "the first five documents for every question"),
    "metric.entity_f1": pgettext_lazy("grader", "entity F1"),
    "metric.recall_at_5": pgettext_lazy("grader", "recall@5"),
    "tags.not_a_list": pgettext_lazy(
        "grader", "fit_predict must return a list with one list of tags per test sentence; it returned %(type)s."
    ),
    "tags.wrong_count": pgettext_lazy(
        "grader", "fit_predict must return %(n)s tag lists (one per test sentence), got %(got)s."
    ),
    "tags.sentence_not_a_list": pgettext_lazy(
        "grader", "The tags of test sentence %(index)s must be a list of strings, got %(type)s."
    ),
    "tags.not_strings": pgettext_lazy(
        "grader",
        "The tags of test sentence %(index)s must be strings such as 'B-PER' or 'O', not %(value)s "
        "(%(type)s): return the tag names the model was trained on.",
    ),
    "tags.wrong_length": pgettext_lazy(
        "grader", "Test sentence %(index)s has %(n)s tokens but %(got)s tags: return exactly one tag per token."
    ),
    "tags.unknown": pgettext_lazy(
        "grader", "The predictions contain tag(s) %(bad)s that never occur in y_train (its tags are %(known)s)."
    ),
    "rankings.not_a_list": pgettext_lazy(
        "grader", "fit_predict must return a list with one ranking per test question; it returned %(type)s."
    ),
    "rankings.wrong_count": pgettext_lazy(
        "grader", "fit_predict must return %(n)s rankings (one per test question), got %(got)s."
    ),
    "rankings.question_not_a_list": pgettext_lazy(
        "grader", "The ranking of test question %(index)s must be a list of document indices, got %(type)s."
    ),
    "rankings.too_long": pgettext_lazy(
        "grader", "The ranking of test question %(index)s has %(got)s documents; return at most %(k)s, best first."
    ),
    "rankings.not_indices": pgettext_lazy(
        "grader",
        "The ranking of test question %(index)s contains %(value)s: rankings hold document indices, "
        "integers from 0 to %(last)s (positions in X_train), not texts, scores or ids.",
    ),
    "rankings.repeats": pgettext_lazy(
        "grader", "The ranking of test question %(index)s names document %(value)s twice; each document counts once."
    ),
    "finetune.passed_classification": pgettext_lazy(
        "grader", "%(metric)s on the hidden test split is %(value)s (needed >= %(threshold)s)."
    ),
    "finetune.failed_classification": pgettext_lazy(
        "grader", "%(metric)s on the hidden test split is %(value)s; it needs to reach %(threshold)s."
    ),
    "finetune.passed_lm": pgettext_lazy(
        "grader", "Held-out perplexity fell from %(before)s to %(after)s (ratio %(ratio)s <= %(threshold)s)."
    ),
    "finetune.failed_lm": pgettext_lazy(
        "grader",
        "Held-out perplexity went from %(before)s to %(after)s (ratio %(ratio)s); it needs to fall to "
        "%(threshold)s x the base model's or below.",
    ),
    "finetune.diverged": pgettext_lazy(
        "grader",
        "Training diverged: the loss became infinite or not a number, so held-out perplexity cannot be "
        "measured. Lower the learning_rate or add warm-up.",
    ),
    "finetune.timed_out": pgettext_lazy(
        "grader",
        "Fine-tuning stopped during %(stage)s after %(elapsed)s s (budget %(budget)s s), at step "
        "%(step)s of %(total)s. Try fewer epochs, a shorter max_seq_length, a larger batch_size or more "
        "frozen layers.",
    ),
    "finetune.out_of_memory": pgettext_lazy(
        "grader",
        "Training ran out of device memory with batch_size %(batch_size)s and max_seq_length "
        "%(max_seq_length)s; lower one of them (memory grows with their product).",
    ),
    "finetune.stage.training": pgettext_lazy("grader", "training"),
    "finetune.stage.evaluation": pgettext_lazy("grader", "evaluation"),
    "finetune.stage.loading": pgettext_lazy("grader", "loading"),
    "finetune.stage.baseline": pgettext_lazy("grader", "measuring the base model"),
    "quiz.correct": pgettext_lazy("grader", "Correct."),
    "quiz.wrong": pgettext_lazy("grader", "Wrong."),
    "quiz.not_answered": pgettext_lazy("grader", "Not answered."),
    "quiz.choice_expected": pgettext_lazy("grader", "Wrong. Answer with one option id."),
    "quiz.multi_expected": pgettext_lazy("grader", "Wrong. Answer with a list of option ids."),
    "quiz.number_expected": pgettext_lazy("grader", "Wrong. Answer with a number."),
    "quiz.number_too_large": pgettext_lazy("grader", "Wrong. The number is too large to compare."),
    "sandbox.output_limit": pgettext_lazy("grader", "More than %(limit)s KB of output."),
    "sandbox.result_limit": pgettext_lazy("grader", "Your functions returned more than %(limit)s MB of values."),
    "sandbox.wall_limit": pgettext_lazy("grader", "Stopped after the wall-time limit of %(limit)s s."),
    "sandbox.cpu_limit": pgettext_lazy("grader", "Stopped after the CPU-time limit of %(limit)s s."),
    "sandbox.memory_limit": pgettext_lazy("grader", "Stopped at the memory limit of %(limit)s MB."),
    "sandbox.out_of_memory": pgettext_lazy("grader", "Ran out of memory (limit %(limit)s MB)."),
    "sandbox.signal": pgettext_lazy("grader", "Your process was killed by signal %(signal)s."),
    "sandbox.sys_exit": pgettext_lazy("grader", "Your code called sys.exit(); return a value instead."),
    "sandbox.exit_status": pgettext_lazy("grader", "Your code ended the process early (exit status %(status)s)."),
    "sandbox.memory_error": pgettext_lazy("grader", "%(detail)s"),
    "sandbox.syntax_at_line": pgettext_lazy("grader", "line %(line)s: %(detail)s"),
    "error.with_detail": pgettext_lazy("grader", "%(message)s %(detail)s"),
    "error.timeout": pgettext_lazy("grader", "Your submission ran past its time limit."),
    "error.timeout.code": pgettext_lazy(
        "grader",
        "Your code ran past its time limit: look for an endless loop or work that grows too fast with the input.",
    ),
    "error.timeout.model": pgettext_lazy(
        "grader",
        "Training and predicting ran past the time limit: pick a faster model or fewer iterations, and "
        "look for an endless loop.",
    ),
    "error.timeout.finetune": pgettext_lazy("grader", "Fine-tuning ran past its time budget."),
    "error.memory": pgettext_lazy(
        "grader", "Your code used more memory than allowed. Avoid building very large lists or arrays."
    ),
    "error.memory.finetune": pgettext_lazy("grader", "Training used more memory than the device has."),
    "error.output_limit": pgettext_lazy(
        "grader", "Your code printed or returned more output than allowed. Remove debug printing in loops."
    ),
    "error.syntax": pgettext_lazy("grader", "Your code has a syntax error."),
    "error.import": pgettext_lazy("grader", "Your code failed to import a module or to define the required function."),
    "error.crash": pgettext_lazy(
        "grader", "Your code crashed the grader process (a signal, a killed process or an exit call)."
    ),
    "error.bank_mismatch": pgettext_lazy(
        "grader", "This worker has a different version of the exercise; the job was not graded against it."
    ),
    "error.internal": pgettext_lazy(
        "grader", "The grading platform failed. This attempt does not count against your quota."
    ),
    "error_label.timeout": pgettext_lazy("grader", "time limit exceeded"),
    "error_label.memory": pgettext_lazy("grader", "memory limit exceeded"),
    "error_label.output_limit": pgettext_lazy("grader", "output limit exceeded"),
    "error_label.syntax": pgettext_lazy("grader", "syntax error"),
    "error_label.import": pgettext_lazy("grader", "the module did not load"),
    "error_label.crash": pgettext_lazy("grader", "the process crashed"),
    "error_label.bank_mismatch": pgettext_lazy("grader", "exercise version mismatch"),
    "error_label.internal": pgettext_lazy("grader", "platform error"),
}

# What a page calls each error code, beside the advice (a learner never reads the raw code).
ERROR_TITLES = {
    "timeout": pgettext_lazy("grader error", "Time limit exceeded"),
    "memory": pgettext_lazy("grader error", "Memory limit exceeded"),
    "output_limit": pgettext_lazy("grader error", "Output limit exceeded"),
    "syntax": pgettext_lazy("grader error", "Syntax error"),
    "import": pgettext_lazy("grader error", "Your code did not load"),
    "crash": pgettext_lazy("grader error", "Your code crashed"),
    "bank_mismatch": pgettext_lazy("grader error", "Exercise version mismatch"),
    "internal": pgettext_lazy("grader error", "Platform error"),
}


def language() -> str:
    """The reader's language as the bank writes it: `zh` or `en`."""
    return "zh" if is_zh() else "en"


def _template(key: str) -> str | None:
    template = MESSAGES.get(key)
    return None if template is None else str(template)


def render_text(text: Any, fallback: str = "") -> str:
    """A stored Text in the reader's language; `fallback` (the stored English) when it cannot be read, e.g. a key
    from a newer worker that this catalogue does not know yet."""
    if text is None:
        return fallback
    try:
        return render(text, language(), _template)
    except TextError:
        log.warning("grader text not rendered, shown as stored: %r", text)
        return fallback


def check_display(check: dict[str, Any]) -> dict[str, Any]:
    """A stored check with `name` and `message` in the reader's language (as stored where no Text was kept)."""
    name, message = str(check.get("name") or ""), str(check.get("message") or "")
    return {
        **check,
        "name": render_text(check.get("name_i18n"), name) if "name_i18n" in check else name,
        "message": render_text(check.get("message_i18n"), message) if "message_i18n" in check else message,
    }


def error_title(code: str) -> str:
    title = ERROR_TITLES.get(code)
    return str(title) if title is not None else str(ERROR_TITLES["internal"])


def error_display(*, code: str, message: str, message_i18n: Any, kind: str) -> dict[str, str]:
    """An error's label and text for a reader. A result stored without a Text keeps its English for an English
    reader; any other reader gets the code's advice for the exercise kind in their language."""
    if message_i18n is not None:
        text = render_text(message_i18n, message)
    elif language() == "en" and message:
        text = message
    else:
        text = render_text(error_text(code if code in ERROR_CODES else "internal", kind), message)
    return {"code": code, "label": error_title(code), "message": text}
