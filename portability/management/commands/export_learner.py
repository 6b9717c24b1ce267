"""`python manage.py export_learner USERNAME [--out FILE]`: a learner's export document (stdout by default)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from portability.selectors import learner_export_get


class Command(BaseCommand):
    help = "Write a learner's data as the JSON export (the same document as GET /api/v1/me/export/)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--out", help="File to write (default: standard output).")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user named {options['username']!r}.")
        text = json.dumps(learner_export_get(user=user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
        if options["out"]:
            with open(options["out"], "w", encoding="utf-8") as out:
                out.write(text)
        else:
            self.stdout.write(text)
