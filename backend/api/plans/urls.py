from django.urls import path
from rest_framework.routers import SimpleRouter

from backend.api.plans import inbox, opinion_views, views

router = SimpleRouter()
router.register("plans", views.PlanViewSet, basename="plan")
router.register("opinions", opinion_views.OpinionViewSet, basename="opinion")
router.register("resolutions", opinion_views.ResolutionViewSet, basename="resolution")
urlpatterns = [
    path("me/inbox/", inbox.InboxView.as_view(), name="inbox"),
    *router.urls,
]
