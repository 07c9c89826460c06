"""Fuzzing of every form of every page, as every persona that sees it (finding 17).

Each page the URL × persona matrix (tests/test_permissions.py) says answers 200 is opened as each persona it
answers (the administrator and the inactive account left out: the coordinator's and the anonymous user's pages);
its forms are read with html.parser (action, method, every input, select, textarea and button, hidden values
kept), and each form, once per persona and action, gets FUZZ_EXAMPLES (default 8) sets of generated values from
Hypothesis: long, empty, unicode (RTL, emoji, NUL, combining marks), HTML and script, SQL-looking, numbers out of
range, negative, huge, text in number and date fields, dates out of range, missing fields, duplicated fields,
unknown choices and pks, junk files. Each example runs in a savepoint rolled back afterwards.

Invariants: never a 500 (the test client raises the view's exception: the failure names the URL, the persona
and the data); a refusal (4xx, or 200 with the form's errors) writes nothing (pg_stat_xact_user_tables: the
rows inserted, updated or deleted in this transaction, sessions, locks and caches left out), and a GET form
writes nothing at all; a refused form shows the text typed back in its field.

More examples: FUZZ_EXAMPLES=200 .venv/bin/python -m pytest -n 0 -p no:randomly tests/test_fuzz.py -s
"""

import os
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_methods import writes
from tests.test_pages import NOT_HTML
from tests.test_permissions import MATRIX, objects, world  # noqa: F401  (fixtures reused)

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
PERSONAS = ["anonymous", "outsider", "partner", "reader", "coordinator"]
MISSING = object()
STATS = Counter()
# Written on purpose when a form refuses: the fiche editor keeps what was typed as a draft (« Brouillon »).
KEPT_ON_REFUSAL = {"actionsheets_sectiondraft"}
SEEN = set()

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "'; DROP TABLE partners_organisation; --",
    "\u202egnp.exe",
    "مرحبا بالعالم",
    "שלום עולם",
    "👩\u200d👩\u200d👧\u200d👦🎉",
    "e\u0301\u0301\u0301\u0301",
    "Z\u0324\u0354\u0367\u0311a\u0308\u0356",
    "-1",
    "0",
    "-99999999999999999999",
    "2147483648",
    "9223372036854775808",
    "99999999999999999999999999999999999999",
    "1e309",
    "NaN",
    "Infinity",
    "-0.0001",
    "1,5",
    "0000-00-00",
    "0001-01-01",
    "0001-01-01T00:00",
    "9999-12-31",
    "9999-12-31T23:59",
    "10000-01-01",
    "2024-02-30",
    "31/12/2024",
    "25:61",
    "javascript:alert(1)",
    "http://",
    "x@",
    "@example.org",
    "../../etc/passwd",
    "{{ 7*7 }}{% debug %}",
    "%00%0d%0a",
]
ALPHABET = st.characters(exclude_categories=("Cs",))  # surrogates cannot be encoded in a request
LONG = st.builds(
    lambda char, size: char * size, st.sampled_from(["a", "é", "👍", "\u202e", "<"]), st.integers(250, 4000)
)
NUMBERS = st.one_of(st.integers(-(10**30), 10**30).map(str), st.floats(allow_nan=True).map(str))
DATES = st.sampled_from(
    ["0001-01-01", "9999-12-31", "10000-01-01", "2024-02-30", "1900-01-01", "abc", "2025-13-01", "00:00", "23:59"]
    + ["24:00", "12:60", "0001-01-01T00:00", "9999-12-31T23:59", "0001-01-01 00:00:00"]
)
UNKNOWN_CHOICES = st.sampled_from(["999999999", "2147483648", "-1", "0", "abc", "1.5", "", "\x00"])
JUNK_FILES = st.builds(
    lambda name, content: SimpleUploadedFile(name, content),
    st.sampled_from(["a.xlsx", "a.csv", "a.pdf", "a.png", "../../a.odt", "a" * 300 + ".txt", "a.exe"]),
    st.binary(max_size=300),
)


class Field:
    def __init__(self, kind, value="", attrs=None):
        self.kind, self.value, self.attrs, self.options = kind, value, attrs or {}, []


