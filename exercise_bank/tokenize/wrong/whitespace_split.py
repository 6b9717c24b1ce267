# Mistake: only splits on whitespace, so punctuation sticks to words and Chinese is never split.
def tokenize(text):
    return text.lower().split()
