"""Who sees what of the background work. (background sits below partners: it reads the user's role attributes.)"""


def can_see_worker_status(user):
    """The workers' state and the queue (« Travaux en arrière-plan »): coordinators and administrators."""
    return bool(user.is_authenticated and user.is_active and user.is_coordinator)
