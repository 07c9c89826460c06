"""The client's address behind a reverse proxy (issue 13, finding 1): one helper, used by django-axes and by the
security log; a per-address lockout next to the per-account one."""

import logging

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tests.partners.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
PROXY = "10.0.0.1"  # the reverse proxy: every request reaches the portal from it


def login(client, email, password=PASSWORD, *, forwarded=None, remote=PROXY):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(LOGIN, {"username": email, "password": password}, **headers)


@pytest.mark.parametrize(
    ("count", "header", "meta", "expected"),
    [
        # No proxy configured: REMOTE_ADDR only, whatever the request claims.
        (0, "", {"HTTP_X_FORWARDED_FOR": "203.0.113.9"}, PROXY),
        (0, "", {"HTTP_X_REAL_IP": "203.0.113.9"}, PROXY),
        # One proxy: the address it appended, the last one; what the client wrote before it is ignored.
        (1, "", {"HTTP_X_FORWARDED_FOR": "198.51.100.7"}, "198.51.100.7"),
        (1, "", {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.7"}, "198.51.100.7"),
        # Two proxies (a load balancer, then nginx): the second from the right.
        (2, "", {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.7, 10.0.0.2"}, "198.51.100.7"),
        # Fewer entries than proxies (the request did not come through them) or garbage: REMOTE_ADDR.
        (2, "", {"HTTP_X_FORWARDED_FOR": "198.51.100.7"}, PROXY),
        (1, "", {"HTTP_X_FORWARDED_FOR": "pas-une-adresse"}, PROXY),
        (1, "", {}, PROXY),
        (1, "", {"HTTP_X_FORWARDED_FOR": "2001:db8::1"}, "2001:db8::1"),
        # A named header that the proxy sets (and overwrites): X-Real-IP.
        (0, "X-Real-IP", {"HTTP_X_REAL_IP": "198.51.100.8", "HTTP_X_FORWARDED_FOR": "6.6.6.6"}, "198.51.100.8"),
        (0, "X-Real-IP", {}, PROXY),
    ],
)
def test_the_client_address_comes_from_the_configured_proxy_only(settings, count, header, meta, expected):
    from partners.backends import client_address

    settings.TRUSTED_PROXY_COUNT = count
    settings.TRUSTED_PROXY_HEADER = header
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, **meta)
    assert client_address(request) == expected


def test_behind_the_proxy_five_failures_do_not_lock_the_account_out_from_another_address(client, settings):
    """The attack of finding 1: anyone failing five times on a coordinator's e-mail locked the coordinator out,
    since every request came from the proxy's address."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 5
    UserFactory(email="coordination@example.org", coordinator=True)
    for _ in range(5):
        login(client, "coordination@example.org", "mauvais", forwarded="203.0.113.66")
    locked = login(client, "coordination@example.org", forwarded="203.0.113.66")
    assert locked.status_code == 429  # the attacker's address is locked out of that account
    client.cookies.clear()
    response = login(client, "coordination@example.org", forwarded="198.51.100.20")
    assert response.status_code == 302, "the coordinator, from their own address, is locked out"


def test_a_forged_forwarded_for_is_ignored_without_a_configured_proxy(client, settings, caplog):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.TRUSTED_PROXY_HEADER = ""
    settings.AXES_FAILURE_LIMIT = 5
    UserFactory(email="cible@example.org")
    with caplog.at_level(logging.INFO, logger="solidarites.security"):
        for number in range(5):
            login(client, "cible@example.org", "mauvais", forwarded=f"192.0.2.{number}", remote="203.0.113.5")
    assert login(client, "cible@example.org", forwarded="192.0.2.99", remote="203.0.113.5").status_code == 429
    failures = [record.getMessage() for record in caplog.records if "login_failed" in record.getMessage()]
    assert failures and all(line.endswith("ip=203.0.113.5") for line in failures), failures


def test_one_address_trying_many_accounts_is_blocked(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_ADDRESS_FAILURE_LIMIT = 12
    UserFactory(email="reelle@example.org")
    for number in range(12):  # two failures on each of six accounts: never five on one
        login(client, f"compte{number // 2}@example.org", "mauvais", forwarded="203.0.113.77")
    blocked = login(client, "reelle@example.org", forwarded="203.0.113.77")
    assert blocked.status_code == 429, "12 failures on many accounts from one address should block it"
    client.cookies.clear()
    assert login(client, "reelle@example.org", forwarded="198.51.100.30").status_code == 302  # others unaffected


def test_the_address_limit_is_higher_than_the_account_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_ADDRESS_FAILURE_LIMIT = 12
    UserFactory(email="reelle@example.org")
    for number in range(11):  # one short of the address limit, at most 2 per account
        login(client, f"compte{number // 2}@example.org", "mauvais", forwarded="203.0.113.78")
    assert login(client, "reelle@example.org", forwarded="203.0.113.78").status_code == 302


def test_the_security_log_records_the_client_address_behind_the_proxy(client, settings, caplog):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(email="a@example.org")
    with caplog.at_level(logging.INFO, logger="solidarites.security"):
        login(client, "a@example.org", "mauvais", forwarded="203.0.113.40")
        login(client, "a@example.org", forwarded="203.0.113.41")
    lines = [record.getMessage() for record in caplog.records if record.name == "solidarites.security"]
    assert any(line.startswith("login_failed") and line.endswith("ip=203.0.113.40") for line in lines), lines
    assert any(line.startswith("login_ok") and line.endswith("ip=203.0.113.41") for line in lines), lines
