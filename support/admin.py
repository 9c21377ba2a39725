from django.contrib import admin

from support.models import InformationBanner


@admin.register(InformationBanner)
class InformationBannerAdmin(admin.ModelAdmin):
    list_display = ["title", "level", "starts_at", "ends_at", "maintenance"]
    list_filter = ["level", "maintenance"]
