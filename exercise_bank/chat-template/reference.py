ROLES = ("system", "user", "assistant")


def check_conversation(messages):
    """Roles known, contents strings, an optional system message first, then user/assistant turns alternating."""
    if not messages:
        raise ValueError("the conversation is empty")
    for index, message in enumerate(messages):
        if (
            not isinstance(message, dict)
            or message.get("role") not in ROLES
            or not isinstance(message.get("content"), str)
        ):
            raise ValueError(f"message {index} needs a role in {ROLES} and a str content")
    turns = messages[1:] if messages[0]["role"] == "system" else messages
    for index, message in enumerate(turns):
        expected = "user" if index % 2 == 0 else "assistant"
        if message["role"] != expected:
            raise ValueError("after an optional system message, roles must alternate user/assistant/user/...")


def render_chat(messages, style, add_generation_prompt=False, bos="<s>", eos="</s>"):
    """The prompt a chat model was trained on, in the ChatML or the Llama 2 format."""
    check_conversation(messages)
    if style == "chatml":
        text = "".join(f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in messages)
        return text + ("<|im_start|>assistant\n" if add_generation_prompt else "")
    if style == "llama2":
        system = messages[0]["content"] if messages[0]["role"] == "system" else None
        turns = messages[1:] if system is not None else messages
        parts = []
        for index, message in enumerate(turns):
            content = message["content"]
            if index == 0 and system is not None:
                content = f"<<SYS>>\n{system}\n<</SYS>>\n\n{content}"
            if message["role"] == "user":
                parts.append(f"{bos}[INST] {content.strip()} [/INST]")
            else:
                parts.append(f" {content.strip()} {eos}")
        return "".join(parts)  # the prompt already ends with [/INST]: no generation prompt to add
    raise ValueError(f"unknown style {style!r}; use 'chatml' or 'llama2'")


def fit_conversation(messages, style, max_chars):
    """Drop the oldest user/assistant exchanges until the prompt (with its generation prompt) fits max_chars.

    The system message and the last user message are always kept.
    """
    check_conversation(messages)
    if messages[-1]["role"] != "user":
        raise ValueError("the conversation must end with a user message to be answered")
    system = messages[:1] if messages[0]["role"] == "system" else []
    turns = list(messages[len(system) :])
    while len(render_chat(system + turns, style, add_generation_prompt=True)) > max_chars:
        if len(turns) == 1:
            raise ValueError("even the system message and the last user message do not fit")
        turns = turns[2:]  # the oldest user message and the assistant reply to it
    return system + turns
