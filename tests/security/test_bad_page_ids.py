"""Page routes and page forms given ids that name no row or do not fit 64 bits: a clear 400 or 404, never a 500
(the API's operations are walked in test_bad_input.py)."""

from __future__ import annotations

import pytest

from tests.security.openapi_ops import BIG, page_routes_with_ids


@pytest.mark.parametrize("value", [str(BIG), "-1", "0", "x1", "１"])
def test_a_page_form_id_that_names_no_row_is_400_and_marks_nothing_read(world, client, value):
    from accounts.models import Notification

    unread = Notification.objects.filter(user=world.users["learner"], read_at__isnull=True)
    before = unread.count()
    client.force_login(world.users["learner"])
    response = client.post("/accounts/notifications/read/", {"id": value})
    assert response.status_code == 400
    assert response.content.decode() == f"“{value}” is not a notification id."
    assert unread.count() == before > 0


def test_a_diff_between_ids_past_64_bits_is_404(world, client):
    client.force_login(world.users["learner"])
    assert client.get(f"/exercises/softmax/diff/?a={BIG}&b={world.softmax_1.pk}").status_code == 404


@pytest.mark.parametrize("route", page_routes_with_ids())
def test_a_page_id_past_64_bits_in_a_path_is_never_a_server_error(world, client, route):
    """Not found, or (a form's action on something not yours) a redirect back; never an OverflowError's 500."""
    import re

    path = "/" + re.sub(r"<slug:\w+>", "x", re.sub(r"<int:\w+>", str(BIG), route))
    client.force_login(world.users["learner"])
    client.raise_request_exception = False
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code in (302, 400, 403, 404, 405), (path, response.status_code)
