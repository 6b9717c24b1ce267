"""What a learner submits to an artefact exercise, checked at once: the rule for every check lives here.

An artefact is a link, a Markdown write-up and/or a Jupyter notebook, as the exercise's rubric asks
(gpu_runner/bank_artefact.py). Nothing of it runs: the checks read its form (the link is well-formed, https and of
the stated host kind; the write-up has the required sections; the notebook parses as nbformat 4), so they run in
the web process, not in the sandbox. A failing check refuses the submission with every failing check's message,
before anything is stored, so it uses no quota. The passing checks are stored with the submission and shown.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

import nbformat
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from config.i18n import is_zh
from exercises.models import Exercise
from gpu_runner.bank_artefact import host_matches

URL_MAX_CHARS = 2000

HOST_NAMES = {
    "github": "GitHub",
    "gitlab": "GitLab",
    "kaggle": "Kaggle",
    "arxiv": "arXiv",
    "openreview": "OpenReview",
    "aclanthology": "ACL Anthology",
    "huggingface": "Hugging Face",
    "any": _("any https site"),
}

PART_NOT_ACCEPTED = _("This exercise takes no %(part)s.")
URL_REQUIRED = _("This exercise needs a link to your work (%(hosts)s).")
URL_MALFORMED = _("“%(value)s” is not a web address; write it as https://host/path.")
URL_NOT_HTTPS = _("The link must start with https:// (it starts with %(scheme)s://).")
URL_HOST = _("The link must point to %(hosts)s; %(host)s is not one of them.")
WRITEUP_REQUIRED = _("This exercise needs a write-up in Markdown.")
WRITEUP_TOO_LARGE = _("Your write-up is %(size)s bytes; the limit is %(limit)s bytes.")
WRITEUP_SECTIONS = _(
    "Your write-up lacks the section(s) %(sections)s. Give each one a Markdown heading, e.g. “## %(first)s”."
)
NOTEBOOK_REQUIRED = _("This exercise needs a Jupyter notebook (.ipynb).")
NOTEBOOK_TOO_LARGE = _("Your notebook is %(size)s bytes; the limit is %(limit)s bytes.")
NOTEBOOK_NOT_UTF8 = _("Your notebook is not UTF-8 text. Save it from Jupyter as .ipynb and upload it again.")
NOTEBOOK_INVALID = _("Your notebook does not parse as a Jupyter notebook (nbformat 4): %(error)s")

CHECK_URL = _("The link is a well-formed https address of the right site")
CHECK_WRITEUP = _("The write-up has every required section")
CHECK_NOTEBOOK = _("The notebook parses as a Jupyter notebook")
PART_LABELS = {"url": _("link"), "writeup": _("write-up"), "notebook": _("notebook")}

_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def artefact_spec(exercise: Exercise) -> dict[str, Any]:
    """The rubric's `submission` part: which parts the exercise takes and their rules."""
    return ((exercise.public or {}).get("rubric") or {}).get("submission") or {}


def hosts_text(hosts: list[str]) -> str:
    return ", ".join(str(HOST_NAMES.get(h, h)) for h in hosts)


