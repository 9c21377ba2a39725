from django.urls import path

import establishments.converters  # noqa: F401  (registers the "siret" converter)
from dap.views import agent, decisions, dgefp, documents, employer

app_name = "dap"

urlpatterns = [
    path("", employer.request_list, name="list"),
    path("nouvelle/<siret:siret>/", employer.request_new, name="new"),
    path("demandes/<str:number>/", employer.request_detail, name="detail"),
    path("demandes/<str:number>/modifier/", employer.request_edit, name="edit"),
    path("demandes/<str:number>/envoyer/", employer.request_send_view, name="send"),
    path("demandes/<str:number>/recepisse.pdf", employer.receipt_pdf, name="receipt"),
    path("demandes/<str:number>/avenant/", employer.avenant_new, name="avenant"),
    path("demandes/<str:number>/pieces/", documents.document_upload, name="document_upload"),
    path(
        "demandes/<str:number>/pieces/<int:document_id>/",
        documents.document_download,
        name="document",
    ),
    path(
        "demandes/<str:number>/pieces/<int:document_id>/retirer/",
        documents.document_remove,
        name="document_remove",
    ),
    path("demandes/<str:number>/instruire/", agent.instruct, name="instruct"),
    path("instruction/", agent.queue, name="queue"),
    path("decisions/", decisions.decision_list, name="decisions"),
    path("decisions/<str:decision_number>/", decisions.decision_detail, name="decision"),
    path("decisions/<str:decision_number>/pdf/", decisions.decision_pdf, name="decision_pdf"),
    path("recherche/", decisions.search, name="search"),
    path("traitements/acceptation-tacite/", dgefp.batch_status, name="batch"),
    path("traitements/acceptation-tacite/lancer/", dgefp.batch_start, name="batch_start"),
]
