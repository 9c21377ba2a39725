from django.urls import path

from support.views import agents, backoffice, public

app_name = "support"

urlpatterns = [
    path("", public.help_page, name="help"),
    path("base-documentaire/", public.faq, name="faq"),
    path("base-documentaire/<slug:slug>/", public.entry, name="entry"),
    path(
        "base-documentaire/<slug:slug>/pieces-jointes/<int:attachment_id>/",
        public.entry_attachment,
        name="entry_attachment",
    ),
    path("demande-assistance/", public.assistance, name="assistance"),
    path("demande-assistance/envoyee/", public.assistance_sent, name="assistance_sent"),
    # Support back-office (ASP support; the DGEFP reads).
    path("support/demandes/", backoffice.queue, name="queue"),
    path("support/demandes/<str:reference>/", backoffice.ticket_detail, name="ticket"),
    path("support/demandes/<str:reference>/repondre/", backoffice.reply, name="ticket_reply"),
    path("support/demandes/<str:reference>/cloturer/", backoffice.close, name="ticket_close"),
    path("support/demandes/<str:reference>/rouvrir/", backoffice.reopen, name="ticket_reopen"),
    path(
        "support/demandes/<str:reference>/remplacer-referent/",
        backoffice.replace_referent,
        name="ticket_replace_referent",
    ),
    # DGEFP administration: agents' rights and banners.
    path("administration/agents/", agents.agent_list, name="agents"),
    path("administration/agents/nouveau/", agents.agent_new, name="agent_new"),
    path("administration/agents/<int:pk>/", agents.agent_detail, name="agent"),
    path("administration/agents/<int:pk>/suspendre/", agents.agent_suspend, name="agent_suspend"),
    path(
        "administration/agents/<int:pk>/reactiver/",
        agents.agent_reactivate,
        name="agent_reactivate",
    ),
    path("administration/journal/", agents.audit_log, name="audit_log"),
    path("administration/bandeaux/", agents.banner_list, name="banners"),
    path("administration/bandeaux/nouveau/", agents.banner_new, name="banner_new"),
    path("administration/bandeaux/<int:pk>/", agents.banner_edit, name="banner_edit"),
    path("administration/bandeaux/<int:pk>/terminer/", agents.banner_stop, name="banner_end"),
]
