"""The one error type of the model registry, shared by the registry and the GGUF conversion."""


class ModelError(ValueError):
    """A registry entry that is missing, malformed or not on this disk."""
