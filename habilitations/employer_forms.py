"""Forms of the employer space that concern its people: the personne référente and
DEMANDE CRÉATION DE COMPTE (seed 002)."""

from django import forms
from dsfr.forms import DsfrBaseForm

from accounts.models import User
from establishments.models import Establishment
from habilitations.enums import AttachmentRole


class PrincipalChangeForm(DsfrBaseForm):
    user = forms.ModelChoiceField(
        label="Nouvelle personne référente",
        queryset=User.objects.none(),
        empty_label="Choisissez un utilisateur de l'établissement",
        help_text="Seuls les utilisateurs actifs rattachés à l'établissement peuvent être choisis.",
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name()} ({u.identifiant})"


class UserRequestForm(DsfrBaseForm):
    """DEMANDE CRÉATION DE COMPTE: the same fields as "compte utilisateur à créer" (seed 002)."""

    establishment = forms.ModelChoiceField(
        label="Établissement",
        queryset=Establishment.objects.none(),
        to_field_name="siret",
        empty_label="Choisissez l'établissement",
    )
    role = forms.ChoiceField(
        label="Rôle du nouvel utilisateur",
        choices=AttachmentRole.choices,
        initial=AttachmentRole.USER,
        widget=forms.RadioSelect,
    )
    last_name = forms.CharField(label="Nom", max_length=100)
    first_name = forms.CharField(label="Prénom", max_length=100)
    phone = forms.CharField(label="Téléphone", max_length=20)
    email = forms.EmailField(label="Courriel")
    email_confirm = forms.EmailField(label="Confirmer courriel")
    secret_question = forms.CharField(label="Question secrète", max_length=200)
    secret_answer = forms.CharField(label="Réponse", max_length=200)

    def __init__(self, *args, establishments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["establishment"].queryset = establishments
        self.fields["establishment"].label_from_instance = lambda e: f"{e.denomination} — {e.siret}"

    def clean(self):
        cleaned = super().clean()
        email, confirm = cleaned.get("email"), cleaned.get("email_confirm")
        if email and confirm and email.lower() != confirm.lower():
            self.add_error("email_confirm", "Les deux courriels saisis sont différents.")
        return cleaned
