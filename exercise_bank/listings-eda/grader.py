"""Cases for listings-eda: the statement's small export shown; larger exports drawn from the rng hidden, each
with exact duplicates that differ only in spelling, missing-value markers, prices as text, areas with a unit
or zero, and a few price-per-m² outliers (a price typed with an extra zero, an area typed in square feet).
"""

import csv
import io

import numpy as np

from gpu_runner.graders.code import Case

EXAMPLE = """listing_id,city,rooms,area_m2,price
1,Berlin,2,54.5,"€320,000"
2, berlin ,3,80 m2,410000
3,Munich,2,60,?
4,MUNICH,1,35,"€290,000"
5,Munich,,48,380000
2,BERLIN,3,80,410000
6,Berlin,4,0,500000
7,Munich,3,75,"€4,900,000"
8,Berlin,1,N/A,199000
9,Munich,2,52,402000
"""

CITIES = {"Berlin": 5500.0, "Munich": 8200.0, "Hamburg": 6100.0, "Leipzig": 3000.0, "Cologne": 4800.0}
MISSING = ["", "NA", "N/A", "null", "?"]
HINTS = {
    "duplicates": {
        "en": "a row is a duplicate when every column is equal after cleaning: ' berlin ' and 'BERLIN' are the "
        "same city, '80 m2' and '80' the same area",
        "zh": "清洗之后所有列都相同的行才是重复行：' berlin ' 和 'BERLIN' 是同一个城市，'80 m2' 和 '80' 是同一个面积",
    },
    "missing": {
        "en": "'', 'NA', 'N/A', 'null' and '?' all mean missing, and an area of 0 or less is missing too",
        "zh": "''、'NA'、'N/A'、'null' 和 '?' 都表示缺失，面积小于等于 0 也算缺失",
    },
    "outliers": {
        "en": "Tukey's fences on price / area_m2 over all deduplicated rows with both values: outside "
        "[Q1 - 1.5 IQR, Q3 + 1.5 IQR] is an outlier; quantiles interpolate linearly (pandas' default)",
        "zh": "在去重后且价格和面积都不缺失的所有行上，对 price / area_m2 使用 Tukey 围栏：落在 "
        "[Q1 - 1.5 IQR, Q3 + 1.5 IQR] 之外的是异常值；分位数用线性插值（pandas 的默认方式）",
    },
    "summary": {
        "en": "summarise the rows left after removing duplicates, rows without a price or an area, and outliers; "
        "mean_rooms skips missing rooms and is None when a city has none",
        "zh": "只汇总去掉重复行、缺价格或面积的行以及异常值之后剩下的行；mean_rooms 忽略缺失的房间数，"
        "一个城市全部缺失时为 None",
    },
}


def _messy_city(rng, city):
    return [city, city.upper(), city.lower(), f" {city}", f"{city.lower()} "][int(rng.integers(0, 5))]


def _price_text(rng, price):
    return [f"{price}", f"{price:,}", f"€{price:,}"][int(rng.integers(0, 3))]


def _area_text(rng, area):
    text = f"{area:g}"
    return f"{text} m2" if rng.random() < 0.3 else text


def _listing(rng, listing_id, *, no_rooms=False):
    city = str(rng.choice(sorted(CITIES)))
    area = float(np.round(rng.uniform(25.0, 140.0), 1))
    rooms = max(1, round(float(area / 28 + rng.normal(0, 0.6))))
    price = int(round(area * CITIES[city] * rng.lognormal(0.0, 0.12), -3))
    if not no_rooms and rng.random() < 0.06:  # typed with an extra zero, or the area in square feet
        price, area = (price * 10, area) if rng.random() < 0.5 else (price, float(np.round(area * 10.764, 1)))
    row = [str(listing_id), _messy_city(rng, city), str(rooms), _area_text(rng, area), _price_text(rng, price)]
    if no_rooms:  # a clean row but for its rooms: it must reach the summary
        row[2] = str(rng.choice(MISSING))
        return row
    for column in (2, 3, 4):
        if rng.random() < 0.08:
            row[column] = str(rng.choice(MISSING))
    if rng.random() < 0.03:
        row[3] = "0"
    return row


def _respelled(rng, row):
    """The same listing exported twice: the city in another case, the area with or without its unit."""
    copy = list(row)
    copy[1] = copy[1].strip().swapcase() if rng.random() < 0.5 else f" {copy[1].strip()} "
    if copy[3] not in MISSING and copy[3] != "0":
        copy[3] = copy[3].removesuffix(" m2") if copy[3].endswith(" m2") else f"{copy[3]} m2"
    return copy


def messy_listings(rng, n, *, duplicates=True, no_rooms_city=None):
    rows = [_listing(rng, 100 + i) for i in range(n)]
    if no_rooms_city is not None:
        rows += [_listing(rng, 900 + i, no_rooms=True) for i in range(3)]
        for row in rows[-3:]:
            row[1] = _messy_city(rng, no_rooms_city)
    if duplicates:
        rows += [_respelled(rng, rows[int(j)]) for j in rng.choice(len(rows), size=max(2, n // 8), replace=False)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["listing_id", "city", "rooms", "area_m2", "price"])
    writer.writerows(rows[int(i)] for i in rng.permutation(len(rows)))
    return out.getvalue()


def _case(fn, text, name, hint=None, visible=False):
    return Case(name=name, fn=fn, args=(text,), hint=hint or "", visible=visible, rtol=1e-9, atol=1e-6)


def make_cases(rng):
    cases = [
        _case(
            "quality_report", EXAMPLE, {"en": "example: the quality report", "zh": "示例：数据质量报告"}, visible=True
        ),
        _case("city_summary", EXAMPLE, {"en": "example: the summary per city", "zh": "示例：各城市汇总"}, visible=True),
    ]
    for i, hint in enumerate(["duplicates", "missing", "outliers"]):
        text = messy_listings(rng, int(rng.integers(40, 120)))
        name = {"en": f"quality report of a larger export {i + 1}", "zh": f"更大导出数据的质量报告 {i + 1}"}
        cases.append(_case("quality_report", text, name, HINTS[hint]))
    for i in range(2):
        text = messy_listings(rng, int(rng.integers(40, 120)))
        name = {"en": f"summary per city of a larger export {i + 1}", "zh": f"更大导出数据的各城市汇总 {i + 1}"}
        cases.append(_case("city_summary", text, name, HINTS["summary"]))
    clean = messy_listings(rng, 30, duplicates=False)
    cases.append(
        _case(
            "quality_report",
            clean,
            {"en": "an export without duplicates", "zh": "没有重复行的导出数据"},
            HINTS["duplicates"],
        )
    )
    no_rooms = messy_listings(rng, 30, no_rooms_city="Bonn")
    name = {"en": "a city whose rooms are all missing", "zh": "一个房间数全部缺失的城市"}
    cases.append(_case("city_summary", no_rooms, name, HINTS["summary"]))
    return cases
