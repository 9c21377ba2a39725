"""The base documentaire stops telling people to search by SIRET instead of by number (the
search by number works now), and describes the tacit-acceptance batch as it runs."""

from django.db import migrations

SLUGS = {"recherche-dap-numero-lettres", "validation-tacite-48h"}


def update_entries(apps, schema_editor):
    from support import faq_content
    from support.sanitize import sanitize_html

    faq_content.load(
        apps.get_model("support", "Category"),
        apps.get_model("support", "Entry"),
        sanitize_html,
        only=SLUGS,
    )


class Migration(migrations.Migration):
    dependencies = [("support", "0003_load_faq")]

    operations = [migrations.RunPython(update_entries, migrations.RunPython.noop)]
