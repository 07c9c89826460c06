"""Fiches of different working groups that look alike, found ahead of time and kept in the Overlap table.

For one fiche, the candidates come from three index-backed top-k queries, never from a scan of every pair:
- the trigram index on the unaccented title (`sheet_title_trgm`, operator %, its threshold raised to
  TITLE_THRESHOLD while looking);
- the full-text index (`sheet_search_fts`, operator @@) with a query made of the fiche's most distinctive word
  stems, two of which must be found together (their document frequency is read from the materialized view
  actionsheets_overlap_lexeme, refreshed by refresh_all_overlaps);
- the partner structures it shares (ActionPartner by structure, and the structure porteuse).
Only these candidates are scored: close titles (trigrams), close objectives and texts (cosine of the stems,
weighted by their rarity), shared partner structures, publics and neighbourhoods (publics and neighbourhoods are
too common to find candidates: they add to the score and to the reasons). Each kept pair gets its reasons in
words, e.g. « même public : seniors ; mêmes partenaires : CCAS, CAF ; objectifs proches ».

Fiches abandoned or archived are left out. Drafts count: the project team wants to know early that two groups
write the same action (pages show each person only the fiches they may see). A pair the team decided on
(linked, « pas un doublon », pooling proposed) is kept as it is and never proposed again.
"""

import contextlib
import contextvars
import math
import re
import unicodedata
from dataclasses import dataclass, field
from itertools import combinations

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from actionsheets.enums import OverlapDecision, Status
from actionsheets.models import ActionSheet, Overlap

LEFT_OUT = (Status.ABANDONED, Status.ARCHIVED)  # fiches never compared
THRESHOLD = 0.3  # pairs scored below are not proposed
PER_SHEET = 8  # the best pairs kept for each fiche
TOP_K = 12  # candidates read from each index per fiche
QUERY_STEMS = 6  # distinctive stems of the fiche put in its full-text query
COMMON_SHARE, COMMON_MIN = 0.05, 4  # a stem found in more fiches than this is not distinctive
GENERIC_PUBLICS = {"Tous publics"}  # says nothing about an overlap
VERY_CLOSE, CLOSE = 0.5, 0.35
TITLE_CLOSE, OBJECTIVES_CLOSE, TEXT_CLOSE = 0.35, 0.25, 0.25
TITLE_THRESHOLD = 0.45  # pg_trgm's similarity threshold of the % operator while looking for candidates

CANDIDATES_BY_TITLE = """
    (SELECT s.id FROM actionsheets_actionsheet s
     WHERE f_unaccent(s.title) %% f_unaccent(%(title)s) AND s.group_id <> %(group)s
       AND NOT (s.status = ANY(%(left_out)s))
     ORDER BY similarity(f_unaccent(s.title), f_unaccent(%(title)s)) DESC, s.id LIMIT %(k)s)"""
CANDIDATES_BY_TEXT = """
    (SELECT s.id FROM actionsheets_actionsheet s
     WHERE s.search @@ %(query)s::tsquery AND s.group_id <> %(group)s AND NOT (s.status = ANY(%(left_out)s))
     ORDER BY ts_rank(s.search, %(query)s::tsquery) DESC, s.id LIMIT %(k)s)"""
CANDIDATES_BY_PARTNER = """
    (SELECT shared.sheet_id FROM (
        SELECT p.sheet_id FROM actionsheets_actionpartner p WHERE p.organisation_id = ANY(%(orgs)s)
        UNION ALL
        SELECT s.id FROM actionsheets_actionsheet s WHERE s.lead_organisation_id = ANY(%(orgs)s)
     ) shared JOIN actionsheets_actionsheet s ON s.id = shared.sheet_id
     WHERE s.group_id <> %(group)s AND NOT (s.status = ANY(%(left_out)s))
     GROUP BY shared.sheet_id ORDER BY count(*) DESC, shared.sheet_id LIMIT %(k)s)"""
STEMS = """
    SELECT s.id, u.lexeme, u.weights FROM actionsheets_actionsheet s CROSS JOIN LATERAL unnest(s.search) u
    WHERE s.id = ANY(%s)"""
ALL_STEMS = """
    SELECT s.id, u.lexeme, u.weights FROM actionsheets_actionsheet s CROSS JOIN LATERAL unnest(s.search) u
    WHERE NOT (s.status = ANY(%s))"""
