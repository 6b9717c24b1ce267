from django.urls import path

from portability import views

urlpatterns = [
    path("me/export/pathwise-export.json", views.export_json, name="me-export-json"),
    path("me/export/progress.csv", views.export_csv, name="me-export-csv"),
    path("me/sharing/", views.sharing, name="me-sharing"),
    path("me/sharing/create/", views.sharing_create, name="me-sharing-create"),
    path("me/sharing/revoke/", views.sharing_revoke, name="me-sharing-revoke"),
    path("share/<slug:key>/", views.share_progress, name="share-progress"),
]
