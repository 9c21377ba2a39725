from django.urls import path

from accounts import recovery_views, views

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.login_view, name="login"),
    path("deconnexion/", views.logout_view, name="logout"),
    path("changement-mot-de-passe/", views.first_password_change, name="first_password_change"),
    path("mot-de-passe-oublie/", recovery_views.forgotten_password, name="forgotten_password"),
    path(
        "mot-de-passe-oublie/question-secrete/",
        recovery_views.forgotten_password_question,
        name="forgotten_password_question",
    ),
    path(
        "mot-de-passe-oublie/courriel-envoye/",
        recovery_views.forgotten_password_sent,
        name="forgotten_password_sent",
    ),
    path(
        "mot-de-passe-oublie/jeton/<str:token>/",
        recovery_views.password_reset_link,
        name="password_reset_link",
    ),
    path(
        "mot-de-passe-oublie/nouveau-mot-de-passe/",
        recovery_views.password_reset,
        name="password_reset",
    ),
    path(
        "mot-de-passe-oublie/mot-de-passe-change/",
        recovery_views.password_reset_done,
        name="password_reset_done",
    ),
    path("identifiant-oublie/", recovery_views.forgotten_identifiant, name="forgotten_identifiant"),
    path(
        "identifiant-oublie/question-secrete/",
        recovery_views.forgotten_identifiant_question,
        name="forgotten_identifiant_question",
    ),
    path(
        "identifiant-oublie/courriel-envoye/",
        recovery_views.forgotten_identifiant_sent,
        name="forgotten_identifiant_sent",
    ),
]
