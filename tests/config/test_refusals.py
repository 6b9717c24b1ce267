"""`refusal_as_403`: a service's django PermissionDenied answers as DRF's 403 with the service's message; anything
else passes through untouched."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from rest_framework import exceptions

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
