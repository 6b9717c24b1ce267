from django.urls import path

from portability.api import views

urlpatterns = [
    path("me/export/", views.ExportApi.as_view(), name="api-me-export"),
    path("me/export/progress.csv", views.ExportProgressCsvApi.as_view(), name="api-me-export-progress"),
    path("me/import/", views.ImportApi.as_view(), name="api-me-import"),
    path("me/share/", views.ShareApi.as_view(), name="api-me-share"),
]
