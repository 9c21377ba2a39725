from django.urls import path

from indemnisation import views

app_name = "indemnisation"

urlpatterns = []
