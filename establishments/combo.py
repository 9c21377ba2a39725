"""NAF and IDCC as searchable combos instead of selects of 732 and 391 options.

The fiche rendered 1,127 <option>s (170 KB, most of its render time). Now each is a text
input: the user types a code or words of the label; a small script offers the matches of a
JSON look-up in a <datalist>, and without JavaScript the server resolves what was typed
(a code, or words matching one label only) and says precisely when it cannot.
"""

import re
import time
import unicodedata

from django import forms
from django.db.models.signals import post_delete, post_save
from django.urls import reverse_lazy

from establishments.models import ConventionCollective, NafCode

SEPARATOR = " — "
SUGGESTIONS = 20
TABLE_TTL_SECONDS = 300  # reference data changes only when load_reference_data runs
NAF_RE = re.compile(r"^(\d{2})\.?(\d{2})([A-Za-z])$")


def fold(text: str) -> str:
    """Lower case without accents: « hotel » finds « Hôtels et hébergement similaire »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _naf_code(text: str) -> str | None:
    match = NAF_RE.match(text.replace(" ", ""))
    return f"{match[1]}.{match[2]}{match[3].upper()}" if match else None


def _idcc_code(text: str) -> str | None:
    compact = text.replace(" ", "")
    return compact.zfill(4) if compact.isdigit() and len(compact) <= 4 else None


class Reference:
    """How to search one reference table and show one of its rows."""

    def __init__(self, model, code_field, label_field, parse, kind):
        self.model, self.code_field, self.label_field = model, code_field, label_field
        self.parse, self.kind = parse, kind
        self._rows, self._loaded_at = [], float("-inf")

    def rows(self) -> list[tuple[str, str, str]]:
        """(code, label, folded label) of the whole table, kept a few minutes per process:
        a search is then a scan of ~700 short strings, with no query."""
        if time.monotonic() - self._loaded_at > TABLE_TTL_SECONDS or not self._rows:
            pairs = self.model.objects.values_list(self.code_field, self.label_field)
            self._rows = [(code, label, fold(label)) for code, label in pairs.order_by("pk")]
            self._loaded_at = time.monotonic()
        return self._rows

    def display(self, obj) -> str:
        return f"{getattr(obj, self.code_field)}{SEPARATOR}{getattr(obj, self.label_field)}"

    def display_code(self, code: str) -> str:
        for row_code, label, _folded in self.rows():
            if row_code == code:
                return f"{code}{SEPARATOR}{label}"
        return code

    def search(self, text: str, limit: int = SUGGESTIONS) -> list[tuple[str, str]]:
        """(code, label) of the rows whose code starts with `text`, or whose label holds
        every word of it (accents and case ignored)."""
        text = text.strip()
        if not text:
            return []
        head = text.split(SEPARATOR)[0]
        prefix = (self.parse(head) or head.replace(" ", "")).upper()
        words = fold(text).split()
        found = []
        for code, label, folded in self.rows():
            if code.upper().startswith(prefix) or all(word in folded for word in words):
                found.append((code, label))
                if len(found) == limit:
                    break
        return found

    def resolve(self, text: str):
        """The row meant by `text`, else a ValidationError saying why (in French)."""
        head = text.split(SEPARATOR)[0].strip()
        code = self.parse(head)
        if code:
            found = self.model.objects.filter(pk=code).first()
            if found is None:
                raise forms.ValidationError(
                    f"Le {self.kind} « {code} » n'existe pas. Vérifiez-le ou saisissez des "
                    "mots du libellé pour le retrouver.",
                    code="unknown",
                )
            return found
        matches = self.search(text, limit=6)
        if len(matches) == 1:
            return self.model.objects.get(pk=matches[0][0])
        if not matches:
            raise forms.ValidationError(
                f"Aucun {self.kind} ne correspond à « {text} ». Saisissez le code ou d'autres "
                "mots du libellé.",
                code="not_found",
            )
        shown = " ; ".join(f"{code}{SEPARATOR}{label}" for code, label in matches[:5])
        raise forms.ValidationError(
            f"Plusieurs libellés correspondent à « {text} » : {shown}. Saisissez le code voulu.",
            code="ambiguous",
        )


NAF = Reference(NafCode, "code", "label", _naf_code, "code NAF")
IDCC = Reference(ConventionCollective, "idcc", "title", _idcc_code, "code IDCC")


def _forget(sender, **kwargs):
    """A change made by this process is seen at once (others see it within the TTL)."""
    for reference in (NAF, IDCC):
        if reference.model is sender:
            reference._rows = []


for _model in (NafCode, ConventionCollective):
    post_save.connect(_forget, sender=_model, dispatch_uid=f"combo-forget-{_model.__name__}")
    post_delete.connect(_forget, sender=_model, dispatch_uid=f"combo-del-{_model.__name__}")


class ReferenceComboField(forms.CharField):
    """A text input resolved to a row of a reference table (server-side validation)."""

    def __init__(self, *, reference: Reference, datalist_id: str, url_name: str, **kwargs):
        self.reference = reference
        self.datalist_id = datalist_id
        self.url_name = url_name
        kwargs.setdefault("max_length", 600)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"list": datalist_id, "autocomplete": "off", "spellcheck": "false"}
            ),
        )
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "data-reference-url": reverse_lazy(self.url_name)}

    def prepare_value(self, value):
        if isinstance(value, self.reference.model):
            return self.reference.display(value)
        if value and SEPARATOR not in str(value):  # the instance's key, or a typed code
            return self.reference.display_code(str(value))
        return value or ""

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        return self.reference.resolve(text)
