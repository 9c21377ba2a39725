from django.contrib import admin

from indemnisation.models import Bareme


@admin.register(Bareme)
class BaremeAdmin(admin.ModelAdmin):
    list_display = [
        "valid_from",
        "valid_until",
        "majore",
        "allocation_rate",
        "indemnity_rate",
        "allocation_floor",
        "indemnity_floor",
        "ceiling_smic_multiple",
        "smic_hourly",
    ]
    list_filter = ["majore"]
    ordering = ["valid_from", "majore"]
    fieldsets = [
        ("Période", {"fields": ["valid_from", "valid_until", "majore"]}),
        (
            "Taux",
            {
                "fields": [
                    "indemnity_rate",
                    "allocation_rate",
                    "indemnity_floor",
                    "allocation_floor",
                    "ceiling_smic_multiple",
                    "smic_hourly",
                ]
            },
        ),
        ("Source", {"fields": ["source"]}),
    ]
