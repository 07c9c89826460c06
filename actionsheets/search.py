"""Searching the fiches actions: French full-text search on the stored `search` column, then typo tolerance.

1. Full text: `websearch_to_tsquery('french', f_unaccent(q))` against ActionSheet.search (French stems of the
   unaccented title, objectives, description and expected results; GIN index `sheet_search_fts`). The
   websearch syntax works: "exact phrase", `or`, `-excluded`.
2. Word families: the French Snowball stemmer keeps derivations apart (« décrocheurs » → decrocheur,
   « décrochage » → decrochag), so the same query is OR-ed with a copy whose stems lose a derivational
   suffix and become prefixes ('decroch':*). Prefix queries use the same GIN index.
3. Typos: when the full text finds nothing, pg_trgm word similarity on f_unaccent(title) (GIN index
   `sheet_title_trgm`), as in the partners directory.

Excerpts come from ts_headline over the unaccented text (the words the database matched, with its own
parser and stemmer) and are mapped back, word by word, onto the original accented text: every piece of text
is escaped and only the <mark> tags this module writes are left as HTML.
"""

import re

from django.contrib.postgres.search import (
    SearchConfig,
    SearchHeadline,
    SearchQuery,
    SearchQueryCombinable,
    SearchQueryField,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import mark_safe

from actionsheets.models import ActionSheet
from partners.models import Unaccent, normalise

MAX_QUERY_LENGTH = 200
MIN_SIMILAR_LENGTH = 3  # shorter queries are not tried as typos (two letters are similar to everything)
# Derivational endings of French Snowball stems cut off to reach the word family (root kept ≥ 5 letters):
# décrocheur/décrochage → decroch, médiateur → mediat (médiation), collégien → colleg (collège).
FAMILY_SUFFIXES = ("ienn", "ien", "eur", "eus", "ag")
FAMILY_PATTERN = "'([a-z0-9]{5,}?)(" + "|".join(FAMILY_SUFFIXES) + ")'"
FAMILY_REPLACEMENT = r"'\1':*"
# Private-use characters around the matched words: not HTML, and not in ordinary text (if somebody types one,
# a mark may land on the wrong word, but the excerpt stays escaped and its marks balanced).
START, STOP = "\ue000", "\ue001"
EXCERPT_WORDS = {"max_words": 30, "min_words": 12, "short_word": 3}
WORD = re.compile(r"\w+")
SENTINELS = re.compile(f"({START}|{STOP})")
SPACES = re.compile(r"\s+")
MAX_SKIPPED = 12  # words between two excerpt words that ts_headline may have left out


class FamilyQuery(SearchQueryCombinable, Func):
    """to_tsquery('simple', …) of a tsquery's text whose stems were cut back to roots (prefix matches)."""

    function = "to_tsquery"
    output_field = SearchQueryField()

    def __init__(self, query):
        text = Func(
            Cast(query, TextField()),
            Value(FAMILY_PATTERN),
            Value(FAMILY_REPLACEMENT),
            Value("g"),
            function="regexp_replace",
            output_field=TextField(),
        )
        super().__init__(SearchConfig("simple"), text)


def clean(text):
    return " ".join((text or "").split())[:MAX_QUERY_LENGTH]


def text_query(text):
    """The tsquery of `text`: its French stems, OR-ed with their word families."""
    exact = SearchQuery(Unaccent(Value(clean(text))), config="french", search_type="websearch")
    return exact | FamilyQuery(exact)


def search(queryset, text):
    """(matching sheets annotated with `rank`, mode): mode is "fts", "similar" (typo fallback) or "none"."""
    text = clean(text)
    if not text:
        return queryset, "none"
    query = text_query(text)
    found = queryset.filter(search=query)
    if found.exists():
        return found.annotate(rank=SearchRank(F("search"), query)), "fts"
    words = normalise(text)
    if len(words) < MIN_SIMILAR_LENGTH:
        return queryset.none(), "none"
    similar = queryset.alias(plain_title=Unaccent("title")).filter(plain_title__trigram_word_similar=words)
    return similar.annotate(rank=TrigramWordSimilarity(words, Unaccent("title"))), "similar"


def body_text():
    """The long texts searched besides the title, one paragraph each (the excerpt is taken from them)."""
    fields = ["general_objective", "operational_objectives", "description", "expected_results"]
    return Func(Value("\n"), *[F(name) for name in fields], function="concat_ws", output_field=TextField())


def highlight(sheets, text):
    """Set `title_html` and `excerpt_html` on the sheets of one page (one query): the matched words in <mark>."""
    sheets = list(sheets)
    for sheet in sheets:
        sheet.title_html = sheet.excerpt_html = None
    if not sheets or not clean(text):
        return sheets
    query = text_query(text)
    rows = (
        ActionSheet.objects.filter(pk__in=[sheet.pk for sheet in sheets])
        .annotate(
            body=body_text(),
            title_headline=SearchHeadline(
                Unaccent("title"), query, config="french", start_sel=START, stop_sel=STOP, highlight_all=True
            ),
            body_headline=SearchHeadline(
                Unaccent(body_text()), query, config="french", start_sel=START, stop_sel=STOP, **EXCERPT_WORDS
            ),
        )
        .values_list("pk", "title", "body", "title_headline", "body_headline")
    )
    found = {pk: (title, body, title_hl, body_hl) for pk, title, body, title_hl, body_hl in rows}
    for sheet in sheets:
        title, body, title_hl, body_hl = found.get(sheet.pk, (sheet.title, "", "", ""))
        sheet.title_html = restore_accents(title_hl, title) if START in (title_hl or "") else None
        sheet.excerpt_html = restore_accents(body_hl, body) if START in (body_hl or "") else None
    return sheets


def restore_accents(headline, original):
    """The excerpt of `original` that `headline` (ts_headline of its unaccented text) shows, with the same words
    marked. Words are aligned on their normalised form, skipping the few words ts_headline leaves out (those of
    HTML-like tags); when they cannot be aligned, the unaccented excerpt is shown instead.
    Every piece of text is escaped; the only HTML in the result is <mark>…</mark>, always balanced."""
    words, marked = [], []
    for piece, inside in _pieces(headline):
        for match in WORD.finditer(piece):
            words.append(match.group().lower())
            marked.append(inside)
    tokens = [(match.start(), match.end(), normalise(match.group())) for match in WORD.finditer(original)]
    positions = _align(words, [token[2] for token in tokens])
    if positions is None:
        return _escape_with_marks(headline)
    marks = {position for position, is_marked in zip(positions, marked, strict=True) if is_marked}
    html = ["… " if positions[0] else ""]
    previous_end = None
    for index in range(positions[0], positions[-1] + 1):
        begin, end, _ = tokens[index]
        if previous_end is not None:
            html.append(escape(SPACES.sub(" ", original[previous_end:begin])))
        word = escape(original[begin:end])
        html.append(f"<mark>{word}</mark>" if index in marks else word)
        previous_end = end
    rest = original[previous_end:]
    html.append(" …" if WORD.search(rest) else escape(rest.strip()))
    return mark_safe("".join(html))


def _pieces(headline):
    """(text, inside a mark) pieces of a headline, whatever the sentinels' order."""
    inside = False
    for piece in SENTINELS.split(headline):
        if piece == START:
            inside = True
        elif piece == STOP:
            inside = False
        elif piece:
            yield piece, inside


def _align(words, normalised):
    """Positions in `normalised` of the sequence `words`, in order, allowing a few skipped words between two of
    them (ts_headline drops the words of HTML-like tags); None when the sequence is not there."""
    if not words:
        return None
    for start, word in enumerate(normalised):
        if word != words[0]:
            continue
        positions = [start]
        for wanted in words[1:]:
            window = range(positions[-1] + 1, min(positions[-1] + 2 + MAX_SKIPPED, len(normalised)))
            found = next((index for index in window if normalised[index] == wanted), None)
            if found is None:
                break
            positions.append(found)
        else:
            return positions
    return None


def _escape_with_marks(headline):
    html = []
    for piece, inside in _pieces(headline):
        text = escape(SPACES.sub(" ", piece))
        html.append(f"<mark>{text}</mark>" if inside else text)
    return mark_safe("".join(html).strip())
