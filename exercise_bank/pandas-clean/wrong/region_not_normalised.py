# Mistake: strips the region but does not unify its case, so 'NORTH', 'north' and 'North' stay three regions.
import io

import pandas as pd

MISSING = ["", "NA", "n/a", "-"]
COLUMNS = ["order_id", "customer", "region", "order_date", "quantity", "unit_price", "status", "revenue"]


def _clean(csv_text: str) -> pd.DataFrame:
    # Everything is read as text first: the raw columns mix numbers, currency strings and markers.
    df = pd.read_csv(io.StringIO(csv_text), dtype=str, keep_default_na=False)
    df = df.drop_duplicates(subset="order_id", keep="first")
    for column in ("customer", "region", "status", "quantity", "unit_price", "order_date"):
        df[column] = df[column].str.strip()
    price = df["unit_price"].where(~df["unit_price"].isin(MISSING))
    df["unit_price"] = pd.to_numeric(price.str.replace("$", "", regex=False).str.replace(",", "", regex=False))
    df = df[df["unit_price"].notna()].copy()
    quantity = df["quantity"].where(~df["quantity"].isin(MISSING))
    df["quantity"] = pd.to_numeric(quantity).fillna(1).astype(int)
    df["order_id"] = df["order_id"].astype(int)
    df["status"] = df["status"].str.lower()
    # One explicit format per spelling: a single dayfirst parse would also swap day and month in ISO dates.
    iso = pd.to_datetime(df["order_date"], format="%Y-%m-%d", errors="coerce")
    day_first = pd.to_datetime(df["order_date"], format="%d/%m/%Y", errors="coerce")
    df["order_date"] = iso.fillna(day_first).dt.strftime("%Y-%m-%d")
    df["revenue"] = df["quantity"] * df["unit_price"]
    return df.sort_values("order_id")[COLUMNS]


def clean_orders(csv_text: str) -> dict[str, list]:
    """The cleaned table as {column: list of values}, rows sorted by order_id."""
    return _clean(csv_text).to_dict(orient="list")


def revenue_by_region(csv_text: str) -> dict[str, float]:
    """Total revenue of completed orders per region, after cleaning."""
    df = _clean(csv_text)
    completed = df[df["status"] == "completed"]
    return {region: float(total) for region, total in completed.groupby("region")["revenue"].sum().items()}
