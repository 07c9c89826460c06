"""Accounts: sign-in and passwords, profile, and the coordinators' account management and e-mail log."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from background.status import panel_context
from background.submissions import replay_if_sent, submit_once
from partners import services
from partners.exports import export_accounts, export_emails
from partners.forms import (
    AccountFilterForm,
    AccountForm,
    ChoosePasswordForm,
    LoginForm,
    PreferencesForm,
    ResetRequestForm,
)
from partners.gdpr_views import personal_data_urls
from partners.limits import link_request_allowed
from partners.mail import resend
from partners.models import AuditEntry, SentEmail, User
from partners.permissions import (
    can_edit_account,
    can_export_accounts,
    coordinator_required,
    get_account_for_manager,
)
from partners.preferences import digest_by_default
from partners.tasks import send_password_link
from solidarites.lib.pagination import CappedPaginator

PAGE_SIZE = 50


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # The same work and page whatever the address: the lookup and the e-mail are a task's. Over the limit, no
        # task (partners.limits logs it).
        email = form.cleaned_data["email"]
        if link_request_allowed(self.request, email, kind="reset"):
            send_password_link.enqueue(email, self.request.get_host(), self.request.is_secure())
        return redirect(self.success_url)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The « Définir mon mot de passe » page behind activation and reset links (single use, expiring)."""

    form_class = ChoosePasswordForm
    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:set_password_done")

    def form_valid(self, form):
        services.set_password_from_link(user=self.user, password=form.cleaned_data["new_password1"])
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return redirect(self.success_url)


class SetPasswordDoneView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/set_password_done.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, "Votre mot de passe a été modifié.")
        return super().form_valid(form)


# Public views are opted out of LoginRequiredMiddleware explicitly.
login_view = login_not_required(LoginView.as_view())
password_reset = login_not_required(PasswordResetView.as_view())
password_reset_done = login_not_required(PasswordResetDoneView.as_view())
set_password = login_not_required(SetPasswordView.as_view())
set_password_done = login_not_required(SetPasswordDoneView.as_view())
password_change = PasswordChangeView.as_view()
logout_view = require_POST(auth_views.LogoutView.as_view())


