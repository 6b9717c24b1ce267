"""ORM reads compiled once per database alias and run again with new values.

Building and compiling an annotated query through the ORM costs about a millisecond of Python (expressions resolved,
joins set up, SQL generated), twenty times what running it costs on an open connection. For the few reads that
every request makes, `prepared` builds the queryset once with stand-in values, keeps its SQL and its compiler (whose
converters turn the database's values into Python ones exactly as the ORM does), and runs that SQL with the real
values. The query is still written with the ORM, so it follows the models as they change.

    @prepared(user_id=int, email=str)
    def _account(user_id, email):
        return User.objects.filter(pk=user_id).values("pk").annotate(...)

    rows = _account(user_id=user.pk, email=user.email)  # a list of dicts, as .values() gives

A stand-in must reach the SQL unchanged, as a parameter of its own; a lookup that rewrites its value (`contains`,
`startswith`: `%value%`) cannot take one and is refused when the query is first compiled.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.query import ValuesIterable
from django.db.models.sql.compiler import SQLCompiler

_ints = itertools.count(-(2**31))  # stand-ins no real key takes, inside the range of a 32-bit column


def _stand_in(kind: type) -> Any:
    if kind is int:
        return next(_ints)
    if kind is str:
        return f"prepared-{uuid.uuid4().hex}"
    raise TypeError(f"prepared queries take int or str values, not {kind.__name__}")


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, str], ...]  # (position in params, value name)
    names: tuple[str, ...]
    compiler: SQLCompiler


class Prepared:
    def __init__(self, build: Callable[..., QuerySet], kinds: dict[str, type]) -> None:
        self.build = build
        self.kinds = kinds
        self._compiled: dict[str, _Compiled] = {}
        self.__doc__ = build.__doc__
        self.__name__ = build.__name__

    def __call__(self, *, using: str = DEFAULT_DB_ALIAS, **values: Any) -> list[dict[str, Any]]:
        if values.keys() != self.kinds.keys():
            raise TypeError(f"{self.__name__} takes {sorted(self.kinds)}, got {sorted(values)}")
        compiled = self._compiled.get(using)
        if compiled is None:
            compiled = self._compiled[using] = self._compile(using)
        params = list(compiled.params)
        for position, name in compiled.slots:
            params[position] = values[name]
        with connections[using].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        compiler, names = compiled.compiler, compiled.names
        # Columns the ORM added only for ordering are dropped, as SQLCompiler.execute_sql drops them.
        if compiler.has_extra_select:
            rows = [row[: compiler.col_count] for row in rows]
        return [dict(zip(names, row, strict=True)) for row in compiler.results_iter(results=[rows])]

    def _compile(self, using: str) -> _Compiled:
        stand_ins = {name: _stand_in(kind) for name, kind in self.kinds.items()}
        queryset = self.build(**stand_ins)
        if queryset._iterable_class is not ValuesIterable:
            raise ImproperlyConfigured(f"{self.__name__} must return a .values() queryset")
        query = queryset.query
        compiler = query.get_compiler(using)
        sql, params = compiler.as_sql()
        slots = []
        for position, param in enumerate(params):
            for name, stand_in in stand_ins.items():
                if type(param) is type(stand_in) and param == stand_in:
                    slots.append((position, name))
                elif isinstance(param, str) and isinstance(stand_in, str) and stand_in in param:
                    raise ImproperlyConfigured(f"{self.__name__}: a lookup rewrites `{name}` ({param!r})")
        missing = set(stand_ins) - {name for _, name in slots}
        if missing:
            raise ImproperlyConfigured(f"{self.__name__}: {sorted(missing)} never reach the SQL as parameters")
        # The names ValuesIterable gives the columns.
        names = (
            list(query.selected)
            if query.selected
            else [*query.extra_select, *query.values_select, *query.annotation_select]
        )
        return _Compiled(sql, tuple(params), tuple(slots), tuple(names), compiler)


def prepared(**kinds: type) -> Callable[[Callable[..., QuerySet]], Prepared]:
    """Decorate a function that builds a `.values()` queryset from keyword values of the given kinds (int, str)."""

    def decorate(build: Callable[..., QuerySet]) -> Prepared:
        return Prepared(build, kinds)

    return decorate
