"""The pages of calls."""

from django.urls import path

from backend.web.calls import announcements, views

app_name = "calls"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("new/", views.call_form, name="create"),
    path("<id:call_id>/", views.call_detail, name="detail"),
    path("<id:call_id>/edit/", views.call_form, name="edit"),
    # The closed call's documents for the records service (spisová služba), as a ZIP.
    path("<id:call_id>/records-export/", views.call_records_export, name="records_export"),
    # Public: the announced calls, their deadlines and documents.
    path("announced/", announcements.call_public_list, name="public_list"),
    path("<id:call_id>/announcement/", announcements.call_public, name="public"),
    path(
        "<id:call_id>/documents/<id:call_document_id>/",
        announcements.call_document_download,
        name="document",
    ),
    # The regional office publishes and removes the call's documents.
    path("<id:call_id>/documents/", announcements.call_document_upload, name="document_upload"),
    path(
        "<id:call_id>/documents/<id:call_document_id>/delete/",
        announcements.call_document_remove,
        name="document_delete",
    ),
    # Providers and municipal officers choose the calls they hear of.
    path("subscriptions/", announcements.subscriptions, name="subscriptions"),
]
