"""Notes pages: the form on the milestone page posts here; the notes page lists and searches the learner's own."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from config.pages import or_404, show_refusal
from learning import selectors
from learning.models import NOTE_MAX_CHARS
from learning.services.notes import note_save


class NoteForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your note (Markdown)"),
        required=False,
        strip=False,
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    shared_with_mentors = forms.BooleanField(label=gettext_lazy("Share with my mentors"), required=False)


@login_required
@require_POST
def note_save_page(request: HttpRequest, slug: str) -> HttpResponse:
    milestone = or_404(selectors.milestone_by_slug(slug))
    form = NoteForm(request.POST)
    back = f"{milestone.get_absolute_url()}#note"
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    try:
        note = note_save(
            user=request.user,
            milestone=milestone,
            body=form.cleaned_data["body"],
            shared=form.cleaned_data["shared_with_mentors"],
        )
    except ValidationError as exc:
        show_refusal(request, exc)
        return redirect(back)
    messages.success(request, _("Note saved.") if note is not None else _("Note deleted."))
    return redirect(back)


@login_required
@require_GET
def note_list_page(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[: selectors.MAX_SEARCH_CHARS]
    notes = list(selectors.note_list(user=request.user, text=text)[:200])
    return render(request, "learning/notes.html", {"notes": notes, "q": text, "max_search": selectors.MAX_SEARCH_CHARS})
