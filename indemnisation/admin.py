from django.contrib import admin

from indemnisation.models import Bareme, Smic


@admin.register(Bareme)
class BaremeAdmin(admin.ModelAdmin):
    list_display = [
        "valid_from",
        "valid_until",
        "regime",
        "allocation_rate",
        "indemnity_rate",
        "allocation_floor",
        "indemnity_floor",
        "ceiling_smic_multiple",
        "ceiling_caps",
    ]
    list_filter = ["regime"]
    ordering = ["valid_from", "regime"]
    fieldsets = [
        ("Période", {"fields": ["valid_from", "valid_until", "regime"]}),
        (
            "Taux",
            {
                "fields": [
                    "indemnity_rate",
                    "allocation_rate",
                    "indemnity_floor",
                    "allocation_floor",
                    "ceiling_smic_multiple",
                    "ceiling_caps",
                ]
            },
        ),
        ("Source", {"fields": ["legal_source", "source_url"]}),
    ]


@admin.register(Smic)
class SmicAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "hourly", "legal_source"]
    ordering = ["valid_from"]
