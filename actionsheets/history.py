"""The history of a fiche action as one timeline: its versions, workflow moves and review comments, newest
first, in a fixed number of queries whatever their number (versions are read without their content)."""

from actionsheets.diff import section_title


def versions(sheet):
    """The sheet's versions without their content (the timeline and the selects), oldest first."""
    return list(sheet.versions.select_related("saved_by").defer("data").order_by("number"))


def timeline(sheet, versions):
    """[{kind: version|transition|comment, …}] newest first; each version gets its `section_title`."""
    transitions = list(sheet.transitions.select_related("by"))
    # one query for every comment (a prefetch would only run when there are moves: the count would vary)
    by_transition, loose_comments = {}, []
    for comment in sheet.comments.select_related("author"):
        if comment.transition_id:
            by_transition.setdefault(comment.transition_id, []).append(comment)
        else:
            loose_comments.append(comment)
    events = []
    for version in versions:
        events.append((version.saved_at, 0, version.number, {"kind": "version", "version": version}))
    for record in transitions:
        comments = [(section_title(c.section) if c.section else "", c) for c in by_transition.get(record.pk, [])]
        events.append((record.at, 1, record.pk, {"kind": "transition", "transition": record, "comments": comments}))
    for comment in loose_comments:
        entry = {"kind": "comment", "comment": comment, "section": section_title(comment.section)}
        events.append((comment.created_at, 2, comment.pk, entry))
    events.sort(key=lambda event: event[:3], reverse=True)
    for version in versions:
        version.section_title = section_title(version.section) if version.section else ""
    return [event[3] for event in events]


def compare_choices(versions, start=None, end=None):
    """What the « comparer deux versions » form shows: the versions, and the pair selected."""
    numbers = [version.number for version in versions]
    if end is None:
        end = numbers[-1] if numbers else None
    if start is None:
        start = numbers[-2] if len(numbers) > 1 else end
    return {"versions": versions, "start": start, "end": end, "enough": len(numbers) > 1}


def default_pair(numbers, start, end):
    """The pair compared when the query string leaves a side out: the last version, and the one before it."""
    if end is None and numbers:
        end = numbers[-1]
    if start is None and end is not None:
        earlier = [number for number in numbers if number < end]
        start = earlier[-1] if earlier else end
    return start, end
