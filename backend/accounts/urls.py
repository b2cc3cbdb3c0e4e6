"""Login with the optional second step, the two-factor set-up, new backup codes and the removal
of a lost phone (before Django's auth URLs)."""

from django.urls import path

from backend.accounts import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", views.OtpVerifyView.as_view(), name="otp_verify"),
    path("two-factor/", views.TotpSetupView.as_view(), name="otp_setup"),
    path("two-factor/backup-codes/", views.BackupCodesView.as_view(), name="otp_backup_codes"),
    path("two-factor/lost-phone/", views.LostDeviceView.as_view(), name="otp_device_lost"),
]
