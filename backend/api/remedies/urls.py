from rest_framework.routers import SimpleRouter

from backend.api.remedies import views

router = SimpleRouter()
router.register("remedies", views.FollowUpViewSet, basename="remedy")
urlpatterns = router.urls
