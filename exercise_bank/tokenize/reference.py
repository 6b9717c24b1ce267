def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


def _is_letter(char: str) -> bool:
    return char.isalpha() and not _is_cjk(char)


APOSTROPHES = ("'", "\u2019")


def tokenize(text: str) -> list[str]:
    """Lowercase `text` and split it into word, number, CJK-character and punctuation tokens."""
    text = text.lower()
    tokens: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
        elif _is_letter(char):
            start = i
            i += 1
            while i < n:
                if _is_letter(text[i]):
                    i += 1
                elif text[i] in APOSTROPHES and i + 1 < n and _is_letter(text[i + 1]):
                    i += 2
                else:
                    break
            tokens.append(text[start:i])
        elif char.isdecimal():
            start = i
            while i < n and text[i].isdecimal():
                i += 1
            tokens.append(text[start:i])
        else:
            # A CJK character, a punctuation mark or any other symbol: one token each.
            tokens.append(char)
            i += 1
    return tokens
