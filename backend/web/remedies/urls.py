from django.urls import path

from backend.web.remedies import views

app_name = "remedies"
urlpatterns = [
    path("", views.remedy_list, name="list"),
    path("<id:entry_id>/statement/", views.statement_send, name="statement"),
    path("<id:entry_id>/confirm/", views.remedy_confirm_view, name="confirm"),
    path("<id:entry_id>/not-remedied/", views.remedy_not_remedied_view, name="not_remedied"),
    path(
        "<id:entry_id>/documents/<id:attachment_id>/",
        views.statement_document,
        name="document",
    ),
]
