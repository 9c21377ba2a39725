from django.urls import path

from indemnisation import views, views_agent, views_dgefp, views_simulator

app_name = "indemnisation"

urlpatterns = [
    path("", views.di_list, name="list"),
    path("nouvelle/", views.di_create, name="create"),
    path("modele-salaries.csv", views.csv_template, name="csv_template"),
    path("instruction/", views_agent.queue, name="queue"),
    path("traitements/validation/", views_dgefp.batch_status, name="batch"),
    path("traitements/validation/lancer/", views_dgefp.batch_start, name="batch_start"),
    path("<int:claim_id>/", views.di_detail, name="detail"),
    path("<int:claim_id>/import/", views.di_import, name="import"),
    path("<int:claim_id>/salaries/", views.di_line_add, name="line_add"),
    path(
        "<int:claim_id>/salaries/<int:position>/retirer/", views.di_line_delete, name="line_delete"
    ),
    path("<int:claim_id>/envoyer/", views.di_file, name="file"),
    path("<int:claim_id>/retirer/", views.di_withdraw, name="withdraw"),
    path("<int:claim_id>/corriger/", views.di_new_version, name="new_version"),
    path("<int:claim_id>/recapitulatif.pdf", views.di_recap, name="recap"),
    path("<int:claim_id>/salaries.csv", views.di_lines_csv, name="lines_csv"),
    path("<int:claim_id>/instruire/", views_agent.instruct, name="instruct"),
    path("simulateur/", views_simulator.simulator, name="simulator"),
]
