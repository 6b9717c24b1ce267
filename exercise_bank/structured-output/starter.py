def parse_structured(reply: str, schema: dict) -> dict:
    """Parse a model's JSON reply, repairing the listed breakages, and validate it against the schema.

    Returns {"value": the parsed JSON or None, "repairs": [names of the repairs that changed the text],
             "errors": sorted [[json_pointer, keyword], ...], "valid": bool}.
    """
    raise NotImplementedError
