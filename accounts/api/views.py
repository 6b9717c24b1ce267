from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.models import MentorAssignment, Notification
from accounts.services import notifications_mark_read

INVALID_CREDENTIALS = "Unable to sign in with the given username and password."


class TokenCreateInput(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=256, trim_whitespace=False, style={"input_type": "password"})


class TokenOutput(serializers.Serializer):
    token = serializers.CharField()


class TokenApi(APIView):
    """Obtain a token with a username and password (POST); revoke the token in use (DELETE)."""

    throttle_scope = "auth"

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    def get_throttles(self):
        return [ScopedRateThrottle()] if self.request.method == "POST" else []

    @extend_schema(request=TokenCreateInput, responses={200: TokenOutput}, auth=[])
    def post(self, request):
        data = TokenCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(request, **data.validated_data)
        if user is None:
            raise serializers.ValidationError({"non_field_errors": [INVALID_CREDENTIALS]})
        token, _ = Token.objects.get_or_create(user=user)
        return Response(TokenOutput({"token": token.key}).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    is_staff = serializers.BooleanField()
    is_mentor = serializers.BooleanField()
    mentor_ids = serializers.ListField(child=serializers.IntegerField())
    learner_ids = serializers.ListField(child=serializers.IntegerField())
    unread_notifications = serializers.IntegerField()


class MeApi(APIView):
    @extend_schema(responses={200: MeOutput})
    def get(self, request):
        user = request.user
        learner_ids = list(MentorAssignment.objects.filter(mentor=user).values_list("learner_id", flat=True))
        mentor_ids = list(MentorAssignment.objects.filter(learner=user).values_list("mentor_id", flat=True))
        data = {
            "id": user.pk,
            "username": user.get_username(),
            "is_staff": user.is_staff,
            "is_mentor": bool(learner_ids),
            "mentor_ids": mentor_ids,
            "learner_ids": learner_ids,
            "unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count(),
        }
        return Response(MeOutput(data).data)


class NotificationOutput(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "message", "url", "created_at", "read_at"]


class NotificationListApi(APIView):
    @extend_schema(responses={200: NotificationOutput(many=True)})
    def get(self, request):
        qs = Notification.objects.filter(user=request.user)[:100]
        return Response(NotificationOutput(qs, many=True).data)


class NotificationReadApi(APIView):
    @extend_schema(
        request=inline_serializer("NotificationReadInput", {"ids": serializers.ListField(
            child=serializers.IntegerField(), required=False)}),
        responses={200: inline_serializer("NotificationReadOutput", {"marked": serializers.IntegerField()})},
    )
    def post(self, request):
        ids = request.data.get("ids") if isinstance(request.data, dict) else None
        if ids is not None and (not isinstance(ids, list) or not all(isinstance(i, int) for i in ids)):
            raise serializers.ValidationError({"ids": ["Must be a list of integers."]})
        return Response({"marked": notifications_mark_read(user=request.user, ids=ids)})
