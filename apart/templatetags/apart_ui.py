"""Template tags shared by every page: the error summary, the title prefix, SIRET display.

The error summary follows the DSFR / RGAA 11.10 pattern: after a refused submission the
page title starts with « Erreur : », a summary at the top of the content lists every
error as a link to its field, and apart/js/error-summary.js moves the focus to it.
The forms are found in the template context, so every form of the portal gets it
without each template having to ask.
"""

import copy
import functools
from types import SimpleNamespace

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.forms import BaseForm, BaseFormSet, CheckboxSelectMultiple, RadioSelect
from django.template.loader import get_template
from django.urls import get_script_prefix, reverse
from django.utils.html import conditional_escape, strip_tags
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


def _errors_of(context) -> list[dict]:
    """collect_errors once per page: the title and the summary both ask, and each look
    flattens the whole context."""
    render_context = context.render_context
    if "apart_errors" not in render_context:
        render_context["apart_errors"] = collect_errors(context)
    return render_context["apart_errors"]


@register.simple_tag(takes_context=True)
def error_summary(context) -> str:
    errors = _errors_of(context)
    if not errors:  # nearly every page: no template to render
        return ""
    return get_template("includes/error_summary.html").render({"errors": errors})


@register.simple_tag(takes_context=True)
def error_title_prefix(context) -> str:
    return "Erreur : " if _errors_of(context) else ""


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


@functools.cache
def _menu_targets(prefix: str) -> tuple[tuple[str, str], ...]:
    """(name, address) of every menu entry: 18 `reverse()` per page were 5 % of a page's
    CPU, and addresses only change with the code (keyed by the script prefix)."""
    return tuple((name, reverse(name)) for name in MENU_URL_NAMES)


def _current_menu_entry(request) -> str | None:
    cached = getattr(request, "_apart_menu_entry", False)
    if cached is not False:
        return cached
    best, best_length = None, 0
    for name, target in _menu_targets(get_script_prefix()):
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


# Parts of every page that depend on nothing, or on little, rendered once per process
# rather than through the template engine on every request (the page frame was most of a
# light page's CPU). Any change of settings clears them (tests override settings).
_CHUNKS: dict = {}
_IDENTIFIANT = "@@apart-identifiant@@"
_CSRF_TOKEN = "@@apart-csrf-token@@"


@receiver(setting_changed)
def _forget_chunks(**kwargs) -> None:
    _CHUNKS.clear()


def _chunk(key, render):
    if settings.DEBUG:  # templates edited while the development server runs
        return render()
    html = _CHUNKS.get(key)
    if html is None:
        html = _CHUNKS[key] = render()
    return html


@register.simple_tag
def static_chunk(template_name: str) -> str:
    """A template that depends on no request (the head's assets, the footer, the scripts),
    rendered once per process: static files' addresses and URLs only change with a deploy."""
    context = {"DEV_MAILBOX_ENABLED": settings.DEV_MAILBOX_ENABLED}
    return _chunk(
        (template_name,), lambda: mark_safe(get_template(template_name).render(context).strip())
    )


@register.simple_tag(takes_context=True)
def portal_header(context) -> str:
    """The header and its menus, rendered once per kind of visitor and current entry.

    What varies is known before rendering: logged in or not, a temporary password, the
    menus the access policy offers (`nav`) and the entry marked aria-current. The person's
    identifiant and the CSRF token of the logout form are put in afterwards (escaped).
    """
    request, user = context.get("request"), context.get("user")
    if request is None or user is None:  # an error page rendered without its request
        return get_template("includes/header.html").render(context.flatten())
    authenticated = bool(user.is_authenticated)
    must_change = authenticated and bool(user.must_change_password)
    nav = context.get("nav") if authenticated and not must_change else None
    if nav is not None:
        hash(nav)  # evaluates the lazy menus (apart.context_processors)…
        nav = copy.copy(nav)  # …and keeps the frozen Navigation itself, not the lazy proxy
    key = ("header", authenticated, must_change, nav, _current_menu_entry(request))

    def render() -> str:
        stand_in = SimpleNamespace(
            is_authenticated=authenticated,
            must_change_password=must_change,
            identifiant=_IDENTIFIANT,
        )
        chunk = {"user": stand_in, "nav": nav, "request": request, "csrf_token": _CSRF_TOKEN}
        return get_template("includes/header.html").render(chunk)

    html = _chunk(key, render)
    if authenticated:
        html = html.replace(_IDENTIFIANT, conditional_escape(user.identifiant))
        html = html.replace(_CSRF_TOKEN, conditional_escape(str(context.get("csrf_token"))))
    return mark_safe(html)


@register.simple_tag(takes_context=True)
def unbound_form(context, template_name: str, form) -> str:
    """A blank form (the home page's login form) rendered once per process and form class:
    a blank form renders the same for everybody, and its widgets through the template
    engine were two thirds of the home page's CPU. The CSRF token is put in afterwards.
    A bound form (errors, values typed) is rendered as usual."""
    if form.is_bound:
        return get_template(template_name).render(context.flatten())
    key = ("form", template_name, type(form))
    html = _chunk(
        key, lambda: get_template(template_name).render({"form": form, "csrf_token": _CSRF_TOKEN})
    )
    return mark_safe(html.replace(_CSRF_TOKEN, conditional_escape(str(context.get("csrf_token")))))
