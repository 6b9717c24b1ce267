"""How many wrong passwords an attacker gets before sign-in locks, with the settings `make run` and production use.

    .venv/bin/python scripts/bench_login.py [--tries 100]

Three attacks, each up to --tries wrong passwords through Django's test client (no server, no sleeping: the
attacker is as fast as the app):
- the sign-in page, one account, a new client address per try (a botnet);
- the API's token endpoint, one account, a new client address per try;
- the token endpoint from one client that sends a new X-Forwarded-For per try and a new username each time.
"Locked after" is the number of wrong tries the app evaluated before it refused to try any more (a refused try,
even with the right password, is not evaluated); "never" means all --tries were evaluated.

BENCH_ROOT runs the same probe against another checkout (the figures before a change).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))
from scripts._bench import recreate_database  # noqa: E402 (this checkout's, whatever checkout BENCH_ROOT names)

ROOT = Path(os.environ.get("BENCH_ROOT", HERE))
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pathwise_bench_login")
os.environ["DATABASE_URL"] = DB_URL
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
os.environ["CACHE_URL"] = "locmemcache://"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
PASSWORD = "a-long-bench-passphrase"


def refused(response) -> bool:
    if response.status_code == 429:
        return True
    return b"Too many" in response.content


def count(tries: int, attempt) -> str:
    for n in range(tries):
        if refused(attempt(n)):
            return str(n)
    return f"never ({tries} evaluated)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tries", type=int, default=100)
    args = parser.parse_args()
    recreate_database(DB_URL)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    User = get_user_model()
    User.objects.create_user("victim", "victim@example.org", PASSWORD)
    for n in range(args.tries):
        User.objects.create_user(f"user{n}", f"user{n}@example.org", PASSWORD)
    page = Client().get("/accounts/login/").content.decode()
    field = "login" if 'name="login"' in page else "username"

    def page_try(n: int):
        return Client(REMOTE_ADDR=f"10.{n // 250}.{n % 250}.1").post(
            "/accounts/login/", {field: "victim", "password": f"guess-{n}"}
        )

    def api_account_try(n: int):
        return Client(REMOTE_ADDR=f"10.{n // 250}.{n % 250}.2").post(
            "/api/v1/auth/token/", {"username": "victim", "password": f"guess-{n}"}, content_type="application/json"
        )

    def api_client_try(n: int):
        return Client(REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=f"10.{n // 250}.{n % 250}.3").post(
            "/api/v1/auth/token/", {"username": f"user{n}", "password": "wrong"}, content_type="application/json"
        )

    rows = []
    for what, attempt in (
        ("sign-in page, one account, new address per try", page_try),
        ("API token, one account, new address per try", api_account_try),
        ("API token, one client, new X-Forwarded-For and username per try", api_client_try),
    ):
        cache.clear()
        rows.append((what, count(args.tries, attempt)))
    print(f"\nCheckout: `{ROOT}`; {args.tries} wrong passwords at most per attack.\n")
    print("| attack | locked after (wrong tries evaluated) |")
    print("|---|---|")
    for what, result in rows:
        print(f"| {what} | {result} |")


if __name__ == "__main__":
    main()
