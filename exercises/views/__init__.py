"""Server-rendered exercise pages: the statement and a submit form per kind, live grading status (htmx polls a
fragment every second until the result is final), attempt history with diffs, the submission page with its
checks, learning curve, runtime facts and reviews, and the mentor's review form.

Rules live in exercises.services / exercises.permissions; a submission someone may not see is a 404.
"""

from config.markdown import render_markdown
from exercises.views.artefact import submission_score
from exercises.views.common import error_lines
from exercises.views.curve import curve_svg
from exercises.views.exercise import exercise_detail, exercise_submit, submission_diff, submission_status
from exercises.views.submission import submission_detail, submission_review, submission_review_request

__all__ = [
    "curve_svg",
    "error_lines",
    "exercise_detail",
    "exercise_submit",
    "render_markdown",
    "submission_detail",
    "submission_diff",
    "submission_review",
    "submission_review_request",
    "submission_score",
    "submission_status",
]
