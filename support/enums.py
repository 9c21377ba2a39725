from django.db import models


class EntryKind(models.TextChoices):
    FAQ = "faq", "Question fréquente"
    FICHE = "fiche", "Fiche pratique"


class TicketMotif(models.TextChoices):
    """The motifs of the assistance form, in the order and wording of seed 000."""

    HABILITATION = "habilitation", "Habilitation à l'extranet"
    FICHE_ETABLISSEMENT = "fiche_etablissement", "Fiche Etablissement"
    DAP = "dap", "Demande d'autorisation préalable"
    DECISION = "decision", "Décision d'autorisation"
    INDEMNISATION = "indemnisation", "Demande d'indemnisation"
    CERTIFICAT = "certificat", "Certificat de signature"
    AUTRES = "autres", "Autres"


class TicketStatus(models.TextChoices):
    NEW = "new", "Nouvelle"
    IN_PROGRESS = "in_progress", "En cours de traitement"
    CLOSED = "closed", "Clôturée"


class MessageKind(models.TextChoices):
    REQUEST = "request", "Demande"
    REPLY = "reply", "Réponse envoyée"
    ACTION = "action", "Action du support"


class AuditAction(models.TextChoices):
    AGENT_CREATED = "agent_created", "Création d'un agent"
    AGENT_UPDATED = "agent_updated", "Modification des droits d'un agent"
    AGENT_SUSPENDED = "agent_suspended", "Suspension d'un agent"
    AGENT_REACTIVATED = "agent_reactivated", "Réactivation d'un agent"
    BANNER_CREATED = "banner_created", "Création d'un bandeau"
    BANNER_UPDATED = "banner_updated", "Modification d'un bandeau"
    BANNER_ENDED = "banner_ended", "Fin d'un bandeau"


class TicketTransitionName(models.TextChoices):
    SUBMIT = "submit", "Demande reçue"
    REPLY = "reply", "Réponse envoyée"
    CLOSE = "close", "Clôture"
    REOPEN = "reopen", "Réouverture"
    REPLACE_REFERENT = "replace_referent", "Remplacement du référent"
