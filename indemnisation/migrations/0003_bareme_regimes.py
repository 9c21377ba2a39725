"""The barème as a table of regimes by period, with the SMIC by date (issue 12).

The rows of 0002 (one yes/no "taux majoré", no rates after October 2021, 2020 ceiling applied
to the indemnity) are replaced: the table is rebuilt and loaded from
`indemnisation/bareme_data.py`, the one list of values with their sources (docs/bareme.md).
"""

from django.db import migrations, models


def load(apps, schema_editor):
    from indemnisation.bareme_data import ensure_bareme

    ensure_bareme(apps.get_model("indemnisation", "Bareme"), apps.get_model("indemnisation", "Smic"))


class Migration(migrations.Migration):

    dependencies = [
        ("indemnisation", "0002_bareme_periods"),
    ]

    operations = [
        migrations.DeleteModel(name='Bareme'),
        migrations.CreateModel(
            name='Bareme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('regime', models.CharField(choices=[('standard', 'Droit commun'), ('secteurs_proteges', 'Secteurs protégés (annexes 1 et 2 du décret 2020-810)'), ('fermees_restreintes', 'Entreprise fermée ou sous restrictions'), ('apld', 'Activité partielle de longue durée (APLD)')], default='standard', max_length=24, verbose_name='régime')),
                ('valid_from', models.DateField(verbose_name='applicable à partir du')),
                ('valid_until', models.DateField(blank=True, null=True, verbose_name="applicable jusqu'au (inclus)")),
                ('allocation_rate', models.DecimalField(decimal_places=4, help_text="Part de la rémunération horaire brute remboursée par l'État (0,70 = 70 %).", max_digits=5, verbose_name="taux de l'allocation")),
                ('indemnity_rate', models.DecimalField(decimal_places=4, help_text='Part de la rémunération horaire brute versée au salarié (0,70 = 70 %).', max_digits=5, verbose_name="taux de l'indemnité")),
                ('allocation_floor', models.DecimalField(decimal_places=2, max_digits=6, verbose_name="plancher horaire de l'allocation (€)")),
                ('indemnity_floor', models.DecimalField(decimal_places=2, help_text='Jamais supérieur à la rémunération horaire du salarié.', max_digits=6, verbose_name="plancher horaire de l'indemnité (€)")),
                ('ceiling_smic_multiple', models.DecimalField(decimal_places=2, default=4.5, max_digits=4, verbose_name='plafond (multiple du SMIC horaire)')),
                ('ceiling_caps', models.CharField(choices=[('allocation', "l'allocation seulement"), ('allocation_et_indemnite', "l'allocation et l'indemnité")], default='allocation_et_indemnite', max_length=32, verbose_name='le plafond limite')),
                ('legal_source', models.TextField(verbose_name='source juridique')),
                ('source_url', models.URLField(max_length=300, verbose_name='adresse de la source')),
            ],
            options={
                'verbose_name': "barème d'activité partielle",
                'verbose_name_plural': "barèmes d'activité partielle",
                'ordering': ['valid_from', 'regime'],
                'constraints': [models.UniqueConstraint(fields=('valid_from', 'regime'), name='bareme_unique_start'), models.CheckConstraint(condition=models.Q(('valid_until__isnull', True), ('valid_until__gte', models.F('valid_from')), _connector='OR'), name='bareme_dates_in_order'), models.CheckConstraint(condition=models.Q(('allocation_rate__gt', 0), ('allocation_rate__lte', 1), ('indemnity_rate__gt', 0), ('indemnity_rate__lte', 1)), name='bareme_rates_between_0_and_1'), models.CheckConstraint(condition=models.Q(('allocation_floor__gte', 0), ('indemnity_floor__gte', 0), ('ceiling_smic_multiple__gt', 0)), name='bareme_amounts_positive')],
            },
        ),
        migrations.CreateModel(
            name='Smic',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('valid_from', models.DateField(unique=True, verbose_name='applicable à partir du')),
                ('hourly', models.DecimalField(decimal_places=2, max_digits=6, verbose_name='SMIC horaire brut (€)')),
                ('legal_source', models.CharField(max_length=200, verbose_name='source juridique')),
                ('source_url', models.URLField(max_length=300, verbose_name='adresse de la source')),
            ],
            options={
                'verbose_name': 'SMIC horaire',
                'verbose_name_plural': 'SMIC horaires',
                'ordering': ['valid_from'],
                'constraints': [models.CheckConstraint(condition=models.Q(('hourly__gt', 0)), name='smic_positive')],
            },
        ),
            migrations.RunPython(load, migrations.RunPython.noop),
    ]
