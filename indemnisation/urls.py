from django.urls import path

from indemnisation import views, views_simulator

app_name = "indemnisation"

urlpatterns = [
    path("", views.di_list, name="list"),
    path("simulateur/", views_simulator.simulator, name="simulator"),
]