FREQUENCIES = "SELECT word, ndoc FROM actionsheets_overlap_lexeme WHERE word = ANY(%s)"
ALL_FREQUENCIES = "SELECT word, ndoc FROM actionsheets_overlap_lexeme"


# Text measures


def plain(text):
    """Lower case, without accents (as f_unaccent, for the title trigrams)."""
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe"))
    return "".join(char for char in text if not unicodedata.combining(char)).lower()


def trigrams(text):
    """pg_trgm's trigrams of a text: each word padded with two spaces before and one after."""
    found = set()
    for word in re.findall(r"\w+", plain(text)):
        padded = f"  {word} "
        found.update(padded[index : index + 3] for index in range(len(padded) - 2))
    return frozenset(found)


def jaccard(first, second):
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def cosine(first, second):
    """Cosine of two {stem: weight} vectors."""
    shared = sum(weight * second[stem] for stem, weight in first.items() if stem in second)
    norms = math.sqrt(sum(w * w for w in first.values()) * sum(w * w for w in second.values()))
    return shared / norms if norms else 0.0


@dataclass
class Frequencies:
    """How many fiches use each stem (actionsheets_overlap_lexeme), and how many fiches there are."""

    counts: dict
    total: int

    @property
    def common(self):
        return max(COMMON_MIN, int(self.total * COMMON_SHARE))

    def weight(self, stem):
        """The rarity of a stem (inverse document frequency); 0 for a stem too common to tell fiches apart."""
        count = self.counts.get(stem, 0)
        if count > self.common:
            return 0.0
        return math.log((self.total + 1) / (count + 1)) + 1.0


def read_frequencies(stems=None):
    with connection.cursor() as cursor:
        if stems is None:
            cursor.execute(ALL_FREQUENCIES)
        else:
            cursor.execute(FREQUENCIES, [[*stems, ""]])
        counts = dict(cursor.fetchall())
    return Frequencies(counts=counts, total=counts.pop("", 0) or 0)


def refresh_frequencies():
    """Count the stems of every fiche again (one pass over the table; batch only). CONCURRENTLY: the saves that
    read the counts meanwhile are not kept waiting."""
    with connection.cursor() as cursor:
        cursor.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY actionsheets_overlap_lexeme")


# What is compared of each fiche


@dataclass
class Profile:
    pk: int
    group_id: int
    title: str
    lead_id: int | None
    stems: dict = field(default_factory=dict)  # stem → its best weight letter (A title, B objectives, C text)
    publics: set = field(default_factory=set)
    places: set = field(default_factory=set)
    organisations: set = field(default_factory=set)

    def __post_init__(self):
        self.trigrams = trigrams(self.title)
        if self.lead_id:
            self.organisations.add(self.lead_id)

    def vector(self, frequencies, letters="ABCD"):
        weights = {stem: frequencies.weight(stem) for stem, letter in self.stems.items() if letter in letters}
        return {stem: weight for stem, weight in weights.items() if weight}


LINKS = """
    SELECT l.actionsheet_id, 'publics', l.targetpublic_id FROM actionsheets_actionsheet_target_publics l
    JOIN actionsheets_targetpublic p ON p.id = l.targetpublic_id AND NOT (p.label = ANY(%(generic)s)) {publics}
    UNION ALL
    SELECT l.actionsheet_id, 'places', l.neighbourhood_id FROM actionsheets_actionsheet_neighbourhoods l {places}
    UNION ALL
    SELECT l.sheet_id, 'organisations', l.organisation_id FROM actionsheets_actionpartner l {partners}"""


