"""Matching what a partner list says with what the directory holds, without code per commune.

Types and axes are found by their label, code or the synonyms an administrator entered (accents, case, dashes,
apostrophes and spacing do not count; a beginning of label is enough when it names only one). Structure names are
compared once lower-cased, unaccented, without punctuation nor small words (« de la du des l' »): equal, or a
difflib ratio of at least 0.9 with the same numbers, is a probable duplicate.
"""

import difflib
import re

from partners.models import normalise

STOP_WORDS = {"de", "la", "le", "les", "du", "des", "l", "d", "et", "a", "au", "aux", "en", "un", "une", "pour", "sur"}
SIMILARITY = 0.9
COMMON = 200  # a word shared by more names than this does not narrow the candidates


def fold(text):
    """Lower case, no accents, punctuation as spaces (dots dropped: « C.C.A.S. » is « ccas »), single spaces."""
    return " ".join(re.sub(r"[\W_]+", " ", normalise(str(text)).replace(".", "")).split())


def split_list(raw):
    """The items of a cell that lists several (« Jeunesse ; Emploi », « DS / HAB », « IPJ, DS »)."""
    return [part.strip() for part in re.split(r"[,;/]", raw) if part.strip()]


class Vocabulary:
    """Reference items (types of structures, axes) found by any of their names."""

    def __init__(self, items, names):
        self.items = list(items)
        self.exact, self.labels = {}, []
        for item in self.items:
            for name in names(item):
                key = fold(name)
                if key:
                    self.exact.setdefault(key, []).append(item)
                    self.labels.append((key, item))

    def find(self, raw):
        """(the item, []) or (None, the items it could mean: several when a beginning of label is ambiguous)."""
        key = fold(raw)
        if not key:
            return None, []
        found = list(dict.fromkeys(self.exact.get(key, [])))
        if not found and len(key) >= 3:
            found = list(dict.fromkeys(item for label, item in self.labels if label.startswith(key + " ")))
        return (found[0], []) if len(found) == 1 else (None, found)


def synonyms(text):
    return [line for line in (text or "").splitlines() if line.strip()]


def type_names(kind):
    """A type's label, code, synonyms and the acronym in its label (« Caisse d'allocations familiales (CAF) »)."""
    return [kind.label, kind.code, *re.findall(r"\(([^)]+)\)", kind.label), *synonyms(kind.synonyms)]


def axis_names(axis):
    return [axis.code, axis.short_title, axis.title, *synonyms(axis.synonyms)]


def name_words(name):
    return [word for word in fold(name).split() if word not in STOP_WORDS]


def _numbers(words):
    return [word for word in words if word.isdigit()]


class NameIndex:
    """Structure names, to find the probable duplicates of a name among them without comparing every pair."""

    def __init__(self):
        self.by_key, self.by_word, self.entries = {}, {}, []

    def add(self, name, item):
        words = name_words(name)
        entry = (" ".join(words), _numbers(words), item)
        self.entries.append(entry)
        self.by_key.setdefault("".join(words), []).append(entry)
        for word in set(words):
            self.by_word.setdefault(word, []).append(entry)

    def similar(self, name, limit=3):
        """The items whose name is a probable duplicate of `name`, closest first."""
        words = name_words(name)
        if not words:
            return []
        joined, numbers = " ".join(words), _numbers(words)
        candidates = {id(entry): entry for entry in self.by_key.get("".join(words), [])}
        exact = set(candidates)
        rare = sorted((len(self.by_word.get(word, [])), word) for word in set(words))
        for size, word in rare[:2]:
            if size <= COMMON:
                candidates.update((id(entry), entry) for entry in self.by_word.get(word, []))
        scored = []
        matcher = difflib.SequenceMatcher(None, b=joined, autojunk=False)
        for key, (other, other_numbers, item) in candidates.items():
            if key in exact:
                scored.append((1.0, item))
                continue
            if other_numbers != numbers:
                continue
            matcher.set_seq1(other)
            if matcher.real_quick_ratio() >= SIMILARITY and matcher.quick_ratio() >= SIMILARITY:
                ratio = matcher.ratio()
                if ratio >= SIMILARITY:
                    scored.append((ratio, item))
        scored.sort(key=lambda pair: -pair[0])
        return list(dict.fromkeys(item for _, item in scored))[:limit]
