from django.contrib import admin

from establishments.models import (
    Commune,
    ConventionCollective,
    Establishment,
    NafCode,
    SireneEstablishment,
)


@admin.register(Establishment)
class EstablishmentAdmin(admin.ModelAdmin):
    list_display = ["siret", "denomination", "postal_code", "city", "principal_user"]
    search_fields = ["siret", "denomination"]
    list_select_related = ["principal_user"]
    raw_id_fields = ["principal_user"]
    autocomplete_fields = ["naf_code", "convention"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(SireneEstablishment)
class SireneEstablishmentAdmin(admin.ModelAdmin):
    list_display = ["siret", "denomination", "postal_code", "city", "is_active"]
    search_fields = ["siret", "denomination"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["postal_code", "name", "insee_code", "departement"]
    search_fields = ["postal_code", "name", "insee_code"]


@admin.register(NafCode)
class NafCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "label"]
    search_fields = ["code", "label"]


@admin.register(ConventionCollective)
class ConventionCollectiveAdmin(admin.ModelAdmin):
    list_display = ["idcc", "title"]
    search_fields = ["idcc", "title"]
