"""Uploads cost the web process a bounded amount of memory and no disk, whatever their size (issue 16, finding 3):
a file keeps at most one byte past the code limit, and a multipart body past PATHWISE_MAX_UPLOAD_BYTES is a 413
with a message before anything parses it."""

from __future__ import annotations

import io
import tracemalloc

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.multipartparser import MultiPartParser
from django.test import RequestFactory
from rest_framework.test import APIClient

from config.uploads import UPLOAD_TOO_LARGE
from exercises.models import Submission
from exercises.services.submissions import SOURCE_TOO_LARGE
from scripts._multipart import MultipartFileBody

pytestmark = pytest.mark.django_db

BOUNDARY = "pathwiseboundary"


def test_a_50_mb_file_is_parsed_in_a_bounded_amount_of_memory_and_keeps_one_byte_past_the_limit(tmp_path, settings):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    body = MultipartFileBody(50 * 1024 * 1024, BOUNDARY)
    meta = {"CONTENT_TYPE": body.content_type, "CONTENT_LENGTH": str(body.length)}
    request = RequestFactory().post("/")
    tracemalloc.start()
    try:
        _, files = MultiPartParser(meta, io.BufferedReader(body), request.upload_handlers).parse()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    upload = files["file"]
    assert upload.size == 50 * 1024 * 1024
    assert upload.read() == b"#" * settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    limits = (settings.PATHWISE_MAX_CODE_BYTES, settings.PATHWISE_MAX_NOTEBOOK_BYTES)
    assert max(limits) + 1 == settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    # What it keeps (the largest file a learner may send, a notebook) plus a bounded working set; never the body.
    assert peak < settings.FILE_UPLOAD_MAX_MEMORY_SIZE + 2 * 1024 * 1024, peak
    assert list(tmp_path.iterdir()) == []  # nothing spooled to disk


def test_a_page_upload_over_the_code_limit_says_so_with_the_limit_and_stores_nothing(world, client):
    client.force_login(world.users["learner"])
    limit = settings.PATHWISE_MAX_CODE_BYTES
    upload = SimpleUploadedFile("big.py", b"x = 1\n" * (settings.PATHWISE_MAX_UPLOAD_BYTES // 12))
    response = client.post("/exercises/softmax/submit/", {"file": upload}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert str(SOURCE_TOO_LARGE % {"size": limit + 1, "limit": limit}) in html
    assert Submission.objects.filter(user=world.users["learner"]).count() == 3  # the world's three


@pytest.mark.parametrize("path", ["/exercises/softmax/submit/", "/api/v1/submissions/"])
def test_a_multipart_body_over_the_upload_limit_is_413_with_a_message_before_it_is_parsed(world, path):
    client = APIClient()
    client.force_authenticate(world.users["learner"])
    client.force_login(world.users["learner"])
    limit = settings.PATHWISE_MAX_UPLOAD_BYTES
    upload = SimpleUploadedFile("big.py", b"#" * (limit + 1))
    response = client.post(path, {"exercise": "softmax", "file": upload}, format="multipart")
    assert response.status_code == 413
    size = int(response.wsgi_request.META["CONTENT_LENGTH"])
    message = str(UPLOAD_TOO_LARGE % {"size": size, "limit": limit})
    body = response.json()["detail"] if path.startswith("/api/") else response.content.decode()
    assert body == message
    assert Submission.objects.filter(user=world.users["learner"]).count() == 3
