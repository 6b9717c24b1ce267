"""What exercises announces to the apps above it (webhooks), sent on commit by the service where it happens
(config.signals.send_on_commit). Arguments are ids: a receiver reads what it may show."""

from django.dispatch import Signal

# A submission got its final result (passed, failed or error): submission_id.
submission_graded = Signal()
# A mentor reviewed a submission: review_id.
review_created = Signal()
# A mentor signed off a milestone: sign_off_id.
signoff_created = Signal()
