from django.db import migrations

from habilitations.applications import ensure_applications


def create_applications(apps, schema_editor):
    ensure_applications(apps.get_model("habilitations", "Application"))


class Migration(migrations.Migration):
    dependencies = [("habilitations", "0001_initial")]
    operations = [migrations.RunPython(create_applications, migrations.RunPython.noop)]
