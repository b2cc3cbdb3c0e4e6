from django.urls import path

from backend.api.letters.views import CallLetterViewSet

PREFIX = "calls/<id:call_pk>/letters/"
urlpatterns = [
    path(PREFIX, CallLetterViewSet.as_view({"get": "list"}), name="call-letter-list"),
    path(
        f"{PREFIX}<str:kind>/",
        CallLetterViewSet.as_view({"get": "retrieve", "put": "update"}),
        name="call-letter-detail",
    ),
    path(
        f"{PREFIX}<str:kind>/versions/",
        CallLetterViewSet.as_view({"get": "versions"}),
        name="call-letter-versions",
    ),
    path(
        f"{PREFIX}<str:kind>/restore-default/",
        CallLetterViewSet.as_view({"post": "restore_default"}),
        name="call-letter-restore-default",
    ),
    path(
        f"{PREFIX}<str:kind>/preview/",
        CallLetterViewSet.as_view({"post": "preview"}),
        name="call-letter-preview",
    ),
]
