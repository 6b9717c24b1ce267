def quality_report(csv_text: str) -> dict:
    """{'rows', 'missing': {column: count}, 'duplicate_rows', 'price_per_m2_outliers'} of the raw export.

    Tip: pd.read_csv(io.StringIO(csv_text), dtype=str, keep_default_na=False) reads everything as text.
    """
    raise NotImplementedError


def city_summary(csv_text: str) -> dict[str, dict]:
    """{city: {'listings', 'median_price_per_m2', 'mean_area_m2', 'mean_rooms'}} of the analysable rows."""
    raise NotImplementedError
