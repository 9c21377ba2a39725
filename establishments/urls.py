from django.urls import path

from establishments import views

app_name = "establishments"

urlpatterns = []
