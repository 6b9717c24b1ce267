"""Cases for chat-template: ChatML and Llama 2 prompts with and without a system message, whitespace (kept by
ChatML, stripped by Llama 2), conversations that break the role rules, and trimming a long conversation
to a character budget."""

from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker, diff, with_hints

RENDER, FIT = "render_chat", "fit_conversation"

EXCHANGES = [
    ("What is the capital of France?", "Paris."),
    ("And of Italy?", "Rome."),
    ("How many legs does a spider have?", "Eight."),
    ("Translate 'good morning' into Chinese.", "早上好。"),
    ("北京在哪个国家？", "中国。"),
    ("Give me a prime number above 50.", "53."),
    ("Who wrote 'Pride and Prejudice'?", "Jane Austen."),
    ("What does GPU stand for?", "Graphics processing unit."),
    ("Is 1 a prime number?", "No: a prime has exactly two divisors."),
    ("Name a sorting algorithm.", "Merge sort."),
]
SYSTEMS = ["You are a concise assistant.", "Answer in one short sentence.", "你是一个乐于助人的助手。"]


def _conversation(rng, exchanges, system=True, end_with_user=True):
    chosen = rng.choice(len(EXCHANGES), size=exchanges, replace=False)
    messages = [{"role": "system", "content": str(rng.choice(SYSTEMS))}] if system else []
    for index in chosen:
        question, answer = EXCHANGES[int(index)]
        messages += [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
    if end_with_user:
        messages = messages[:-1]
    return messages


CHATML = {
    "en": (
        "ChatML: '<|im_start|>' + role + '\\n' + content + '<|im_end|>\\n' for every message, contents untouched; the "
        "generation prompt is '<|im_start|>assistant\\n'"
    ),
    "zh": (
        "ChatML：每条消息写成 '<|im_start|>' + 角色 + '\\n' + 内容 + '<|im_end|>\\n'，内容保持原样；生成提示是 "
        "'<|im_start|>assistant\\n'"
    ),
}
LLAMA2 = {
    "en": (
        "Llama 2: each user turn is bos + '[INST] ' + content.strip() + ' [/INST]', each reply ' ' + content.strip() + ' ' + "
        "eos; the system message goes inside the first [INST], between <<SYS>> markers"
    ),
    "zh": (
        "Llama 2：每个用户轮次写成 bos + '[INST] ' + content.strip() + ' [/INST]'，每条回复写成 ' ' + content.strip() + ' ' "
        "+ eos；系统消息放在第一个 [INST] 里，夹在 <<SYS>> 标记之间"
    ),
}
ROLES = {
    "en": "raise ValueError unless the conversation is an optional system message followed by user, assistant, user, ... turns",
    "zh": "除非对话是一个可选的系统消息后接 user、assistant、user…… 交替的轮次，否则抛出 ValueError",
}
FITTING = {
    "en": (
        "measure the whole prompt with its generation prompt; drop the oldest user message together with the reply to it, "
        "never the system message or the last user message"
    ),
    "zh": "测量包括生成提示在内的整个提示；每次删掉最早的一条用户消息及对它的回复，永远不删系统消息和最后一条用户消息",
}

# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "ChatML": CHATML,
    "Llama 2 strips each turn": {
        "en": (
            "strip the text that goes inside [INST] (with the system block, the whole '<<SYS>>...' + user text) and "
            "each reply"
        ),
        "zh": "去掉放进 [INST] 中的文本两端的空白（有系统消息时是整个 '<<SYS>>...' 加用户文本），以及每条回复两端的空白",
    },
    "Llama 2": LLAMA2,
    "other bos and eos tokens": LLAMA2,
    "an unknown style": {"en": "only 'chatml' and 'llama2' are known", "zh": "只认识 'chatml' 和 'llama2' 两种格式"},
    "fitting: too small for the last question": {
        "en": "when even the system message and the last user message do not fit, raise ValueError",
        "zh": "当连系统消息和最后一条用户消息都放不下时，抛出 ValueError",
    },
    "fitting: a conversation that ends with a reply": {
        "en": "there is nothing to answer when the last message is the assistant's: raise ValueError",
        "zh": "最后一条消息是助手的回复时，没有需要回答的内容：抛出 ValueError",
    },
    "fitting: ": FITTING,
}
EXAMPLE = [
    {"role": "system", "content": "You are a concise assistant."},
    {"role": "user", "content": "What is the capital of France?"},
    {"role": "assistant", "content": "Paris."},
    {"role": "user", "content": "And of Italy?"},
]
SPACED = [
    {"role": "system", "content": " Be brief. "},
    {"role": "user", "content": "  Hello!\n"},
    {"role": "assistant", "content": "\nHi there.  "},
    {"role": "user", "content": " Bye "},
]
_render = case_maker(RENDER)
_fit = case_maker(FIT)


