import sqlite3


def run(db_script: str, sql: str) -> list[tuple]:
    """Provided: build the database from its script in memory, run one query, return its rows as tuples."""
    con = sqlite3.connect(":memory:")
    try:
        con.executescript(db_script)
        return [tuple(row) for row in con.execute(sql).fetchall()]
    finally:
        con.close()


# Replace each `raise` with `return run(db_script, """SELECT ...""")`.


def german_signups_2024(db_script: str) -> list[tuple]:
    """(name,) of the customers in Germany who signed up in 2024, by name."""
    raise NotImplementedError


def customers_per_country(db_script: str) -> list[tuple]:
    """(country, number of customers): most customers first, then country A-Z."""
    raise NotImplementedError


def revenue_per_category(db_script: str) -> list[tuple]:
    """(category, revenue) over the items of completed orders; any order."""
    raise NotImplementedError


def customers_without_orders(db_script: str) -> list[tuple]:
    """(id, name) of the customers with no order at all (whatever its status); any order."""
    raise NotImplementedError


def top_customers(db_script: str) -> list[tuple]:
    """(name, total spent on completed orders) of the three biggest spenders: highest first, ties by name."""
    raise NotImplementedError


def completed_orders_per_customer(db_script: str) -> list[tuple]:
    """(id, name, number of completed orders) for EVERY customer (0 when none); any order."""
    raise NotImplementedError


def pricey_categories(db_script: str) -> list[tuple]:
    """(category, average product price) of the categories whose average price is above 50; any order."""
    raise NotImplementedError


def monthly_revenue(db_script: str) -> list[tuple]:
    """(month as 'YYYY-MM', revenue of completed orders), by month."""
    raise NotImplementedError
