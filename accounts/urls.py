from allauth.account import views as allauth_views
from django.urls import include, path

from accounts import views, views_settings

urlpatterns = [
    # The names the site has always used for django-allauth's sign-in and sign-out (same paths as account_login
    # and account_logout).
    path("login/", allauth_views.login, name="login"),
    path("logout/", allauth_views.logout, name="logout"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notification_read, name="notifications-read"),
    path("nav/", views.nav_extras, name="nav-extras"),
    path("settings/", views_settings.settings_page, name="account-settings"),
    path("settings/tokens/", views_settings.token_create, name="account-token-create"),
    path("settings/tokens/<int:token_id>/revoke/", views_settings.token_revoke, name="account-token-revoke"),
    path("delete/", views_settings.delete_page, name="account-delete"),
    path("", include("allauth.account.urls")),
]
