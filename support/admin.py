from django.contrib import admin

from support.models import (
    AuditEntry,
    Category,
    Entry,
    EntryAttachment,
    InformationBanner,
    Ticket,
    TicketMessage,
    TicketTransition,
)


@admin.register(InformationBanner)
class InformationBannerAdmin(admin.ModelAdmin):
    list_display = ["title", "level", "starts_at", "ends_at", "maintenance"]
    list_filter = ["level", "maintenance"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


class EntryAttachmentInline(admin.TabularInline):
    model = EntryAttachment
    extra = 0


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "category", "published", "position", "updated_at"]
    list_filter = ["kind", "category", "published"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [EntryAttachmentInline]


class TicketMessageInline(admin.TabularInline):
    model = TicketMessage
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "author", "body", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


class TicketTransitionInline(admin.TabularInline):
    model = TicketTransition
    extra = 0
    can_delete = False
    readonly_fields = ["name", "from_status", "to_status", "by", "at", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Read-only: tickets move only through the back-office (state machine + log)."""

    list_display = ["reference", "created_at", "motif", "siret", "denomination", "status"]
    list_filter = ["motif", "status"]
    search_fields = ["reference", "siret", "denomination", "email"]
    inlines = [TicketMessageInline, TicketTransitionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "target"]
    list_filter = ["action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
