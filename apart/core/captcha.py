"""The image captcha of the public forms (« Recopier le code ci-contre »), one for all.

django-simple-captcha's own routes sit behind LoginRequiredMiddleware; ours are public
(apart/urls.py) and the widget gives a French text alternative and a labelled audio link.
"""

from captcha import views as captcha_views
from captcha.conf import settings as captcha_settings
from captcha.fields import CaptchaField, CaptchaTextInput
from django.contrib.auth.decorators import login_not_required
from django.urls import path

CAPTCHA_REQUIRED = "Veuillez recopier le code de sécurité."
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
    template_name = "apart/widgets/captcha.html"

    def audio_url(self):
        # Without flite the library's audio route answers 404: offer no dead link.
        return super().audio_url() if captcha_settings.CAPTCHA_FLITE_PATH else None


def captcha_field(label: str = "Recopier le code ci-contre *") -> CaptchaField:
    return CaptchaField(
        label=label,
        help_text="Code de 8 caractères, sans distinction de majuscules et minuscules.",
        widget=AccessibleCaptchaInput(),
        error_messages={"required": CAPTCHA_REQUIRED, "invalid": CAPTCHA_INVALID},
    )
