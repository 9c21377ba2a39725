from django.urls import path, register_converter

from establishments import views, views_reference
from establishments.converters import SiretConverter

app_name = "establishments"

register_converter(SiretConverter, "siret")

urlpatterns = [
    path("communes/", views_reference.communes, name="communes"),
    path("codes-naf/", views_reference.naf_search, name="naf_search"),
    path("conventions-collectives/", views_reference.idcc_search, name="idcc_search"),
    path("", views.establishment_list, name="list"),
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
    path("etablissement-courant/", views.current_establishment_set, name="switch"),
    path("demande-creation-compte/", views.user_request, name="user_request"),
    path("contrat-de-prestation/", views.service_contract, name="service_contract"),
    path("<siret:siret>/", views.establishment_detail, name="detail"),
    path("<siret:siret>/rib/", views.rib_download, name="rib"),
    path("<siret:siret>/personne-referente/", views.principal_change, name="principal_change"),
    path("<siret:siret>/utilisateurs/", views.establishment_users, name="users"),
    path(
        "<siret:siret>/utilisateurs/<int:attachment_id>/retirer/",
        views.user_remove,
        name="user_remove",
    ),
]
