from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from habilitations import access


@dataclass(frozen=True)
class Navigation:
    """What the menus may offer this user, decided by the access policy (never by comparing
    profile names in templates)."""

    employer_space: bool  # establishments' users: their DAP, DA and DI lists, new accounts
    tickets: bool  # ASP support and the DGEFP: the assistance requests
    administration: bool  # the DGEFP: agents' rights, banners, journal
    instruction: bool  # UD agents: the DAP instruction queue of their départements

    @property
    def menu(self) -> tuple[tuple[str, str], ...]:
        """The main menu's entries, (URL name, label), for what this user may reach."""
        if self.tickets:
            administration = ADMINISTRATION_MENU if self.administration else ()
            return (*SUPPORT_MENU[:1], *administration, *SUPPORT_MENU[1:])
        return INSTRUCTION_MENU if self.instruction else ESTABLISHMENT_MENU


SUPPORT_MENU = (
    ("support:queue", "DEMANDES D'ASSISTANCE"),
    ("establishments:list", "ÉTABLISSEMENTS"),
    ("dap:queue", "DEMANDES D'AUTORISATION PRÉALABLE"),
    ("dap:batch", "ACCEPTATION TACITE"),
    ("indemnisation:queue", "DEMANDES D'INDEMNISATION"),
    ("indemnisation:batch", "VALIDATION DES DI"),
)
ADMINISTRATION_MENU = (
    ("support:agents", "AGENTS ET DROITS"),
    ("support:banners", "BANDEAUX D'INFORMATION"),
    ("support:audit_log", "JOURNAL"),
)
INSTRUCTION_MENU = (
    ("establishments:list", "ÉTABLISSEMENTS"),
    ("dap:queue", "INSTRUCTION DES DAP"),
    ("dap:decisions", "DÉCISIONS D'AUTORISATION"),
    ("indemnisation:queue", "INSTRUCTION DES DI"),
)
ESTABLISHMENT_MENU = (
    ("establishments:list", "ÉTABLISSEMENTS"),
    ("dap:list", "DEMANDES D'AUTORISATION PRÉALABLE"),
    ("dap:decisions", "DÉCISIONS D'AUTORISATION"),
    ("indemnisation:list", "DEMANDES D'INDEMNISATION"),
)


def navigation(user) -> Navigation:
    return Navigation(
        employer_space=access.is_establishment_user(user),
        tickets=access.can_view_tickets(user),
        administration=access.is_dgefp_admin(user),
        instruction=access.can_instruct_requests(user),
    )


def portal(request):
    user = getattr(request, "user", None)
    return {
        "SUPPORT_EMAIL": settings.SUPPORT_EMAIL,
        "DEV_MAILBOX_ENABLED": settings.DEV_MAILBOX_ENABLED,
        "HELPLINE": "0800 705 800",
        # Evaluated only by templates that show the menu (one cached query per request).
        "nav": SimpleLazyObject(lambda: navigation(user)),
    }
