"""Cases for sql-queries: every question on the statement's small shop (shown), then on two larger shops
drawn from the rng (hidden). Result sets are compared as multisets of rows, in order only where the
question asks for an ORDER BY; numbers with a relative tolerance of 1e-6."""

import math

import numpy as np

from gpu_runner.graders.code import Case, short

SCHEMA = """
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, signup_date TEXT NOT NULL);
CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL, price REAL NOT NULL);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), order_date TEXT NOT NULL, status TEXT NOT NULL);
CREATE TABLE order_items (order_id INTEGER NOT NULL REFERENCES orders(id), product_id INTEGER NOT NULL REFERENCES products(id), quantity INTEGER NOT NULL, unit_price REAL NOT NULL);
"""
EXAMPLE_SCRIPT = (
    SCHEMA
    + """
INSERT INTO customers VALUES (1, 'Anna Müller', 'Germany', '2024-02-11'), (2, 'Li Wei', 'China', '2023-11-30'),
  (3, 'Jonas Weber', 'Germany', '2023-07-04'), (4, 'Chen Jing', 'China', '2024-05-20'), (5, 'Sean O''Brien', 'Ireland', '2024-01-15'),
  (6, 'Bea Schulz', 'Germany', '2024-09-02');
INSERT INTO products VALUES (1, 'Desk lamp', 'home', 35.0), (2, 'Headphones', 'audio', 120.0), (3, 'Kettle', 'home', 28.5),
  (4, 'Speaker', 'audio', 80.0), (5, 'Notebook', 'office', 4.5);
INSERT INTO orders VALUES (1, 1, '2024-03-02', 'completed'), (2, 2, '2024-03-15', 'completed'), (3, 1, '2024-04-01', 'cancelled'),
  (4, 4, '2024-04-18', 'completed'), (5, NULL, '2024-04-20', 'completed'), (6, 2, '2024-05-05', 'pending');
INSERT INTO order_items VALUES (1, 1, 2, 35.0), (1, 5, 10, 4.5), (2, 2, 1, 110.0), (3, 4, 1, 80.0), (4, 3, 1, 28.5),
  (4, 5, 4, 4.5), (5, 4, 2, 80.0), (6, 1, 1, 35.0);
"""
)
# question -> (the result order matters, hint shown when a hidden case fails)
QUESTIONS = {
    "german_signups_2024": (
        True,
        {"en": "filter on both conditions and ORDER BY name", "zh": "两个条件都要过滤，并 ORDER BY name"},
    ),
    "customers_per_country": (
        True,
        {
            "en": "GROUP BY country; ORDER BY the count descending, then country ascending",
            "zh": "GROUP BY country；先按人数降序，再按国家升序排序",
        },
    ),
    "revenue_per_category": (
        False,
        {
            "en": "only completed orders count; revenue is SUM(quantity * unit_price) of the order items",
            "zh": "只统计已完成的订单；收入是订单明细的 SUM(quantity * unit_price)",
        },
    ),
    "customers_without_orders": (
        False,
        {
            "en": "guest orders have customer_id NULL, and x NOT IN (..., NULL) is never true: use NOT EXISTS or a LEFT JOIN",
            "zh": "游客订单的 customer_id 为 NULL，而 x NOT IN (..., NULL) 永远不为真：请用 NOT EXISTS 或 LEFT JOIN",
        },
    ),
    "top_customers": (
        True,
        {
            "en": "completed orders only; highest total first, ties by name; LIMIT 3",
            "zh": "只算已完成的订单；总额最高的在前，相同时按姓名排序；LIMIT 3",
        },
    ),
    "completed_orders_per_customer": (
        False,
        {
            "en": "every customer appears, with 0 when they have no completed order: put the status test in the LEFT JOIN's ON and COUNT(o.id)",
            "zh": "每位顾客都要出现，没有已完成订单的记为 0：把状态条件放进 LEFT JOIN 的 ON 中，并用 COUNT(o.id)",
        },
    ),
    "pricey_categories": (
        False,
        {"en": "a condition on an aggregate goes in HAVING", "zh": "对聚合结果的条件要写在 HAVING 里"},
    ),
    "monthly_revenue": (
        True,
        {
            "en": "month = substr(order_date, 1, 7); completed orders only; ORDER BY month",
            "zh": "month = substr(order_date, 1, 7)；只算已完成的订单；ORDER BY month",
        },
    ),
}

FIRST = [
    "Anna",
    "Li",
    "Jonas",
    "Chen",
    "Sean",
    "Bea",
    "Mia",
    "Wang",
    "Tom",
    "Aisha",
    "Lukas",
    "Yu",
    "Omar",
    "Sofia",
    "Ken",
]
LAST = ["Müller", "Wei", "Weber", "Jing", "O'Brien", "Schulz", "Khan", "Fang", "Brown", "Rossi", "Zhang", "Novak"]
COUNTRIES = ["Germany", "China", "Ireland", "France", "Japan"]
CATEGORIES = {"home": (10, 90), "audio": (30, 250), "office": (2, 40), "garden": (15, 120)}


