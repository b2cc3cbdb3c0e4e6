from django.urls import path
from rest_framework.routers import SimpleRouter

from backend.api.calls import announcements, views

router = SimpleRouter()
router.register("periods", views.NetworkPeriodViewSet, basename="period")
router.register("calls", views.CallViewSet, basename="call")
urlpatterns = [
    *router.urls,
    path(
        "calls/<id:call_id>/documents/",
        announcements.CallDocumentsView.as_view(),
        name="call-documents",
    ),
    path(
        "calls/<id:call_id>/documents/<id:call_document_id>/",
        announcements.CallDocumentView.as_view(),
        name="call-document",
    ),
    path(
        "me/call-subscriptions/",
        announcements.CallSubscriptionView.as_view(),
        name="call-subscriptions",
    ),
]
