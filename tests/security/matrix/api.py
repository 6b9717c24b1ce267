"""The permission matrix's rows for the API (/api/v1/) and its schema and docs."""

from __future__ import annotations

from tests.security.matrix.rules import (
    A_DATA_API,
    A_DATA_API_READ_ONLY,
    A_OR_MENTOR_ENDS_API,
    ANYONE_POSTS,
    ANYONE_POSTS_ACCEPTED,
    CODE,
    COHORT_API,
    COHORT_API_ACTION,
    COHORT_API_READ_ONLY,
    MENTOR_OR_STAFF_WAITING_API,
    OWN_API,
    OWN_API_ACTION,
    OWN_API_READ_ONLY,
    PUBLIC_READ_ONLY,
    Route,
    Rule,
    a_submission,
    cohort_pk,
    confirmation_key,
    milestone_a,
    reset_key,
    review_card_a,
    shared_note_a,
    softmax_slug,
    user_a,
    webhook_pk,
)

API_ROUTES: dict[str, Route] = {
    # --- accounts API ---
    "api-token": Route(
        Rule("401 405 405 405 405 405", "200 200 200 200 200 200"),
        body=lambda w: {"username": w.users["learner"].username, "password": "pw-correct-horse"},
    ),
    "api-token-list": Route(OWN_API_READ_ONLY),
    "api-token-detail": Route(
        Rule("401 405 405 405 405 405", "401 204 404 404 404 404"), kwargs=lambda w: {"pk": w.token.pk}, write="delete"
    ),
    "api-register": Route(
        ANYONE_POSTS_ACCEPTED,
        body=lambda w: {"username": "newcomer", "email": "newcomer@example.org", "password": "a-long-new-passphrase"},
    ),
    "api-verify-email": Route(ANYONE_POSTS, body=lambda w: {"key": confirmation_key(w)}),
    "api-password-reset": Route(ANYONE_POSTS_ACCEPTED, body=lambda w: {"email": w.users["learner"].email}),
    "api-password-reset-confirm": Route(
        ANYONE_POSTS, body=lambda w: {"key": reset_key(w), "password": "a-long-new-passphrase"}
    ),
    "api-password-change": Route(
        OWN_API_ACTION, body=lambda w: {"current_password": "pw-correct-horse", "new_password": "a-long-new-passphrase"}
    ),
    "api-me": Route(OWN_API, write="patch", body=lambda w: {"display_name": "Ada"}),
    "api-notifications": Route(OWN_API_READ_ONLY),
    "api-notifications-read": Route(OWN_API_ACTION),
    # --- learning API: notes are the author's; a mentor of theirs reads the shared ones; staff none ---
    "api-note-list": Route(
        Rule("401 200 404 200 404 404", "401 201 404 403 404 404"),
        query=user_a,
        body=lambda w: {"milestone": w.a.slug, "body": "Mine"},
    ),
    "api-note-detail": Route(
        Rule("401 200 404 200 404 404", "401 200 404 403 404 404"),
        kwargs=shared_note_a,
        query=user_a,
        write="put",
        body=lambda w: {"body": "Changed"},
    ),
    # --- learning API: each person's own review; another's card does not exist for them ---
    "api-review-due": Route(OWN_API_READ_ONLY),
    "api-review-answer": Route(
        Rule("401 405 405 405 405 405", "401 200 404 404 404 404"),
        kwargs=review_card_a,
        body=lambda w: {"rating": "good"},
    ),
    # --- planner API: the curriculum is public and read-only ---
    "api-stage-list": Route(PUBLIC_READ_ONLY),
    "api-track-list": Route(PUBLIC_READ_ONLY),
    "api-track-detail": Route(PUBLIC_READ_ONLY, kwargs=lambda w: {"slug": w.track.slug}),
    "api-milestone-list": Route(PUBLIC_READ_ONLY),
    "api-milestone-detail": Route(PUBLIC_READ_ONLY, kwargs=milestone_a),
    # --- planner API: A's data ---
    # A write enrols the caller (`?user=` is not read on POST): A and B are enrolled in the track already.
    "api-enrolment-list": Route(
        Rule("401 200 404 200 404 200", "401 400 400 201 201 201"),
        query=user_a,
        body=lambda w: {"track": w.track.slug, "hours_per_week": "5"},
    ),
    "api-enrolment-detail": Route(
        A_DATA_API, kwargs=lambda w: {"pk": w.enrolment.pk}, write="patch", body=lambda w: {"hours_per_week": "6"}
    ),
    "api-plan": Route(A_DATA_API, kwargs=lambda w: {"pk": w.enrolment.pk}),
    "api-self-assessment": Route(
        Rule("401 405 405 405 405 405", "401 200 404 403 404 200"), query=user_a, body=lambda w: {"known": [w.a.slug]}
    ),
    "api-progress-list": Route(A_DATA_API_READ_ONLY, query=user_a),
    "api-progress-detail": Route(
        A_DATA_API, kwargs=milestone_a, query=user_a, write="patch", body=lambda w: {"state": "in_progress"}
    ),
    "api-summary": Route(A_DATA_API_READ_ONLY, query=user_a),
    # --- exercises API ---
    "api-exercise-list": Route(PUBLIC_READ_ONLY),
    "api-exercise-detail": Route(PUBLIC_READ_ONLY, kwargs=softmax_slug),
    # A write here is a submission of one's own; `?learner=A` reads A's submissions. For B and B's mentor it is an
    # empty page, not a 404 (the planner lists answer 404): test_hidden_data checks that it is empty.
    "api-submission-list": Route(
        Rule("401 200 404 200 404 200", "401 201 201 201 201 201"),
        query=lambda w: f"?learner={w.users['learner'].pk}",
        body=lambda w: {"exercise": "softmax", "source": CODE},
    ),
    "api-submission-detail": Route(A_DATA_API_READ_ONLY, kwargs=a_submission),
    # Re-grading: staff and the learner's mentors; the learner themself may not (403), others do not see it (404).
    "api-submission-regrade": Route(Rule("401 405 405 405 405 405", "401 403 404 202 404 202"), kwargs=a_submission),
    # A mentor re-grades their own learners' submissions of the exercise (B's mentor: B's), staff everyone's.
    "api-exercise-regrade": Route(
        Rule("401 405 405 405 405 405", "401 403 403 202 202 202"), kwargs=lambda w: {"slug": w.softmax.slug}
    ),
    "api-submission-review": Route(
        Rule("401 405 405 405 405 405", "401 403 404 201 404 403"),
        kwargs=a_submission,
        body=lambda w: {"verdict": "comment", "body": "Check the axis."},
    ),
    # Only the learner asks a review of their own attempt; their mentor and staff read it but cannot ask (403).
    "api-submission-review-request": Route(
        Rule("401 405 405 405 405 405", "401 200 404 403 404 403"), kwargs=a_submission
    ),
    # Rubric scores: a mentor of the learner or staff (exercises.permissions.can_score_artefact); A's submission is a
    # code one, so those allowed get the 400 that says only an artefact is scored against a rubric.
    "api-submission-rubric-scores": Route(
        MENTOR_OR_STAFF_WAITING_API,
        kwargs=a_submission,
        body=lambda w: {"scores": [{"criterion": "method", "points": 1}]},
    ),
    "api-review-queue": Route(OWN_API_READ_ONLY),
    "api-sign-off": Route(
        Rule("401 405 405 405 405 405", "401 403 404 201 404 201"),
        body=lambda w: {"learner": w.users["learner"].pk, "milestone": w.portfolio.slug},
    ),
    # No sign-off to withdraw yet: those allowed to withdraw get a 400 that says so.
    "api-sign-off-withdraw": Route(
        MENTOR_OR_STAFF_WAITING_API,
        kwargs=lambda w: {"learner": w.users["learner"].pk, "milestone": w.portfolio.slug},
        write="delete",
    ),
    # --- cohorts API: a cohort exists for its mentors (A's mentor runs A's cohort) and staff only ---
    "api-cohort-list": Route(
        Rule("401 200 200 200 200 200", "401 403 403 201 201 201"),
        body=lambda w: {"name": "New cohort", "track": w.track.slug, "mentors": [w.users["mentor"].username]},
    ),
    "api-cohort-detail": Route(COHORT_API, kwargs=cohort_pk, write="patch", body=lambda w: {"name": "Renamed"}),
    "api-cohort-progress": Route(COHORT_API_READ_ONLY, kwargs=cohort_pk),
    "api-cohort-export": Route(COHORT_API_READ_ONLY, kwargs=cohort_pk),
    "api-cohort-invitations": Route(
        Rule("401 404 404 200 404 200", "401 404 404 201 404 201"),
        kwargs=cohort_pk,
        body=lambda w: {"kind": "link", "seats": 5},
    ),
    "api-cohort-invitation-detail": Route(
        COHORT_API_ACTION, kwargs=lambda w: {"pk": w.cohort.pk, "invitation_id": w.invitation.pk}, write="delete"
    ),
    # A leaves; the cohort's mentor and staff remove A; nobody else sees the cohort.
    "api-cohort-member": Route(
        A_OR_MENTOR_ENDS_API, kwargs=lambda w: {"pk": w.cohort.pk, "learner_id": w.users["learner"].pk}, write="delete"
    ),
    # The code is the way in: A is a member already (200, no seat used); a mentor of the cohort cannot join it.
    "api-cohort-join": Route(
        Rule("401 405 405 405 405 405", "401 200 201 400 201 201"), body=lambda w: {"code": w.cohort_code}
    ),
    "api-cohort-memberships": Route(OWN_API_READ_ONLY),
    # --- webhooks API: a cohort's endpoint exists for its mentors (A's mentor) and staff only; learners register
    # none (403), another mentor names a cohort that is not theirs (400); staff register global ones too ---
    "api-webhook-list": Route(
        Rule("401 200 200 200 200 200", "401 403 403 201 400 201"),
        body=lambda w: {"url": "https://93.184.216.34/new", "events": ["review.created"], "cohort": w.cohort.pk},
    ),
    "api-webhook-detail": Route(
        COHORT_API, kwargs=webhook_pk, write="patch", body=lambda w: {"description": "Changed"}
    ),
    "api-webhook-rotate": Route(COHORT_API_ACTION, kwargs=webhook_pk),
    "api-webhook-deliveries": Route(COHORT_API_READ_ONLY, kwargs=webhook_pk),
    "api-webhook-redeliver": Route(
        Rule("401 405 405 405 405 405", "401 404 404 202 404 202"),
        kwargs=lambda w: {"pk": w.webhook.pk, "delivery_id": w.delivery.pk},
    ),
    # --- mentoring requests API: A's request is A's data (visible to A, A's mentor, staff) and, while it waits, to
    # the mentors who opted in for its track (B's mentor); only they take it. A has a mentor already: asking is a 400.
    "api-mentoring-requests": Route(
        Rule("401 200 200 200 200 200", "401 400 404 404 404 404"), body=lambda w: {"submission": w.softmax_1.pk}
    ),
    "api-mentoring-queue": Route(OWN_API_READ_ONLY),
    "api-mentoring-request-detail": Route(
        Rule("401 200 404 200 200 200", "401 200 404 403 403 200"),
        kwargs=lambda w: {"pk": w.request.pk},
        write="delete",
    ),
    "api-mentoring-request-take": Route(
        Rule("401 405 405 405 405 405", "401 403 404 403 201 403"), kwargs=lambda w: {"pk": w.request.pk}
    ),
    "api-mentorships": Route(OWN_API_READ_ONLY),
    "api-mentorship-detail": Route(A_OR_MENTOR_ENDS_API, kwargs=lambda w: {"pk": w.mentorship.pk}, write="delete"),
    "api-mentor-tracks": Route(
        Rule("401 200 200 200 200 200", "401 403 403 200 200 200"),
        write="put",
        body=lambda w: {"tracks": [w.track.slug]},
    ),
    # --- schema and docs: public ---
    "schema": Route(PUBLIC_READ_ONLY),
    "swagger-ui": Route(PUBLIC_READ_ONLY),
    "redoc": Route(PUBLIC_READ_ONLY),
}
