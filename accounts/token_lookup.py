"""The API's token lookup: one statement, compiled once per database connection, run on every API request.

Every API request authenticates, so this is the hottest query of the site. Through the ORM (the token with
`select_related("user", "user__profile")`) it cost 1.4-1.7 ms, and most of that was compiling the SQL of three
joined models again for each request. The same statement compiled once and run through a cursor costs 0.25 ms
(BENCHMARKS.md, bench_api). The statement is built from the models' metadata, so a new field joins it by itself.
The rows go through the converters of the ORM's compiler and `Model.from_db`, so the instances are the ORM's own:
a token, its user and their profile, linked as select_related links them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Field, Model

from accounts.models import ApiToken, Profile


@dataclass(frozen=True)
class _Part:
    model: type[Model]
    attnames: list[str]
    start: int
    stop: int


@dataclass(frozen=True)
class _Statement:
    sql: str
    parts: tuple[_Part, _Part, _Part]  # token, user, profile
    converters: tuple[tuple[int, Any, tuple[Any, ...]], ...]  # (column, expression, converters)


_statements: dict[str, _Statement] = {}  # by database alias


def _compile(alias: str) -> _Statement:
    connection = connections[alias]
    qn = connection.ops.quote_name
    user_model = get_user_model()
    tables = (("t", ApiToken), ("u", user_model), ("p", Profile))
    columns: list[str] = []
    parts = []
    converters = []
    for table_alias, model in tables:
        fields: list[Field] = list(model._meta.concrete_fields)
        start = len(columns)
        for field in fields:
            col = field.get_col(table_alias)
            found = tuple(connection.ops.get_db_converters(col) + col.get_db_converters(connection))
            if found:
                converters.append((len(columns), col, found))
            columns.append(f"{table_alias}.{qn(field.column)}")
        parts.append(_Part(model, [f.attname for f in fields], start, len(columns)))
    token_user = ApiToken._meta.get_field("user").column
    profile_user = Profile._meta.get_field("user").column
    user_pk = user_model._meta.pk.column
    # Only identifiers of the models, quoted by the backend, go into the text; the digest is a parameter.
    sql = (
        f"SELECT {', '.join(columns)} FROM {qn(ApiToken._meta.db_table)} t "  # noqa: S608
        f"INNER JOIN {qn(user_model._meta.db_table)} u ON u.{qn(user_pk)} = t.{qn(token_user)} "
        f"LEFT OUTER JOIN {qn(Profile._meta.db_table)} p ON p.{qn(profile_user)} = u.{qn(user_pk)} "
        f"WHERE t.{qn(ApiToken._meta.get_field('digest').column)} = %s"
    )
    return _Statement(sql, tuple(parts), tuple(converters))


def api_token_lookup(*, digest: str, using: str = DEFAULT_DB_ALIAS) -> ApiToken | None:
    """The token with this digest, its user and the user's profile (None when they never saved one: `user.profile`
    then raises Profile.DoesNotExist without a query, as after select_related); None when no token matches."""
    connection = connections[using]
    statement = _statements.get(using)
    if statement is None:
        statement = _statements[using] = _compile(using)
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, [digest])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    for index, expression, found in statement.converters:
        for converter in found:
            values[index] = converter(values[index], expression, connection)
    token_part, user_part, profile_part = statement.parts
    token = _instance(token_part, values, using)
    token.user = user = _instance(user_part, values, using)
    if values[profile_part.start] is None:  # the LEFT JOIN found no profile: cached as missing, as the ORM does
        Profile._meta.get_field("user").remote_field.set_cached_value(user, None)
    else:
        _instance(profile_part, values, using).user = user  # a one-to-one also caches user.profile
    return token


def _instance(part: _Part, values: list[Any], using: str) -> Model:
    return part.model.from_db(using, part.attnames, values[part.start : part.stop])
