from django.urls import path

from dap import views

app_name = "dap"

urlpatterns = []
