"""`{% submission_field %}`: the hidden one-time token of a create form (background/submissions.py)."""

from django import template
from django.utils.html import format_html

from background.submissions import FIELD, token_for

register = template.Library()


@register.simple_tag(takes_context=True)
def submission_field(context):
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return ""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, token_for(request))
