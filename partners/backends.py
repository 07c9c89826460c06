"""How django-axes names the person behind a failed sign-in (the e-mail, case-insensitive)."""


def axes_username(request, credentials):
    """Lock on the e-mail as the user would type it in any case, so « Alice@… » and « alice@… » count together."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()
