from django import template

from habilitations.access import is_dgefp_admin

register = template.Library()


@register.simple_tag
def user_is_dgefp(user) -> bool:
    return is_dgefp_admin(user)
