from django.contrib.auth import get_backends
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone

from accounts.normalize import normalize_answer, normalize_email


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, identifiant, password=None, **fields):
        if not identifiant:
            raise ValueError("Un identifiant est obligatoire.")
        if "email" in fields:
            fields["email"] = normalize_email(fields["email"])
        user = self.model(identifiant=identifiant, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, identifiant, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(identifiant, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """An ASP account: one person, one identifiant, usable on every ASP extranet."""

    identifiant = models.CharField("identifiant", max_length=150, unique=True)
    last_name = models.CharField("nom", max_length=100, blank=True)
    first_name = models.CharField("prénom", max_length=100, blank=True)
    email = models.EmailField("courriel", blank=True, db_index=True)
    phone = models.CharField("téléphone", max_length=20, blank=True)
    secret_question = models.CharField("question secrète", max_length=200, blank=True)
    secret_answer_hash = models.CharField("réponse secrète (empreinte)", max_length=255, blank=True)
    must_change_password = models.BooleanField("doit changer son mot de passe", default=False)
    is_active = models.BooleanField("actif", default=True)
    is_staff = models.BooleanField("accès à l'administration", default=False)
    date_joined = models.DateTimeField("créé le", default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "identifiant"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = "compte utilisateur"
        verbose_name_plural = "comptes utilisateurs"
        indexes = [
            # « Créer mon espace » looks a person up by email__iexact (UPPER(email) = …):
            # without this index each filing scanned every account (140 ms at 200,000).
            models.Index(Upper("email"), name="accounts_user_email_upper"),
        ]

    def __str__(self):
        return self.identifiant

    def has_perm(self, perm, obj=None):
        # Rights on an object (an establishment, a DAP…) come from the habilitation policy
        # for everyone: being a superuser of the Django admin gives none of them.
        if obj is not None:
            return self.is_active and any(
                backend.has_perm(self, perm, obj)
                for backend in get_backends()
                if hasattr(backend, "has_perm")
            )
        return super().has_perm(perm, obj)

    def get_full_name(self):
        return f"{self.first_name} {self.last_name.upper()}".strip()

    def get_short_name(self):
        return self.first_name

    def set_secret_answer(self, answer: str) -> None:
        self.secret_answer_hash = make_password(normalize_answer(answer))

    def check_secret_answer(self, answer: str) -> bool:
        if not self.secret_answer_hash:
            return False
        return check_password(normalize_answer(answer), self.secret_answer_hash)


class PasswordResetToken(models.Model):
    """The emailed reset link of an account (seed 002 §3): 60 minutes, single use.

    Only the SHA-256 of the random token is stored, so a copy of the database gives no
    usable link. One row per account: a new request replaces the previous token.
    """

    user = models.OneToOneField(
        User, verbose_name="compte", on_delete=models.CASCADE, related_name="password_reset_token"
    )
    token_hash = models.CharField("empreinte du jeton", max_length=64, unique=True)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    expires_at = models.DateTimeField("expire le")
    used_at = models.DateTimeField("utilisé le", null=True, blank=True)

    class Meta:
        verbose_name = "jeton de réinitialisation du mot de passe"
        verbose_name_plural = "jetons de réinitialisation du mot de passe"

    def __str__(self):
        return f"{self.user} — {self.created_at:%d/%m/%Y %H:%M}"
