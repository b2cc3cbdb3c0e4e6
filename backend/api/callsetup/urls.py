from django.urls import path

from backend.api.callsetup import views

PREFIX = "calls/<id:call_id>/forms/"
urlpatterns = [
    path(PREFIX, views.RequestFormsView.as_view(), name="call-form-list"),
    path(f"{PREFIX}<id:form_id>/", views.RequestFormView.as_view(), name="call-form-detail"),
    path(
        f"{PREFIX}<id:form_id>/documents/",
        views.RequiredDocumentsView.as_view(),
        name="call-form-document-list",
    ),
    path(
        f"{PREFIX}<id:form_id>/documents/<id:required_document_id>/",
        views.RequiredDocumentView.as_view(),
        name="call-form-document-detail",
    ),
    path("calls/<id:call_id>/copy-setup/", views.CopySetupView.as_view(), name="call-copy-setup"),
]
