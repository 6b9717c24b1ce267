from django.urls import path

from webhooks.api import views

urlpatterns = [
    path("webhooks/", views.EndpointCollectionApi.as_view(), name="api-webhook-list"),
    path("webhooks/<int:pk>/", views.EndpointItemApi.as_view(), name="api-webhook-detail"),
    path("webhooks/<int:pk>/rotate-secret/", views.EndpointRotateSecretApi.as_view(), name="api-webhook-rotate"),
    path("webhooks/<int:pk>/deliveries/", views.DeliveryListApi.as_view(), name="api-webhook-deliveries"),
    path(
        "webhooks/<int:pk>/deliveries/<int:delivery_id>/redeliver/",
        views.DeliveryRedeliverApi.as_view(),
        name="api-webhook-redeliver",
    ),
]
