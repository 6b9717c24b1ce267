"""The transformers environment every model-loading path sets up first: offline, and quiet."""

from __future__ import annotations

import os


def offline() -> None:
    """Make sure transformers never reaches for the Hub, even by accident."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def quiet_transformers() -> None:
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