@require_http_methods(["GET", "HEAD", "POST"])
def profile(request):
    """The person's own account, and their follow-up preferences (reminders, weekly digest)."""
    user = request.user
    form = PreferencesForm(request.POST or None, user=user, digest_default=digest_by_default(user))
    if request.method == "POST" and form.is_valid():
        services.update_preferences(user=user, **form.preferences())
        messages.success(request, "Vos préférences de suivi ont été enregistrées.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"account": user, "form": form})


@coordinator_required
@require_safe
def account_list(request):
    form, accounts = _filtered_accounts(request)
    page = CappedPaginator(accounts, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "can_export": can_export_accounts(request.user)}
    return render(request, "accounts/account_list.html", context)


def _filtered_accounts(request):
    form = AccountFilterForm(request.GET or None)
    return form, form.filter(User.objects.visible_to(request.user))


@coordinator_required
@require_safe
def account_export(request, fmt):
    if not can_export_accounts(request.user):
        raise PermissionDenied
    response, rows = export_accounts(_filtered_accounts(request)[1], fmt)
    services.log_list_export(by=request.user, what="des comptes", fmt=fmt, rows=rows, filters=request.GET)
    return response


@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_create(request):
    if replay := replay_if_sent(request):
        return replay
    form = AccountForm(request.POST or None, manager=request.user)
    if request.method == "POST" and form.is_valid():
        with submit_once(request) as submission:
            if submission.repeated:
                return submission.replay()
            account = services.create_account(
                by=request.user, base_url=request.build_absolute_uri("/"), **services.account_fields(form.cleaned_data)
            )
            messages.success(request, f"Le compte de {account} a été créé ; le lien d'activation lui a été envoyé.")
            return submission.redirect("accounts:account_detail", pk=account.pk)
    return render(request, "accounts/account_form.html", {"form": form})


@coordinator_required
@require_safe
def account_detail(request, pk):
    account = get_account_for_manager(request.user, pk)
    context = {
        "account": account,
        "can_edit": can_edit_account(request.user, account),
        "history": AuditEntry.objects.visible_to(request.user).about(account)[:50],
        "emails": SentEmail.objects.visible_to(request.user).about(account)[:20],
        **personal_data_urls(request.user, account=account),
    }
    return render(request, "accounts/account_detail.html", context)


@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_edit(request, pk):
    account = get_account_for_manager(request.user, pk, write=True)
    form = AccountForm(request.POST or None, instance=account, manager=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_account(
                by=request.user, user=account, version=form.cleaned_data["version"], changes=form.cleaned_data
            )
        except services.ConcurrentEditError as error:
            conflict = error.current
        else:
            messages.success(request, f"Le compte de {account} a été enregistré.")
            return redirect("accounts:account_detail", pk=account.pk)
    return render(request, "accounts/account_form.html", {"form": form, "account": account, "conflict": conflict})


@coordinator_required
@require_POST
def account_send_activation(request, pk):
    account = get_account_for_manager(request.user, pk, write=True)
    if not account.is_active:
        messages.error(request, "Ce compte est désactivé : réactivez-le avant d'envoyer un lien.")
    elif not link_request_allowed(request, account.email, kind="activation", per_address=False):
        messages.error(request, "Trop de liens ont été envoyés à cette adresse dans l'heure : réessayez plus tard.")
    else:
        services.send_activation_link(by=request.user, user=account, base_url=request.build_absolute_uri("/"))
        messages.success(request, f"Un lien « Définir mon mot de passe » a été envoyé à {account.email}.")
    return redirect("accounts:account_detail", pk=account.pk)


@coordinator_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_set_active(request, pk, active):
    account = get_account_for_manager(request.user, pk, write=True)
    if account == request.user:
        messages.error(request, "Vous ne pouvez pas désactiver votre propre compte.")
        return redirect("accounts:account_detail", pk=account.pk)
    if request.method == "POST":
        services.set_account_active(by=request.user, user=account, active=active)
        word = "réactivé" if active else "désactivé"
        messages.success(request, f"Le compte de {account} a été {word}.")
        return redirect("accounts:account_detail", pk=account.pk)
    return render(
        request,
        "accounts/account_confirm_active.html",
        {
            "account": account,
            "active": active,
            "subject": f"le compte de {account}",
            "cancel_url": reverse("accounts:account_detail", args=[account.pk]),
        },
    )


@coordinator_required
@require_safe
def email_list(request):
    """The outbox: failures first, then the messages waiting, then those sent; filter by state."""
    emails, state, shown = _shown_emails(request)
    counts = emails.counts()
    paginator = CappedPaginator(shown, PAGE_SIZE)
    paginator.total = counts[state or "total"]  # counted above: no second COUNT
    page = paginator.get_page(request.GET.get("page"))
    states = [(value, label, counts[value]) for value, label in SentEmail.Status.choices]
    context = {"page": page, "counts": counts, "states": states, "state": state, **panel_context(request.user)}
    context["can_export"] = can_export_accounts(request.user)
    return render(request, "accounts/email_list.html", context)


def _shown_emails(request):
    """The outbox, the state asked for (« » for all) and the e-mails the list shows, failures first."""
    emails = SentEmail.objects.visible_to(request.user)
    state = request.GET.get("etat", "")
    state = state if state in SentEmail.Status.values else ""
    shown = (emails.filter(status=state) if state else emails).failures_first().select_related("related_type")
    return emails, state, shown


@coordinator_required
@require_safe
def email_export(request, fmt):
    if not can_export_accounts(request.user):
        raise PermissionDenied
    response, rows = export_emails(_shown_emails(request)[2], fmt)
    services.log_list_export(by=request.user, what="des e-mails envoyés", fmt=fmt, rows=rows, filters=request.GET)
    return response


@coordinator_required
@require_POST
def email_resend(request, pk):
    email = get_object_or_404(SentEmail.objects.visible_to(request.user), pk=pk)
    if email.can_be_resent:
        resend(email, by=request.user)
        messages.success(request, f"L'e-mail « {email.subject} » est de nouveau en attente d'envoi.")
    else:
        messages.error(request, "Seul un e-mail en échec dont le contenu est conservé peut être renvoyé.")
    return redirect(reverse("accounts:email_list") + ("?etat=failed" if request.POST.get("etat") == "failed" else ""))
