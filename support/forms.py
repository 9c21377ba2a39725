from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from accounts.person_form import AccountPersonForm, PersonForm
from apart.core.captcha import captcha_field
from apart.core.fields import french_phone, validate_siret
from habilitations.enums import Profile
from support.departements import parse_departements
from support.enums import TicketMotif, TicketStatus
from support.models import InformationBanner

DESCRIPTION_MAX = 1000


EMAIL_ERROR = "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr."


class AssistanceForm(DsfrBaseForm):
    """« Formulaire de demande d'assistance » with the fields and wording of seed 000."""

    siret = forms.CharField(
        label="N° de Siret *",
        max_length=20,
        error_messages={"required": "Veuillez indiquer le N° de Siret de l'établissement."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "732 829 320 00074"}),
    )
    denomination = forms.CharField(
        label="Dénomination établissement *",
        max_length=255,
        error_messages={"required": "Veuillez indiquer la dénomination de l'établissement."},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    requester_name = forms.CharField(
        label="Nom et prénom *",
        max_length=200,
        error_messages={"required": "Veuillez indiquer vos nom et prénom."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label="N° de téléphone *",
        max_length=20,
        error_messages={"required": "Veuillez indiquer votre N° de téléphone."},
        widget=forms.TextInput(
            attrs={"autocomplete": "tel", "inputmode": "tel", "placeholder": "01 02 03 04 05"}
        ),
    )
    email = forms.EmailField(
        label="Adresse électronique *",
        max_length=254,
        error_messages={
            "required": "Veuillez indiquer votre adresse électronique.",
            "invalid": EMAIL_ERROR,
        },
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "placeholder": "prenom.nom@exemple.fr"}
        ),
    )
    motif = forms.ChoiceField(
        label="Motif de la demande *",
        choices=[("", "Veuillez sélectionner un motif...")] + list(TicketMotif.choices),
        error_messages={
            "required": "Veuillez sélectionner un motif.",
            "invalid_choice": "Veuillez sélectionner un motif de la liste.",
        },
    )
    description = forms.CharField(
        label="Description de la demande",
        help_text=f"{DESCRIPTION_MAX} caractères maximum",
        required=False,
        max_length=DESCRIPTION_MAX,
        error_messages={
            "max_length": f"La description ne doit pas dépasser {DESCRIPTION_MAX} caractères "
            "(%(show_value)d saisis)."
        },
        widget=forms.Textarea(
            attrs={
                "rows": 6,
                "maxlength": DESCRIPTION_MAX,
                "data-counter": "description-compteur",
                "aria-describedby": "description-compteur",
            }
        ),
    )
    captcha = captcha_field()

    def clean_siret(self):
        return validate_siret(self.cleaned_data["siret"])

    def clean_phone(self):
        return french_phone(self.cleaned_data["phone"])

    def clean_description(self):
        # Browsers count a line break as one character, the server sees \r\n.
        return self.cleaned_data["description"].replace("\r\n", "\n").strip()


class QueueFilterForm(DsfrBaseForm):
    AGE_CHOICES = [
        ("", "Toutes"),
        ("1", "Plus de 24 heures"),
        ("2", "Plus de 2 jours"),
        ("7", "Plus de 7 jours"),
        ("30", "Plus de 30 jours"),
    ]
    motif = forms.ChoiceField(
        label="Motif", required=False, choices=[("", "Tous")] + list(TicketMotif.choices)
    )
    status = forms.ChoiceField(
        label="Statut",
        required=False,
        choices=[("", "Ouvertes"), ("all", "Toutes")] + list(TicketStatus.choices),
    )
    age = forms.ChoiceField(label="Ancienneté", required=False, choices=AGE_CHOICES)
    q = forms.CharField(label="Référence ou N° de Siret", required=False, max_length=20, strip=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.template_name = "support/widgets/filter_field.html"

    def filter(self, tickets):
        data = self.cleaned_data
        if data.get("motif"):
            tickets = tickets.filter(motif=data["motif"])
        status = data.get("status")
        if not status:
            tickets = tickets.open()
        elif status != "all":
            tickets = tickets.filter(status=status)
        if data.get("age"):
            cutoff = timezone.now() - timezone.timedelta(days=int(data["age"]))
            tickets = tickets.filter(created_at__lte=cutoff)
        query = "".join((data.get("q") or "").split()).upper()
        if query:
            field = "siret" if query.isdigit() else "reference"
            tickets = tickets.filter(**{field: query})
        return tickets


class ReplyForm(DsfrBaseForm):
    body = forms.CharField(
        label="Réponse au demandeur",
        help_text="Envoyée par courriel à l'adresse du demandeur et conservée sur la demande.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Veuillez saisir la réponse."},
    )


