"""The export as files a browser downloads: the JSON document and the progress CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone

from portability.selectors import learner_export_get, progress_csv_rows

# A cell a spreadsheet would read as a formula (a title like "=HYPERLINK(...)") is written as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _filename(user: AbstractBaseUser, suffix: str) -> str:
    # Usernames are letters, digits and @.+-_ (Django's validator): safe inside the quoted header value.
    return f"pathwise-{user.get_username()}-{timezone.localdate().isoformat()}{suffix}"


def export_json_response(*, user: AbstractBaseUser) -> HttpResponse:
    body = json.dumps(learner_export_get(user=user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(user, ".json")}"'
    return response


def progress_csv_response(*, user: AbstractBaseUser) -> HttpResponse:
    buffer = io.StringIO()
    # A byte-order mark: Excel reads a UTF-8 file without one in the local code page, and Chinese titles break.
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    header, rows = progress_csv_rows(user=user)
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(user, "-progress.csv")}"'
    return response
