"""Webhooks REST API: one view per operation (parse -> service/selector -> serialize); where REST puts two operations
on one path, a class only combines the two operation views.

Staff manage every endpoint; a cohort's mentors manage that cohort's. To anyone else an endpoint is a 404; a
learner cannot register any (403).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Pagination, or_404, paginate, query_params, validated
from webhooks import selectors
from webhooks.api import serializers as s
from webhooks.models import Endpoint
from webhooks.permissions import can_register_webhooks
from webhooks.services import (
    delivery_redeliver,
    endpoint_create,
    endpoint_delete,
    endpoint_rotate_secret,
    endpoint_update,
)

MENTORS_ONLY = _("Only mentors and staff register webhooks.")
UNKNOWN_COHORT = _("Unknown cohort: you can register webhooks for the cohorts you mentor.")


def _endpoint(request: Request, pk: int) -> Endpoint:
    return or_404(selectors.endpoint_get(user=request.user, endpoint_id=pk))


class EndpointListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: s.WebhookEndpointOutput(many=True)},
        summary="List the webhook endpoints you manage (staff: all; mentors: their cohorts')",
    )
    def get(self, request: Request) -> Response:
        return paginate(self, request, selectors.endpoint_list(user=request.user), s.WebhookEndpointOutput)


class EndpointCreateApi(APIView):
    @extend_schema(
        request=s.WebhookEndpointCreateInput,
        responses={
            201: s.WebhookEndpointCreatedOutput,
            400: OpenApiResponse(description="Not https, a host with a private address, unknown events or cohort."),
            403: OpenApiResponse(description="Only mentors (for their cohorts) and staff register webhooks."),
        },
        summary="Register a webhook endpoint (its secret is shown once)",
        description=(
            "Each delivery is a JSON body `{id, type, created, data}` signed in the `Pathwise-Signature` header: "
            '`t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the secret>`. The URL must be https:// to '
            "a host whose every address is public (checked now and at every delivery)."
        ),
    )
    def post(self, request: Request) -> Response:
        if not can_register_webhooks(request.user):
            raise PermissionDenied(MENTORS_ONLY)
        values = dict(validated(s.WebhookEndpointCreateInput, request.data))
        cohort = None
        if values.get("cohort") is not None:
            cohort = selectors.cohort_for_webhooks(user=request.user, cohort_id=values["cohort"])
            if cohort is None:
                raise ValidationError({"cohort": [UNKNOWN_COHORT]})
        endpoint, secret = endpoint_create(
            user=request.user,
            url=values["url"],
            events=values["events"],
            cohort=cohort,
            description=values["description"],
        )
        output = s.WebhookEndpointCreatedOutput(endpoint).data
        return Response({**output, "secret": secret}, status=status.HTTP_201_CREATED)


class EndpointCollectionApi(EndpointListApi, EndpointCreateApi):
    """GET lists, POST registers: the two operation views above on one path."""


class EndpointDetailApi(APIView):
    @extend_schema(responses={200: s.WebhookEndpointOutput}, summary="A webhook endpoint you manage")
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.WebhookEndpointOutput(_endpoint(request, pk)).data)


class EndpointUpdateApi(APIView):
    @extend_schema(
        request=s.WebhookEndpointUpdateInput,
        responses={200: s.WebhookEndpointOutput, 400: OpenApiResponse(description="See the field errors.")},
        summary="Change a webhook endpoint's URL, events, description, or turn it on or off",
    )
    def patch(self, request: Request, pk: int) -> Response:
        body = request.data  # a body that is not JSON (or too deep) is a 400 before anything is looked up
        endpoint = _endpoint(request, pk)
        endpoint = endpoint_update(endpoint=endpoint, **validated(s.WebhookEndpointUpdateInput, body, partial=True))
        return Response(s.WebhookEndpointOutput(endpoint).data)


class EndpointDeleteApi(APIView):
    @extend_schema(responses={204: None}, summary="Delete a webhook endpoint and its delivery log")
    def delete(self, request: Request, pk: int) -> Response:
        endpoint_delete(endpoint=_endpoint(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class EndpointItemApi(EndpointDetailApi, EndpointUpdateApi, EndpointDeleteApi):
    """GET reads, PATCH changes, DELETE deletes: the operation views above on one path."""


class EndpointRotateSecretApi(APIView):
    @extend_schema(
        request=None,
        responses={200: s.WebhookSecretOutput},
        summary="Rotate a webhook endpoint's secret (the new one is shown once)",
    )
    def post(self, request: Request, pk: int) -> Response:
        secret = endpoint_rotate_secret(endpoint=_endpoint(request, pk))
        return Response(s.WebhookSecretOutput({"secret": secret}).data)


class DeliveryListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=[s.WebhookDeliveryQueryInput],
        responses={200: s.WebhookDeliveryOutput(many=True)},
        summary="A webhook endpoint's delivery log, newest first",
    )
    def get(self, request: Request, pk: int) -> Response:
        endpoint = _endpoint(request, pk)
        query = query_params(request, s.WebhookDeliveryQueryInput)
        deliveries = selectors.delivery_list(endpoint=endpoint, status=query.get("status"))
        return paginate(self, request, deliveries, s.WebhookDeliveryOutput)


class DeliveryRedeliverApi(APIView):
    @extend_schema(
        request=None,
        responses={
            202: s.WebhookDeliveryOutput,
            400: OpenApiResponse(description="The endpoint is disabled: turn it on first."),
        },
        summary="Send a delivery again (same event id; a new round of attempts)",
    )
    def post(self, request: Request, pk: int, delivery_id: int) -> Response:
        endpoint = _endpoint(request, pk)
        delivery = or_404(selectors.delivery_get(endpoint=endpoint, delivery_id=delivery_id))
        delivery = delivery_redeliver(delivery=delivery)
        return Response(s.WebhookDeliveryOutput(delivery).data, status=status.HTTP_202_ACCEPTED)
