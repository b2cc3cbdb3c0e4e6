from rest_framework.routers import SimpleRouter

from backend.documents.api import views

router = SimpleRouter()
router.register("documents", views.DocumentViewSet, basename="document")
urlpatterns = router.urls
