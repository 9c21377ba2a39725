"""The establishments app's own routes (reference data, public contrat de prestation).

The `establishments` namespace is composed in apart/urls.py with the employer-space routes
of habilitations (habilitations/employer_urls.py) and the tableau de bord (apart.dashboard).
"""

from django.urls import path

from establishments import views, views_reference

urlpatterns = [
    path("communes/", views_reference.communes, name="communes"),
    path("codes-naf/", views_reference.naf_search, name="naf_search"),
    path("conventions-collectives/", views_reference.idcc_search, name="idcc_search"),
    path("contrat-de-prestation/", views.service_contract, name="service_contract"),
]
