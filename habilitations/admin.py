from django.contrib import admin

from habilitations.models import (
    AccountRequest,
    Application,
    Attachment,
    Habilitation,
    TerritorialScope,
)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    raw_id_fields = ["establishment", "added_by"]
    # Revoking goes through habilitations.services.attachment_revoke (the principal user is
    # protected there), never through a date typed here, and a row is never deleted: it is
    # the history of who could see the establishment, and when.
    readonly_fields = ["revoked_at", "revoked_by"]
    can_delete = False


class TerritorialScopeInline(admin.TabularInline):
    model = TerritorialScope
    extra = 0


@admin.register(Habilitation)
class HabilitationAdmin(admin.ModelAdmin):
    list_display = ["user", "application", "profile", "status", "valid_from", "valid_until"]
    list_filter = ["application", "profile", "status"]
    search_fields = ["user__identifiant", "user__email", "user__last_name"]
    list_select_related = ["user", "application"]
    raw_id_fields = ["user"]
    inlines = [AttachmentInline, TerritorialScopeInline]

    def has_delete_permission(self, request, obj=None):
        # A habilitation is suspended or ended, never deleted: deleting it would take its
        # attachments, the history of who could see which establishment, with it.
        return False


SECRET_ANSWER_FIELDS = ["secret_answer_sealed", "secret_answer_hash"]


@admin.register(AccountRequest)
class AccountRequestAdmin(admin.ModelAdmin):
    """Requests are evidence: readable, never edited by hand (the sweep processes them)."""

    list_display = ["created_at", "siret", "last_name", "first_name", "email", "status", "outcome"]
    list_filter = ["kind", "status", "outcome"]
    search_fields = ["siret", "email", "last_name"]
    list_select_related = ["user", "establishment"]
    exclude = SECRET_ANSWER_FIELDS
    readonly_fields = [
        field.name
        for field in AccountRequest._meta.fields
        if field.name not in SECRET_ANSWER_FIELDS
    ]

    def has_add_permission(self, request):
        return False
