"""Search ranked by relevance, the same for the pages and the API: a title match comes before a body match.

Each searched field has a weight (PostgreSQL's letters: A for titles, B for summaries, C for statements and
topics). On PostgreSQL a row matches when its weighted full-text vector matches the words (`websearch` syntax,
the 'simple' configuration: no stemming, so English and Chinese are treated alike) or when a field contains the
text. The containment test is what finds Chinese: the 'simple' parser does not split CJK text into words, so
"注意力" is no token of "自注意力机制". The rank is the weight of the best field that contains the text, plus
PostgreSQL's `ts_rank` (below 1, so it only orders rows whose best containing field has the same weight). On
other databases (SQLite) the rank is the containment part alone.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Greatest

# PostgreSQL's default weights for D, C, B, A (ts_rank), so both parts of the rank agree on what counts more.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
MAX_QUERY = 100


def ranked_search(qs: QuerySet, text: str, fields: Sequence[tuple[str, str]]) -> QuerySet:
    """The rows of `qs` that match `text` in any of `fields` ((field, weight letter) pairs), annotated with
    `search_rank` and ordered by it, best first (the queryset's own order breaks ties)."""
    text = " ".join(text.split())[:MAX_QUERY]
    if not text:
        return qs
    contains = Q()
    whens = []
    for name, weight in sorted(fields, key=lambda f: -WEIGHTS[f[1]]):
        contains |= Q(**{f"{name}__icontains": text})
        whens.append(When(Q(**{f"{name}__icontains": text}), then=Value(WEIGHTS[weight])))
    rank = Case(*whens, default=Value(0.0), output_field=FloatField())
    if connection.vendor == "postgresql":
        vector = reduce(operator.add, (SearchVector(name, weight=weight, config="simple") for name, weight in fields))
        query = SearchQuery(text, search_type="websearch", config="simple")
        qs = qs.annotate(_search_vector=vector, _fts_rank=SearchRank(F("_search_vector"), query))
        qs = qs.filter(contains | Q(_search_vector=query))
        rank = rank + Greatest(F("_fts_rank"), Value(0.0))
    else:
        qs = qs.filter(contains)
    ordering = list(qs.query.order_by or qs.model._meta.ordering or ["pk"])
    return qs.annotate(search_rank=rank).order_by("-search_rank", *ordering)
