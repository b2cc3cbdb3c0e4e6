from rest_framework.routers import SimpleRouter

from backend.api.registry import views

router = SimpleRouter()
router.register("service-types", views.ServiceTypeViewSet, basename="service-type")
router.register("orps", views.OrpViewSet, basename="orp")
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("target-groups", views.TargetGroupViewSet, basename="target-group")
router.register("activity-cards", views.ActivityCardViewSet, basename="activity-card")
router.register("providers", views.ProviderViewSet, basename="provider")
router.register("services", views.SocialServiceViewSet, basename="service")
urlpatterns = router.urls
