from django.urls import path

from habilitations import views

app_name = "habilitations"

urlpatterns = [
    path("creer-mon-espace/", views.create_space, name="create_space"),
    path("creer-mon-espace/demande/", views.create_space_form, name="create_space_form"),
    path("creer-mon-espace/demande-transmise/", views.create_space_done, name="create_space_done"),
]
