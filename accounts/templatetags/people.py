"""`{{ user|person }}`: how a person is named on pages (display name, else username; "deleted learner")."""

from django import template
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet

from accounts.models import MentorAssignment
from accounts.selectors import person_name
from config.prepared import prepared

register = template.Library()


@register.filter
def person(user) -> str:
    return person_name(user)


@prepared(user_id=int)
def _roles(user_id: int) -> QuerySet:
    users = get_user_model()
    # accounts may not import planner: the enrolment model is reached through the user's reverse relation.
    enrolments = users._meta.get_field("enrolments").related_model.objects.filter(user=OuterRef("pk"))
    mentors = MentorAssignment.objects.filter(mentor=OuterRef("pk"))
    return users.objects.filter(pk=user_id).values("pk").annotate(mentor=Exists(mentors), enrolled=Exists(enrolments))


@register.simple_tag
def nav_roles(user) -> dict[str, bool]:
    """The parts of the menu a signed-in person can use: the mentor's pages (mentors, staff), and the learner's plan
    and self-assessment (anyone enrolled, and anyone who mentors nobody: they are here to learn). A mentor who is not
    enrolled gets no links that would only send them to the enrolment page. One query for both facts, compiled once
    (config.prepared): every page's menu asks."""
    (row,) = _roles(user_id=user.pk)
    mentor = bool(user.is_staff or row["mentor"])
    return {"mentor": mentor, "learner": not mentor or bool(row["enrolled"])}
