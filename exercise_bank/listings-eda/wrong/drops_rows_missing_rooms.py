# Mistake: drops every row with any missing value before summarising, so listings without a room count vanish from the counts and the medians.
import io

import pandas as pd

MISSING = ["", "NA", "N/A", "null", "?"]
COLUMNS = ["listing_id", "city", "rooms", "area_m2", "price"]


def _clean(csv_text: str) -> pd.DataFrame:
    """Parsed and typed, with every row kept (duplicates and missing values included)."""
    raw = pd.read_csv(io.StringIO(csv_text), dtype=str, keep_default_na=False)
    raw = raw.apply(lambda column: column.str.strip())
    raw = raw.where(~raw.isin(MISSING))
    df = pd.DataFrame({"listing_id": pd.to_numeric(raw["listing_id"]).astype("Int64")})
    df["city"] = raw["city"].str.title()
    df["rooms"] = pd.to_numeric(raw["rooms"]).astype("Int64")
    area = pd.to_numeric(raw["area_m2"].str.removesuffix("m2").str.strip())
    df["area_m2"] = area.where(area > 0)
    df["price"] = pd.to_numeric(raw["price"].str.removeprefix("€").str.replace(",", "", regex=False))
    return df


def _fences(values: pd.Series) -> tuple[float, float]:
    q1, q3 = values.quantile(0.25), values.quantile(0.75)
    return q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)


def _analysable(df: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Deduplicated rows with a price and an area, Tukey outliers of the price per m² removed."""
    df = df.drop_duplicates().dropna().copy()
    df["price_per_m2"] = df["price"] / df["area_m2"]
    low, high = _fences(df["price_per_m2"])
    inside = df["price_per_m2"].between(low, high)
    return df[inside], int((~inside).sum())


def quality_report(csv_text: str) -> dict:
    df = _clean(csv_text)
    _, outliers = _analysable(df)
    return {
        "rows": len(df),
        "missing": {column: int(df[column].isna().sum()) for column in COLUMNS},
        "duplicate_rows": int(df.duplicated().sum()),
        "price_per_m2_outliers": outliers,
    }


def city_summary(csv_text: str) -> dict[str, dict]:
    df, _ = _analysable(_clean(csv_text))
    summary = {}
    for city, group in df.groupby("city", sort=True):
        summary[city] = {
            "listings": len(group),
            "median_price_per_m2": float(group["price_per_m2"].median()),
            "mean_area_m2": float(group["area_m2"].mean()),
            "mean_rooms": float(group["rooms"].mean()) if group["rooms"].notna().any() else None,
        }
    return summary
