"""Cases for pandas-clean: the statement's small export shown; larger exports drawn from the rng hidden,
each with repeated order ids, missing-value markers, currency strings, day-first dates and messy
region names.

Values may come back as lists or 1-D NumPy arrays; `check` compares them column by column.
"""

import csv
import io

import numpy as np

from gpu_runner.graders.code import Case, diff

EXAMPLE = """order_id,customer,region,order_date,quantity,unit_price,status
1001,Ana Silva, north ,2024-03-05,2,$19.99,completed
1002,Li Wei,SOUTH,06/03/2024,,"$1,299.00",completed
1003,Sam Okoye,North,2024-03-07,1,-,completed
1002,Li Wei,SOUTH,06/03/2024,,"$1,299.00",completed
1004,Maria Rossi,south,2024-03-09,3,$5.50,cancelled
1005,Ana Silva,East,10/03/2024,NA,$12.00,completed
"""

CUSTOMERS = ["Ana Silva", "Li Wei", "Sam Okoye", "Maria Rossi", "Chen Jing", "Tom Brown", "Aisha Khan", "Wang Fang"]
REGIONS = ["North", "South", "East", "West"]
STATUSES = ["completed"] * 6 + ["cancelled", "refunded"]
MISSING = ["", "NA", "n/a", "-"]
HINTS = {
    "repeated": {
        "en": "an order id that appeared before is a duplicate: keep only its first row",
        "zh": "之前出现过的订单号是重复行：只保留它的第一行",
    },
    "missing": {
        "en": "'', 'NA', 'n/a' and '-' all mean missing; rows without a price are dropped, a missing quantity is 1",
        "zh": "''、'NA'、'n/a' 和 '-' 都表示缺失；没有单价的行要删掉，缺失的数量按 1 计",
    },
    "dates": {
        "en": "dates come as YYYY-MM-DD or DD/MM/YYYY (day first); write them all as YYYY-MM-DD",
        "zh": "日期有 YYYY-MM-DD 和 DD/MM/YYYY（日在前）两种写法；统一写成 YYYY-MM-DD",
    },
    "regions": {
        "en": "strip spaces and title-case the region: ' north ', 'NORTH' and 'North' are one region",
        "zh": "去掉区域名两端的空格并改成首字母大写：' north '、'NORTH' 和 'North' 是同一个区域",
    },
    "revenue": {
        "en": "only completed orders count, revenue = quantity * unit_price after cleaning",
        "zh": "只统计 completed 状态的订单，清洗之后 revenue = quantity * unit_price",
    },
}


def _messy_region(rng, region):
    variant = int(rng.integers(0, 5))
    return [region, region.upper(), region.lower(), f" {region}", f"{region.lower()} "][variant]


def _price_text(rng, price):
    text = f"{price:,.2f}" if price >= 1000 else f"{price:.2f}"
    return f"${text}" if rng.random() < 0.7 else text


def _date_text(rng):
    day, month = int(rng.integers(1, 29)), int(rng.integers(1, 13))
    return f"2024-{month:02d}-{day:02d}" if rng.random() < 0.5 else f"{day:02d}/{month:02d}/2024"


def messy_export(rng, n):
    rows = []
    for i in range(n):
        price = float(np.round(rng.uniform(2.0, 60.0) if rng.random() < 0.8 else rng.uniform(1000.0, 3000.0), 2))
        rows.append(
            [
                str(2000 + i),
                str(rng.choice(CUSTOMERS)) + (" " if rng.random() < 0.2 else ""),
                _messy_region(rng, str(rng.choice(REGIONS))),
                _date_text(rng),
                str(rng.choice(MISSING)) if rng.random() < 0.15 else str(int(rng.integers(1, 10))),
                str(rng.choice(MISSING)) if rng.random() < 0.1 else _price_text(rng, price),
                str(rng.choice(STATUSES)),
            ]
        )
    # Repeated order ids: an export appended twice, some rows edited in between (a later status or
    # quantity); the first row of an id in the file is the one to keep. Then the rows are shuffled.
    repeats = []
    for j in rng.choice(n, size=max(3, n // 6), replace=False):
        row = list(rows[int(j)])
        if rng.random() < 0.6:
            row[6] = "refunded" if row[6] != "refunded" else "completed"
            row[4] = str(int(rng.integers(1, 10)))
        repeats.append(row)
    rows = rows + repeats
    order = rng.permutation(len(rows))
    shuffled = []
    for index in order:
        shuffled.append(rows[index])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["order_id", "customer", "region", "order_date", "quantity", "unit_price", "status"])
    writer.writerows(shuffled)
    return out.getvalue()


def make_cases(rng):
    cases = [
        Case(
            name={"en": "example: clean the small export", "zh": "示例：清洗这份小导出数据"},
            fn="clean_orders",
            args=(EXAMPLE,),
            visible=True,
        ),
        Case(
            name={"en": "example: revenue by region", "zh": "示例：各区域收入"},
            fn="revenue_by_region",
            args=(EXAMPLE,),
            visible=True,
        ),
    ]
    for i, hint in enumerate(["repeated", "missing", "dates", "regions"]):
        cases.append(
            Case(
                name={"en": f"a larger export {i + 1}", "zh": f"更大的导出数据 {i + 1}"},
                fn="clean_orders",
                args=(messy_export(rng, int(rng.integers(30, 80))),),
                hint=HINTS[hint],
            )
        )
    for i in range(2):
        cases.append(
            Case(
                name={"en": f"revenue by region, larger export {i + 1}", "zh": f"各区域收入，更大的导出数据 {i + 1}"},
                fn="revenue_by_region",
                args=(messy_export(rng, int(rng.integers(30, 80))),),
                hint=HINTS["revenue"],
            )
        )
    return cases


def _as_list(value):
    return value.tolist() if isinstance(value, np.ndarray) else value


def check(case, expected, got):
    if not isinstance(got, dict):
        return f"return a dict, got {type(got).__name__}"
    missing = [key for key in expected if key not in got]
    extra = [key for key in got if key not in expected]
    if missing or extra:
        parts = ([f"missing {', '.join(map(repr, missing))}"] if missing else []) + (
            [f"unexpected {', '.join(map(repr, extra))}"] if extra else []
        )
        return f"wrong keys: {'; '.join(parts)}"
    if case.fn == "revenue_by_region":
        mismatch = diff(expected, {key: got[key] for key in expected}, rtol=1e-9, atol=1e-6)
        return None if mismatch is None else (mismatch.message() if case.visible else mismatch.reason)
    for column, values in expected.items():
        mismatch = diff(values, _as_list(got[column]), rtol=1e-9, atol=1e-6)
        if mismatch is not None:
            text = mismatch.message() if case.visible else mismatch.reason
            return f"column {column!r}: {text}"
    return None
