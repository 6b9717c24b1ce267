"""Values as the export writes them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any


def jsonable(value: Any) -> Any:
    """Dates as ISO 8601, decimals as strings (exact: 7.5 hours stays "7.5")."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
