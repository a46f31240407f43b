from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """{{ figures|get_item:"meetings" }}"""
    return mapping.get(key) if mapping is not None else None
