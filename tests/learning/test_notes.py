"""Notes: private per learner and milestone, rendered safely, searchable, in the API, and read by a mentor only
while the learner shares them (never by anyone else, staff included)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning.api.views import AUTHOR_ONLY
from learning.models import NOTE_MAX_CHARS, Note
from learning.selectors import note_list, shared_note_list
from learning.services.notes import NOTE_EXISTS, note_create, note_save
from tests.factories import MentorAssignmentFactory, MilestoneFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    learner, mentor, other_mentor = UserFactory(), UserFactory(), UserFactory()
    staff = UserFactory(is_staff=True, is_superuser=True)
    MentorAssignmentFactory(mentor=mentor, learner=learner)
    return {"learner": learner, "mentor": mentor, "other_mentor": other_mentor, "staff": staff}


def test_note_save_makes_changes_and_an_empty_note_deletes_it(people):
    ms = MilestoneFactory()
    note = note_save(user=people["learner"], milestone=ms, body="first", shared=None)
    assert (note.body, note.shared_with_mentors) == ("first", False)
    again = note_save(user=people["learner"], milestone=ms, body="second", shared=True)
    assert again.pk == note.pk and again.shared_with_mentors is True
    # shared=None keeps the sharing as it was
    assert note_save(user=people["learner"], milestone=ms, body="third").shared_with_mentors is True
    assert note_save(user=people["learner"], milestone=ms, body="   ") is None
    assert not Note.objects.exists()


def test_note_create_refuses_a_second_note_and_a_long_one(people):
    ms = MilestoneFactory()
    note_create(user=people["learner"], milestone=ms, body="x")
    with pytest.raises(ValidationError) as exc:
        note_create(user=people["learner"], milestone=ms, body="y")
    assert exc.value.message_dict["milestone"] == [str(NOTE_EXISTS)]
    with pytest.raises(ValidationError) as exc:
        note_save(user=people["learner"], milestone=MilestoneFactory(), body="z" * (NOTE_MAX_CHARS + 1))
    assert exc.value.error_dict["body"][0].code == "too_long"


def test_search_finds_own_notes_by_text_and_milestone_title_only(people):
    mine = MilestoneFactory(title=("Attention mechanisms", "注意力机制"))
    other = MilestoneFactory(title_en="Word embeddings")
    note_save(user=people["learner"], milestone=mine, body="Q K V scaled by sqrt(d)")
    note_save(user=people["learner"], milestone=other, body="king - man + woman")
    note_save(user=people["mentor"], milestone=mine, body="the mentor's own SCALED note")
    assert [n.milestone_id for n in note_list(user=people["learner"], text="scaled")] == [mine.pk]
    assert [n.milestone_id for n in note_list(user=people["learner"], text="注意力")] == [mine.pk]
    assert [n.milestone_id for n in note_list(user=people["learner"], text="WOMAN")] == [other.pk]
    assert len(note_list(user=people["learner"])) == 2


def test_only_the_learners_mentors_read_shared_notes_never_private_ones(people):
    shared_ms, private_ms = MilestoneFactory(), MilestoneFactory()
    note_save(user=people["learner"], milestone=shared_ms, body="shared", shared=True)
    note_save(user=people["learner"], milestone=private_ms, body="private", shared=False)
    learner_id = people["learner"].pk
    assert [n.body for n in shared_note_list(viewer=people["mentor"], learner_id=learner_id)] == ["shared"]
    for who in ("other_mentor", "staff"):
        assert list(shared_note_list(viewer=people[who], learner_id=learner_id)) == []


def test_api_crud_and_sanitised_html(people, client_for):
    ms = MilestoneFactory(slug="attention")
    api = client_for(people["learner"])
    body = "# Attention\n\n**QKV** <script>alert(1)</script> [x](javascript:alert(1))"
    created = api.post("/api/v1/notes/", {"milestone": "attention", "body": body}, format="json")
    assert created.status_code == 201, created.data
    html = created.data["html"]
    assert "<h1>Attention</h1>" in html and "<strong>QKV</strong>" in html
    assert "<script" not in html and "javascript:" not in html
    assert api.post("/api/v1/notes/", {"milestone": "attention", "body": "again"}, format="json").status_code == 400
    assert api.post("/api/v1/notes/", {"milestone": "nope", "body": "x"}, format="json").status_code == 404
    too_long = api.put("/api/v1/notes/attention/", {"body": "z" * (NOTE_MAX_CHARS + 1)}, format="json")
    assert too_long.status_code == 400
    assert Note.objects.get(milestone=ms).body == body  # nothing stored lost
    patched = api.patch("/api/v1/notes/attention/", {"shared_with_mentors": True}, format="json")
    assert patched.status_code == 200 and patched.data["shared_with_mentors"] is True
    assert patched.data["body"] == body
    found = api.get("/api/v1/notes/", {"q": "qkv"})
    assert [row["milestone"] for row in found.data["results"]] == ["attention"]
    assert api.delete("/api/v1/notes/attention/").status_code == 204
    assert api.get("/api/v1/notes/attention/").status_code == 404


def test_api_mentor_reads_a_shared_note_and_cannot_write_it(people, client_for):
    MilestoneFactory(slug="attention")
    learner_id = people["learner"].pk
    client_for(people["learner"]).put("/api/v1/notes/attention/", {"body": "private"}, format="json")
    mentor = client_for(people["mentor"])
    assert mentor.get(f"/api/v1/notes/attention/?user={learner_id}").status_code == 404
    assert mentor.get(f"/api/v1/notes/?user={learner_id}").data["results"] == []
    client_for(people["learner"]).patch("/api/v1/notes/attention/", {"shared_with_mentors": True}, format="json")
    assert mentor.get(f"/api/v1/notes/attention/?user={learner_id}").data["body"] == "private"
    refused = mentor.put(f"/api/v1/notes/attention/?user={learner_id}", {"body": "edited"}, format="json")
    assert refused.status_code == 403 and refused.data["detail"] == str(AUTHOR_ONLY)
    staff = client_for(people["staff"])
    assert staff.get(f"/api/v1/notes/attention/?user={learner_id}").status_code == 404


def test_milestone_page_shows_and_saves_the_note(people, client):
    ms = MilestoneFactory(slug="attention")
    client.force_login(people["learner"])
    response = client.post(
        reverse("note-save", args=["attention"]), {"body": "Softmax over *keys*", "shared_with_mentors": "on"}
    )
    assert response.status_code == 302 and response["Location"] == f"{ms.get_absolute_url()}#note"
    page = client.get(ms.get_absolute_url()).content.decode()
    assert 'id="note-html"><p>Softmax over <em>keys</em></p>' in page
    assert "Shared with your mentors." in page
    found = client.get(reverse("notes"), {"q": "softmax"}).content.decode()
    assert "Softmax" in found and 'value="softmax" maxlength="200"' in found  # learning.selectors.MAX_SEARCH_CHARS
    assert "Softmax" not in client.get(reverse("notes"), {"q": "nothing-like-it"}).content.decode()


def test_mentor_learner_page_shows_shared_notes_only(people, client):
    shared_ms = MilestoneFactory(title_en="Shared milestone")
    private_ms = MilestoneFactory(title_en="Private milestone")
    note_save(user=people["learner"], milestone=shared_ms, body="visible to my mentor", shared=True)
    note_save(user=people["learner"], milestone=private_ms, body="for my eyes only", shared=False)
    client.force_login(people["mentor"])
    page = client.get(reverse("mentor-learner", args=[people["learner"].pk])).content.decode()
    assert "visible to my mentor" in page
    assert "for my eyes only" not in page
