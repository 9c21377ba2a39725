from django.urls import register_converter


class SiretConverter:
    """`<siret:siret>`: the 14 digits of a SIRET (the Luhn key is not checked in URLs)."""

    regex = r"[0-9]{14}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value)


# Registered once, when the first URL module using `<siret:…>` imports this module.
register_converter(SiretConverter, "siret")
