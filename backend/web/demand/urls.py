from django.urls import path

from backend.web.demand import areas, views

app_name = "demand"
urlpatterns = [
    path("", views.table_list, name="list"),
    path("new/", views.table_form, name="create"),
    path("<id:table_id>/", views.table_detail, name="detail"),
    path("<id:table_id>/edit/", views.table_form, name="edit"),
    path("<id:table_id>/source/", views.table_source, name="source"),
    path("areas/", areas.scheme_list, name="schemes"),
    path("areas/new/", areas.scheme_form, name="scheme_create"),
    path("areas/<id:scheme_id>/", areas.scheme_detail, name="scheme"),
    path("areas/<id:scheme_id>/edit/", areas.scheme_form, name="scheme_edit"),
    path("areas/<id:scheme_id>/add/", areas.area_form, name="area_create"),
    path("areas/<id:scheme_id>/<id:area_id>/edit/", areas.area_form, name="area_edit"),
]
