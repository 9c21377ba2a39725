from django.db import models


class ApplicationCode(models.TextChoices):
    APART = "APART", "Activité Partielle (APART)"
    SYLAE = "SYLAE", "SYLAé"
    ELISA = "ELISA", "Elisa"
    APEA = "APEA", "APEA"
    DEFI = "DEFI", "Défi"
    SERVICE_CIVIQUE = "SERVICE_CIVIQUE", "Service Civique"
    ENTREPRISES_ADAPTEES = "EA", "Entreprises Adaptées"


class Profile(models.TextChoices):
    ESTABLISHMENT = "establishment", "Établissement"
    UD_AGENT = "ud_agent", "Agent DIRECCTE / UD"
    SUPPORT = "support", "Support ASP"
    DGEFP = "dgefp", "Administrateur DGEFP"


class HabilitationStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspendue"


class AttachmentRole(models.TextChoices):
    USER = "user", "Utilisateur de l'établissement"
    ACCOUNTANT = "accountant", "Expert-comptable (contrat de prestation)"


class RequestKind(models.TextChoices):
    CREATE_SPACE = "create_space", "Création d'espace"
    ADD_USER = "add_user", "Ajout d'un utilisateur"
    REPLACE_REFERENT = "replace_referent", "Remplacement du référent"


class RequestStatus(models.TextChoices):
    RECEIVED = "received", "Reçue"
    PROCESSED = "processed", "Traitée"
    REJECTED = "rejected", "Rejetée"


class RequestOutcome(models.TextChoices):
    NEW_ACCOUNT = "new_account", "Compte et habilitation créés (3 courriels)"
    ALREADY_HABILITATED = "already_habilitated", "Habilitation existante rattachée"
    OTHER_EXTRANET = "other_extranet", "Compte ASP existant, habilitation créée (1 courriel)"
    LIMIT_REACHED = "limit_reached", "Limite de 200 établissements atteinte"
    ALREADY_HAS_ACCOUNT = "establishment_taken", "L'établissement a déjà un compte"
