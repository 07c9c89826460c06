"""The URLs of accounts: sign-in, passwords, profile and the coordinators' account management."""

from django.urls import path

from partners import gdpr_views, views

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.login_view, name="login"),
    path("deconnexion/", views.logout_view, name="logout"),
    path("mot-de-passe-oublie/", views.password_reset, name="password_reset"),
    path("mot-de-passe-oublie/envoye/", views.password_reset_done, name="password_reset_done"),
    path("definir-mon-mot-de-passe/<uidb64>/<token>/", views.set_password, name="set_password"),
    path("definir-mon-mot-de-passe/termine/", views.set_password_done, name="set_password_done"),
    path("mon-profil/", views.profile, name="profile"),
    path("mon-profil/mot-de-passe/", views.password_change, name="password_change"),
    path("comptes/", views.account_list, name="account_list"),
    path("comptes/export/<str:fmt>/", views.account_export, name="account_export"),
    path("comptes/nouveau/", views.account_create, name="account_create"),
    path("comptes/<int:pk>/", views.account_detail, name="account_detail"),
    path("comptes/<int:pk>/modifier/", views.account_edit, name="account_edit"),
    path("comptes/<int:pk>/envoyer-lien/", views.account_send_activation, name="account_send_activation"),
    path("comptes/<int:pk>/desactiver/", views.account_set_active, {"active": False}, name="account_deactivate"),
    path("comptes/<int:pk>/reactiver/", views.account_set_active, {"active": True}, name="account_reactivate"),
    path("courriels/", views.email_list, name="email_list"),
    path("courriels/export/<str:fmt>/", views.email_export, name="email_export"),
    path("courriels/<int:pk>/renvoyer/", views.email_resend, name="email_resend"),
]

# Personal data (GDPR, issue 13): « Mes données », exports for a person who writes in, anonymisation.
urlpatterns += [
    path("mon-profil/mes-donnees/", gdpr_views.my_data, name="my_data"),
    path("mon-profil/mes-donnees/telecharger/", gdpr_views.my_data_download, name="my_data_download"),
    path("comptes/<int:pk>/donnees/", gdpr_views.account_data_export, name="account_data_export"),
    path("comptes/<int:pk>/anonymiser/", gdpr_views.account_anonymise, name="account_anonymise"),
    path("interlocuteurs/<int:pk>/donnees/", gdpr_views.contact_data_export, name="contact_data_export"),
    path("interlocuteurs/<int:pk>/anonymiser/", gdpr_views.contact_anonymise, name="contact_anonymise"),
]
