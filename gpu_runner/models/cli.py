"""`python -m gpu_runner.models [--prepare]` (see `__main__.py`)."""

from __future__ import annotations

from gpu_runner.models.registry import ModelRegistry


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
