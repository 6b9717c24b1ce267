def render_chat(
    messages: list[dict], style: str, add_generation_prompt: bool = False, bos: str = "<s>", eos: str = "</s>"
) -> str:
    """The prompt a chat model was trained on, in the ChatML ("chatml") or the Llama 2 ("llama2") format."""
    raise NotImplementedError


def fit_conversation(messages: list[dict], style: str, max_chars: int) -> list[dict]:
    """Drop the oldest user/assistant exchanges until the prompt (with its generation prompt) fits max_chars.

    The system message and the last user message are always kept.
    """
    raise NotImplementedError
