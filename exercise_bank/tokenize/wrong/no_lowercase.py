# Mistake: follows every splitting rule but forgets to lowercase.
import re

CJK = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff"
LETTER = rf"[^\W\d_{CJK}]"
TOKEN = re.compile(rf"{LETTER}+(?:['’]{LETTER}+)*|\d+|[{CJK}]|[^\s]")


def tokenize(text):
    return TOKEN.findall(text)
