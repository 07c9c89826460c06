"""One create form, one object: a one-time token makes a double click, a back-button repost or a retried request
harmless.

A create page renders `{% submission_field %}` (background/templatetags/submissions.py): a hidden random token
signed for the person (nothing is written on GET). The view asks `replay_if_sent(request)` first, then wraps its
service call in `submit_once(request)`: the first valid post stores the token (a unique row, in the service's
transaction) with the page it led to; a second post of the same token (waiting for the first to commit when they
are simultaneous) is sent to that page with « Ce formulaire avait déjà été envoyé ». A post without a token, or
with a token signed for someone else, is a plain submit (pages rendered before this existed, tests posting data
straight). Rows are purged after a day (housekeeping).
"""

import secrets
from contextlib import contextmanager
from datetime import timedelta

from django.contrib import messages
from django.core import signing
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, resolve_url
from django.utils import timezone

from background.models import FormSubmission

FIELD = "submission"
KEEP = timedelta(days=1)
ALREADY_SENT = "Ce formulaire avait déjà été envoyé : voici ce qu'il a créé."


def _signer(user):
    return signing.Signer(salt=f"background.submission:{user.pk}")


def new_token(user):
    return _signer(user).sign(secrets.token_urlsafe(18))


def posted_token(request):
    """The token posted with the form if it was signed for this person, else None."""
    token = request.POST.get(FIELD, "")
    if not token or len(token) > 100 or not request.user.is_authenticated:
        return None
    try:
        _signer(request.user).unsign(token)
    except signing.BadSignature:
        return None
    return token


def token_for(request):
    """The token a form page renders: the one posted back (a form shown again with its errors), else a new one."""
    return posted_token(request) or new_token(request.user)


class Submission:
    def __init__(self, request):
        self.request = request
        self.token = posted_token(request) if request.method == "POST" else None
        self.row = None
        self.repeated = False
        self.previous_url = ""

    def claim(self):
        if self.token is None:
            return
        try:
            with transaction.atomic():
                self.row = FormSubmission.objects.create(token=self.token, user=self.request.user)
        except IntegrityError:  # posted before: the first post has committed (the insert waited for it)
            self.repeated = True
            previous = FormSubmission.objects.filter(token=self.token, user=self.request.user)
            self.previous_url = previous.values_list("result_url", flat=True).first() or ""

    def replay(self):
        """The answer to a repeated post: the page the first one led to."""
        messages.info(self.request, ALREADY_SENT)
        return redirect(self.previous_url or self.request.get_full_path())

    def redirect(self, to, *args, **kwargs):
        """Redirect like django.shortcuts.redirect, and remember where, for a repeated post."""
        url = resolve_url(to, *args, **kwargs)
        if self.row is not None:
            self.row.result_url = url[:500]
            self.row.save(update_fields=["result_url"])
        return redirect(url)


def replay_if_sent(request):
    """Before validating a create form: the answer to a post of a token already used (sent to the page the first
    post led to), else None. A form with a unique field (a structure's name, an e-mail) would otherwise answer the
    second post with « already exists »; submit_once() below still decides the race of two concurrent posts."""
    token = posted_token(request) if request.method == "POST" else None
    if token is None:
        return None
    previous = FormSubmission.objects.filter(token=token, user=request.user).values_list("result_url", flat=True)
    if not previous:
        return None
    submission = Submission(request)
    submission.previous_url = previous[0]
    return submission.replay()


@contextmanager
def submit_once(request):
    """`with submit_once(request) as submission:` then `if submission.repeated: return submission.replay()`,
    create, `return submission.redirect(obj)`: all in one transaction with the token's row."""
    with transaction.atomic():
        submission = Submission(request)
        submission.claim()
        yield submission


def purge(now=None):
    """Forget the tokens older than KEEP (housekeeping, hourly); the number removed."""
    return FormSubmission.objects.filter(created_at__lt=(now or timezone.now()) - KEEP).delete()[0]
