from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from accounts.normalize import normalize_email
from apart.core import challenge

EMAIL_AS_IDENTIFIANT = (
    "Ne pas saisir d'adresse de messagerie : saisissez votre identifiant de connexion "
    "(par exemple prenom.nom1), reçu par courriel à la création de votre compte."
)
WRONG_TYPE_OF_USER = "Opération impossible pour ce type d'utilisateur"
MISMATCH = "Les mots de passe ne correspondent pas"
SAME_AS_OLD = "Le nouveau mot de passe doit être différent de l'ancien."
WRONG_OLD = "L'ancien mot de passe est incorrect."


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
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if "@" in username:
            raise ValidationError(EMAIL_AS_IDENTIFIANT, code="email")
        return username


def new_password_errors(password: str, user) -> list[str]:
    """Each failed rule with its own message (ASP rules + Django's common passwords)."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        return list(error.messages)
    return []


class NewPasswordMixin:
    """`new_password` and `confirmation`: the rules, then the match."""

    def clean(self):
        cleaned = super().clean()
        new, confirmation = cleaned.get("new_password"), cleaned.get("confirmation")
        if new:
            for message in new_password_errors(new, self.user):
                self.add_error("new_password", message)
        if new and confirmation is not None and new != confirmation:
            self.add_error("confirmation", MISMATCH)
        return cleaned


def _password_field(label, autocomplete="new-password"):
    return forms.CharField(
        label=label,
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


class FirstPasswordChangeForm(NewPasswordMixin, DsfrBaseForm):
    old_password = _password_field("Entrez l'ancien mot de passe", "current-password")
    new_password = _password_field("Entrez le nouveau mot de passe")
    confirmation = _password_field("Confirmez le nouveau mot de passe")

    def __init__(self, *args, user, check_old_password, **kwargs):
        self.user = user
        self.check_old_password = check_old_password
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        old, new = cleaned.get("old_password"), cleaned.get("new_password")
        if old and not self.check_old_password(old):
            self.add_error("old_password", WRONG_OLD)
        elif old and new and old == new:
            self.add_error("new_password", SAME_AS_OLD)
        return cleaned


class PasswordResetForm(NewPasswordMixin, DsfrBaseForm):
    new_password = _password_field("Nouveau mot de passe")
    confirmation = _password_field("Confirmation")

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)


class ChallengeForm(DsfrBaseForm):
    """A form ending with « Veuillez résoudre l'opération suivante : a + b = »."""

    challenge = forms.CharField(widget=forms.HiddenInput)
    captcha = forms.CharField(
        max_length=3,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["captcha"].error_messages["required"] = challenge.WRONG_MESSAGE
        if not self.is_bound:
            self.refresh_challenge()
            return
        payload = challenge.read(self.data.get("challenge", ""))
        if payload is None:  # tampered or expired: refused by clean(), replaced on display
            self.fields["captcha"].label = "Veuillez résoudre l'opération suivante"
        else:
            self.fields["captcha"].label = challenge.question(payload["a"], payload["b"])
        self._bound_fields_cache.pop("captcha", None)  # DsfrBaseForm built it already

    def refresh_challenge(self):
        """A new operation (each one is single use), e.g. before showing the form again."""
        a, b, token = challenge.new_challenge()
        self.fields["captcha"].label = challenge.question(a, b)
        self._bound_fields_cache.pop("captcha", None)
        if self.is_bound:
            self.data = self.data.copy()
            self.data["challenge"] = token
            self.data["captcha"] = ""
        else:
            self.initial["challenge"] = token

    def clean(self):
        cleaned = super().clean()
        token, answer = cleaned.get("challenge", ""), cleaned.get("captcha", "")
        if not challenge.check(token, answer):
            self.add_error("captcha", challenge.WRONG_MESSAGE)
        return cleaned


class ForgottenPasswordForm(ChallengeForm):
    identifiant = forms.CharField(label="Identifiant", max_length=150)
    field_order = ["identifiant", "challenge", "captcha"]

    email_typed = False

    def clean_identifiant(self):
        identifiant = self.cleaned_data["identifiant"].strip()
        if "@" in identifiant:
            self.email_typed = True
            raise ValidationError(WRONG_TYPE_OF_USER, code="email")
        return identifiant


class ForgottenIdentifiantForm(ChallengeForm):
    email = forms.EmailField(label="Courriel", max_length=254)
    field_order = ["email", "challenge", "captcha"]

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])


class SecretAnswersForm(DsfrBaseForm):
    """One « Réponse secrète » per question shown (several accounts on one email)."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for index in range(len(questions)):
            self.fields[f"answer_{index}"] = forms.CharField(
                label="Réponse secrète",
                max_length=200,
                required=len(questions) == 1,
                widget=forms.TextInput(
                    attrs={"autocomplete": "off", "aria-describedby": f"question-{index}"}
                ),
            )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"answer_{i}", "").strip() for i in range(len(self.questions))):
            if len(self.questions) > 1:
                raise ValidationError("Répondez à au moins une question secrète.")
        return cleaned

    def question_fields(self):
        """(index, question, bound field) to show each question above its answer."""
        return [(i, q, self[f"answer_{i}"]) for i, q in enumerate(self.questions)]

    def answers(self) -> dict[str, str]:
        return {
            question: self.cleaned_data.get(f"answer_{index}", "")
            for index, question in enumerate(self.questions)
        }
