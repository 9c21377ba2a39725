"""Scoped lookups shared by the views (habilitations.access decides; guessed number = 404)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404

from dap.models import AuthorizationRequest, Decision
from dap.models.decisions import normalize_reference
from habilitations import access


def visible_request(user, number: str, *, for_update: bool = False) -> AuthorizationRequest:
    base = AuthorizationRequest.objects
    queryset = base.editable_by(user) if for_update else base.visible_to(user)
    return get_object_or_404(
        queryset.select_related("establishment", "amends", "created_by"),
        number=normalize_reference(number),
    )


_LOCKED_REQUEST = access.EditableRowLock(AuthorizationRequest, "number", str, "establishment")


def locked_request(user, number: str) -> AuthorizationRequest:
    """The request the user may change, with its establishment, locked (SELECT … FOR
    UPDATE) until the caller's open transaction ends: the scoped lookup and the lock in one
    query."""
    return _LOCKED_REQUEST.get(user, normalize_reference(number))


def visible_decision(user, number: str) -> Decision:
    return get_object_or_404(
        Decision.objects.visible_to(user).select_related("establishment", "request"),
        number=normalize_reference(number),
    )


def paginate(request, queryset):
    paginator = Paginator(queryset, settings.DAP_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page.pages_list = list(paginator.get_elided_page_range(page.number, on_each_side=2))
    return page
