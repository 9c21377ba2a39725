from django.db import migrations

APPLICATIONS = [
    ("APART", "Activité Partielle (APART)"),
    ("SYLAE", "SYLAé"),
    ("ELISA", "Elisa"),
    ("APEA", "APEA"),
    ("DEFI", "Défi"),
    ("SERVICE_CIVIQUE", "Service Civique"),
    ("EA", "Entreprises Adaptées"),
]


def create_applications(apps, schema_editor):
    Application = apps.get_model("habilitations", "Application")
    for code, name in APPLICATIONS:
        Application.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("habilitations", "0001_initial")]
    operations = [migrations.RunPython(create_applications, migrations.RunPython.noop)]
