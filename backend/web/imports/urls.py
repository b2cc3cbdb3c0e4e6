from django.urls import path

from backend.web.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_list, name="list"),
    path("template.<str:fmt>", views.import_template, name="template"),
    path("<id:run_id>/", views.import_detail, name="detail"),
    path("<id:run_id>/progress/", views.import_progress, name="progress"),
    path("<id:run_id>/mapping/", views.import_mapping, name="mapping"),
    path("<id:run_id>/preview/", views.import_preview_start, name="preview"),
    path("<id:run_id>/commit/", views.import_commit_start, name="commit"),
]
