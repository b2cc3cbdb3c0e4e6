from rest_framework.routers import SimpleRouter

from backend.api.demand import views

router = SimpleRouter()
router.register("demand-tables", views.DemandTableViewSet, basename="demand-table")
router.register("planning-schemes", views.PlanningSchemeViewSet, basename="planning-scheme")
router.register("planning-areas", views.PlanningAreaViewSet, basename="planning-area")
urlpatterns = router.urls
