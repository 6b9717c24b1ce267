"""Cases for map-reduce: the statement's examples shown; uneven splits, more workers than items, one reducer, no
combiner, mixed case, more mappers than documents, an empty corpus, bad arguments and random corpora (Zipf-like
word frequencies, English and Chinese words) hidden."""

from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR
from gpu_runner.graders.code import case_maker, with_hints

EXAMPLE = ["the cat sat", "The dog sat", "a cat and a dog", "the end"]
WORDS = [
    "the", "of", "and", "to", "in", "is", "was", "for", "on", "that", "with", "as", "by", "at", "from", "data",
    "model", "train", "test", "loss", "gpu", "cpu", "map", "reduce", "key", "value", "shard", "worker", "batch",
    "数据", "模型", "训练", "并行", "进程", "线程"
]  # fmt: skip
SPLITS = {
    "en": "contiguous ranges; the first n_items % n_workers workers get one item more",
    "zh": "连续的区间；前 n_items % n_workers 个 worker 各多分到一个",
}
PARTITIONER = {
    "en": "zlib.crc32(key.encode('utf-8')) % n_reducers: the same on every machine, unlike hash()",
    "zh": "zlib.crc32(key.encode('utf-8')) % n_reducers：在每台机器上都一样，hash() 则不然",
}
COMBINER = {
    "en": "with the combiner each mapper sends one record per distinct word of its own documents; without it, "
    "one per occurrence",
    "zh": "使用合并器时，每个 mapper 对自己文档里的每个不同的词只发送一条记录；不使用时，每出现一次就发送一条",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "an uneven split": SPLITS,
    "more workers than items": {
        "en": "the last workers get empty ranges (start == stop)",
        "zh": "最后几个 worker 分到空区间（start == stop）",
    },
    "no workers": RAISE_VALUE_ERROR,
    "a word among 7 reducers": PARTITIONER,
    "a Chinese word": PARTITIONER,
    "no reducers": RAISE_VALUE_ERROR,
    "a corpus over 4 mappers": COMBINER,
    "the same corpus without the combiner": COMBINER,
    "uneven splits over 7 mappers": SPLITS,
    "mixed case": {"en": "lower-case every word before counting", "zh": "计数前把每个词都转成小写"},
    "one reducer": COMBINER,
    "more mappers than documents": {
        "en": "a mapper with no documents sends nothing",
        "zh": "没有分到文档的 mapper 什么也不发送",
    },
    "an empty corpus": {
        "en": "nothing shuffled, and every reducer's output is empty",
        "zh": "没有任何数据被洗牌，每个 reducer 的输出都为空",
    },
    "a job with no reducers": RAISE_VALUE_ERROR,
    "random job": PARTITIONER,
}


_chunks = case_maker("chunks")
_partition = case_maker("partition")
_job = case_maker("map_reduce")


def _corpus(rng, n_documents, max_words=30, casing=False):
    weights = 1.0 / (1.0 + rng.permutation(len(WORDS)))  # Zipf-like: a few words are everywhere
    weights /= weights.sum()
    documents = []
    for _ in range(n_documents):
        words = [str(w) for w in rng.choice(WORDS, size=int(rng.integers(0, max_words + 1)), p=weights)]
        if casing:
            words = [w.upper() if rng.random() < 0.3 else w.capitalize() if rng.random() < 0.3 else w for w in words]
        documents.append(" ".join(words))
    return documents


def _split_cases(rng):
    n, w = int(rng.integers(20, 200)), int(rng.integers(3, 9))
    return [
        _chunks({"en": "example: 10 items over 3 workers", "zh": "示例：10 项分给 3 个 worker"}, 10, 3, visible=True),
        _chunks({"en": "an uneven split", "zh": "不均匀的划分"}, n * w + w - 1, w),
        _chunks({"en": "more workers than items", "zh": "worker 比数据项还多"}, 3, 5),
        _chunks({"en": "no workers", "zh": "没有 worker"}, 10, 0),
    ]


def _partition_cases(rng):
    word = str(rng.choice(WORDS))
    return [
        _partition({"en": "example: where 'cat' goes", "zh": "示例：'cat' 去往哪里"}, "cat", 3, visible=True),
        _partition({"en": "a word among 7 reducers", "zh": "7 个 reducer 中的一个词"}, word, 7),
        _partition({"en": "a Chinese word", "zh": "一个中文词"}, "并行", 5),
        _partition({"en": "no reducers", "zh": "没有 reducer"}, word, 0),
    ]


def _job_cases(rng):
    corpus = _corpus(rng, 40)
    shown = [
        ({"en": "example: with the combiner", "zh": "示例：使用合并器"}, EXAMPLE, 2, 3, {}),
        ({"en": "example: without the combiner", "zh": "示例：不使用合并器"}, EXAMPLE, 2, 3, {"combine": False}),
    ]
    hidden = [
        ({"en": "a corpus over 4 mappers and 3 reducers", "zh": "4 个 mapper、3 个 reducer 处理一个语料"}, corpus, 4, 3, {}),
        ({"en": "the same corpus without the combiner", "zh": "同一个语料，不使用合并器"}, corpus, 4, 3, {"combine": False}),
        ({"en": "uneven splits over 7 mappers", "zh": "7 个 mapper 的不均匀划分"}, _corpus(rng, 23), 7, 4, {}),
        ({"en": "mixed case", "zh": "大小写混合"}, _corpus(rng, 15, casing=True), 3, 2, {}),
        ({"en": "one reducer", "zh": "只有一个 reducer"}, _corpus(rng, 12), 3, 1, {}),
        ({"en": "more mappers than documents", "zh": "mapper 比文档还多"}, _corpus(rng, 3), 6, 4, {}),
        ({"en": "an empty corpus", "zh": "空语料"}, [], 2, 3, {}),
        ({"en": "a job with no reducers", "zh": "没有 reducer 的作业"}, EXAMPLE, 2, 0, {}),
    ]  # fmt: skip
    cases = [_job(name, docs, mappers, reducers, visible=True, **kw) for name, docs, mappers, reducers, kw in shown]
    return cases + [_job(name, docs, mappers, reducers, **kw) for name, docs, mappers, reducers, kw in hidden]


def make_cases(rng):
    cases = _split_cases(rng) + _partition_cases(rng) + _job_cases(rng)
    for i in range(2):
        cases.append(
            _job(
                {"en": f"random job {i + 1}", "zh": f"随机作业 {i + 1}"},
                _corpus(rng, int(rng.integers(1, 80)), casing=True),
                int(rng.integers(1, 9)),
                int(rng.integers(1, 9)),
                combine=bool(rng.integers(0, 2)),
            )
        )
    return with_hints(cases, HINTS)
