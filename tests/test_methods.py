"""Every HTTP method on every URL of the URL × persona matrix (tests/test_permissions.py), as one or two personas
that reach the URL (the matrix gives them 200 or 302 on one of its rows), on the matrix's objects made once per
class.

What each method gets:
- HEAD answers like GET where GET is allowed (same status, no body), 405 where it is not;
- GET on a URL the matrix lists for POST only, and POST on a URL it lists for GET only (unless the page is a
  form, ACCEPTS_POST), answer 405;
- OPTIONS, PUT, PATCH, DELETE, TRACE, CONNECT and unknown verbs answer 405 with an Allow header that lists
  exactly what the URL accepts (GET and HEAD, POST), and write nothing.

Order with the login check, chosen once for the portal (partners.methods.AllowedMethodsMiddleware): a
method the portal never answers is refused with 405 for everyone, anonymous users included, before the session
and the login check (nothing behind it sees the request; anonymous PUT → 405). A method of GET, HEAD and POST
that one URL refuses is the view's decorator's 405, after the login check: anonymous GET on a POST-only URL →
302 to the login page, as the matrix says.
"""

from collections import defaultdict

import pytest
from django.db import connection
from django.urls import reverse

from tests.test_permissions import MATRIX, objects, world  # noqa: F401  (fixtures reused)

pytestmark = pytest.mark.django_db

REFUSED = ["OPTIONS", "PUT", "PATCH", "DELETE", "TRACE", "CONNECT", "PROPFIND", "BREW"]
# Pages whose matrix rows are GET only although the page is a form that posts to itself.
ACCEPTS_POST = {
    "accounts:login",
    "accounts:password_change",
    "accounts:set_password",
    "accounts:account_edit",
    "accounts:account_reactivate",
    "partners:contact_reactivate",
    "partners:import_mapping",
}
# The personas tried, in this order of preference: the first who reaches the URL, and the partner as well when
# the partner reaches it too (another code path: the partner's own structure).
PREFERENCE = ["coordinator", "admin", "partner", "reader", "outsider", "anonymous", "inactive"]
# Tables a request may write without changing the portal's state (and every cache table).
BOOKKEEPING = ("django_session", "axes_")


def rows_by_name():
    """{url name: [(kwargs builder, method, {persona: status})]} from the matrix's rows."""
    table = defaultdict(list)
    for name, builder, method, _, expected in MATRIX:
        if not name.startswith("admin:"):  # Django's admin: its own methods; the middleware still refuses PUT
            table[name].append((builder, method.upper(), expected))
    return table


NAMES = rows_by_name()


def by_url(name, kept):
    """{url: {method: {persona: status}}} for the URLs of one name (the matrix's rows may point at several
    objects, and two rows of one URL may use two builders)."""
    table = defaultdict(dict)
    for builder, method, expected in NAMES[name]:
        table[reverse(name, kwargs=builder(kept) if builder else None)][method] = expected
    return table


def reaching(rows):
    """The one or two personas that reach the URL by one of its rows."""

    def reaches(persona):
        return any(
            expected[persona] == 200 or (expected[persona] == 302 and persona not in ("anonymous", "inactive"))
            for expected in rows.values()
        )

    found = [persona for persona in PREFERENCE if reaches(persona)]
    return found[:1] + (["partner"] if "partner" in found[1:] else [])


def accepted(name):
    """What the URL pattern accepts, by the matrix: a method is accepted when no logged-in persona gets 405 on
    one of its rows (GET brings HEAD)."""
    methods = {"POST"} if name in ACCEPTS_POST else set()
    for _, method, expected in NAMES[name]:
        if all(status != 405 for persona, status in expected.items() if persona not in ("anonymous", "inactive")):
            methods |= {"GET", "HEAD"} if method == "GET" else {method}
    return methods


def writes():
    """Rows inserted, updated or deleted so far in this transaction, per table (bookkeeping tables left out)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables")
        return {
            table: count
            for table, count in cursor.fetchall()
            if count and not table.startswith(BOOKKEEPING) and "cache" not in table
        }


def cases():
    for name, rows in NAMES.items():
        methods = {method for _, method, _ in rows}
        for method in ["HEAD", "REFUSED"] + [other for other in ("GET", "POST") if other not in methods]:
            if not (method == "POST" and name in ACCEPTS_POST):
                yield pytest.param(name, method, id=f"{method} {name}")


def log_in(client, made, persona):
    client.logout()
    if made.personas[persona] is not None:
        client.force_login(made.personas[persona])
    return client


def request(client, method, url):
    response = client.generic(method, url)
    response.close()
    return response


class TestMethods:
    """One case per URL name × method (the refused verbs together), on the matrix's world."""

    @pytest.mark.parametrize(("name", "method"), list(cases()))
    def test_method(self, name, method, objects, world, client):  # noqa: F811
        for url, rows in by_url(name, objects).items():
            if method in ("GET", "POST") and method in rows:
                continue  # the matrix's own row
            if method == "HEAD" and "GET" not in rows and "GET" in accepted(name):
                continue  # GET on this URL is nowhere in the matrix
            self.check(name, url, rows, method, world, client)

    def check(self, name, url, rows, method, made, client):
        for persona in reaching(rows):
            if method == "REFUSED":
                for who in (persona, "anonymous"):  # the anonymous user is refused before the login check
                    self.check_refused(log_in(client, made, who), url, accepted(name), who)
            elif method == "HEAD":
                self.check_head(log_in(client, made, persona), url, rows, persona)
            else:
                response = request(log_in(client, made, persona), method, url)
                assert response.status_code == 405, f"{persona} {method} {url}: {response.status_code}"

    def check_head(self, client, url, rows, persona):
        response = request(client, "HEAD", url)
        expected = rows["GET"][persona] if "GET" in rows else 405
        assert response.status_code == expected, f"{persona} HEAD {url}: {response.status_code}, GET gives {expected}"
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body == b"", f"{persona} HEAD {url} has a body"

    def check_refused(self, client, url, methods, persona):
        for verb in REFUSED:
            before = writes()
            response = request(client, verb, url)
            assert response.status_code == 405, f"{persona} {verb} {url}: {response.status_code}"
            allow = {method.strip() for method in response.get("Allow", "").split(",")}
            assert allow == methods, f"{verb} {url}: Allow {response.get('Allow')}, the matrix says {sorted(methods)}"
            assert writes() == before, f"{persona} {verb} {url} wrote {writes()} (before: {before})"


def test_an_unknown_path_is_not_found_whatever_the_method(client):
    response = client.generic("PUT", "/pas-de-page-ici/")
    assert response.status_code == 404


def test_the_refusal_carries_the_security_headers(client):
    response = client.generic("DELETE", reverse("home"))
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    assert response["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