def _quote(text):
    return "'" + text.replace("'", "''") + "'"


def _date(rng, year):
    return f"{year}-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 29)):02d}"


def shop_script(rng):
    """A random shop: customers (some without orders), products, orders (guest orders have no customer)."""
    n_customers, n_products, n_orders = int(rng.integers(15, 30)), int(rng.integers(8, 16)), int(rng.integers(25, 60))
    rows = []
    names = {f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(n_customers * 2)}
    names = sorted(names)[:n_customers]
    rng.shuffle(names)
    rows.append(
        "INSERT INTO customers VALUES "
        + ", ".join(
            f"({i + 1}, {_quote(str(name))}, {_quote(str(rng.choice(COUNTRIES)))}, '{_date(rng, int(rng.choice([2023, 2024, 2025])))}')"
            for i, name in enumerate(names)
        )
        + ";"
    )
    products = []
    for j in range(n_products):
        category = str(list(CATEGORIES)[j % len(CATEGORIES)] if j < len(CATEGORIES) else rng.choice(list(CATEGORIES)))
        low, high = CATEGORIES[category]
        products.append((j + 1, category, float(np.round(rng.uniform(low, high), 2))))
    rows.append(
        "INSERT INTO products VALUES "
        + ", ".join(f"({pid}, 'product {pid}', '{cat}', {price})" for pid, cat, price in products)
        + ";"
    )
    buyers = rng.choice(np.arange(1, n_customers + 1), size=max(2, int(n_customers * 0.7)), replace=False)
    orders, items = [], []
    for k in range(n_orders):
        customer = "NULL" if rng.random() < 0.08 else str(int(rng.choice(buyers)))
        status = str(rng.choice(["completed"] * 6 + ["cancelled", "pending"]))
        orders.append(f"({k + 1}, {customer}, '{_date(rng, 2024)}', '{status}')")
        for pid in rng.choice(n_products, size=int(rng.integers(1, 4)), replace=False):
            price = products[int(pid)][2] * float(rng.choice([1.0, 1.0, 0.9]))
            items.append(f"({k + 1}, {int(pid) + 1}, {int(rng.integers(1, 5))}, {round(price, 2)})")
    orders[0] = orders[0].replace("NULL", str(int(buyers[0])))
    if not any("NULL" in o for o in orders):
        orders[-1] = f"({n_orders}, NULL, '2024-12-24', 'completed')"
    rows.append("INSERT INTO orders VALUES " + ", ".join(orders) + ";")
    rows.append("INSERT INTO order_items VALUES " + ", ".join(items) + ";")
    return SCHEMA + "\n".join(rows) + "\n"


def make_cases(rng):
    cases = [
        Case(name={"en": f"example shop: {fn}", "zh": f"示例商店：{fn}"}, fn=fn, args=(EXAMPLE_SCRIPT,), visible=True)
        for fn in QUESTIONS
    ]
    for shop in range(2):
        script = shop_script(rng)
        for fn, (_, hint) in QUESTIONS.items():
            cases.append(
                Case(
                    name={"en": f"shop {shop + 1}: {fn}", "zh": f"商店 {shop + 1}：{fn}"},
                    fn=fn,
                    args=(script,),
                    hint=hint,
                )
            )
    return cases


def _cell(value):
    """A sortable form of one value: NULL, then text, then numbers (ints and floats alike)."""
    if value is None:
        return (0, "")
    if isinstance(value, str):
        return (1, value)
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return (2, float(value))
    return (3, repr(value))


def _rows(value):
    if not isinstance(value, (list, tuple)) or not all(isinstance(row, (list, tuple)) for row in value):
        return None
    return [tuple(_cell(v) for v in row) for row in value]


def _same(a, b):
    """Rows equal cell by cell; numbers within a relative 1e-6 (sums of floats depend on their order)."""
    if len(a) != len(b):
        return False
    for (kind_a, x), (kind_b, y) in zip(a, b):
        if kind_a != kind_b:
            return False
        if kind_a == 2 and not math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9):
            return False
        if kind_a != 2 and x != y:
            return False
    return True


def _all_same(want, have):
    return all(_same(a, b) for a, b in zip(want, have))


def check(case, expected, got):
    ordered = QUESTIONS[case.fn][0]
    want, have = _rows(expected), _rows(got)
    if have is None:
        return f"return the rows as a list of tuples (cursor.fetchall()), got {short(got)}"
    if len(have) != len(want):
        return f"expected {len(want)} rows, got {len(have)}" + (f": {short(got)}" if case.visible else "")
    widths = {len(row) for row in have}
    if want and widths != {len(want[0])}:
        return f"expected {len(want[0])} columns per row, got {sorted(widths)}"
    # Sorting the raw values is enough: two rows can only swap places if they are equal up to rounding.
    if not _all_same(sorted(want), sorted(have)):
        return "the rows differ" + (f": expected {short(expected)}, got {short(got)}" if case.visible else "")
    if ordered and not _all_same(want, have):
        return "the right rows in the wrong order (see the ORDER BY the question asks for)" + (
            f": expected {short(expected)}" if case.visible else ""
        )
    return None
