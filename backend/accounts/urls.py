"""Login with the optional second step and the two-factor set-up (before Django's auth URLs)."""

from django.urls import path

from backend.accounts import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", views.OtpVerifyView.as_view(), name="otp_verify"),
    path("two-factor/", views.TotpSetupView.as_view(), name="otp_setup"),
]
