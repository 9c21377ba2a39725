"""The image captcha of the public forms (« Recopier le code ci-contre »), one for all.

django-simple-captcha's own routes sit behind LoginRequiredMiddleware; ours are public
(apart/urls.py) and the widget gives a French text alternative and a labelled audio link.
RGAA 1.5: a captcha needs an alternative that everybody can pass; the audio needs a voice
on the server and ears. So the widget always offers the arithmetic challenge of the
recovery pages (« Veuillez résoudre l'opération suivante : 8 + 4 = ») as text: either
answer is enough.
"""

from captcha import views as captcha_views
from captcha.conf import settings as captcha_settings
from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore
from django import forms
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import path
from django.utils import timezone

from apart.core import challenge

CAPTCHA_REQUIRED = "Veuillez recopier le code de sécurité ou résoudre l'opération."
CAPTCHA_INVALID = "Le code de sécurité recopié est incorrect. Recopiez le nouveau code."


def captcha_audio(request, key):
    """The library's view, whose temporary file is closed with the response."""
    response = captcha_views.captcha_audio(request, key)
    ranged_file = getattr(response, "ranged_file", None)
    if ranged_file is not None:
        response._resource_closers.append(ranged_file.f.close)
    return response


# The library's own route names, which its widget and field reverse.
urlpatterns = [
    path(
        "image/<str:key>/",
        login_not_required(captcha_views.captcha_image),
        {"scale": 1},
        name="captcha-image",
    ),
    path(
        "image/<str:key>@2/",
        login_not_required(captcha_views.captcha_image),
        {"scale": 2},
        name="captcha-image-2x",
    ),
    path("audio/<str:key>.wav", login_not_required(captcha_audio), name="captcha-audio"),
    path("refresh/", login_not_required(captcha_views.captcha_refresh), name="captcha-refresh"),
]


class AccessibleCaptchaInput(CaptchaTextInput):
    """[image key, copied code, challenge token, challenge answer]."""

    template_name = "apart/widgets/captcha.html"

    def __init__(self, attrs=None, **kwargs):
        super().__init__(attrs, **kwargs)
        answer = forms.TextInput(
            attrs={"class": "fr-input", "inputmode": "numeric", "autocomplete": "off"}
        )
        self.widgets = [*self.widgets, forms.HiddenInput(), answer]
        self.widgets_names = [f"_{index}" for index in range(len(self.widgets))]
        self.question = ""

    def render(self, name, value, attrs=None, renderer=None):
        self.fetch_captcha_store(name, value, attrs, self.generator)
        a, b, token = challenge.new_challenge()
        self.question = challenge.question(a, b)
        values = [*self._value, token, ""]
        return forms.MultiWidget.render(self, name, values, attrs=attrs, renderer=renderer)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        copied, token, answer = context["widget"]["subwidgets"][1:4]
        for subwidget in (token, answer):  # the alternative is never required by itself
            subwidget["attrs"].pop("required", None)
        # create_space.js: the copied code counts as filled when the answer is.
        copied["attrs"]["data-alternative"] = answer["attrs"].get("id", "")
        context["question"] = self.question
        return context

    def audio_url(self):
        # Without flite the library's audio route answers 404: offer no dead link.
        return super().audio_url() if captcha_settings.CAPTCHA_FLITE_PATH else None


def take_challenge(hashkey: str) -> str | None:
    """Use a challenge up: delete it if it has not expired and return its expected code.

    One statement (DELETE … RETURNING), so a solved code answers one form only even when
    two requests race with it: only the request whose DELETE removed the row gets the code
    (the library reads the row then deletes it, so both could pass: issue 10, hole 5)."""
    table = connection.ops.quote_name(CaptchaStore._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE hashkey = %s AND expiration > %s RETURNING response",
            [hashkey or "", timezone.now()],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def purge_expired_challenges() -> int:
    """Every form shown stores a challenge for CAPTCHA_TIMEOUT minutes; the library deletes
    the expired ones before every check (three statements per captcha), here a periodic
    task does (`apart.core.tasks.purge_expired_captchas`). An expired challenge never
    passes meanwhile: `take_challenge` ignores it."""
    return CaptchaStore.objects.filter(expiration__lte=timezone.now()).delete()[0]


class SingleUseCaptchaField(CaptchaField):
    """The image code, checked in one statement and used up whatever the answer."""

    def clean(self, value):
        super(CaptchaField, self).clean(value)  # MultiValueField: "required" first
        response, value[1] = (value[1] or "").strip().lower(), ""
        expected = take_challenge(value[0])
        if captcha_settings.CAPTCHA_TEST_MODE and response == "passed":
            return value  # the library's test mode (bench and tests only)
        if expected is None or expected != response:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class AccessibleCaptchaField(SingleUseCaptchaField):
    """The image code or, as its alternative, the arithmetic challenge (the widget posts
    both; the field's own two sub-fields stay those of the image code)."""

    def clean(self, value):
        key, response, token, answer = [*(value or []), "", "", "", ""][:4]
        if (answer or "").strip():
            take_challenge(key)  # one attempt, either way
            if challenge.check(token, answer):
                return ""
            raise ValidationError(challenge.WRONG_MESSAGE, code="invalid")
        return super().clean([key, response])


def captcha_field(label: str = "Recopier le code ci-contre *") -> CaptchaField:
    return AccessibleCaptchaField(
        label=label,
        help_text="Code de 8 caractères, sans distinction de majuscules et minuscules.",
        widget=AccessibleCaptchaInput(),
        error_messages={"required": CAPTCHA_REQUIRED, "invalid": CAPTCHA_INVALID},
    )
