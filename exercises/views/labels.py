"""What the submission page calls the keys a grader stores (gpu_runner/graders/*.py, gpu_runner/run.py's
runtime_info, gpu_runner/training): a label in the reader's language and a unit, per exercise kind. Known keys come
first in the order below; a key not listed here (a newer grader, an older result) is shown as stored."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from exercises.models import Exercise

Label = tuple[Any, str | None]  # (label, a format for numbers or None)

SECONDS = "{:.3g} s"
MEGABYTES = "{:.1f} MB"

# The metrics a grader can be judged on (model: metric; fine-tuning: metric.name).
SCORED_METRICS: dict[str, Label] = {
    "accuracy": (_("Accuracy"), None),
    "f1_macro": (_("Macro F1"), None),
    "ari": (_("Adjusted Rand index"), None),
    "perplexity_ratio": (_("Perplexity ratio"), None),
    "entity_f1": (_("Entity F1"), None),
    "recall_at_5": (_("Recall@5"), None),
}

METRIC_LABELS: dict[str, dict[str, Label]] = {
    Exercise.Kind.CODE: {
        "passed": (_("Test cases passed"), None),
        "cases": (_("Test cases"), None),
    },
    Exercise.Kind.QUIZ: {
        "right": (_("Right answers"), None),
        "total": (_("Questions"), None),
    },
    Exercise.Kind.MODEL: {
        "metric": (_("Metric"), None),
        **SCORED_METRICS,
        "entity_precision": (_("Entity precision"), None),
        "entity_recall": (_("Entity recall"), None),
        "threshold": (_("Pass threshold"), None),
        "baseline": (_("Naive baseline"), None),
        "n_test": (_("Test examples"), None),
        "predicted_counts": (_("Predictions per label"), None),
    },
    Exercise.Kind.FINETUNE: {
        "accuracy": SCORED_METRICS["accuracy"],
        "f1_macro": SCORED_METRICS["f1_macro"],
        "val_accuracy": (_("Validation accuracy"), None),
        "val_f1_macro": (_("Validation macro F1"), None),
        "ppl_before": (_("Perplexity before training"), None),
        "ppl_after": (_("Perplexity after training"), None),
        "ppl_ratio": (_("Perplexity ratio (after / before)"), None),
        "val_perplexity": (_("Validation perplexity"), None),
        "threshold": (_("Pass threshold"), None),
        "steps": (_("Training steps"), None),
        "total_steps": (_("Planned steps"), None),
        "train_samples": (_("Training examples seen"), None),
        "test_examples": (_("Test examples"), None),
        "test_tokens": (_("Test tokens"), None),
        "frozen_layers": (_("Frozen layers"), None),
        "max_seq_length": (_("Maximum sequence length"), None),
        "config": (_("Configuration used"), None),
    },
}

# Where and with what a job ran: the same keys for every kind (fine-tuning adds its training facts).
RUNTIME_LABELS: dict[str, Label] = {
    "device": (_("Device"), None),
    "device_type": (_("Device type"), None),
    "precision": (_("Precision"), None),
    "threads": (_("CPU threads"), None),
    "isolation": (_("Isolation"), None),
    "model": (_("Model"), None),
    "seed": (_("Random seed"), None),
    "wall_s": (_("Wall time"), SECONDS),
    "job_s": (_("Job time"), SECONDS),
    "train_s": (_("Training time"), SECONDS),
    "samples_per_s": (_("Examples per second"), "{:.1f}"),
    "tokens_per_s": (_("Tokens per second"), "{:.1f}"),
    "peak_memory_mb": (_("Peak memory"), MEGABYTES),
    "host": (_("Host"), None),
    # Software versions: product names, the same in every language.
    "python": ("Python", None),
    "numpy": ("NumPy", None),
    "sklearn": ("scikit-learn", None),
    "torch": ("PyTorch", None),
    "transformers": ("Transformers", None),
}

# The sandbox's own measurements of the learner's run.
USAGE_LABELS: dict[str, Label] = {
    "wall_s": (_("Wall time"), SECONDS),
    "cpu_s": (_("CPU time"), SECONDS),
    "max_rss_mb": (_("Peak memory"), MEGABYTES),
}


def _value(value: Any, unit: str | None) -> Any:
    if unit and isinstance(value, int | float) and not isinstance(value, bool):
        return unit.format(value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return value


def labelled_rows(values: dict[str, Any] | None, labels: dict[str, Label]) -> list[tuple[str, Any]]:
    """(label, value) pairs: the known keys in the order of `labels`, then the others by key, as stored."""
    values = values if isinstance(values, dict) else {}
    known = [key for key in labels if key in values]
    rows = []
    for key in known + sorted(key for key in values if key not in labels):
        label, unit = labels.get(key, (key, None))
        value = values[key]
        if key == "metric" and isinstance(value, str) and value in SCORED_METRICS:
            value = str(SCORED_METRICS[value][0])
        rows.append((str(label), _value(value, unit)))
    return rows


def metric_labels(kind: str) -> dict[str, Label]:
    return METRIC_LABELS.get(kind, {})
