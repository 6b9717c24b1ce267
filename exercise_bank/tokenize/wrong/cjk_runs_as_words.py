# Mistake: str.isalpha() is true for Chinese characters too, so "我爱" becomes one word.
def tokenize(text):
    text = text.lower()
    tokens, i = [], 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c.isalpha():
            start = i
            i += 1
            while i < len(text) and (
                text[i].isalpha() or (text[i] in "'’" and i + 1 < len(text) and text[i + 1].isalpha())
            ):
                i += 2 if text[i] in "'’" else 1
            tokens.append(text[start:i])
        elif c.isdecimal():
            start = i
            while i < len(text) and text[i].isdecimal():
                i += 1
            tokens.append(text[start:i])
        else:
            tokens.append(c)
            i += 1
    return tokens
