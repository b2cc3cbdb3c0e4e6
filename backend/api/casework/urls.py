from django.urls import path

from backend.api.casework import views

# Before the plans' router: `plans/assign/` is not a plan's id.
urlpatterns = [
    path("plans/assign/", views.PlanBulkAssignView.as_view(), name="plan-bulk-assign"),
    path("plans/<id:pk>/assign/", views.PlanAssignView.as_view(), name="plan-assign"),
    path("opinions/<id:pk>/assign/", views.OpinionAssignView.as_view(), name="opinion-assign"),
    path("me/absences/", views.AbsenceListView.as_view(), name="absence-list"),
    path("me/absences/<id:pk>/end/", views.AbsenceEndView.as_view(), name="absence-end"),
]
