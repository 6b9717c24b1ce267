"""Form widgets every app shares."""

from __future__ import annotations

from typing import Any

from django import forms


class IsoDateInput(forms.DateInput):
    """The browser's date picker. Its value must be ISO (yyyy-mm-dd) whatever the reader's language: Django would
    render the locale's first input format (2027/06/30 in Chinese), which Chromium rejects, so the field showed empty
    and saving the form stored no date (issue 11, bug 1). DateField always accepts ISO back."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")
