from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.login_view, name="login"),
    path("deconnexion/", views.logout_view, name="logout"),
    path("changement-mot-de-passe/", views.first_password_change, name="first_password_change"),
    path("mot-de-passe-oublie/", views.forgotten_password, name="forgotten_password"),
    path("identifiant-oublie/", views.forgotten_identifiant, name="forgotten_identifiant"),
]
