def build_few_shot_prompt(
    instruction: str, examples: list[dict], query: str, max_tokens: int, k: int | None = None
) -> dict:
    """Pick the examples most similar to the query that fit the token budget; the most similar goes last.

    Returns {"prompt": str, "examples": [indices in prompt order], "tokens": int}.
    """
    raise NotImplementedError
