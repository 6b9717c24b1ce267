from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from accounts.views_settings import language_set

api_v1 = [
    path("", include("accounts.api.urls")),
    path("", include("planner.api.urls")),
    path("", include("exercises.api.urls")),
    path("", include("cohorts.api.urls")),
    path("", include("learning.api.urls")),
    path("", include("portability.api.urls")),
    path("", include("webhooks.api.urls")),
    path("", include("leaderboards.api.urls")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    # Django's set_language, which also saves a signed-in person's choice in their profile.
    path("i18n/setlang/", language_set, name="set_language"),
    path("accounts/", include("accounts.urls")),
    path("", include("mentoring.urls")),
    path("", include("cohorts.urls")),
    path("", include("catalogue.urls")),
    path("", include("learning.urls")),
    path("", include("portability.urls")),
    path("", include("leaderboards.urls")),
    path("", include("exercises.urls")),
    path("", include("planner.urls")),
]
