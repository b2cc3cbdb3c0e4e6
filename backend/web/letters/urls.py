from django.urls import path

from backend.web.letters import views

app_name = "letters"
urlpatterns = [
    path("", views.letter_list, name="list"),
    path("<str:kind>/", views.letter_edit, name="edit"),
    path("<str:kind>/restore/", views.letter_restore, name="restore"),
    path("<str:kind>/preview/", views.letter_preview_page, name="preview"),
]
