"""The permission matrix's rows for the pages (with the API routes of portability and leaderboards, beside their
pages), and Django's admin."""

from __future__ import annotations

from tests.security.matrix.rules import (
    A_DATA_API_READ_ONLY,
    A_DATA_PAGE_READ_ONLY,
    A_ONLY_PAGE_ACTION,
    A_OR_MENTOR_ENDS_PAGE,
    CODE,
    COHORT_PAGE,
    COHORT_PAGE_ACTION,
    COHORT_PAGE_FORM,
    ENROLLED_PAGE_FORM,
    MENTOR_PAGE,
    MENTOR_PAGE_FORM,
    OWN_API_READ_ONLY,
    OWN_PAGE,
    OWN_PAGE_ACTION,
    OWN_PAGE_FORM,
    OWN_PAGE_READ_ONLY,
    PUBLIC,
    PUBLIC_FORM,
    PUBLIC_READ_ONLY,
    REDIRECTS,
    SIGN_IN_FORM,
    Route,
    Rule,
    a_submission,
    cohort_page,
    confirmation_key,
    milestone_a,
    model_board,
    model_cohort_board,
    reset_key,
    review_card_a,
    share_key,
    softmax_slug,
)

PAGE_ROUTES: dict[str, Route] = {
    # --- pages ---
    "set_language": Route(REDIRECTS, body=lambda w: {"language": "zh-hans", "next": "/"}),
    # Sign-in and sign-up pages send a signed-in person on (302); sign-in by username or email (allauth's `login`).
    "login": Route(SIGN_IN_FORM, body=lambda w: {"login": w.users["learner"].username, "password": "pw-correct-horse"}),
    "logout": Route(OWN_PAGE_FORM),
    "account_login": Route(
        SIGN_IN_FORM, body=lambda w: {"login": w.users["learner"].username, "password": "pw-correct-horse"}
    ),
    "account_logout": Route(OWN_PAGE_FORM),
    "account_signup": Route(
        SIGN_IN_FORM,
        body=lambda w: {
            "username": "newcomer",
            "email": "newcomer@example.org",
            "password1": "a-long-new-passphrase",
            "password2": "a-long-new-passphrase",
        },
    ),
    "account_inactive": Route(PUBLIC_READ_ONLY),
    "account_reauthenticate": Route(OWN_PAGE_FORM, body=lambda w: {"password": "pw-correct-horse"}),
    "account_email": Route(OWN_PAGE_FORM, body=lambda w: {"action_add": "", "email": "new-address@example.org"}),
    "account_email_verification_sent": Route(PUBLIC_READ_ONLY),
    "account_confirm_email": Route(PUBLIC_FORM, kwargs=lambda w: {"key": confirmation_key(w)}),
    "account_confirm_login_code": Route(REDIRECTS),
    # allauth 65.22's reauthentication by a mailed code: a signed-in person may ask for one (the form, 200); the
    # confirm step sends anyone on until a code was requested in their session.
    "account_request_reauthentication_code": Route(OWN_PAGE),
    "account_confirm_reauthentication_code": Route(REDIRECTS),
    "account_change_password": Route(
        OWN_PAGE_FORM,
        body=lambda w: {
            "oldpassword": "pw-correct-horse",
            "password1": "a-long-new-passphrase",
            "password2": "a-long-new-passphrase",
        },
    ),
    "account_set_password": Route(REDIRECTS),
    "account_reset_password": Route(PUBLIC_FORM, body=lambda w: {"email": w.users["learner"].email}),
    "account_reset_password_done": Route(PUBLIC_READ_ONLY),
    # The key moves to the session and the page redirects to the form (a signed-in visitor is signed out first).
    "account_reset_password_from_key": Route(
        REDIRECTS,
        kwargs=lambda w: dict(zip(("uidb36", "key"), reset_key(w).split("-", 1))),
        body=lambda w: {"password1": "a-long-new-passphrase", "password2": "a-long-new-passphrase"},
    ),
    "account_reset_password_from_key_done": Route(PUBLIC_READ_ONLY),
    "account-settings": Route(OWN_PAGE_FORM, body=lambda w: {"display_name": "Ada", "time_zone": "Asia/Shanghai"}),
    "account-token-create": Route(
        Rule("302 405 405 405 405 405", "302 200 200 200 200 200"),
        body=lambda w: {"name": "phone", "password": "pw-correct-horse"},
    ),
    "account-token-revoke": Route(OWN_PAGE_ACTION, kwargs=lambda w: {"token_id": w.token.pk}),
    "account-delete": Route(
        Rule("302 200 200 200 200 200", "302 302 400 400 400 400"),
        body=lambda w: {"confirm": w.users["learner"].username, "password": "pw-correct-horse"},
    ),
    "notifications": Route(OWN_PAGE),
    "notifications-read": Route(OWN_PAGE_ACTION),
    "nav-extras": Route(OWN_PAGE),
    "exercise-detail": Route(PUBLIC, kwargs=softmax_slug),
    "exercise-submit": Route(OWN_PAGE_ACTION, kwargs=softmax_slug, body=lambda w: {"source": CODE}),
    "submission-diff": Route(
        A_DATA_PAGE_READ_ONLY, kwargs=softmax_slug, query=lambda w: f"?a={w.softmax_1.pk}&b={w.softmax_2.pk}"
    ),
    "submission-detail": Route(Rule("302 200 404 200 404 200", "302 200 404 200 404 200"), kwargs=a_submission),
    "submission-status": Route(A_DATA_PAGE_READ_ONLY, kwargs=a_submission),
    "submission-review": Route(
        Rule("302 405 405 405 405 405", "302 404 404 302 404 404"),
        kwargs=a_submission,
        body=lambda w: {"verdict": "comment", "body": "Check the axis."},
    ),
    "submission-review-request": Route(A_ONLY_PAGE_ACTION, kwargs=a_submission),
    "submission-score": Route(COHORT_PAGE_ACTION, kwargs=a_submission, body=lambda w: {"points-method": "1"}),
    "review-queue": Route(MENTOR_PAGE),
    # The catalogue is public; a signed-in reader also gets their own progress in it.
    "milestone-catalogue": Route(PUBLIC_READ_ONLY),
    "exercise-catalogue": Route(PUBLIC_READ_ONLY),
    # Notes pages: each person's own notes (the form on a milestone page posts to note-save and goes back there).
    "notes": Route(OWN_PAGE_READ_ONLY),
    "note-save": Route(OWN_PAGE_ACTION, kwargs=milestone_a, body=lambda w: {"body": "Mine"}),
    # The daily review: each person's own cards (a rating posts to review-answer and goes back to the review).
    "review": Route(OWN_PAGE_READ_ONLY),
    "review-answer": Route(A_ONLY_PAGE_ACTION, kwargs=review_card_a, body=lambda w: {"rating": "good"}),
    # The weekly goal and streak: each person's own (a POST saves the caller's goal and comes back, 302).
    "rhythm": Route(OWN_PAGE_FORM, body=lambda w: {"kind": "hours", "hours": "5", "reminders": "on"}),
    "dashboard": Route(OWN_PAGE),
    # Own-data pages: without an enrolment (the mentors, the admin) they send you to the enrolment page (302).
    "enrol": Route(
        Rule("302 200 200 200 200 200", "302 400 400 302 302 302"),
        body=lambda w: {"track": w.track.pk, "hours_per_week": "5"},
    ),
    "self-assessment": Route(ENROLLED_PAGE_FORM, body=lambda w: {"known": [w.a.slug]}),
    "plan": Route(ENROLLED_PAGE_FORM, body=lambda w: {"hours_per_week": "5"}),
    "milestone-detail": Route(PUBLIC, kwargs=milestone_a),
    "milestone-state": Route(OWN_PAGE_ACTION, kwargs=milestone_a, body=lambda w: {"state": "in_progress"}),
    "mentor-home": Route(MENTOR_PAGE),
    "mentor-learner": Route(COHORT_PAGE, kwargs=lambda w: {"learner_id": w.users["learner"].pk}),
    # GET asks the mentor to confirm; POST signs off.
    "mentor-sign-off": Route(
        COHORT_PAGE_FORM, kwargs=lambda w: {"learner_id": w.users["learner"].pk, "slug": w.portfolio.slug}
    ),
    "mentor-sign-off-withdraw": Route(
        COHORT_PAGE_ACTION, kwargs=lambda w: {"learner_id": w.users["learner"].pk, "slug": w.portfolio.slug}
    ),
    # --- cohort pages: a cohort is a 404 to all but its mentors and staff; learners join with the code ---
    "cohort-list": Route(OWN_PAGE),
    "cohort-create": Route(
        MENTOR_PAGE_FORM,
        body=lambda w: {"name": "New cohort", "track": w.track.slug, "mentors": w.users["mentor"].username},
    ),
    "cohort-detail": Route(COHORT_PAGE, kwargs=cohort_page),
    "cohort-edit": Route(
        COHORT_PAGE_FORM, kwargs=cohort_page, body=lambda w: {"name": "Renamed", "mentors": w.users["mentor"].username}
    ),
    "cohort-delete": Route(COHORT_PAGE_ACTION, kwargs=cohort_page, body=lambda w: {"confirm": w.cohort.name}),
    "cohort-export": Route(COHORT_PAGE, kwargs=cohort_page),
    "cohort-invitations": Route(
        Rule("302 404 404 200 404 200", "302 404 404 201 404 201"),
        kwargs=cohort_page,
        body=lambda w: {"kind": "link", "seats": "5"},
    ),
    "cohort-invitation-revoke": Route(
        COHORT_PAGE_ACTION, kwargs=lambda w: {"cohort_id": w.cohort.pk, "invitation_id": w.invitation.pk}
    ),
    "cohort-member-remove": Route(
        A_OR_MENTOR_ENDS_PAGE, kwargs=lambda w: {"cohort_id": w.cohort.pk, "learner_id": w.users["learner"].pk}
    ),
    "cohort-join-code": Route(OWN_PAGE_READ_ONLY),
    # GET shows the cohort and asks; POST joins (A: already a member; A's mentor mentors it: a 400 that says so).
    "cohort-join": Route(
        Rule("302 200 200 200 200 200", "302 200 201 400 201 201"), kwargs=lambda w: {"code": w.cohort_code}
    ),
    "mentoring-requests": Route(OWN_PAGE),
    "mentor-tracks": Route(MENTOR_PAGE_FORM, body=lambda w: {"tracks": [w.track.slug]}),
    # On the learner's own submission page only (A asks: told A has a mentor already, and sent back to it).
    "mentoring-request-panel": Route(
        Rule("302 200 404 404 404 404", "302 302 404 404 404 404"),
        kwargs=lambda w: {"submission_id": w.softmax_1.pk},
        body=lambda w: {"message": "Please help"},
    ),
    "mentoring-request-take": Route(
        Rule("302 405 405 405 405 405", "302 404 404 404 302 404"), kwargs=lambda w: {"request_id": w.request.pk}
    ),
    "mentoring-request-cancel": Route(A_ONLY_PAGE_ACTION, kwargs=lambda w: {"request_id": w.request.pk}),
    "mentorship-end": Route(A_OR_MENTOR_ENDS_PAGE, kwargs=lambda w: {"mentorship_id": w.mentorship.pk}),
    # --- portability: always the caller's own data (`me/`); the share page is public to whoever has the key ---
    "api-me-export": Route(OWN_API_READ_ONLY),
    "api-me-export-progress": Route(OWN_API_READ_ONLY),
    # An empty body is not an export: 400 with a message, nothing stored.
    "api-me-import": Route(Rule("401 405 405 405 405 405", "401 400 400 400 400 400")),
    # Nobody in the world shares yet (404); a POST opts the caller in.
    "api-me-share": Route(Rule("401 404 404 404 404 404", "401 201 201 201 201 201")),
    "me-export-json": Route(OWN_PAGE_READ_ONLY),
    "me-export-csv": Route(OWN_PAGE_READ_ONLY),
    "me-sharing": Route(OWN_PAGE_READ_ONLY),
    "me-sharing-create": Route(OWN_PAGE_ACTION),
    "me-sharing-revoke": Route(OWN_PAGE_ACTION),
    "share-progress": Route(PUBLIC_READ_ONLY, kwargs=lambda w: {"key": share_key(w)}),
    # --- leaderboards: a global board for everyone signed in, a cohort's for its members (A), its mentor (A's) and
    # staff; staff close global boards, a cohort's mentor and staff its boards. A takes part in the model exercise's.
    "api-leaderboard-list": Route(OWN_API_READ_ONLY),
    "api-leaderboard-detail": Route(OWN_API_READ_ONLY, kwargs=model_board),
    # Each caller's own entry: A has one; anyone signed in may take part (or rename).
    "api-leaderboard-entry": Route(
        Rule("401 200 404 404 404 404", "401 200 200 200 200 200"),
        kwargs=model_board,
        write="put",
        body=lambda w: {"display_name": "Quiet Otter"},
    ),
    "api-leaderboard-close": Route(Rule("401 405 405 405 405 405", "401 403 403 403 403 200"), kwargs=model_board),
    "api-leaderboard-cohort-detail": Route(A_DATA_API_READ_ONLY, kwargs=model_cohort_board),
    "api-leaderboard-cohort-close": Route(
        Rule("401 405 405 405 405 405", "401 403 404 200 404 200"), kwargs=model_cohort_board
    ),
    "leaderboard": Route(OWN_PAGE_READ_ONLY, kwargs=model_board),
    "leaderboard-cohort": Route(A_DATA_PAGE_READ_ONLY, kwargs=model_cohort_board),
    "leaderboard-entry": Route(OWN_PAGE_ACTION, kwargs=model_board, body=lambda w: {"display_name": "Quiet Otter"}),
    "leaderboard-close": Route(Rule("302 405 405 405 405 405", "302 403 403 403 403 302"), kwargs=model_board),
    "leaderboard-cohort-close": Route(
        Rule("302 405 405 405 405 405", "302 403 404 302 404 302"), kwargs=model_cohort_board
    ),
    # --- Django admin: its index stands for the whole site; staff only ---
    "admin:index": Route(Rule("302 302 302 302 302 200", "302 302 302 302 302 200")),
}
