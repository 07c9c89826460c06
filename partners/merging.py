"""Moving every row that points at a merged object to the object kept, unique constraints included.

A row of the merged object that would collide with a row of the kept one on a unique constraint (two partners of
one fiche, two memberships of one group) is combined into the kept row by the combiner its app registered in
AppConfig.ready() (partners cannot import the higher apps), then deleted; the default keeps the kept row as it is.
"""

from django.db.models import F, UniqueConstraint

_combiners = {}


def register(model, combine):
    """`combine(kept=row, merged=row)` updates the kept row from the merged twin about to be deleted."""
    _combiners[model._meta.label] = combine


def keep_first(*, kept, merged):
    """The default: the kept object's row stays as it is."""


def combiner(model):
    return _combiners.get(model._meta.label, keep_first)


def _constraint_fields(constraint):
    if constraint.fields:
        return list(constraint.fields)
    names = [expression.name for expression in constraint.expressions if isinstance(expression, F)]
    return names if len(names) == len(constraint.expressions) else None  # Lower(…) and the like: not a relation


def unique_partners(model, field_name):
    """For each unique constraint of `model` that includes `field_name`: (the other fields, its condition)."""
    groups = [(list(names), None) for names in model._meta.unique_together]
    for constraint in model._meta.constraints:
        if isinstance(constraint, UniqueConstraint) and (names := _constraint_fields(constraint)):
            groups.append((names, constraint.condition))
    if model._meta.get_field(field_name).unique:
        groups.append(([field_name], None))
    kept = [(names, condition) for names, condition in groups if field_name in names]
    return [([name for name in names if name != field_name], condition) for names, condition in kept]


def _combine_twins(model, field_name, old, new):
    manager = model._base_manager
    combine = combiner(model)
    for others, condition in unique_partners(model, field_name):
        rows = manager.filter(**{field_name: old})
        if condition is not None:
            rows = rows.filter(condition)
        attnames = [model._meta.get_field(name).attname for name in others]
        for row in rows.select_for_update():
            values = {attname: getattr(row, attname) for attname in attnames}
            if None in values.values():
                continue  # NULLs never collide
            twins = manager.filter(**{field_name: new}, **values)
            twin = (twins.filter(condition) if condition is not None else twins).select_for_update().first()
            if twin is not None:
                combine(kept=twin, merged=row)
                row.delete()


def move_references(model, old, new, skip=()):
    """Point every foreign key and many-to-many link of `old` at `new` (future models included)."""
    for relation in model._meta.related_objects:
        if relation.name in skip or relation.remote_field.name in skip:
            continue
        if relation.many_to_many:
            accessor = relation.get_accessor_name()
            for item in getattr(old, accessor).all():
                getattr(item, relation.field.name).add(new)
                getattr(item, relation.field.name).remove(old)
        elif relation.one_to_many or relation.one_to_one:
            _combine_twins(relation.related_model, relation.field.name, old, new)
            relation.related_model._base_manager.filter(**{relation.field.name: old}).exclude(pk=new.pk).update(
                **{relation.field.name: new}
            )
    for field in model._meta.many_to_many:
        getattr(new, field.name).add(*getattr(old, field.name).all())
