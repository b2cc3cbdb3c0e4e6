from rest_framework.routers import SimpleRouter

from backend.api.documents import views

router = SimpleRouter()
router.register("documents", views.DocumentViewSet, basename="document")
urlpatterns = router.urls
