"""Demo accounts for `make run` (idempotent; the passwords are for demonstration only)."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from establishments.models import Establishment, SireneEstablishment
from establishments.services import FORM_FIELDS, establishment_get_or_create
from establishments.synthetic import synthetic_siret
from habilitations.enums import ApplicationCode, AttachmentRole, Profile
from habilitations.models import Application, Attachment, Habilitation, TerritorialScope

DEMO_PASSWORD = "Demo-2020!"
PERSONAS = [
    ("demo.employeur", "Employeur", "Démo", Profile.ESTABLISHMENT, "employeur de 2 établissements"),
    ("demo.comptable", "Comptable", "Expert", Profile.ESTABLISHMENT, "expert-comptable, 200 SIRET"),
    ("demo.agent75", "Agent", "Paris", Profile.UD_AGENT, "agent de l'UD de Paris (75)"),
    ("demo.support", "Support", "ASP", Profile.SUPPORT, "agent du support ASP"),
    ("demo.dgefp", "Admin", "DGEFP", Profile.DGEFP, "administrateur DGEFP (et admin Django)"),
]


def demo_siret(n: int) -> str:
    return synthetic_siret(n, series=9)


# 199 clients of their own plus the Paris establishment shared with demo.employeur: the
# accountant holds exactly the 200 SIRETs a manager may hold (MAX_ESTABLISHMENTS_PER_MANAGER).
ACCOUNTANT_CLIENTS = range(100, 299)


class Command(BaseCommand):
    help = "Crée ou met à jour les comptes de démonstration."

    @transaction.atomic
    def handle(self, *args, **options):
        users = {row[0]: self._persona(*row) for row in PERSONAS}
        self._employer_establishments(users["demo.employeur"])
        self._accountant_establishments(users["demo.comptable"])
        TerritorialScope.objects.get_or_create(
            habilitation=users["demo.agent75"].habilitations.get(), departement="75"
        )
        self._dap_demo(users)
        self._di_demo(users)
        dgefp = users["demo.dgefp"]
        dgefp.is_staff = dgefp.is_superuser = True
        dgefp.save(update_fields=["is_staff", "is_superuser"])
        self.stdout.write(
            self.style.SUCCESS(f"Comptes de démonstration (mot de passe : {DEMO_PASSWORD})")
        )
        for identifiant, *_rest, description in PERSONAS:
            self.stdout.write(f"  {identifiant:<16} {description}")

    def _persona(self, identifiant, last_name, first_name, profile, _description):
        user, created = User.objects.get_or_create(
            identifiant=identifiant,
            defaults={
                "last_name": last_name,
                "first_name": first_name,
                "email": f"{identifiant}@exemple.fr",
                "phone": "0144556677",
                "secret_question": "Ville de naissance ?",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.set_secret_answer("Limoges")
            user.save()
        today = timezone.localdate()
        Habilitation.objects.update_or_create(
            user=user,
            application=Application.objects.get(code=ApplicationCode.APART),
            defaults={
                "profile": profile,
                "status": "active",
                "valid_from": today - timedelta(days=30),
                "valid_until": today + timedelta(days=335),
                "notified_at": timezone.now(),
            },
        )
        return user

    def _establishment(self, siret, **values):
        establishment, _ = Establishment.objects.get_or_create(
            siret=siret, defaults={"siren": siret[:9], **values}
        )
        return establishment

    def _attach(self, user, establishment, role=AttachmentRole.USER):
        habilitation = user.habilitations.get()
        Attachment.objects.active().get_or_create(
            habilitation=habilitation, establishment=establishment, defaults={"role": role}
        )
        if establishment.principal_user_id is None and role == AttachmentRole.USER:
            establishment.principal_user = user
            establishment.save(update_fields=["principal_user"])

    def _employer_establishments(self, user):
        known = list(SireneEstablishment.objects.exclude(denomination="").order_by("siret")[:2])
        for sirene in known:
            values = {f: getattr(sirene, f) for f in FORM_FIELDS if hasattr(sirene, f)}
            values.update(email="contact@demo-employeur.fr", phone="0144556677")
            self._attach(user, establishment_get_or_create(siret=sirene.siret, data=values))
        if not known:
            self._attach(user, self._establishment(demo_siret(1), **self._fake(1)))

    def _accountant_establishments(self, user):
        existing = set(
            Establishment.objects.filter(
                siret__in=[demo_siret(n) for n in ACCOUNTANT_CLIENTS]
            ).values_list("siret", flat=True)
        )
        Establishment.objects.bulk_create(
            [
                Establishment(siret=demo_siret(n), siren=demo_siret(n)[:9], **self._fake(n))
                for n in ACCOUNTANT_CLIENTS
                if demo_siret(n) not in existing
            ]
        )
        habilitation = user.habilitations.get()
        attached = set(habilitation.attachments.active().values_list("establishment_id", flat=True))
        Attachment.objects.bulk_create(
            [
                Attachment(
                    habilitation=habilitation, establishment=e, role=AttachmentRole.ACCOUNTANT
                )
                for e in Establishment.objects.filter(
                    siret__in=[demo_siret(n) for n in ACCOUNTANT_CLIENTS]
                )
                if e.pk not in attached
            ]
        )

    def _dap_demo(self, users):
        """DAPs and DAs in every status: a Paris establishment of demo.employeur (seen by
        demo.agent75) and two clients of demo.comptable."""
        from dap.demo import complete_fiche_for_demo, load_demo_requests
        from establishments.models import ConventionCollective, NafCode

        naf = NafCode.objects.filter(code="56.10A").first() or NafCode.objects.first()
        idcc = ConventionCollective.objects.first()
        if naf is None or idcc is None:
            self.stdout.write("Référentiels NAF/IDCC absents : pas de DAP de démonstration.")
            return
        paris = self._establishment(
            demo_siret(2),
            **{
                **self._fake(2),
                "denomination": "BRASSERIE DÉMO PARIS",
                "postal_code": "75011",
                "city": "PARIS 11E ARRONDISSEMENT",
                "insee_code": "75111",
                "email": "contact@demo-employeur.fr",
            },
        )
        self._attach(users["demo.employeur"], paris)
        self._attach(users["demo.comptable"], paris, role=AttachmentRole.ACCOUNTANT)
        complete_fiche_for_demo(paris, naf, idcc, users["demo.employeur"])
        load_demo_requests(
            establishment=paris, user=users["demo.employeur"], agent=users["demo.agent75"]
        )
        # A client of Lyon (69): no UD agent there in the demo, so draft, sent and tacit.
        client = Establishment.objects.get(siret=demo_siret(100))
        complete_fiche_for_demo(client, naf, idcc, users["demo.comptable"])
        load_demo_requests(establishment=client, user=users["demo.comptable"], agent=None)

    def _di_demo(self, users):
        """DIs on the demo DAs: filed, and one validated by demo.agent75 (Paris)."""
        from indemnisation.demo import load_demo_claims

        load_demo_claims(user=users["demo.employeur"], agent=users["demo.agent75"])

    @staticmethod
    def _fake(n):
        return {
            "denomination": f"CLIENT DÉMO {n:03d}",
            "street_number": str(n % 90 + 1),
            "street_type": "RUE",
            "street_label": "DE LA RÉPUBLIQUE",
            "postal_code": "69001",
            "city": "LYON 1ER ARRONDISSEMENT",
            "insee_code": "69381",
            "email": f"client{n}@exemple.fr",
            "phone": "0478000000",
        }
