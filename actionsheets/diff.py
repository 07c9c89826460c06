"""Field-by-field comparison of two versions of a fiche action (their SheetVersion.data): which sections and
fields changed, words deleted and inserted in a text, rows removed, added or modified in a list."""

import difflib
import re
from collections import Counter

from actionsheets.sections import SECTIONS

STATUS_SECTION = "statut"
SECTION_TITLES = {
    **{section.slug: section.title for section in SECTIONS},
    STATUS_SECTION: "Statut de la fiche",
    "publication": "Publication sur la page publique",
}
# Unchanged stretches of a long text are shortened to this many words on each side of a change.
CONTEXT_WORDS = 12
# Two rows of a list (a budget line, an indicator…) are shown as one modified row when this similar.
SAME_ROW_RATIO = 0.6


def section_title(slug):
    return SECTION_TITLES.get(slug, slug.capitalize())


def compare(before, after):
    """[{slug, title, fields: [{label, kind: "text"|"list", …}]}]: only the sections and fields that changed,
    in the editor's order (then any section a later version of the editor no longer has)."""
    before, after = before or {}, after or {}
    order = [section.slug for section in SECTIONS] + [STATUS_SECTION]
    order += [slug for slug in [*after, *before] if slug not in order]
    sections = []
    for slug in dict.fromkeys(order):
        old, new = before.get(slug) or {}, after.get(slug) or {}
        fields = []
        for label in dict.fromkeys([*new, *old]):
            change = compare_values(old.get(label), new.get(label))
            if change:
                fields.append({"label": label, **change})
        if fields:
            sections.append({"slug": slug, "title": section_title(slug), "fields": fields})
    return sections


def _as_lines(value):
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [str(value)]


def compare_values(old, new):
    """None when equal; else {"kind": "text", "segments": […]} or {"kind": "list", "rows": […]}."""
    if old == new:
        return None
    if isinstance(old, list | tuple) or isinstance(new, list | tuple):
        rows = compare_lists(_as_lines(old), _as_lines(new))
        return {"kind": "list", "rows": rows} if rows else None
    old_text = "" if old is None else str(old)
    new_text = "" if new is None else str(new)
    if old_text == new_text:
        return None
    return {
        "kind": "text",
        "segments": compare_texts(old_text, new_text),
        "was_empty": not old_text.strip(),
        "is_empty": not new_text.strip(),
    }


def _words(text):
    """Words, punctuation marks and blanks, each a token: « 5 000,00 € » → « 5 000,00 €, réalisé … » adds the
    comma and what follows, not a new « €, »."""
    return re.findall(r"\s+|\w+|[^\w\s]", text)


def compare_texts(old, new, *, shorten=True):
    """Word-level differences as [(kind, text)], kind ∈ same, del, ins, cut (a shortened unchanged passage).
    `shorten`: long unchanged passages are cut to a few words around each change."""
    a, b = _words(old), _words(new)
    raw = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            raw.append(("same", a[i1:i2]))
        else:
            raw.append(("change", (a[i1:i2], b[j1:j2])))
    # A blank between two changes belongs to them: « le jeudi » → « un lundi » reads as one change, not two.
    merged = []
    for index, (kind, value) in enumerate(raw):
        between = 0 < index < len(raw) - 1 and kind == "same" and all(not token.strip() for token in value)
        if between and merged and merged[-1][0] == "change":
            gone, came = merged[-1][1]
            merged[-1] = ("change", (gone + value, came + value))
        elif kind == "change" and merged and merged[-1][0] == "change":
            gone, came = merged[-1][1]
            merged[-1] = ("change", (gone + value[0], came + value[1]))
        else:
            merged.append((kind, value))
    segments = []
    if all(
        kind == "same" or not "".join(value[0]).strip() and not "".join(value[1]).strip() for kind, value in merged
    ):
        return [("same", new)]  # only blanks and line breaks moved: the text as it is now
    for index, (kind, value) in enumerate(merged):
        if kind == "change":
            segments.extend(_change("".join(value[0]), "".join(value[1])))
            continue
        if shorten:
            segments.extend(_shorten(value, first=index == 0, last=index == len(merged) - 1))
        else:
            segments.append(("same", "".join(value)))
    tidy = []
    for kind, text in segments:
        if tidy and kind == tidy[-1][0] == "same":
            tidy[-1] = ("same", tidy[-1][1] + text)
        elif text or kind == "cut":
            tidy.append((kind, text))
    return tidy


def _change(gone, came):
    """A deletion and/or an insertion, the blanks around them left outside the marks, and a blank between the
    two so that « supprimé » and « ajouté » never run into each other."""
    if not gone.strip() and not came.strip():
        return [("same", came or gone)]
    outer = came if came.strip() else gone
    lead, trail = outer[: len(outer) - len(outer.lstrip())], outer[len(outer.rstrip()) :]
    if not lead and gone.strip() and gone[:1].isspace():
        lead = " "
    parts = [("same", lead)] if lead else []
    if gone.strip():
        parts.append(("del", gone.strip()))
    if gone.strip() and came.strip():
        parts.append(("same", " "))
    if came.strip():
        parts.append(("ins", came.strip()))
    if trail:
        parts.append(("same", trail))
    return parts


def _shorten(tokens, *, first, last):
    """An unchanged passage, cut in the middle when long: a few words stay on the side of each change."""
    words = [index for index, token in enumerate(tokens) if token.strip()]
    keep_head = 0 if first else CONTEXT_WORDS
    keep_tail = 0 if last else CONTEXT_WORDS
    if len(words) <= keep_head + keep_tail + 4:
        return [("same", "".join(tokens))]
    parts = []
    if keep_head:
        parts.append(("same", "".join(tokens[: words[keep_head - 1] + 1]) + " "))
    parts.append(("cut", ""))
    if keep_tail:
        parts.append(("same", " " + "".join(tokens[words[-keep_tail] :])))
    return parts


def compare_lists(old, new):
    """Removed and added lines (repeated rows, many-to-many values), in order; a removed and an added line that
    are much alike (a budget line whose actual amount was filled in) show as one modified line."""
    removed_count = Counter(old) - Counter(new)
    added_count = Counter(new) - Counter(old)
    removed, added = [], []
    for line in old:
        if removed_count[line] > 0:
            removed_count[line] -= 1
            removed.append(line)
    for line in new:
        if added_count[line] > 0:
            added_count[line] -= 1
            added.append(line)
    rows, paired = [], set()
    for line in removed:
        best, best_ratio = None, SAME_ROW_RATIO
        for index, candidate in enumerate(added):
            if index in paired:
                continue
            ratio = difflib.SequenceMatcher(None, _words(line), _words(candidate), autojunk=False).ratio()
            if ratio >= best_ratio:
                best, best_ratio = index, ratio
        if best is None:
            rows.append({"kind": "del", "text": line})
        else:
            paired.add(best)
            # a row is short and its beginning says which one it is: never cut
            rows.append({"kind": "changed", "segments": compare_texts(line, added[best], shorten=False)})
    rows += [{"kind": "ins", "text": line} for index, line in enumerate(added) if index not in paired]
    return rows
