"""Each person's follow-up preferences: reminders about the fiches they pilot or co-write (on unless turned off)
and the weekly digest. An empty `weekly_digest` means « the default of my role »: on for the project team
(coordinators, administrators) and for the animateurs of a working group, off for everybody else.

Group roles live in workshops, above this app: the apps that know another reason for the default register a
rule in their AppConfig.ready() (`register_digest_rule(rule)`, `rule(user) -> bool`)."""

_rules = {}  # dotted name → rule(user) -> bool


def register_digest_rule(rule):
    """A higher app's reason to send the digest by default (registering the same function twice keeps one)."""
    _rules[f"{rule.__module__}.{rule.__qualname__}"] = rule


def digest_by_default(user):
    """What an empty `weekly_digest` means for `user`."""
    return user.is_coordinator or any(rule(user) for rule in _rules.values())


def wants_digest(user):
    if not user.is_active:
        return False
    return user.weekly_digest if user.weekly_digest is not None else digest_by_default(user)


def wants_reminders(user):
    return user.is_active and user.follow_up_reminders
