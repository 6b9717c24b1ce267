"""`{{ user|person }}`: how a person is named on pages (display name, else username; "deleted learner")."""

from django import template
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from accounts.models import MentorAssignment
from accounts.selectors import person_name

register = template.Library()


@register.filter
def person(user) -> str:
    return person_name(user)


@register.simple_tag
def nav_roles(user) -> dict[str, bool]:
    """The parts of the menu a signed-in person can use: the mentor's pages (mentors, staff), and the learner's plan
    and self-assessment (anyone enrolled, and anyone who mentors nobody: they are here to learn). A mentor who is not
    enrolled gets no links that would only send them to the enrolment page. One query for both facts."""
    # accounts may not import planner: the enrolment model is reached through the user's reverse relation.
    enrolments = user.enrolments.model.objects.filter(user=OuterRef("pk"))
    mentors, enrolled = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(m=Exists(MentorAssignment.objects.filter(mentor=OuterRef("pk"))), e=Exists(enrolments))
        .values_list("m", "e")
        .get()
    )
    mentor = bool(user.is_staff or mentors)
    return {"mentor": mentor, "learner": not mentor or bool(enrolled)}
