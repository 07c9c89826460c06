"""The daily reminders run by `manage.py send_reminders`: the sessions' own (the day before, to those who have not
answered), then those the higher apps register in their AppConfig.ready() — programme's follow-up of the fiches
(`register(sender)`, `sender(today) -> int`, the number of e-mails queued). Each sender is idempotent."""

import datetime

from django.utils import timezone

from workshops.services import send_reminders

_senders = {}  # dotted name → sender(today) -> int


def register(sender):
    """Run `sender(today)` every day after the session reminders (registering it twice keeps one)."""
    _senders[f"{sender.__module__}.{sender.__qualname__}"] = sender


def run_daily(today=None):
    """[(label, count)] of every daily reminder, the sessions first; `today` a date (tests, catching up)."""
    if today is None:
        now, today = timezone.now(), timezone.localdate()
    else:
        now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(8, 0)))
    done = [("séances", send_reminders(now=now))]
    for name, sender in _senders.items():
        done.append((getattr(sender, "label", name), sender(today)))
    return done