def make_cases(rng):
    cases = [
        _render(
            {"en": "statement example: ChatML", "zh": "题目示例：ChatML"},
            EXAMPLE,
            "chatml",
            add_generation_prompt=True,
            visible=True,
        ),
        _render({"en": "statement example: Llama 2", "zh": "题目示例：Llama 2"}, EXAMPLE, "llama2", visible=True),
        _fit(
            {"en": "statement example: fitting 150 characters", "zh": "题目示例：截断到 150 个字符"},
            EXAMPLE,
            "chatml",
            150,
            visible=True,
        ),
    ]
    long = _conversation(rng, int(rng.integers(3, 6)))
    plain = _conversation(rng, int(rng.integers(2, 4)), system=False)
    cases += [
        _render(
            {"en": "ChatML, several turns, no generation prompt", "zh": "ChatML，多轮对话，不加生成提示"},
            long,
            "chatml",
        ),
        _render(
            {"en": "ChatML without a system message", "zh": "没有系统消息的 ChatML"},
            plain,
            "chatml",
            add_generation_prompt=True,
        ),
        _render({"en": "Llama 2, several turns", "zh": "Llama 2，多轮对话"}, long, "llama2"),
        _render(
            {"en": "Llama 2 without a system message", "zh": "没有系统消息的 Llama 2"},
            plain,
            "llama2",
            add_generation_prompt=True,
        ),
        _render(
            {"en": "ChatML keeps whitespace", "zh": "ChatML 保留空白"}, SPACED, "chatml", add_generation_prompt=True
        ),
        _render({"en": "Llama 2 strips each turn", "zh": "Llama 2 去掉每轮两端的空白"}, SPACED, "llama2"),
        _render(
            {"en": "other bos and eos tokens", "zh": "其他的 bos 和 eos 标记"},
            long,
            "llama2",
            bos="<|begin|>",
            eos="<|end|>",
        ),
    ]
    bad_conversations = [
        (
            "two user messages in a row",
            "连续两条用户消息",
            [{"role": "user", "content": "Hi"}, {"role": "user", "content": "Hello?"}],
        ),
        (
            "a system message in the middle",
            "系统消息出现在中间",
            [*plain[:2], {"role": "system", "content": "Be nice."}, *plain[2:]],
        ),
        (
            "a conversation that starts with the assistant",
            "以助手消息开头的对话",
            [{"role": "assistant", "content": "Hi"}, {"role": "user", "content": "Hi"}],
        ),
        (
            "an unknown role",
            "未知的角色",
            [{"role": "user", "content": "Weather?"}, {"role": "tool", "content": "sunny"}],
        ),
        ("an empty conversation", "空对话", []),
    ]
    for name, name_zh, messages in bad_conversations:
        cases.append(
            _render(
                raises_value_error(name, name_zh),
                messages,
                str(rng.choice(["chatml", "llama2"])),
                hint=ROLES,
            )
        )
    cases.append(
        _render({"en": "an unknown style raises ValueError", "zh": "未知格式抛出 ValueError"}, plain, "alpaca")
    )
    full = len("".join(f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in long)) + len(
        "<|im_start|>assistant\n"
    )
    system_and_last = len(f"<s>[INST] <<SYS>>\n{long[0]['content']}\n<</SYS>>\n\n{long[-1]['content']} [/INST]")
    cases += [
        _fit({"en": "fitting: everything fits", "zh": "截断：全部放得下"}, long, "chatml", full),
        _fit({"en": "fitting: one character short", "zh": "截断：差一个字符"}, long, "chatml", full - 1),
        _fit(
            {
                "en": "fitting: only the system message and the last question fit",
                "zh": "截断：只放得下系统消息和最后一个问题",
            },
            long,
            "llama2",
            system_and_last,
        ),
        _fit(
            {"en": "fitting: a Llama 2 budget", "zh": "截断：Llama 2 的预算"},
            long,
            "llama2",
            int(rng.integers(180, 320)),
        ),
        _fit(
            {"en": "fitting: no system message", "zh": "截断：没有系统消息"},
            plain,
            "chatml",
            int(rng.integers(90, 200)),
        ),
        _fit(
            raises_value_error("fitting: too small for the last question", "截断：放不下最后一个问题"),
            long,
            "chatml",
            40,
        ),
        _fit(
            {
                "en": "fitting: a conversation that ends with a reply raises ValueError",
                "zh": "截断：以回复结尾的对话抛出 ValueError",
            },
            _conversation(rng, 2, end_with_user=False),
            "chatml",
            1000,
        ),
    ]
    return with_hints(cases, HINTS)


def check(case, expected, got):
    """Prompts are compared character by character: say where the first difference is."""
    if not isinstance(expected, str) or not isinstance(got, str):
        mismatch = diff(expected, got)
        if mismatch is None:
            return None
        text = mismatch.message() if case.visible else mismatch.reason
        return {"en": text, "zh": text}
    if expected == got:
        return None
    at = next((i for i, (e, g) in enumerate(zip(expected, got)) if e != g), min(len(expected), len(got)))
    if not case.visible:
        return {
            "en": f"the prompt differs from character {at} on (expected {len(expected)} characters, got {len(got)})",
            "zh": f"提示从第 {at} 个字符起不同（应有 {len(expected)} 个字符，实际 {len(got)} 个）",
        }
    start = max(at - 20, 0)
    return {
        "en": f"the prompt differs from character {at} on: expected {expected[start : at + 25]!r}, got {got[start : at + 25]!r}",
        "zh": f"提示从第 {at} 个字符起不同：应为 {expected[start : at + 25]!r}，实际为 {got[start : at + 25]!r}",
    }