def load_profiles(pks=None):
    """{pk: Profile} of the fiches compared (all of them when `pks` is None), in three queries."""
    sheets = ActionSheet.objects.exclude(status__in=LEFT_OUT).order_by()
    if pks is not None:
        sheets = sheets.filter(pk__in=pks)
    profiles = {
        row["pk"]: Profile(row["pk"], row["group_id"], row["title"], row["lead_organisation_id"])
        for row in sheets.values("pk", "group_id", "title", "lead_organisation_id")
    }
    if not profiles:
        return profiles
    only = {"publics": "", "places": "", "partners": ""}
    if pks is not None:
        only = {
            "publics": "AND l.actionsheet_id = ANY(%(pks)s)",
            "places": "WHERE l.actionsheet_id = ANY(%(pks)s)",
            "partners": "WHERE l.sheet_id = ANY(%(pks)s)",
        }
    with connection.cursor() as cursor:
        if pks is None:
            cursor.execute(ALL_STEMS, [list(LEFT_OUT)])
        else:
            cursor.execute(STEMS, [list(profiles)])
        for pk, stem, letters in cursor.fetchall():
            if pk in profiles:
                profiles[pk].stems[stem] = min(letters or ["D"])
        cursor.execute(LINKS.format(**only), {"generic": sorted(GENERIC_PUBLICS), "pks": list(profiles)})
        for pk, kind, value in cursor.fetchall():
            if pk in profiles:
                getattr(profiles[pk], kind).add(value)
    return profiles


# Candidates


def text_query(profile, frequencies):
    """A tsquery of the fiche's most distinctive stems (title first, then objectives, then the rest), any two
    of them together; None when the fiche has no distinctive stem."""
    ranked = sorted(
        (stem for stem in profile.stems if frequencies.weight(stem)),
        key=lambda stem: (profile.stems[stem], -frequencies.weight(stem), stem),
    )[:QUERY_STEMS]
    quoted = ["'" + stem.replace("\\", "\\\\").replace("'", "''") + "'" for stem in ranked]
    if len(quoted) < 2:
        return quoted[0] if quoted else None
    return " | ".join(f"{first} & {second}" for first, second in combinations(quoted, 2))


def candidate_sql(profile, frequencies):
    """The SQL and parameters of the fiche's candidate query (a union of index-backed top-k queries)."""
    params = {"title": profile.title, "group": profile.group_id, "left_out": list(LEFT_OUT), "k": TOP_K}
    parts = [CANDIDATES_BY_TITLE]
    query = text_query(profile, frequencies)
    if query:
        parts.append(CANDIDATES_BY_TEXT)
        params["query"] = query
    if profile.organisations:
        parts.append(CANDIDATES_BY_PARTNER)
        params["orgs"] = sorted(profile.organisations)
    return " UNION ".join(parts), params


def strict_titles():
    """Titles must share more trigrams than pg_trgm's default (0.3) to make a candidate, for the rest of the
    transaction: fewer index hits to check at 100× data, where many titles share a place name."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(TITLE_THRESHOLD)])


def candidates(profile, frequencies):
    """The ids of the fiches of other groups worth comparing with this one (at most 3 × TOP_K)."""
    sql, params = candidate_sql(profile, frequencies)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted(pk for (pk,) in cursor.fetchall() if pk != profile.pk)


# Scores and reasons


@dataclass
class Match:
    score: float
    title: float
    objectives: float
    text: float
    publics: set
    places: set
    organisations: set


def compare(first, second, frequencies):
    """How close two fiches are (0 to 1), and what they share."""
    title = jaccard(first.trigrams, second.trigrams)
    objectives = cosine(first.vector(frequencies, "B"), second.vector(frequencies, "B"))
    text = cosine(first.vector(frequencies), second.vector(frequencies))
    publics, places = first.publics & second.publics, first.places & second.places
    organisations = first.organisations & second.organisations
    closeness = 0.5 * text + 0.3 * objectives + 0.2 * title
    shared_publics = len(publics) / min(len(first.publics), len(second.publics)) if publics else 0.0
    score = (
        0.65 * closeness
        + 0.15 * min(len(organisations), 2) / 2
        + 0.12 * shared_publics
        + 0.08 * (1.0 if places else 0.0)
    )
    return Match(round(score, 4), title, objectives, text, publics, places, organisations)


def lower_first(label):
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def listed(singular, plural, labels):
    labels = sorted(labels, key=plain)
    return f"{singular if len(labels) == 1 else plural} : {', '.join(labels)}"


LABELS = """
    SELECT 'publics', id, label FROM actionsheets_targetpublic WHERE id = ANY(%(publics)s)
    UNION ALL
    SELECT 'places', id, name FROM partners_neighbourhood WHERE id = ANY(%(places)s)
    UNION ALL
    SELECT 'organisations', id, COALESCE(NULLIF(acronym, ''), name) FROM partners_organisation
    WHERE id = ANY(%(organisations)s)"""


class Labels:
    """The names of publics, neighbourhoods and structures (acronym when it has one), read in one query."""

    def __init__(self, matches):
        self.publics, self.places, self.organisations = {}, {}, {}
        wanted = {name: sorted(set().union(*(getattr(m, name) for m in matches))) for name in vars(self)}
        if any(wanted.values()):
            with connection.cursor() as cursor:
                cursor.execute(LABELS, wanted)
                for kind, pk, label in cursor.fetchall():
                    getattr(self, kind)[pk] = label

    def reasons(self, match):
        """What the two fiches share, in words, strongest first."""
        found = []
        if match.publics:
            names = [lower_first(self.publics[pk]) for pk in match.publics if pk in self.publics]
            found.append(listed("même public", "mêmes publics", names))
        if match.organisations:
            names = [self.organisations[pk] for pk in match.organisations if pk in self.organisations]
            found.append(listed("même partenaire", "mêmes partenaires", names))
        if match.places:
            found.append(listed("même quartier", "mêmes quartiers", [self.places[pk] for pk in match.places]))
        if match.title >= TITLE_CLOSE:
            found.append("intitulés proches")
        if match.objectives >= OBJECTIVES_CLOSE:
            found.append("objectifs proches")
        elif match.text >= TEXT_CLOSE:
            found.append("descriptions proches")
        return found


def closeness_label(score):
    """The score in words, for the pages."""
    if score >= VERY_CLOSE:
        return "très proches"
    if score >= CLOSE:
        return "proches"
    return "assez proches"


# Keeping the table


def best_pairs(profile, others, frequencies):
    """{(low pk, high pk): Match} of the fiche's best pairs among `others` (profiles), above the threshold."""
    scored = []
    for other in others:
        if other.pk == profile.pk or other.group_id == profile.group_id:
            continue
        match = compare(profile, other, frequencies)
        if match.score >= THRESHOLD:
            scored.append((-match.score, other.pk, match))
    scored.sort(key=lambda item: item[:2])
    return {(min(profile.pk, pk), max(profile.pk, pk)): match for _, pk, match in scored[:PER_SHEET]}


