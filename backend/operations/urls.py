from django.urls import path

from backend.operations import views

app_name = "health"

urlpatterns = [
    path("", views.web, name="web"),
    path("db/", views.database, name="database"),
    path("redis/", views.redis, name="redis"),
    path("celery/", views.celery, name="celery"),
]
