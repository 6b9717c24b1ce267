"""Models for fine-tuning: the local registry, GGUF conversion, and tiny models for tests.

- `registry`: names -> folders on this disk (`PATHWISE_MODEL_DIRS` and installed packages); nothing is
  ever downloaded;
- `gguf`: a GGUF entry is dequantised once into a cached bf16 transformers folder;
- `tiny`: `build_tiny_bert` / `build_tiny_gpt2` write 2-layer, hidden-64 models for tests;
- `hf`: `offline()` (and quiet logging), set before transformers is used;
- `cli`: `python -m gpu_runner.models [--prepare]`.

torch and transformers are imported inside the functions that need them, so importing this package
and listing the registry stays cheap. Import from here: `from gpu_runner.models import ModelRegistry`.
"""

from gpu_runner.models.cli import main
from gpu_runner.models.errors import ModelError
from gpu_runner.models.gguf import convert_gguf, ensure_converted
from gpu_runner.models.hf import offline
from gpu_runner.models.registry import (
    BAD_MODEL_DIRS,
    DECODER,
    ENCODER,
    FAMILIES,
    MINILM,
    MISSING_FOLDER,
    SMOLLM2,
    UNKNOWN_FAMILY,
    UNKNOWN_MODEL,
    ModelEntry,
    ModelRegistry,
    builtin_models,
    family_of_folder,
    model_cache_dir,
    parse_model_dirs,
)
from gpu_runner.models.tiny import build_tiny_bert, build_tiny_gpt2

__all__ = [
    "BAD_MODEL_DIRS",
    "DECODER",
    "ENCODER",
    "FAMILIES",
    "MINILM",
    "MISSING_FOLDER",
    "SMOLLM2",
    "UNKNOWN_FAMILY",
    "UNKNOWN_MODEL",
    "ModelEntry",
    "ModelError",
    "ModelRegistry",
    "build_tiny_bert",
    "build_tiny_gpt2",
    "builtin_models",
    "convert_gguf",
    "ensure_converted",
    "family_of_folder",
    "main",
    "model_cache_dir",
    "offline",
    "parse_model_dirs",
]
