from django.db import migrations


def load_faq(apps, schema_editor):
    from support import faq_content
    from support.sanitize import sanitize_html

    faq_content.load(apps.get_model("support", "Category"), apps.get_model("support", "Entry"), sanitize_html)


class Migration(migrations.Migration):
    dependencies = [("support", "0002_base_documentaire_tickets_audit")]

    operations = [migrations.RunPython(load_faq, migrations.RunPython.noop)]
