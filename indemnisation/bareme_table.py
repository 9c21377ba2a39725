"""The simulator's « Barème complet et ses sources », rendered once and kept in the cache.

Every simulator page showed it through two queries and a template loop over every barème
and SMIC row (a third of the page). The rows change only when the reference data is
loaded or edited in the admin: saving or deleting a Bareme or a Smic forgets the fragment,
and it lives an hour at most anyway.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from indemnisation.models import Bareme, Smic

CACHE_KEY = "apart:bareme-table"
CACHE_SECONDS = 3600


def bareme_table_html() -> str:
    html = cache.get(CACHE_KEY)
    if html is None:
        with translation.override("fr"):
            html = render_to_string(
                "indemnisation/bareme_table.html",
                {"bareme_lines": Bareme.objects.all(), "smic_lines": Smic.objects.all()},
            )
        cache.set(CACHE_KEY, html, CACHE_SECONDS)
    return mark_safe(html)


@receiver([post_save, post_delete], sender=Bareme)
@receiver([post_save, post_delete], sender=Smic)
def forget_bareme_table(**kwargs) -> None:
    cache.delete(CACHE_KEY)
