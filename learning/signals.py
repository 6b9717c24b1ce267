"""What learning announces to the apps above it (webhooks), sent on commit (config.signals.send_on_commit)."""

from django.dispatch import Signal

# A behind-plan reminder was sent (once per learner, track and ISO week): user_id, track (slug), week
# ("2026-W49"), behind_hours, late_days, projected_finish and target_date (ISO dates or None).
learner_behind_plan = Signal()
