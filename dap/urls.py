from django.urls import path

from dap import views

app_name = "dap"

urlpatterns = [
    path("", views.dap_list, name="list"),
    path("decisions/", views.decision_list, name="decisions"),
]
