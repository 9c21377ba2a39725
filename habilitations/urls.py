from django.urls import path

from habilitations import views

app_name = "habilitations"

urlpatterns = []