def _write(found, existing, stale):
    """Create the new pairs, update the pending ones that changed, delete the pending ones in `stale`.
    `existing`: {(sheet, other): Overlap} of the pairs concerned. Decided pairs are never touched."""
    labels = Labels(list(found.values()))
    created, changed = [], []
    for pair, match in sorted(found.items()):
        row = existing.get(pair)
        reasons = labels.reasons(match)
        if row is None:
            created.append(Overlap(sheet_id=pair[0], other_id=pair[1], score=match.score, reasons=reasons))
        elif row.decision == OverlapDecision.PENDING and (row.score, row.reasons) != (match.score, reasons):
            row.score, row.reasons, row.computed_at = match.score, reasons, timezone.now()
            changed.append(row)
    Overlap.objects.bulk_create(created, batch_size=2000, ignore_conflicts=True)
    Overlap.objects.bulk_update(changed, ["score", "reasons", "computed_at"], batch_size=2000)
    if stale:
        Overlap.objects.filter(pk__in=stale, decision=OverlapDecision.PENDING).delete()
    return {"created": len(created), "updated": len(changed), "deleted": len(stale)}


def _pairs_of(sheet_pk):
    rows = Overlap.objects.filter(Q(sheet_id=sheet_pk) | Q(other_id=sheet_pk))
    return {(row.sheet_id, row.other_id): row for row in rows}


@transaction.atomic
def refresh_overlaps(sheet):
    """Compare one fiche with the others again (after its text, publics or partners changed): new pairs are
    proposed, pending ones rescored or dropped below the threshold; decided ones stay as they are."""
    existing = _pairs_of(sheet.pk)
    profiles = load_profiles([sheet.pk])
    profile = profiles.get(sheet.pk)
    if profile is None:  # abandoned, archived or gone: nothing to propose any more
        stale = [row.pk for row in existing.values() if row.decision == OverlapDecision.PENDING]
        return _write({}, existing, stale)
    strict_titles()
    frequencies = read_frequencies(profile.stems)
    if not frequencies.total:  # never counted yet (a new database): count once
        refresh_frequencies()
        frequencies = read_frequencies(profile.stems)
    found = candidates(profile, frequencies)
    pending = [pk for pair, row in existing.items() if row.decision == OverlapDecision.PENDING for pk in pair]
    others = load_profiles(sorted({*found, *pending} - {sheet.pk}))
    frequencies = read_frequencies({stem for item in (profile, *others.values()) for stem in item.stems})
    pairs = best_pairs(profile, [others[pk] for pk in found if pk in others], frequencies)
    for pair, row in existing.items():  # pending pairs proposed from the other fiche's side: rescored
        other = others.get(pair[0] if pair[1] == sheet.pk else pair[1])
        if pair not in pairs and row.decision == OverlapDecision.PENDING and other is not None:
            match = compare(profile, other, frequencies)
            if match.score >= THRESHOLD and other.group_id != profile.group_id:
                pairs[pair] = match
    stale = [row.pk for pair, row in existing.items() if pair not in pairs]
    return _write(pairs, existing, stale)


