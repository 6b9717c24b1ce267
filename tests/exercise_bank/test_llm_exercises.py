"""The Transformer, LLM and agent exercises: their statements' worked examples are what the references compute
and their quizzes' numeric answers are the arithmetic the explanations show (their cases' rules: test_case_rules.py).

`test_solutions.py` proves each reference passes its own grader and each wrong solution fails; the oracles prove
the references agree with the field's libraries. What neither sees is the statement: a worked example with a
wrong number would teach the wrong thing while every grading test stays green.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from gpu_runner.bank import Bank
from gpu_runner.callables_llm import calculator, lm_table, lookup, scripted_model
from tests.exercise_bank.helpers import CJK, reference

QUIZ_SLUGS = ("quiz-agent-types", "quiz-bert-vs-gpt", "quiz-llm-challenges", "quiz-agent-challenges")


# --- the statements' worked examples -------------------------------------------------------------


def test_top_p_statement_examples(bank):
    top_p = reference(bank, "top-p-filter").top_p_filter
    np.testing.assert_array_equal(top_p(np.array([2.0, 1.0, 0.0, -1.0]), 0.9), [2.0, 1.0, 0.0, -np.inf])
    np.testing.assert_array_equal(
        top_p(np.array([[2.0, 1.0, 1.0, 0.0], [0.0, -5.0, 4.0, 1.0]]), 0.7),
        [[2.0, 1.0, 1.0, -np.inf], [-np.inf, -np.inf, 4.0, -np.inf]],
    )


def test_temperature_statement_examples(bank):
    module = reference(bank, "temperature-sampling")
    logits = np.array([1.0, 2.0, 0.5, -1.0])
    np.testing.assert_allclose(module.softmax_with_temperature(logits, 1.0).round(3), [0.224, 0.609, 0.136, 0.03])
    np.testing.assert_allclose(module.softmax_with_temperature(logits, 0.5).round(3), [0.114, 0.842, 0.042, 0.002])
    assert [module.sample_token(logits, t, 0.9) for t in (1.0, 0.5, 0.0)] == [2, 1, 1]


def test_beam_search_statement_examples(bank):
    beam_search = reference(bank, "beam-search").beam_search
    log = math.log
    step = lm_table(
        {
            "0": [-math.inf, log(0.1), log(0.5), log(0.4)],
            "0 2": [-math.inf, log(0.6), log(0.1), log(0.3)],
            "0 3": [-math.inf, log(0.2), log(0.5), log(0.3)],
            "0 3 2": [-math.inf, log(0.9), log(0.05), log(0.05)],
        }
    )
    plain = beam_search(step, 0, 1, 2, 3, alpha=0.0)
    normalised = beam_search(step, 0, 1, 2, 3, alpha=1.0)
    assert [tokens for tokens, _ in plain] == [[2, 1], [3, 2, 1]]
    assert [round(score, 7) for _, score in plain] == [-1.2039728, -1.7147984]
    assert [tokens for tokens, _ in normalised] == [[3, 2, 1], [2, 1]]
    assert [round(score, 7) for _, score in normalised] == [-0.5715995, -0.6019864]
    assert [tokens for tokens, _ in beam_search(step, 0, 1, 1, 3)] == [[2, 1]]


def test_kv_cache_statement_examples(bank):
    module = reference(bank, "kv-cache-attention")
    eye = np.eye(2)
    out, keys, _ = module.attend_with_cache(
        np.array([[1.0, 0.0]]), np.array([[[0.0, 1.0], [1.0, 1.0]]]), np.array([[[1.0, 0.0], [0.0, 1.0]]]),
        eye, eye, eye, eye, 1,
    )  # fmt: skip
    np.testing.assert_allclose(out, [[0.59888791, 0.40111209]], rtol=1e-7)
    np.testing.assert_array_equal(keys, [[[0.0, 1.0], [1.0, 1.0], [1.0, 0.0]]])
    x = np.array([[1.0, 0.0, 0.0, 1.0], [0.0, 2.0, 1.0, 0.0], [1.0, 1.0, -1.0, 0.5]])
    eye4 = np.eye(4)
    chunked, cache_k, _ = module.incremental_attention(x, eye4, eye4, eye4, eye4, 2, [2, 1])
    whole, _, _ = module.incremental_attention(x, eye4, eye4, eye4, eye4, 2, [3])
    expected = [[1.0, 0.0, 0.0, 1.0], [0.0558, 1.8884, 0.6698, 0.3302], [0.5989, 1.2033, -0.4443, 0.6073]]
    np.testing.assert_allclose(chunked.round(4), expected)
    np.testing.assert_allclose(whole, chunked, rtol=1e-12)
    assert cache_k.shape == (2, 3, 2)


def test_rotary_statement_examples(bank):
    module = reference(bank, "rotary-embedding")
    cos, sin = module.rope_cos_sin(np.array([0, 1, 2]), 4)
    np.testing.assert_allclose(cos[2].round(4), [-0.4161, 0.9998, -0.4161, 0.9998])
    np.testing.assert_allclose(sin[1].round(4), [0.8415, 0.01, 0.8415, 0.01])
    rotated = module.apply_rope(np.array([[1.0, 0.0, 0.0, 1.0], [1.0, 0.0, 0.0, 1.0]]), np.array([0, 1]))
    np.testing.assert_allclose(rotated.round(4), [[1.0, 0.0, 0.0, 1.0], [0.5403, -0.01, 0.8415, 1.0]])
    q, k = np.array([[1.0, 2.0, 0.5, -1.0]]), np.array([[0.5, -1.0, 2.0, 1.0]])
    scores = [
        (module.apply_rope(q, np.array([m])) @ module.apply_rope(k, np.array([n])).T).item()
        for m, n in ((3, 1), (10, 8))
    ]
    assert scores[0] == pytest.approx(scores[1], rel=1e-12)
    assert round(scores[0], 5) == -2.01235


def test_transformer_block_statement_examples(bank):
    module = reference(bank, "transformer-block")
    eye = np.eye(4)
    params = {
        "self_attn.in_proj_weight": np.vstack([eye, eye, eye]),
        "self_attn.in_proj_bias": np.zeros(12),
        "self_attn.out_proj.weight": eye,
        "self_attn.out_proj.bias": np.zeros(4),
        "linear1.weight": eye,
        "linear1.bias": np.zeros(4),
        "linear2.weight": eye,
        "linear2.bias": np.zeros(4),
        "norm1.weight": np.ones(4),
        "norm1.bias": np.zeros(4),
        "norm2.weight": np.ones(4),
        "norm2.bias": np.zeros(4),
    }
    x = np.array([[1.0, 2.0, 3.0, 4.0], [2.0, 0.0, 0.0, 2.0]])
    np.testing.assert_allclose(
        module.transformer_block(x, params, 2).round(4),
        [[-0.2035, 1.3395, 3.1763, 6.5689], [3.4587, -1.0859, -0.7119, 4.0541]],
    )
    np.testing.assert_allclose(
        module.transformer_block(x, params, 2, causal=True).round(4)[0], [-0.4622, 1.4064, 3.748, 6.5627]
    )
    np.testing.assert_allclose(
        module.transformer_block(x, params, 2, norm_first=False).round(4)[1], [0.1118, -1.2363, -0.3935, 1.518]
    )


def test_qkv_statement_examples(bank):
    module = reference(bank, "qkv-projections")
    x = np.array([[1.0, 0.0, 2.0, -1.0], [0.0, 1.0, 1.0, 1.0], [1.0, 1.0, 0.0, 0.0]])
    w = np.vstack([np.eye(4), np.eye(4)[:2], np.eye(4)[2:]])
    q, k, v = module.split_qkv(x, w, np.zeros(8), 2, 1)
    assert (q.shape, k.shape, v.shape) == ((2, 3, 2), (1, 3, 2), (1, 3, 2))
    np.testing.assert_array_equal(q[1], [[2.0, -1.0], [1.0, 1.0], [0.0, 0.0]])
    np.testing.assert_allclose(
        module.grouped_query_attention(x, w, np.zeros(8), np.eye(4), 2, 1).round(4),
        [[2.0, -1.0, 2.0, -1.0], [1.3302, 0.3395, 1.5, 0.0], [0.7448, 0.0, 1.0, 0.0]],
    )
    assert module.kv_cache_bytes(80, 8, 128, 4096, 1, 2) == 1_342_177_280
    assert module.kv_cache_bytes(80, 64, 128, 4096, 1, 2) / 1e9 == pytest.approx(10.737, abs=1e-3)


def test_lora_statement_examples(bank):
    module = reference(bank, "lora-linear")
    w, b = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]]), np.array([0.5, -0.5])
    a, up = np.array([[1.0, 1.0, 0.0]]), np.array([[2.0], [-1.0]])
    np.testing.assert_allclose(module.lora_forward(np.array([1.0, 2.0, 3.0]), w, b, a, up, 2.0), [19.5, -7.5])
    np.testing.assert_allclose(module.lora_merge(w, a, up, 2.0), [[5.0, 4.0, 2.0], [-2.0, -1.0, -1.0]])


def test_mlm_statement_examples(bank):
    mask_tokens = reference(bank, "mlm-masking").mask_tokens
    inputs, labels = mask_tokens(
        np.array([101, 1996, 4937, 2938, 2006, 1996, 13523, 102]),
        np.array([True, False, False, False, False, False, False, True]),
        np.array([0.01, 0.05, 0.62, 0.10, 0.93, 0.12, 0.40, 0.02]),
        np.array([0.5, 0.30, 0.10, 0.85, 0.20, 0.95, 0.70, 0.1]),
        np.array([7, 2154, 88, 3899, 5, 2017, 42, 9]),
        103,
    )
    assert inputs.tolist() == [101, 103, 4937, 3899, 2006, 1996, 13523, 102]
    assert labels.tolist() == [-100, 1996, -100, 2938, -100, 1996, -100, -100]
    inputs, labels = mask_tokens(
        np.array([101, 1996, 4895, 8671, 3085, 4937, 102]),
        np.array([True, False, False, False, False, False, True]),
        np.array([0.5, 0.6, 0.9, 0.1, 0.8, 0.7, 0.05]),
        np.array([0.5, 0.5, 0.95, 0.85, 0.3, 0.5, 0.5]),
        np.array([1, 2, 3, 4, 5, 6, 7]),
        103,
        word_ids=np.array([-1, 0, 1, 1, 1, 2, -1]),
    )
    assert inputs.tolist() == [101, 1996, 103, 103, 103, 4937, 102]
    assert labels.tolist() == [-100, -100, 4895, 8671, 3085, -100, -100]


def test_tokenize_statement_examples(bank):
    pytest.importorskip("tokenizers")
    vocab = bank.get("tokenize-and-align-labels").load_module("grader").VOCAB
    align = reference(bank, "tokenize-and-align-labels").tokenize_and_align_labels
    words = [
        ["Ada", "Lovelace", "lives", "in", "Paris", "."],
        ["The", "New", "Yorker", "played", "in", "Saint-Étienne"],
    ]
    labels = [[1, 2, 0, 0, 3, 0], [0, 3, 4, 0, 0, 3]]
    names = {index: token for token, index in vocab.items()}
    out = align(words, labels, vocab, 32)
    assert [" ".join(names[i] for i in row) for row in out["input_ids"]] == [
        "[CLS] ada love ##lace lives in paris . [SEP] [PAD] [PAD] [PAD] [PAD]",
        "[CLS] the new york ##er play ##ed in saint - et ##ienne [SEP]",
    ]
    assert out["word_ids"].tolist() == [
        [-1, 0, 1, 1, 2, 3, 4, 5, -1, -1, -1, -1, -1],
        [-1, 0, 1, 2, 2, 3, 3, 4, 5, 5, 5, 5, -1],
    ]
    assert out["labels"].tolist() == [
        [-100, 1, 2, -100, 0, 0, 3, 0, -100, -100, -100, -100, -100],
        [-100, 0, 3, 4, -100, 0, -100, 0, 3, -100, -100, -100, -100],
    ]
    assert out["attention_mask"][0].tolist()[-4:] == [0, 0, 0, 0]
    every = align(words, labels, vocab, 32, label_all_tokens=True)["labels"]
    assert every[0][3] == 2 and every[1][4] == 4 and every[1][9:12].tolist() == [3, 3, 3]
    short = align(words, labels, vocab, 8)["input_ids"]
    assert [" ".join(names[i] for i in row) for row in short] == [
        "[CLS] ada love ##lace lives in paris [SEP]",
        "[CLS] the new york ##er play ##ed [SEP]",
    ]


def test_chat_template_statement_examples(bank):
    module = reference(bank, "chat-template")
    conversation = [
        {"role": "system", "content": "You are a concise assistant."},
        {"role": "user", "content": "What is the capital of France?"},
        {"role": "assistant", "content": "Paris."},
        {"role": "user", "content": "And of Italy?"},
    ]
    chatml = module.render_chat(conversation, "chatml", add_generation_prompt=True)
    assert chatml.endswith("<|im_start|>user\nAnd of Italy?<|im_end|>\n<|im_start|>assistant\n")
    assert len(chatml) == 218
    assert module.render_chat(conversation, "llama2") == (
        "<s>[INST] <<SYS>>\nYou are a concise assistant.\n<</SYS>>\n\nWhat is the capital of France? [/INST]"
        " Paris. </s><s>[INST] And of Italy? [/INST]"
    )
    assert module.fit_conversation(conversation, "chatml", 150) == [conversation[0], conversation[3]]
    assert len(module.render_chat([conversation[0], conversation[3]], "chatml", add_generation_prompt=True)) == 121


def test_few_shot_statement_examples(bank):
    grader = bank.get("few-shot-prompt").load_module("grader")
    build = reference(bank, "few-shot-prompt").build_few_shot_prompt
    assert build(grader.INSTRUCTION, grader.EXAMPLES, grader.QUERY, 60)["examples"] == [2, 0]
    out = build(grader.INSTRUCTION, grader.EXAMPLES, grader.QUERY, 50)
    assert (out["examples"], out["tokens"]) == ([4, 0], 47)
    assert out["prompt"].startswith(grader.INSTRUCTION + "\n\nInput: Terrible battery.\nOutput: negative\n\n")
    assert out["prompt"].endswith("Input: Is the battery of this phone great?\nOutput:")
    assert build(grader.INSTRUCTION, grader.EXAMPLES, grader.QUERY, 200, k=1)["examples"] == [0]


def test_react_statement_example(bank):
    run_agent = reference(bank, "react-agent-loop").run_agent
    model = scripted_model(
        [
            {
                "reply": "Thought: I need to compute this.\nAction: calculator\nAction Input: 17 * 23 + 5",
                "expect": ["Question: What is 17 * 23 + 5?\n"],
            },
            {
                "reply": "Thought: I now know the answer.\nFinal Answer: 396",
                "expect": ["Question: What is 17 * 23 + 5?\nThought: I need to compute this.\n", "Observation: 396\n"],
            },
        ]
    )
    result = run_agent(model, {"calculator": calculator(), "lookup": lookup({})}, "What is 17 * 23 + 5?", max_steps=5)
    assert result == {
        "status": "answered",
        "answer": "396",
        "steps": 2,
        "tool_calls": [{"tool": "calculator", "input": "17 * 23 + 5", "observation": "396"}],
    }


def test_structured_output_statement_examples(bank):
    schema = bank.get("structured-output").load_module("grader").SCHEMA
    parse = reference(bank, "structured-output").parse_structured
    fenced = (
        "Sure! Here is the JSON:\n```json\n{'name': 'Ada', 'age': 36, 'priority': 'high', 'tags': ['math', 'code',],}"
        "\n```\nLet me know!"
    )
    assert parse(fenced, schema) == {
        "value": {"name": "Ada", "age": 36, "priority": "high", "tags": ["math", "code"]},
        "repairs": ["code_fence", "single_quotes", "trailing_commas"],
        "errors": [],
        "valid": True,
    }
    broken = parse('{"name": "", "age": 36.0, "priority": "urgent", "tags": ["a", 7], "vip": 1}', schema)
    assert broken["errors"] == [["/name", "minLength"], ["/priority", "enum"], ["/tags/1", "type"], ["/vip", "type"]]
    truncated = parse('{"name": "Ada", "age": 36, "priority": "low", "tags": ["math", "co', schema)
    assert (truncated["repairs"], truncated["value"]["tags"]) == (["close_brackets"], ["math", "co"])


def test_param_count_statement_examples(bank):
    module = reference(bank, "llm-param-count")
    assert module.gpt2_param_count(50257, 1024, 768, 12) == 124_439_808
    assert (
        module.gpt2_param_count(50257, 1024, 768, 0 + 1) - module.gpt2_param_count(50257, 1024, 768, 0 + 2)
        == -7_087_872
    )
    assert module.gpt2_param_count(50257, 1024, 768, 1) - 7_087_872 == 50257 * 768 + 1024 * 768 + 1_536 == 39_385_344
    assert module.llama_param_count(32000, 4096, 11008, 32, 32, 32) == 6_738_415_616
    assert (
        module.llama_param_count(32000, 4096, 11008, 2, 32, 32)
        - module.llama_param_count(32000, 4096, 11008, 1, 32, 32)
        == 202_383_360
    )


def test_qa_statement_examples(bank):
    grader = bank.get("qa-answer-span").load_module("grader")
    answer_spans = reference(bank, "qa-answer-span").answer_spans
    question, context, _ = grader.TEXTS[0]
    offsets, first = grader._encode(question, context)
    assert first == 8 and len(offsets) == 23
    start, end = np.zeros(23), np.zeros(23)
    start[13], start[14], end[18], end[16] = 3.0, 2.0, 3.0, 2.5
    assert [
        (a["text"], a["start"], a["end"], round(a["score"], 7)) for a in answer_spans(start, end, offsets, context)
    ] == [("the Champ de Mars in Paris", 13, 18, 0.2308655)]
    best3 = answer_spans(start, end, offsets, context, n_best=3)
    assert [(a["text"], round(a["score"], 4)) for a in best3] == [
        ("the Champ de Mars in Paris", 0.2309),
        ("the Champ de Mars", 0.14),
        ("Champ de Mars in Paris", 0.0849),
    ]
    short = answer_spans(start, end, offsets, context, max_answer_len=4, n_best=2)
    assert [(a["text"], round(a["score"], 4)) for a in short] == [
        ("the Champ de Mars", 0.14),
        ("Champ de Mars", 0.0515),
    ]


# --- quizzes ---------------------------------------------------------------------------------------


def answers(bank: Bank, slug: str) -> dict:
    return {q["id"]: q["answer"] for q in bank.get(slug).questions}


def test_quiz_numeric_answers_are_the_arithmetic_their_explanations_show(bank):
    assert answers(bank, "quiz-agent-types")["q5"] == 3**4
    bert = answers(bank, "quiz-bert-vs-gpt")
    assert (bert["q1"], bert["q2"]) == ((1024 / 512) ** 2, 1024 / 512)
    assert bert["q6"] == round(1024 * 1024 * 12 * 12 / 1e6)
    llm = answers(bank, "quiz-llm-challenges")
    assert (llm["q1"], llm["q2"]) == (7e9 * 2 / 1e9, 7e9 * 16 / 1e9)
    assert answers(bank, "quiz-agent-challenges")["q3"] == (8192 - 1200 - 300) // 450


@pytest.mark.parametrize("slug", QUIZ_SLUGS)
def test_llm_quizzes_reason_with_multi_select_and_numeric_questions_in_both_languages(bank, slug):
    questions = bank.get(slug).questions
    assert {q["type"] for q in questions} == {"choice", "multi", "numeric"}
    for question in questions:
        assert CJK.search(question["prompt"]["zh"]), question["id"]
        assert CJK.search(question["explanation"]["zh"]), question["id"]
        for option in question.get("options", []):
            assert CJK.search(option["text"]["zh"]) or option["text"]["zh"] == option["text"]["en"], (
                question["id"],
                option,
            )
