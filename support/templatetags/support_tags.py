from django import template

from support.permissions import is_dgefp_admin

register = template.Library()


@register.simple_tag
def user_is_dgefp(user) -> bool:
    return is_dgefp_admin(user)