def artefact_clean(*, exercise: Exercise, payload: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(the payload to store, the checks it passed) or a ValidationError with every failing check's message."""
    spec = artefact_spec(exercise)
    notebook = payload.get("notebook")
    if isinstance(notebook, dict):  # a JSON client may send the notebook as the object it is
        payload = {**payload, "notebook": json.dumps(notebook, ensure_ascii=False)}
    texts = {part: _text(payload.get(part)) for part in ("url", "writeup", "notebook")}
    errors: dict[str, list[ValidationError]] = {}
    for part, value in texts.items():
        if value and part not in spec:
            errors[part] = [_error(PART_NOT_ACCEPTED, "part_not_accepted", part=PART_LABELS[part])]
        elif not value and spec.get(part, {}).get("required"):
            message = {"url": URL_REQUIRED, "writeup": WRITEUP_REQUIRED, "notebook": NOTEBOOK_REQUIRED}[part]
            hosts = hosts_text(spec.get("url", {}).get("hosts", []))
            errors[part] = [_error(message, f"{part}_required", **({"hosts": hosts} if part == "url" else {}))]
    checkers = {"url": _url_error, "writeup": _writeup_error, "notebook": _notebook_error}
    for part, value in texts.items():
        if value and part in spec and part not in errors:
            error = checkers[part](value, spec[part])
            if error is not None:
                errors[part] = [error]
    if errors:
        raise ValidationError(errors)
    clean = {part: value for part, value in texts.items() if value}
    name = payload.get("notebook_name")
    if "notebook" in clean and isinstance(name, str) and name.strip():
        clean["notebook_name"] = name.strip()[:200]
    names = {"url": CHECK_URL, "writeup": CHECK_WRITEUP, "notebook": CHECK_NOTEBOOK}
    return clean, [_check(names[part]) for part in ("url", "writeup", "notebook") if part in clean]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        return "\x00"  # not text: refused by the part's own check with its message
    return value.replace("\r\n", "\n").strip()


def _error(message: Any, code: str, **params: Any) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def _check(name: Any) -> dict[str, Any]:
    """A passed check as the submission page and the API show it: its name kept in both languages."""
    pair = {}
    for lang, code in (("en", "en"), ("zh", "zh-hans")):
        with translation.override(code):
            pair[lang] = str(name)
    return {"name": pair["en"], "passed": True, "message": "", "name_i18n": pair}


def _url_error(url: str, spec: dict[str, Any]) -> ValidationError | None:
    shown = url if len(url) <= 60 else url[:59] + "…"
    if len(url) > URL_MAX_CHARS or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return _error(URL_MALFORMED, "url_malformed", value=shown)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return _error(URL_MALFORMED, "url_malformed", value=shown)
    if parts.username is not None or parts.password is not None:
        return _error(URL_MALFORMED, "url_malformed", value=shown)  # user:pass@ hides the real host from a reader
    if scheme != "https":
        return _error(URL_NOT_HTTPS, "url_not_https", scheme=scheme)
    host = (parts.hostname or "").lower().rstrip(".")
    if not host_matches(host, spec.get("hosts", ["any"])):
        return _error(URL_HOST, "url_host", hosts=hosts_text(spec.get("hosts", [])), host=host)
    return None


def _limit_error(text: str, setting: str, message: Any, code: str) -> ValidationError | None:
    size, limit = len(text.encode("utf-8", errors="surrogatepass")), getattr(settings, setting)
    return _error(message, code, size=size, limit=limit) if size > limit else None


def normalise_heading(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[*_`]", "", text)
    return " ".join(text.strip().rstrip(":：").split())


def headings(markdown_text: str) -> list[str]:
    """The ATX headings of a Markdown text, outside fenced code, normalised for comparison."""
    found, fenced = [], False
    for line in markdown_text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match:
            found.append(normalise_heading(match.group(1)))
    return found


def _has_section(found: list[str], section: dict[str, str]) -> bool:
    """A heading that is the section's name in either language, alone or followed by more words."""
    names = [normalise_heading(section[lang]) for lang in ("en", "zh")]
    return any(h == n or h.startswith(n + " ") or h.startswith(n + ":") for h in found for n in names)


def _writeup_error(text: str, spec: dict[str, Any]) -> ValidationError | None:
    if "\x00" in text:
        return _error(WRITEUP_REQUIRED, "writeup_required")
    too_large = _limit_error(text, "PATHWISE_MAX_WRITEUP_BYTES", WRITEUP_TOO_LARGE, "writeup_too_large")
    if too_large is not None:
        return too_large
    found = headings(text)
    lang = "zh" if is_zh() else "en"
    missing = [s[lang] for s in spec.get("sections", []) if not _has_section(found, s)]
    if missing:
        sections = ", ".join(f"“{name}”" for name in missing)
        return _error(WRITEUP_SECTIONS, "writeup_sections", sections=sections, first=missing[0])
    return None


def _notebook_error(text: str, spec: dict[str, Any]) -> ValidationError | None:
    if "\x00" in text:
        return _error(NOTEBOOK_INVALID, "notebook_invalid", error="not JSON text")
    too_large = _limit_error(text, "PATHWISE_MAX_NOTEBOOK_BYTES", NOTEBOOK_TOO_LARGE, "notebook_too_large")
    if too_large is not None:
        return too_large
    try:
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    except Exception as exc:
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        return _error(NOTEBOOK_INVALID, "notebook_invalid", error=reason)
    return None


def notebook_decode(data: bytes, *, size: int | None = None) -> str:
    """An uploaded .ipynb's bytes -> text, or the learner's ValidationError (too large, not UTF-8). `size` is the
    size sent, where the upload handler kept only the first bytes past the limit."""
    limit, size = settings.PATHWISE_MAX_NOTEBOOK_BYTES, max(size or 0, len(data))
    if size > limit:
        error = _error(NOTEBOOK_TOO_LARGE, "notebook_too_large", size=size, limit=limit)
        raise ValidationError({"notebook": [error]})
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"notebook": [_error(NOTEBOOK_NOT_UTF8, "notebook_not_utf8")]}) from None
