# Mistake: \w+ splits "don't" into three tokens, glues letters to digits ("gpt4") and keeps Chinese runs together.
import re


def tokenize(text):
    return re.findall(r"\w+|[^\w\s]", text.lower())
