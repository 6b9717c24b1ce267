"""A service's django PermissionDenied: `config.api.refusal_as_403` answers DRF's 403 with the service's message;
`config.api.refusal_as_404` and `config.pages.refusal_as_404` answer a 404 that does not repeat it. Anything else
passes through untouched. `or_404` of both: the row, or the same 404 when a selector found none; `visible_or_404`:
the same 404 for a row the caller may not see."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from django.http import Http404
from rest_framework import exceptions

from config import api, pages
from config.api import refusal_as_403


def test_refusal_as_403_keeps_the_service_message():
    with pytest.raises(exceptions.PermissionDenied) as raised, refusal_as_403():
        raise DjangoPermissionDenied("Not your learner.")
    assert raised.value.status_code == 403
    assert raised.value.detail == "Not your learner."


def test_refusal_as_403_lets_the_rest_through():
    with pytest.raises(ValidationError), refusal_as_403():
        raise ValidationError("bad")
    with refusal_as_403():
        done = True
    assert done


@pytest.mark.parametrize(
    ("refusal_as_404", "message"), [(api.refusal_as_404, "Not found."), (pages.refusal_as_404, "")]
)
def test_refusal_as_404_says_nothing_of_the_refusal(refusal_as_404, message):
    with pytest.raises(Http404) as raised, refusal_as_404():
        raise DjangoPermissionDenied("Not your learner.")
    assert str(raised.value) == message
    assert raised.value.__cause__ is None
    with pytest.raises(ValidationError), refusal_as_404():
        raise ValidationError("bad")


@pytest.mark.parametrize(("or_404", "message"), [(api.or_404, "Not found."), (pages.or_404, "")])
def test_or_404_gives_the_row_or_a_404(or_404, message):
    row = object()
    assert or_404(row) is row
    assert or_404(0) == 0  # only None is "not found"
    with pytest.raises(Http404) as raised:
        or_404(None)
    assert str(raised.value) == message


def test_visible_or_404_answers_a_row_the_caller_may_not_see_as_none_at_all():
    row, user = object(), object()
    asked = []

    def may_see(who, what):
        asked.append((who, what))
        return what is row

    assert api.visible_or_404(user, row, may_see) is row
    assert asked == [(user, row)]
    for hidden in (object(), None):
        with pytest.raises(Http404) as raised:
            api.visible_or_404(user, hidden, may_see)
        assert str(raised.value) == "Not found."
    assert len(asked) == 2  # None is not asked about: nothing to see
