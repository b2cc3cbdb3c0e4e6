from rest_framework.routers import SimpleRouter

from backend.network.api import views

router = SimpleRouter()
router.register("register", views.NetworkEntryViewSet, basename="register-entry")
urlpatterns = router.urls
