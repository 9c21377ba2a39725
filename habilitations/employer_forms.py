"""Forms of the employer space that concern its people: the personne référente and
DEMANDE CRÉATION DE COMPTE (seed 002)."""

from django import forms
from dsfr.forms import DsfrBaseForm

from accounts.models import User
from accounts.person_form import AccountPersonForm
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


class UserRequestForm(AccountPersonForm):
    """DEMANDE CRÉATION DE COMPTE: the fields and controls of « Compte utilisateur à créer »
    (seed 002), for one of the establishments the user manages."""

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
    field_order = ["establishment", "role", *AccountPersonForm.field_order]

    def __init__(self, *args, establishments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["establishment"].queryset = establishments
        self.fields["establishment"].label_from_instance = lambda e: f"{e.denomination} — {e.siret}"
