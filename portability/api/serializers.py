from __future__ import annotations

from rest_framework import serializers


class ImportReportOutput(serializers.Serializer):
    restored = serializers.DictField(child=serializers.IntegerField(), help_text="Rows restored, per part.")
    unchanged = serializers.DictField(
        child=serializers.IntegerField(), help_text="Rows already here (a second import of the same document)."
    )
    missing = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Slugs of tracks, milestones and exercises this instance does not have.",
    )
    not_restored = serializers.DictField(
        child=serializers.IntegerField(), help_text="What cannot move (reviews by mentors of the other instance)."
    )


class ShareLinkOutput(serializers.Serializer):
    url = serializers.CharField(help_text="The public page; whoever has it can read it until it is revoked.")
    created_at = serializers.DateTimeField()
