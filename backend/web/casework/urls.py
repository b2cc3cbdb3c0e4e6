from django.urls import path

from backend.web.casework import views

app_name = "casework"
urlpatterns = [
    path("plans/assign/", views.plans_assign_bulk_view, name="bulk_assign"),
    path("plans/<id:plan_id>/assign/", views.plan_assign_view, name="plan_assign"),
    path("opinions/<id:opinion_id>/assign/", views.opinion_assign_view, name="opinion_assign"),
    path("absences/", views.absences, name="absences"),
    path("absences/<id:absence_id>/end/", views.absence_end_view, name="absence_end"),
]
