from rest_framework.routers import SimpleRouter

from backend.api.calls import views

router = SimpleRouter()
router.register("periods", views.NetworkPeriodViewSet, basename="period")
router.register("calls", views.CallViewSet, basename="call")
urlpatterns = router.urls
