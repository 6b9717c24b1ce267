# Mistake: sums the items of every order, cancelled and pending ones included.
from starter import run


def german_signups_2024(db_script: str) -> list[tuple]:
    return run(
        db_script,
        """
        SELECT name FROM customers
        WHERE country = 'Germany' AND signup_date >= '2024-01-01' AND signup_date < '2025-01-01'
        ORDER BY name
        """,
    )


def customers_per_country(db_script: str) -> list[tuple]:
    return run(
        db_script,
        """
        SELECT country, COUNT(*) AS n_customers FROM customers
        GROUP BY country
        ORDER BY n_customers DESC, country ASC
        """,
    )


def revenue_per_category(db_script: str) -> list[tuple]:
    return run(
        db_script,
        """
        SELECT p.category, SUM(i.quantity * i.unit_price) AS revenue
        FROM order_items AS i
        JOIN orders AS o ON o.id = i.order_id
        JOIN products AS p ON p.id = i.product_id
        GROUP BY p.category
        """,
    )


def customers_without_orders(db_script: str) -> list[tuple]:
    # NOT EXISTS, not NOT IN: orders.customer_id has NULLs (guest orders), and `x NOT IN (..., NULL)` is never true.
    return run(
        db_script,
        """
        SELECT c.id, c.name FROM customers AS c
        WHERE NOT EXISTS (SELECT 1 FROM orders AS o WHERE o.customer_id = c.id)
        """,
    )


def top_customers(db_script: str) -> list[tuple]:
    return run(
        db_script,
        """
        SELECT c.name, SUM(i.quantity * i.unit_price) AS spent
        FROM customers AS c
        JOIN orders AS o ON o.customer_id = c.id AND o.status = 'completed'
        JOIN order_items AS i ON i.order_id = o.id
        GROUP BY c.id
        ORDER BY spent DESC, c.name ASC
        LIMIT 3
        """,
    )


def completed_orders_per_customer(db_script: str) -> list[tuple]:
    # The status test belongs in the ON clause: in WHERE it would drop the customers the LEFT JOIN kept.
    return run(
        db_script,
        """
        SELECT c.id, c.name, COUNT(o.id) AS n_completed
        FROM customers AS c
        LEFT JOIN orders AS o ON o.customer_id = c.id AND o.status = 'completed'
        GROUP BY c.id
        """,
    )


def pricey_categories(db_script: str) -> list[tuple]:
    return run(
        db_script,
        """
        SELECT category, AVG(price) AS avg_price FROM products
        GROUP BY category
        HAVING AVG(price) > 50
        """,
    )


def monthly_revenue(db_script: str) -> list[tuple]:
    return run(
        db_script,
        """
        SELECT substr(o.order_date, 1, 7) AS month, SUM(i.quantity * i.unit_price) AS revenue
        FROM orders AS o JOIN order_items AS i ON i.order_id = o.id
        GROUP BY month
        ORDER BY month
        """,
    )
