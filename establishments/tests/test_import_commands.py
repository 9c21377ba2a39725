import io

from django.core.management import call_command

from establishments.models import ConventionCollective, NafCode


def test_import_naf_and_import_idcc_load_the_shipped_nomenclatures(db):
    call_command("import_naf", stdout=io.StringIO())
    call_command("import_idcc", stdout=io.StringIO())
    assert NafCode.objects.count() == 732
    assert NafCode.objects.get(code="10.71C").label.startswith("Boulangerie")
    assert ConventionCollective.objects.get(idcc="9999").title == "Sans convention collective"
    assert ConventionCollective.objects.filter(idcc="1486").exists()
    call_command("import_idcc", stdout=io.StringIO())  # idempotent
    assert ConventionCollective.objects.count() > 300
