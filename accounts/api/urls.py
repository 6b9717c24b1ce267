from django.urls import path

from accounts.api import auth_views, views

urlpatterns = [
    path("auth/token/", views.TokenApi.as_view(), name="api-token"),
    path("auth/tokens/", auth_views.TokenListApi.as_view(), name="api-token-list"),
    path("auth/tokens/<int:pk>/", auth_views.TokenDetailApi.as_view(), name="api-token-detail"),
    path("auth/register/", auth_views.RegisterApi.as_view(), name="api-register"),
    path("auth/verify-email/", auth_views.VerifyEmailApi.as_view(), name="api-verify-email"),
    path("auth/password/reset/", auth_views.PasswordResetApi.as_view(), name="api-password-reset"),
    path(
        "auth/password/reset/confirm/",
        auth_views.PasswordResetConfirmApi.as_view(),
        name="api-password-reset-confirm",
    ),
    path("auth/password/change/", auth_views.PasswordChangeApi.as_view(), name="api-password-change"),
    path("me/", views.MeApi.as_view(), name="api-me"),
    path("notifications/", views.NotificationListApi.as_view(), name="api-notifications"),
    path("notifications/read/", views.NotificationReadApi.as_view(), name="api-notifications-read"),
]