class Forms(HTMLParser):
    """The forms of a page: [{"method", "action", "fields": {name: Field}}]."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.form, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.form = {"method": attrs.get("method", "get").lower(), "action": attrs.get("action"), "fields": {}}
            self.forms.append(self.form)
        elif tag == "option" and self.select is not None:
            self.select.options.append(attrs.get("value", ""))
        elif self.form is not None and attrs.get("name"):
            self.field(tag, attrs)

    def field(self, tag, attrs):
        fields, name = self.form["fields"], attrs["name"]
        kind = attrs.get("type", "text").lower() if tag == "input" else tag
        if kind in ("submit", "button", "image", "reset", "checkbox", "radio"):
            field = fields.setdefault(name, Field("choice"))
            field.options.append(attrs.get("value", "on"))
        elif tag == "select":
            self.select = fields[name] = Field("select", attrs=attrs)
        elif tag == "textarea":
            self.textarea = fields[name] = Field("textarea", attrs=attrs)
        elif tag == "input":
            fields[name] = Field(kind, attrs.get("value", ""), attrs)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None


def read_forms(content, page_url):
    parser = Forms()
    parser.feed(content)
    for form in parser.forms:
        form["action"] = form["action"] or page_url
    return parser.forms


def values(name, field):
    """Hypothesis strategy for one field: its own value or options mostly, else anything nasty, or nothing."""
    if name == "csrfmiddlewaretoken":
        return st.just(field.value)
    if field.kind in ("choice", "select"):
        own = st.sampled_from(field.options) if field.options else st.just("")
        typed = st.one_of(own, own, UNKNOWN_CHOICES, st.lists(own, min_size=2, max_size=3))
    elif field.kind == "file":
        return st.one_of(st.just(MISSING), JUNK_FILES)
    elif field.kind == "number":
        typed = st.one_of(st.just(field.value), NUMBERS, st.text(ALPHABET, max_size=8))
    elif field.kind in ("date", "datetime-local", "time", "month"):
        typed = st.one_of(st.just(field.value), DATES, st.text(ALPHABET, max_size=12))
    elif field.kind == "hidden":
        typed = st.one_of(st.just(field.value), st.just(field.value), st.just(field.value), NUMBERS)
    else:
        typed = st.one_of(st.just(field.value), st.text(ALPHABET, max_size=60))
    nasty = st.one_of(st.sampled_from(NASTY), LONG, st.text(ALPHABET, max_size=30))
    return st.one_of(typed, typed, nasty, st.just(MISSING), st.lists(st.one_of(typed, nasty), min_size=2, max_size=3))


def form_key(persona, form):
    try:
        match = resolve(form["action"].split("?")[0])
    except Resolver404:
        return None
    return (persona, form["method"], match.view_name, frozenset(form["fields"]))


def refused(response):
    if 400 <= response.status_code < 500:
        return True
    body = b"" if response.streaming else response.content
    return response.status_code == 200 and (b'id="error-summary"' in body or b"is-invalid" in body)


def typed_back(payload, form, response):
    """Text fields of a refused form come back with what was typed (when the page shows that field again)."""
    if response.streaming or response.status_code != 200:
        return []
    shown = {}
    for again in read_forms(response.content.decode(), ""):
        for name, field in again["fields"].items():
            if field.kind in ("text", "email", "url", "search", "tel", "textarea"):
                shown[name] = field.value
    lost = []
    for name, value in payload.items():
        kind = form["fields"][name].kind
        if kind not in ("text", "email", "url", "search", "tel", "textarea") or name not in shown:
            continue
        if isinstance(value, str) and value.isprintable() and shown[name].strip() != value.strip():
            lost.append(name)
    return lost


def pages():
    """Every (url name, kwargs builder, personas) that the matrix says answers an HTML page with 200."""
    for index, (name, builder, method, _, expected) in enumerate(MATRIX):
        if method == "get" and name not in NOT_HTML and not name.startswith("admin:"):
            personas = [persona for persona in PERSONAS if expected[persona] == 200]
            if personas:
                yield pytest.param(name, builder, personas, id=f"{name} row {index}")


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    """Passwords typed into the forms are checked with a fast hasher: the fuzzing is about the forms, not Argon2's
    cost (the personas' Argon2 hashes then never match, and every password form refuses)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class TestFuzz:
    """One case per page of the matrix; each of its forms fuzzed once per persona and action."""

    @pytest.fixture(scope="class", autouse=True)
    @classmethod
    def report(cls, request):
        yield
        line = (
            f"fuzz: {STATS['forms']} forms × personas ({len({key[2] for key in SEEN})} form actions, "
            f"{len({key[0] for key in SEEN})} personas), {STATS['examples']} examples tried "
            f"({STATS['refused']} refused, {STATS['accepted']} accepted), {STATS['500']} × 500"
        )
        with request.config.pluginmanager.get_plugin("capturemanager").global_and_fixture_disabled():
            print(f"\n{line}")

    @pytest.mark.parametrize(("name", "builder", "personas"), list(pages()))
    def test_forms_of_the_page(self, name, builder, personas, objects, world, client):  # noqa: F811
        url = reverse(name, kwargs=builder(objects) if builder else None)
        for persona in personas:
            user = world.personas[persona]
            log_in(client, user)
            response = client.get(url)
            if response.status_code != 200 or response.streaming:
                continue
            for form in read_forms(response.content.decode(), url):
                key = form_key(persona, form)
                if key is None or key in SEEN:
                    continue
                SEEN.add(key)
                STATS["forms"] += 1
                fuzz(client, user, persona, form)


def log_in(client, user):
    """Logs `user` in (or out, for None) and returns the session cookie."""
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.cookies.get("sessionid")


def fuzz(client, user, persona, form):
    session = [log_in(client, user)]
    fields = form["fields"]
    strategy = st.fixed_dictionaries({name: values(name, field) for name, field in fields.items()})

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(drawn=strategy)
    def one(drawn):
        payload = {name: value for name, value in drawn.items() if value is not MISSING}
        for value in payload.values():
            if hasattr(value, "seek"):
                value.seek(0)
        if client.cookies.get("sessionid") != session[0]:  # the last example logged out, or in
            session[0] = log_in(client, user)
        with transaction.atomic():
            before = writes()
            STATS["examples"] += 1
            where = f"{persona} {form['method'].upper()} {form['action']} {payload!r}"
            try:
                send = client.post if form["method"] == "post" else client.get
                response = send(form["action"], payload)
            except Exception as error:
                STATS["500"] += 1
                raise AssertionError(f"500 for {where}: {error!r}") from error
            after = writes()
            transaction.set_rollback(True)
        assert response.status_code < 500, f"{response.status_code} for {where}"
        if form["method"] == "get":
            written = {table for table in after.keys() | before.keys() if after.get(table) != before.get(table)}
            assert not written, f"GET form wrote in {written}: {where}"
        elif refused(response):
            STATS["refused"] += 1
            written = {table for table in after.keys() | before.keys() if after.get(table) != before.get(table)}
            assert written <= KEPT_ON_REFUSAL, f"refused ({response.status_code}) but wrote in {written}: {where}"
            assert not typed_back(payload, form, response), (
                f"typed text lost in {typed_back(payload, form, response)}: {where}"
            )
        else:
            STATS["accepted"] += 1

    one()
