"""Routes of the employer-space screens (habilitations.employer_views), mounted by
apart/urls.py under /etablissements/ in the `establishments` namespace."""

from django.urls import path

import establishments.converters  # noqa: F401 — registers <siret:…>
from habilitations import employer_views as views

urlpatterns = [
    path("", views.establishment_list, name="list"),
    path("etablissement-courant/", views.current_establishment_set, name="switch"),
    path("demande-creation-compte/", views.user_request, name="user_request"),
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
