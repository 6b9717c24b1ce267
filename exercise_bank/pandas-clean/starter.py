def clean_orders(csv_text: str) -> dict[str, list]:
    """The cleaned table as {column: list of values}, rows sorted by order_id.

    Columns: order_id, customer, region, order_date, quantity, unit_price, status, revenue.
    Tip: pd.read_csv(io.StringIO(csv_text), dtype=str, keep_default_na=False) reads everything as text.
    """
    raise NotImplementedError


def revenue_by_region(csv_text: str) -> dict[str, float]:
    """Total revenue of completed orders per region, after cleaning."""
    raise NotImplementedError
