from django.urls import path

from backend.web import verify, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("verify/", verify.document_verify_page, name="verify"),
]
