from django import forms
from dsfr.forms import DsfrBaseForm


class LoginForm(DsfrBaseForm):
    username = forms.CharField(
        label="Identifiant",
        help_text="Ne pas saisir d'adresse de messagerie",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if "@" in username:
            raise forms.ValidationError(
                "Saisissez votre identifiant (par exemple prenom.nom1), pas votre adresse de "
                "messagerie."
            )
        return username
