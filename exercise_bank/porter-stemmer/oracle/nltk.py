from nltk.stem.porter import PorterStemmer

STEMMER = PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM)


def porter_stem(word):
    # ORIGINAL_ALGORITHM: the 1980 paper's rules, without NLTK's and Martin Porter's later extensions.
    return STEMMER.stem(word)
