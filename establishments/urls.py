from django.urls import path

from establishments import views, views_reference

app_name = "establishments"

urlpatterns = [
    path("communes/", views_reference.communes, name="communes"),
]
