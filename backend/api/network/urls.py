from rest_framework.routers import SimpleRouter

from backend.api.network import views

router = SimpleRouter()
router.register("register", views.NetworkEntryViewSet, basename="register-entry")
urlpatterns = router.urls
