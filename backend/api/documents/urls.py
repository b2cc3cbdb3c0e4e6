from django.urls import path
from rest_framework.routers import SimpleRouter

from backend.api.documents import views

router = SimpleRouter()
router.register("documents", views.DocumentViewSet, basename="document")
# Before the router's routes, whose detail pattern would take "verify" for an id.
urlpatterns = [
    path("documents/verify/", views.DocumentVerifyView.as_view(), name="document-verify"),
    *router.urls,
]
