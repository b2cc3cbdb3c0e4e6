"""The pages of a call's configuration (mounted under /calls/<call_id>/setup/)."""

from django.urls import path

from backend.web.callsetup import views

app_name = "callsetup"
urlpatterns = [
    path("", views.form_list, name="forms"),
    path("forms/new/", views.form_edit, name="form_create"),
    path("forms/<id:form_id>/", views.form_edit, name="form_edit"),
    path("forms/<id:form_id>/delete/", views.form_delete, name="form_delete"),
    path("forms/<id:form_id>/documents/new/", views.document_edit, name="document_create"),
    path(
        "forms/<id:form_id>/documents/<id:required_document_id>/",
        views.document_edit,
        name="document_edit",
    ),
    path(
        "forms/<id:form_id>/documents/<id:required_document_id>/delete/",
        views.document_delete,
        name="document_delete",
    ),
    path("copy/", views.setup_copy, name="copy"),
]
