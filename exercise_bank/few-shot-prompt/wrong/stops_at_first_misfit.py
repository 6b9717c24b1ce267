# Mistake: stops at the first example that does not fit, where a shorter, less similar one could still fit.
import re

TOKEN = re.compile(r"[A-Za-z0-9]+|[^\sA-Za-z0-9]")


def count_tokens(text: str) -> int:
    """Runs of ASCII letters and digits count one token each; every other non-space character counts one."""
    return len(TOKEN.findall(text))


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two texts' sets of lowercase tokens (0 when both are empty)."""
    left, right = set(TOKEN.findall(a.lower())), set(TOKEN.findall(b.lower()))
    union = left | right
    return len(left & right) / len(union) if union else 0.0


def block(text_in: str, text_out: str | None) -> str:
    return f"Input: {text_in}\nOutput:" + (f" {text_out}" if text_out is not None else "")


def build_few_shot_prompt(instruction, examples, query, max_tokens, k=None):
    """Pick the examples most similar to the query that fit the token budget; the most similar goes last."""
    base = count_tokens(instruction) + count_tokens(block(query, None))
    if base > max_tokens:
        raise ValueError(f"the instruction and the query alone take {base} tokens, more than {max_tokens}")
    ranked = sorted(range(len(examples)), key=lambda i: (-similarity(query, examples[i]["input"]), i))
    chosen, used = [], base
    for index in ranked:
        if k is not None and len(chosen) == k:
            break
        cost = count_tokens(block(examples[index]["input"], examples[index]["output"]))
        if used + cost > max_tokens:
            break
        chosen.append(index)
        used += cost
    order = chosen[::-1]  # the most similar example ends up right before the query
    parts = [instruction, *(block(examples[i]["input"], examples[i]["output"]) for i in order), block(query, None)]
    prompt = "\n\n".join(parts)
    return {"examples": order, "tokens": count_tokens(prompt), "prompt": prompt}
