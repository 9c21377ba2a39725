"""Template tags shared by every page: the error summary, the title prefix, SIRET display.

The error summary follows the DSFR / RGAA 11.10 pattern: after a refused submission the
page title starts with « Erreur : », a summary at the top of the content lists every
error as a link to its field, and apart/js/error-summary.js moves the focus to it.
The forms are found in the template context, so every form of the portal gets it
without each template having to ask.
"""

from django import template
from django.forms import BaseForm, BaseFormSet, CheckboxSelectMultiple, RadioSelect
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

register = template.Library()


def _forms_in(context) -> list[BaseForm]:
    forms, seen = [], set()
    for value in context.flatten().values():
        # type(), not isinstance(): a lazy object (the menu profile) must stay unevaluated.
        kind = type(value)
        if issubclass(kind, BaseFormSet):
            candidates = [value, *value.forms] if value.is_bound else []
        elif issubclass(kind, BaseForm):
            candidates = [value] if value.is_bound else []
        else:
            continue
        for candidate in candidates:
            if id(candidate) not in seen:
                seen.add(id(candidate))
                forms.append(candidate)
    return forms


def _field_anchor(bound_field) -> str:
    widget = bound_field.field.widget
    if isinstance(widget, RadioSelect | CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id


def _label(bound_field) -> str:
    return strip_tags(str(bound_field.label or bound_field.name)).replace("*", "").strip(" :")


def collect_errors(context) -> list[dict]:
    """[{"label", "message", "anchor"}] for every error of every bound form in context."""
    errors = []
    for form in _forms_in(context):
        if isinstance(form, BaseFormSet):
            errors += [{"message": str(m), "anchor": ""} for m in form.non_form_errors()]
            continue
        if not form.errors:
            continue
        errors += [{"message": str(m), "anchor": ""} for m in form.non_field_errors()]
        for bound_field in form:
            for message in bound_field.errors:
                if bound_field.is_hidden:
                    errors.append({"message": str(message), "anchor": ""})
                else:
                    errors.append(
                        {
                            "label": _label(bound_field),
                            "message": str(message),
                            "anchor": _field_anchor(bound_field),
                        }
                    )
    return errors


@register.inclusion_tag("includes/error_summary.html", takes_context=True)
def error_summary(context):
    return {"errors": collect_errors(context)}


@register.simple_tag(takes_context=True)
def error_title_prefix(context) -> str:
    return "Erreur : " if collect_errors(context) else ""


@register.filter
def siret(value) -> str:
    """« 35600000000048 » → « 356 000 000 00048 » (SIREN by threes, then the NIC)."""
    digits = "".join(char for char in str(value or "") if char.isdigit())
    if len(digits) == 14:
        return f"{digits[0:3]} {digits[3:6]} {digits[6:9]} {digits[9:]}"
    if len(digits) == 9:
        return f"{digits[0:3]} {digits[3:6]} {digits[6:9]}"
    return value


# Every entry of the portal's menus (header tools, main menu), and the pages that belong to
# none (the dashboard): the longest one that starts the current path is the current one.
MENU_URL_NAMES = [
    "home", "accounts:login", "habilitations:create_space", "indemnisation:simulator",
    "support:help", "establishments:user_request", "establishments:list",
    "establishments:dashboard", "dap:list", "dap:decisions", "indemnisation:list",
    "support:queue", "support:agents", "support:banners", "support:audit_log",
    "dap:queue", "dap:batch", "dap:search",
]  # fmt: skip


def _current_menu_entry(request) -> str | None:
    cached = getattr(request, "_apart_menu_entry", False)
    if cached is not False:
        return cached
    best, best_length = None, 0
    for name in MENU_URL_NAMES:
        target = reverse(name)
        matches = request.path == target or (target != "/" and request.path.startswith(target))
        if matches and len(target) > best_length:
            best, best_length = name, len(target)
    request._apart_menu_entry = best
    return best


@register.simple_tag(takes_context=True)
def aria_current(context, url_name: str) -> str:
    """`aria-current="page"` on the menu entry of the page shown (WCAG 2.4.8 Location: every menu
    says where one is): the entry whose address is the longest start of the current one."""
    request = context.get("request")
    if request is None or _current_menu_entry(request) != url_name:
        return ""
    return mark_safe('aria-current="page"')
