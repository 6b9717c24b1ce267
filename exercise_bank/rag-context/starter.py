import re

# Given: how the budget is counted (one token per ASCII word or number, per Chinese character, per other symbol).
TOKEN = re.compile(r"[A-Za-z0-9]+|[\u4e00-\u9fff]|[^\sA-Za-z0-9\u4e00-\u9fff]")

# Given: the prompt template, in the language of the question (Chinese when it contains a Chinese character).
TEMPLATES = {
    "en": (
        "Answer the question using only the context below. If the answer is not in the context, say you do not know.",
        "Context:",
        "Question: ",
        "Answer:",
    ),
    "zh": ("请只根据下面的资料回答问题。如果资料中没有答案，请说不知道。", "资料：", "问题：", "回答："),
}


def count_tokens(text: str) -> int:
    return len(TOKEN.findall(text))


def build_prompt(documents: list[str], question: str, budget: int) -> str:
    """Return a prompt of at most `budget` tokens: the header, the most relevant chunks of the documents, the question.

    Lines: header, "", "Context:", "[1] chunk", "[2] chunk", ..., "", "Question: <question>", "Answer:".
    A chunk is one or more consecutive whole sentences copied exactly from one document.
    Raise ValueError if even the prompt without any chunk does not fit in the budget.
    """
    raise NotImplementedError
