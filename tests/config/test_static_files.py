"""Static files in production (config.settings.production): collected with hashed names by WhiteNoise's compressed
manifest storage, served by WhiteNoise with far-future caching, and compressed (gzip and Brotli) (issue 14)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
YEAR_S = 365 * 24 * 3600

# Runs in a fresh interpreter under the production settings: collectstatic into a temporary folder, then the
# hashed URL of one file asked for through the whole middleware stack (WhiteNoise answers before any view).
PROBE = """
import json, sys
IGNORED = ["vendor", "admin", "rest_framework", "drf_spectacular_sidecar", "django_extensions", "debug_toolbar"]
import django
from django.conf import settings
django.setup()
settings.STATIC_ROOT = sys.argv[1]
from django.core.management import call_command
# The project's own files only: the vendored and third-party bundles (megabytes of JavaScript that Brotli takes a
# minute to compress) go through the same storage and add nothing to what is checked here.
call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=IGNORED)
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client
url = staticfiles_storage.url("js/roadmap.js")
client = Client()
answers = {}
for encoding in ("identity", "gzip", "br"):
    response = client.get(url, HTTP_ACCEPT_ENCODING=encoding, secure=True)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    answers[encoding] = {
        "status": response.status_code,
        "cache_control": response.get("Cache-Control"),
        "encoding": response.get("Content-Encoding"),
        "size": len(body),
    }
print(json.dumps({"backend": settings.STORAGES["staticfiles"]["BACKEND"], "url": url, "answers": answers}))
"""


@pytest.mark.slow
def test_production_serves_hashed_compressed_static_files_cached_for_a_year(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CACHE_URL"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-for-the-check-" + "z" * 10,
        "CACHE_URL": "redis://127.0.0.1:6379/15",
        "PATHWISE_LEADERBOARD_SEED": "l" * 40,
        "DJANGO_ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr[-3000:]
    shown = json.loads(result.stdout.strip().splitlines()[-1])

    assert shown["backend"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    name = shown["url"].removeprefix("/static/")
    assert name.startswith("js/roadmap.") and name.endswith(".js") and len(name) == len("js/roadmap.0123456789ab.js")
    collected = tmp_path / name
    assert collected.is_file() and (tmp_path / "staticfiles.json").is_file()
    assert (tmp_path / f"{name}.gz").is_file() and (tmp_path / f"{name}.br").is_file()
    answers = shown["answers"]
    for encoding, expected in (("identity", None), ("gzip", "gzip"), ("br", "br")):
        answer = answers[encoding]
        assert answer["status"] == 200 and answer["encoding"] == expected, (encoding, answer)
        directives = {d.strip() for d in answer["cache_control"].split(",")}
        assert "immutable" in directives and "public" in directives
        assert int(next(d for d in directives if d.startswith("max-age=")).split("=")[1]) >= YEAR_S
    assert answers["identity"]["size"] == collected.stat().st_size
    assert answers["br"]["size"] < answers["identity"]["size"] and answers["gzip"]["size"] < answers["identity"]["size"]
