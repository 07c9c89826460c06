"""Filters of the project pages: the legal pages' facts, flagged while the commune has not filled them in."""

from django import template
from django.utils.html import format_html

from partners.models import TO_COMPLETE

register = template.Library()


@register.filter
def fact(value):
    """Show a legal-page fact, flagging the ones the commune has not filled in yet."""
    if not value or TO_COMPLETE in str(value):
        return format_html('<mark class="placeholder-fact">{}</mark>', value or TO_COMPLETE)
    return value
