"""Callables the LLM exercises' graders hand to learner code: language models and tools, all deterministic.

A grader cannot ship a function into the sandbox, only a `codec.FunctionRef` naming one of these
factories with JSON parameters; the driver inside the sandbox and the worker (for the reference) each
build their own copy from the same parameters, so both see exactly the same behaviour. Everything
here is data-driven and uses only the standard library and numpy (it runs inside the sandbox).

- `lm_table`, `lm_random`: next-token log-probabilities for a prefix (the step function of
  `beam-search`). `lm_random` derives each prefix's distribution from a seed and the prefix itself,
  so it needs no table and never depends on the order of calls.
- `scripted_model`: a chat model that plays a script (the model of `react-agent-loop`). Each turn
  lists substrings the prompt must contain; a prompt that lacks one gets an off-script final answer
  naming what is missing, so an agent that drops observations ends with a wrong answer.
- `calculator`, `lookup`, `failing_tool`: tools taking one string and returning one string.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

OFF_SCRIPT = "Final Answer: OFF SCRIPT ({why})"
SCRIPT_ENDED = "the model was called after its script ended"
MAX_EXPRESSION = 200


# --- language models: prefix -> log-probabilities ---------------------------------------------------


def _prefix(tokens: Sequence[Any], vocab: int | None = None) -> list[int]:
    values = [int(t) for t in tokens]
    if vocab is not None and any(not 0 <= t < vocab for t in values):
        raise ValueError(f"prefix {values} has a token outside the vocabulary 0..{vocab - 1}")
    return values


def lm_table(table: dict[str, list[float]], default: list[float] | None = None) -> Callable[[Any], np.ndarray]:
    """Log-probabilities looked up by the prefix written as space-separated ids ('0 3 1')."""
    rows = {key: np.asarray(row, dtype=np.float64) for key, row in table.items()}
    fallback = None if default is None else np.asarray(default, dtype=np.float64)

    def step(prefix: Sequence[Any]) -> np.ndarray:
        key = " ".join(map(str, _prefix(prefix)))
        if key in rows:
            return rows[key].copy()
        if fallback is None:
            raise KeyError(f"the model has no distribution for the prefix [{key}]")
        return fallback.copy()

    return step


def lm_random(
    vocab: int, seed: int, eos: int, eos_boost: float = 0.0, scale: float = 1.0, blocked: list[int] | None = None
) -> Callable[[Any], np.ndarray]:
    """A fixed random model: each prefix's logits come from a generator seeded by (seed, prefix).

    `eos_boost` raises the end token's logit by that much per token already generated, so hypotheses
    end at varied lengths; `blocked` tokens (such as the start token) get probability 0.
    """
    never = [int(t) for t in blocked or []]

    def step(prefix: Sequence[Any]) -> np.ndarray:
        tokens = _prefix(prefix, vocab)
        logits = np.random.default_rng([seed, len(tokens), *tokens]).normal(size=vocab) * scale
        logits[eos] += eos_boost * max(len(tokens) - 1, 0)
        logits[never] = -np.inf
        top = logits.max()
        return logits - (top + np.log(np.exp(logits - top).sum()))

    return step


# --- a scripted chat model ----------------------------------------------------------------------------


def scripted_model(turns: list[dict[str, Any]], repeat_last: bool = False) -> Callable[[str], str]:
    """Plays `turns` in order: turn n answers the n-th call with its `reply` if the prompt holds every
    string of its `expect` list. `repeat_last` replays the last turn forever (an agent that never ends)."""
    calls = [0]

    def model(prompt: str) -> str:
        if not isinstance(prompt, str):
            raise TypeError(f"the model takes the prompt as one str, got {type(prompt).__name__}")
        index = calls[0]
        calls[0] += 1
        if index >= len(turns):
            if not repeat_last or not turns:
                return OFF_SCRIPT.format(why=SCRIPT_ENDED)
            index = len(turns) - 1
        turn = turns[index]
        missing = [text for text in turn.get("expect", []) if text not in prompt]
        if missing:
            return OFF_SCRIPT.format(why=f"call {index + 1}: the prompt lacks {missing[0]!r}")
        return str(turn["reply"])

    return model


# --- tools ----------------------------------------------------------------------------------------------

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_UNARY = {ast.UAdd: operator.pos, ast.USub: operator.neg}


def _evaluate(node: ast.AST) -> float:
    if isinstance(node, ast.Expression):
        return _evaluate(node.body)
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return _BINARY[type(node.op)](_evaluate(node.left), _evaluate(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_evaluate(node.operand))
    raise ValueError("only numbers, + - * / and parentheses are allowed")


def calculator() -> Callable[[str], str]:
    """Arithmetic on numbers with + - * / and parentheses; the result with up to 10 significant digits."""

    def tool(expression: str) -> str:
        text = str(expression).strip()
        if not text or len(text) > MAX_EXPRESSION:
            raise ValueError("expected an arithmetic expression")
        try:
            tree = ast.parse(text, mode="eval")
        except SyntaxError:
            raise ValueError(f"cannot parse {text!r}") from None
        return f"{_evaluate(tree):.10g}"

    return tool


def lookup(table: dict[str, str]) -> Callable[[str], str]:
    """A small knowledge base: the entry for the query, case and surrounding spaces ignored."""
    entries = {key.lower(): str(value) for key, value in table.items()}

    def tool(query: str) -> str:
        key = str(query).strip().lower()
        if key not in entries:
            raise KeyError(key)
        return entries[key]

    return tool


def failing_tool(message: str) -> Callable[[str], str]:
    """A tool whose backend is down: every call raises RuntimeError(message)."""

    def tool(_query: str) -> str:
        raise RuntimeError(message)

    return tool


CALLABLES: dict[str, Callable[..., Callable[..., Any]]] = {
    "lm_table": lm_table,
    "lm_random": lm_random,
    "scripted_model": scripted_model,
    "calculator": calculator,
    "lookup": lookup,
    "failing_tool": failing_tool,
}
