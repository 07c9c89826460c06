"""Who sees what of the background work: the workers' state, and long documents. (background sits below partners:
it reads the user's role attributes.)

Everyone logged in may ask for a long document (what it holds follows what they may see, decided by the app
that builds it); readers and partners within DOCUMENTS_PER_HOUR builds an hour, coordinators without limit.
A build and its download are its requester's alone: anybody else gets a 404, as for an object outside their scope.
"""

from django.conf import settings
from django.shortcuts import get_object_or_404

from background.models import DocumentBuild


def can_see_worker_status(user):
    """The workers' state and the queue (« Travaux en arrière-plan »): coordinators and administrators."""
    return bool(user.is_authenticated and user.is_active and user.is_coordinator)


def can_request_documents(user):
    return user.is_authenticated and user.is_active


def document_builds_per_hour(user):
    """How many builds this person may ask for in an hour; None: no limit (coordinators)."""
    return None if user.is_coordinator else settings.DOCUMENTS_PER_HOUR


def builds_visible_to(user):
    return DocumentBuild.objects.filter(requested_by=user) if user.is_authenticated else DocumentBuild.objects.none()


def get_build_for_user(user, pk):
    """The build, with its document, if this user asked for it (404 otherwise)."""
    return get_object_or_404(builds_visible_to(user).select_related("document"), pk=pk)