class TransitionNoteForm(DsfrBaseForm):
    note = forms.CharField(label="Commentaire", required=False, max_length=255)


class ReplaceReferentForm(AccountPersonForm):
    """The new personne référente: the person form of créer mon espace (seed 002)."""

    requester_checked = forms.BooleanField(
        label="J'ai vérifié l'identité du demandeur et son lien avec l'établissement",
        error_messages={"required": "Confirmez que vous avez vérifié le demandeur."},
    )
    field_order = ["requester_checked", *AccountPersonForm.field_order]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        answer = self.fields["secret_answer"]
        answer.help_text = (
            "Convenue avec le nouveau référent : elle lui servira s'il oublie son identifiant."
        )
        self._bound_fields_cache.pop("secret_answer", None)  # bound before the help was set

    @classmethod
    def initial_from_ticket(cls, ticket) -> dict:
        """The requester's details: « Nom et prénom » is split on the first space."""
        last_name, _space, first_name = ticket.requester_name.strip().partition(" ")
        return {
            "last_name": last_name,
            "first_name": first_name,
            "phone": ticket.phone,
            "email": ticket.email,
        }


class AgentCreateForm(PersonForm):
    """A DIRECCTE / UD or support agent: the person form of créer mon espace, then the role."""

    profile = forms.ChoiceField(
        label="Rôle",
        choices=[
            (Profile.UD_AGENT, Profile.UD_AGENT.label),
            (Profile.SUPPORT, Profile.SUPPORT.label),
        ],
        widget=forms.RadioSelect,
    )
    departements = forms.CharField(
        label="Départements (périmètre territorial)",
        required=False,
        max_length=500,
        help_text="Codes séparés par des espaces ou des virgules, par exemple : 75 92 2A 971. "
        "Obligatoire pour un agent DIRECCTE / UD.",
    )

    def clean_departements(self):
        codes, unknown = parse_departements(self.cleaned_data["departements"])
        if unknown:
            raise forms.ValidationError(
                "Départements inconnus : %(codes)s. Utilisez les codes officiels (01 à 95, 2A, "
                "2B, 971 à 976).",
                params={"codes": ", ".join(unknown)},
            )
        return codes

    def clean(self):
        data = super().clean()
        needs_scope = data.get("profile") == Profile.UD_AGENT and "departements" not in self.errors
        if needs_scope and not data.get("departements"):
            self.add_error(
                "departements", "Indiquez au moins un département pour un agent DIRECCTE / UD."
            )
        return data


class AgentUpdateForm(AgentCreateForm):
    """Role and scope only: the identity belongs to the ASP account."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("last_name", "first_name", "email", "email_confirm", "phone"):
            del self.fields[name]


class BannerForm(forms.ModelForm, DsfrBaseForm):
    class Meta:
        model = InformationBanner
        fields = ["title", "message", "level", "starts_at", "ends_at", "maintenance"]
        widgets = {
            "message": forms.Textarea(attrs={"rows": 4}),
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        help_texts = {"ends_at": "Laisser vide pour un bandeau sans date de fin."}

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "La fin doit être postérieure au début.")
        if data.get("maintenance") and not ends:
            self.add_error("ends_at", "Une fenêtre de maintenance doit avoir une heure de fin.")
        return data
