from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from apart import dashboard, views
from apart.core.captcha import urlpatterns as captcha_urlpatterns
from establishments import urls as establishments_urls
from habilitations import employer_urls

# The employer space under /etablissements/, one `establishments` namespace composed of the
# establishments app's routes, the screens of habilitations and the tableau de bord.
employer_space = (
    [
        *establishments_urls.urlpatterns,
        path("tableau-de-bord/", dashboard.dashboard, name="dashboard"),
        *employer_urls.urlpatterns,
    ],
    "establishments",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("mon-espace/", views.landing, name="landing"),
    path("mentions-legales/", views.legal_notice, name="legal_notice"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("conditions-generales-utilisation/", views.terms, name="terms"),
    path("support-technique/", views.technical_support, name="technical_support"),
    path("sante/", views.health, name="health"),
    path("dev/courriels/", views.dev_mailbox, name="dev_mailbox"),
    path("dev/courriels/<int:email_id>/", views.dev_mailbox_email, name="dev_mailbox_email"),
    path("compte/", include("accounts.urls")),
    path("etablissements/", include(employer_space)),
    path("habilitations/", include("habilitations.urls")),
    path("dap/", include("dap.urls")),
    path("indemnisation/", include("indemnisation.urls")),
    path("aide/", include("support.urls")),
    path("code-securite/", include(captcha_urlpatterns)),
    path("admin/", admin.site.urls),
]

handler403 = "apart.views.permission_denied"
handler404 = "apart.views.page_not_found"
handler500 = "apart.views.server_error"

admin.site.site_header = "Activité Partielle — administration"
admin.site.site_title = "APART administration"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
