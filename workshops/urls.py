"""The addresses of the workshops pages: groups, calendar, sessions, the diagnostic and the register of obstacles."""

from django.urls import path

from workshops import export_views, meeting_views, register_views, setup_views, views

app_name = "workshops"

urlpatterns = [
    # Working groups and memberships
    path("groupes/", views.group_list, name="group_list"),
    path("groupes/nouveau/", setup_views.group_create, name="group_create"),
    path("groupes/<int:pk>/", views.group_detail, name="group_detail"),
    path(
        "groupes/<int:pk>/seances/export/<str:fmt>/", export_views.group_meetings_export, name="group_meetings_export"
    ),
    path("groupes/<int:pk>/modifier/", setup_views.group_edit, name="group_edit"),
    path("groupes/<int:pk>/membres/ajouter/", views.member_add, name="member_add"),
    path("groupes/membres/<int:pk>/modifier/", views.member_edit, name="member_edit"),
    # Meeting venues
    path("lieux/", setup_views.venue_list, name="venue_list"),
    path("lieux/nouveau/", setup_views.venue_create, name="venue_create"),
    path("lieux/<int:pk>/modifier/", setup_views.venue_edit, name="venue_edit"),
    # Calendar
    path("calendrier/", views.calendar, name="calendar"),
    path("calendrier/export/<str:fmt>/", export_views.calendar_export, name="calendar_export"),
    path("calendrier/abonnement/", views.calendar_subscription, name="calendar_subscription"),
    path("calendrier/flux/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    # Meetings
    path("seances/nouvelle/", meeting_views.meeting_create, name="meeting_create"),
    path("seances/participation/", meeting_views.attendance_stats, name="attendance_stats"),
    path(
        "seances/participation/export/<str:table>/<str:fmt>/",
        export_views.participation_export,
        name="participation_export",
    ),
    path("seances/<int:pk>/invitations/export/<str:fmt>/", export_views.invitations_export, name="invitations_export"),
    path("seances/<int:pk>/presences/export/<str:fmt>/", export_views.attendance_export, name="attendance_export"),
    path("seances/<int:pk>/", meeting_views.meeting_detail, name="meeting_detail"),
    path("seances/<int:pk>/modifier/", meeting_views.meeting_edit, name="meeting_edit"),
    path("seances/<int:pk>/annuler/", meeting_views.meeting_cancel, name="meeting_cancel"),
    path("seances/<int:pk>/inviter/", meeting_views.meeting_invite, name="meeting_invite"),
    path("seances/<int:pk>/envoi-des-e-mails/", meeting_views.meeting_mail_status, name="meeting_mail_status"),
    path("seances/<int:pk>/seance.ics", meeting_views.meeting_ics, name="meeting_ics"),
    path("seances/<int:pk>/documents/ajouter/", meeting_views.document_add, name="document_add"),
    path("seances/<int:pk>/documents/<int:doc>/", meeting_views.document_download, name="document_download"),
    path("seances/<int:pk>/emargement.pdf", meeting_views.attendance_sheet, name="attendance_sheet"),
    path("seances/<int:pk>/presences/", meeting_views.attendance, name="attendance"),
    path("seances/<int:pk>/presences/sans-invitation/", meeting_views.walk_in, name="walk_in"),
    path("seances/<int:pk>/compte-rendu/", meeting_views.minutes_edit, name="minutes_edit"),
    path("seances/<int:pk>/compte-rendu/publier/", meeting_views.minutes_publish, name="minutes_publish"),
    path("seances/<int:pk>/compte-rendu.pdf", meeting_views.minutes_pdf, name="minutes_pdf"),
    path("reponse/<str:token>/", meeting_views.rsvp, name="rsvp"),
    path("reponse/nouveau-lien/<str:token>/", meeting_views.rsvp_new_link, name="rsvp_new_link"),
    # Diagnostic findings and the register of coordination obstacles
    path("diagnostic/", register_views.finding_list, name="finding_list"),
    path("diagnostic/export/<str:fmt>/", export_views.finding_export, name="finding_export"),
    path("diagnostic/nouveau/", register_views.finding_create, name="finding_create"),
    path("diagnostic/<int:pk>/modifier/", register_views.finding_edit, name="finding_edit"),
    path("freins/", register_views.obstacle_list, name="obstacle_list"),
    path("freins/export/<str:fmt>/", export_views.obstacle_export, name="obstacle_export"),
    path("freins/nouveau/", register_views.obstacle_create, name="obstacle_create"),
    path("freins/<int:pk>/", register_views.obstacle_detail, name="obstacle_detail"),
    path("freins/<int:pk>/modifier/", register_views.obstacle_edit, name="obstacle_edit"),
]
