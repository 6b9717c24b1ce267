"""Trusted fine-tuning code (runs outside the sandbox): config bounds, data, loop, evaluation, tasks.

Only `config` is importable without torch; the other modules import torch inside their functions.
"""