def refresh_all_overlaps():
    """Compare every fiche with its candidates and bring the whole table up to date (idempotent: a second run
    changes nothing). One candidate query per fiche; the scores are computed from profiles read in bulk. The
    word counts are refreshed first, in a transaction of their own when the caller has none open."""
    refresh_frequencies()
    with transaction.atomic():
        return _refresh_all()


def _refresh_all():
    """refresh_all_overlaps once the word counts are fresh: the candidates of every fiche, then the table."""
    strict_titles()
    frequencies = read_frequencies()
    profiles = load_profiles()
    pairs = {}
    for pk in sorted(profiles):
        found = candidates(profiles[pk], frequencies)
        pairs.update(best_pairs(profiles[pk], [profiles[other] for other in found if other in profiles], frequencies))
    existing = {(row.sheet_id, row.other_id): row for row in Overlap.objects.all()}
    stale = [row.pk for pair, row in existing.items() if pair not in pairs]
    changes = _write(pairs, existing, stale)
    with connection.cursor() as cursor:  # fresh statistics for the list's plan
        cursor.execute("ANALYZE actionsheets_overlap")
    return changes


# What a change of these sections can change in the comparison: text, publics, neighbourhoods, structures.
COMPARED_SECTIONS = {"identification", "contexte", "objectifs", "contenu", "partenaires"}
_held = contextvars.ContextVar("overlaps_held", default=False)


@contextlib.contextmanager
def held():
    """While many fiches are written at once (the demo loader), they are not compared one by one after each
    save: the caller runs refresh_all_overlaps() at the end."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)


def schedule_refresh(sheet, section=None):
    """Queue the refresh of the fiche's pairs (actionsheets.tasks) once the transaction that changed it is
    committed: only when `section` is one whose content is compared."""
    if not _held.get() and (section is None or section in COMPARED_SECTIONS):
        from actionsheets.tasks import refresh_sheet_overlaps  # the task's module imports this one

        # robust: the save is committed whatever happens here (a failure is logged, the next refresh catches up)
        transaction.on_commit(lambda: refresh_sheet_overlaps.enqueue(sheet.pk), robust=True)


# What the pages show


def close_pairs(sheet):
    """Every pair of the fiche but those judged « pas un doublon », best first (read by the pair indexes)."""
    return (
        Overlap.objects.exclude(decision=OverlapDecision.NOT_DUPLICATE)
        .filter(Q(sheet=sheet) | Q(other=sheet))
        .select_related("sheet__group", "sheet__axis", "other__group", "other__axis")
        .order_by("-score", "pk")
    )


def close_sheets(sheet, user, limit=5):
    """What the fiche page's panel shows, best first, in two queries (the fiche's pairs, then which of their
    fiches `user` may open, by primary key): [{"sheet": the other fiche, "closeness": words, "reasons": [...],
    "decision": label or ""}]."""
    rows = [(row, row.other if row.sheet_id == sheet.pk else row.sheet) for row in close_pairs(sheet)]
    if not rows:
        return []
    visible = set(
        ActionSheet.objects.visible_to(user)
        .exclude(status__in=LEFT_OUT)
        .filter(pk__in=[other.pk for _, other in rows])
        .order_by()
        .values_list("pk", flat=True)
    )
    return [
        {
            "sheet": other,
            "closeness": closeness_label(row.score),
            "reasons": row.reasons,
            "decision": "" if row.decision == OverlapDecision.PENDING else row.get_decision_display(),
        }
        for row, other in rows
        if other.pk in visible
    ][:limit]
