"""Programme snapshots and « ce qui a changé » (engineer « snapshots »).

TODO(lead): minimal stub written by the dossier engineer so that the dossier page can call it; the snapshots
engineer's module replaces this one at merge.
"""


def changes_since_last_copil(user):
    """The context of programme/changes_summary.html for `user` (stub: no snapshot yet)."""
    return {"changes": None}
