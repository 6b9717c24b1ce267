"""Oracle: scikit-learn's TfidfVectorizer on the given tokens (smooth_idf, l2 rows).

scikit-learn's tf is the raw count, the statement's is count / len(doc): each row is scaled by one number, which the
L2 normalisation of the row removes, so the results agree.
"""

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


def tfidf(docs):
    if not any(docs):
        # scikit-learn refuses an empty vocabulary; the statement returns no columns.
        return [], np.zeros((len(docs), 0))
    vectorizer = TfidfVectorizer(analyzer=lambda doc: doc, lowercase=False, smooth_idf=True, norm="l2")
    matrix = vectorizer.fit_transform(docs).toarray()
    return vectorizer.get_feature_names_out().tolist(), matrix
