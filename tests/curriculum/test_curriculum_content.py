"""Content checks for the curriculum's stage files (curriculum/stages/*.yaml; the tracks: test_tracks_content.py).

Plain YAML, no Django: these run before the planner's loader exists and guard the data it will load.
"""

import re
from collections import Counter

from tests.curriculum.curriculum_data import (
    CJK_RE,
    CURRICULUM_DIR,
    all_milestones,
    find_cycle,
    load_stage_files,
    load_tracks,
    milestones_by_slug,
    prerequisite_graph,
    transitive_prerequisites,
)

EXPECTED_STAGES = [
    "computing-foundations",
    "mathematics",
    "python-for-data",
    "machine-learning",
    "deep-learning",
    "nlp",
    "transformers",
    "llms-and-agents",
    "practice-and-career",
]
# The milestones graded exercises are tied to, with their stage.
GRADED_MILESTONES = {
    "sequential-vs-parallel": "computing-foundations",
    "cpu-vs-gpu": "computing-foundations",
    "general-vs-special-purpose": "computing-foundations",
    "edge-cloud-fog": "computing-foundations",
    "parallel-computing-in-practice": "computing-foundations",
    "vectors-and-dot-product": "mathematics",
    "matrices-and-multiplication": "mathematics",
    "determinants-and-inverses": "mathematics",
    "eigenvalues-and-pca": "mathematics",
    "singular-value-decomposition": "mathematics",
    "calculus-basics": "mathematics",
    "derivatives-and-gradients": "mathematics",
    "probability-basics": "mathematics",
    "probability-distributions": "mathematics",
    "expectation-variance-covariance": "mathematics",
    "bayes-theorem": "mathematics",
    "descriptive-statistics": "mathematics",
    "hypothesis-testing": "mathematics",
    "ab-testing": "mathematics",
    "python-basics": "python-for-data",
    "numpy": "python-for-data",
    "scipy": "python-for-data",
    "pandas": "python-for-data",
    "sql": "python-for-data",
    "data-visualization": "python-for-data",
    "data-cleaning-and-eda": "python-for-data",
    "ml-fundamentals": "machine-learning",
    "scikit-learn-workflow": "machine-learning",
    "feature-engineering": "machine-learning",
    "hyperparameter-tuning": "machine-learning",
    "model-evaluation-metrics": "machine-learning",
    "cross-validation": "machine-learning",
    "linear-regression": "machine-learning",
    "logistic-regression": "machine-learning",
    "overfitting-and-regularization": "machine-learning",
    "decision-trees-and-random-forests": "machine-learning",
    "naive-bayes": "machine-learning",
    "supervised-classification": "machine-learning",
    "clustering-kmeans": "machine-learning",
    "neural-network-basics": "deep-learning",
    "activation-functions": "deep-learning",
    "softmax-and-cross-entropy": "deep-learning",
    "backpropagation": "deep-learning",
    "optimizers": "deep-learning",
    "neural-network-training": "deep-learning",
    "pytorch": "deep-learning",
    "tensorflow-keras": "deep-learning",
    "gpu-accelerated-training": "deep-learning",
    "convolutional-neural-networks": "deep-learning",
    "recurrent-neural-networks": "deep-learning",
    "tokenization": "nlp",
    "text-preprocessing": "nlp",
    "part-of-speech-tagging": "nlp",
    "bag-of-words-tf-idf": "nlp",
    "language-modeling": "nlp",
    "word-embeddings": "nlp",
    "text-classification": "nlp",
    "sentiment-analysis": "nlp",
    "named-entity-recognition": "nlp",
    "seq2seq-and-machine-translation": "nlp",
    "text-summarization": "nlp",
    "query-key-value": "transformers",
    "self-attention": "transformers",
    "multi-head-attention": "transformers",
    "positional-encoding": "transformers",
    "transformer-block": "transformers",
    "encoder-decoder": "transformers",
    "pretraining-and-fine-tuning": "transformers",
    "bert": "transformers",
    "gpt": "transformers",
    "hugging-face-transformers": "transformers",
    "llm-fundamentals": "llms-and-agents",
    "chatgpt-and-dialogue-models": "llms-and-agents",
    "prompting-and-in-context-learning": "llms-and-agents",
    "llm-applications": "llms-and-agents",
    "llm-fine-tuning": "llms-and-agents",
    "llm-challenges": "llms-and-agents",
    "agent-types": "llms-and-agents",
    "llm-agents": "llms-and-agents",
    "agent-applications": "llms-and-agents",
    "agent-challenges": "llms-and-agents",
}
COMPLETION_VALUES = {"auto", "mentor", "self"}
RESOURCE_KINDS = {"book", "course", "paper", "docs", "video", "website", "community"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_stage_files_declare_the_nine_stages_in_order():
    stages = [data["stage"] for _, data in load_stage_files()]
    assert [s["slug"] for s in sorted(stages, key=lambda s: s["order"])] == EXPECTED_STAGES
    assert [s["order"] for s in stages] == list(range(1, 10))


def test_stage_file_names_match_order_and_slug():
    for path, data in load_stage_files():
        assert path.name == f"{data['stage']['order']:02d}-{data['stage']['slug']}.yaml"


def test_every_stage_has_english_and_chinese_title_and_summary():
    for _, data in load_stage_files():
        stage = data["stage"]
        for field in ("title", "summary"):
            assert stage[field]["en"].strip(), (stage["slug"], field)
            assert CJK_RE.search(stage[field]["zh"]), (stage["slug"], field)


# --- milestones ------------------------------------------------------------------------------


def test_the_readme_gives_the_number_of_milestones_there_are():
    """Issue 11 bug 17: the README said ~80 milestones when there were 96."""
    readme = (CURRICULUM_DIR.parent / "README.md").read_text(encoding="utf-8")
    assert f"into {len(all_milestones())} tracked milestones" in readme


# Words about how the curriculum was drafted, which mean nothing to the people who read it.
INTERNAL_WORDING = re.compile(r"seed conversation|种子对话|原始对话", re.IGNORECASE)


def _texts(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for value in node.values() for text in _texts(value)]
    if isinstance(node, list):
        return [text for value in node for text in _texts(value)]
    return []


def test_the_curriculum_is_written_for_its_readers_in_both_languages():
    """Issue 11 bug 13: a track's English summary began "The path the seed conversation plans for..."."""
    documents = [data for _, data in load_stage_files()] + [{"tracks": load_tracks()}]
    found = [text for data in documents for text in _texts(data) if INTERNAL_WORDING.search(text)]
    assert found == []


def test_curriculum_has_at_least_seventy_milestones():
    assert len(all_milestones()) >= 70


def test_milestone_slugs_are_unique_across_all_stage_files():
    counts = Counter(m["slug"] for _, m in all_milestones())
    assert [slug for slug, n in counts.items() if n > 1] == []


def test_milestone_slugs_are_lowercase_kebab_case():
    assert [m["slug"] for _, m in all_milestones() if not SLUG_RE.match(m["slug"])] == []


def test_every_stage_has_at_least_three_milestones():
    for _, data in load_stage_files():
        assert len(data["milestones"]) >= 3, data["stage"]["slug"]


def test_every_milestone_has_english_and_chinese_title_and_summary():
    for _, m in all_milestones():
        for field in ("title", "summary"):
            assert set(m[field]) == {"en", "zh"}, (m["slug"], field)
            assert m[field]["en"].strip(), (m["slug"], field)
            assert not CJK_RE.search(m[field]["en"]), (m["slug"], field, "Chinese in the English text")
            assert CJK_RE.search(m[field]["zh"]), (m["slug"], field, "no Chinese in the Chinese text")


def test_every_milestone_lists_topics_in_both_languages_pairwise():
    for _, m in all_milestones():
        assert m["topics"]["en"], m["slug"]
        assert len(m["topics"]["en"]) == len(m["topics"]["zh"]), m["slug"]


def test_every_milestone_has_positive_estimated_hours():
    for _, m in all_milestones():
        assert isinstance(m["hours"], int | float) and not isinstance(m["hours"], bool), m["slug"]
        assert m["hours"] > 0, m["slug"]


def test_every_milestone_completion_is_auto_mentor_or_self():
    assert {m["slug"]: m["completion"] for _, m in all_milestones() if m["completion"] not in COMPLETION_VALUES} == {}


def test_every_milestone_has_a_resource_with_authors_and_a_known_kind():
    for _, m in all_milestones():
        assert m["resources"], m["slug"]
        for resource in m["resources"]:
            assert resource["title"].strip(), m["slug"]
            assert resource["authors"].strip(), (m["slug"], resource["title"])
            assert resource["kind"] in RESOURCE_KINDS, (m["slug"], resource["title"])
            assert resource["url"] == "" or resource["url"].startswith("https://"), (m["slug"], resource["url"])


def test_every_prerequisite_names_an_existing_milestone():
    known = set(milestones_by_slug())
    missing = [(m["slug"], p) for _, m in all_milestones() for p in m["prerequisites"] if p not in known]
    assert missing == []


def test_no_milestone_is_its_own_prerequisite_or_lists_one_twice():
    for _, m in all_milestones():
        assert m["slug"] not in m["prerequisites"], m["slug"]
        assert len(m["prerequisites"]) == len(set(m["prerequisites"])), m["slug"]


def test_prerequisite_graph_is_acyclic():
    assert find_cycle(prerequisite_graph()) is None


def test_graded_milestones_exist_in_their_stage_with_auto_completion():
    stage_of = {m["slug"]: stage for stage, m in all_milestones()}
    by_slug = milestones_by_slug()
    for slug, stage in GRADED_MILESTONES.items():
        assert stage_of.get(slug) == stage, slug
        assert by_slug[slug]["completion"] == "auto", slug


def test_only_graded_milestones_are_auto():
    auto = {m["slug"] for _, m in all_milestones() if m["completion"] == "auto"}
    assert auto == set(GRADED_MILESTONES)


def test_capstone_and_portfolio_milestones_need_a_mentor():
    by_slug = milestones_by_slug()
    for slug in (
        "portfolio-and-blog",
        "end-to-end-data-science-project",
        "nlp-application-project",
        "deep-learning-project",
        "reproduce-a-paper",
    ):
        assert by_slug[slug]["completion"] == "mentor", slug


def test_python_basics_has_no_prerequisites_and_comes_before_the_data_tools():
    graph = prerequisite_graph()
    assert graph["python-basics"] == []
    for slug in ("numpy", "pandas", "scipy", "tokenization", "pytorch"):
        assert "python-basics" in transitive_prerequisites(graph, slug), slug


def test_self_attention_builds_on_dot_product_softmax_and_neural_networks():
    needed = transitive_prerequisites(prerequisite_graph(), "self-attention")
    assert {
        "vectors-and-dot-product",
        "softmax-and-cross-entropy",
        "neural-network-basics",
        "query-key-value",
    } <= needed


def test_transformer_chain_runs_from_attention_to_llms_and_agents():
    graph = prerequisite_graph()
    assert "encoder-decoder" in transitive_prerequisites(graph, "bert")
    assert "encoder-decoder" in transitive_prerequisites(graph, "gpt")
    assert {"bert", "gpt", "self-attention"} <= transitive_prerequisites(graph, "llm-fundamentals")
    assert {"agent-types", "llm-applications"} <= transitive_prerequisites(graph, "agent-applications")


def test_named_milestones_from_the_schema_exist():
    for slug in (
        "python-basics",
        "query-key-value",
        "llm-applications",
        "agent-challenges",
        "kaggle-competitions",
        "open-source-contribution",
        "papers-and-conferences",
        "portfolio-and-blog",
        "find-a-mentor",
        "career-roles",
    ):
        assert slug in milestones_by_slug(), slug


# --- tracks ----------------------------------------------------------------------------------
