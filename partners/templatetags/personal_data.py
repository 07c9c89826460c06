"""`{% retention_rows as rows %}`: the durations of conservation, read from the settings the daily purge uses,
for the « Données personnelles » page."""

from django import template

from partners.personal_data import retention_table

register = template.Library()


@register.simple_tag
def retention_rows():
    return retention_table()
