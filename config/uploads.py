"""Uploads: learners upload one small code file, so a request may not make the web process hold, or write to
disk, anything much larger than that.

A 400 MB file posted to the exercise page grew the web process from 133 to 512 MB before "too large" came back
(Django spooled it to a temporary file, the page then read all of it). Here each file keeps at most
FILE_UPLOAD_MAX_MEMORY_SIZE bytes in memory (one byte past the code limit: enough to say it is too large, with
the limit) and the rest is read and dropped; a multipart body past PATHWISE_MAX_UPLOAD_BYTES is refused with 413
before it is parsed.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _

UPLOAD_TOO_LARGE = _("The upload is %(size)s bytes; the limit is %(limit)s bytes.")
# Read and dropped in pieces this size: never the whole body at once (runserver itself reads what a view left
# unread in one call, so a refused body must still be consumed here).
_DRAIN_CHUNK = 64 * 1024


class CappedUploadHandler(FileUploadHandler):
    """Every uploaded file in memory, cut at FILE_UPLOAD_MAX_MEMORY_SIZE bytes; its `size` stays the size sent."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.file = BytesIO()
        self.kept = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        room = settings.FILE_UPLOAD_MAX_MEMORY_SIZE - self.kept
        if room > 0:
            self.file.write(raw_data[:room])
            self.kept += min(room, len(raw_data))
        # Returning None: no later handler sees the chunk (there is none; nothing goes to disk).

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.file.seek(0)
        return InMemoryUploadedFile(
            file=self.file,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


class UploadBodyLimitMiddleware:
    """A multipart body larger than PATHWISE_MAX_UPLOAD_BYTES is a 413 with a message, before anything parses it.
    Other bodies are already bounded by DATA_UPLOAD_MAX_MEMORY_SIZE, which Django does not apply to files."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                size = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                size = 0
            limit = settings.PATHWISE_MAX_UPLOAD_BYTES
            if size > limit:
                _drain(request)
                return _too_large(request, size=size, limit=limit)
        return self.get_response(request)


def _drain(request: HttpRequest) -> None:
    while request.read(_DRAIN_CHUNK):
        pass


def _too_large(request: HttpRequest, *, size: int, limit: int) -> HttpResponse:
    message = str(UPLOAD_TOO_LARGE % {"size": size, "limit": limit})
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
