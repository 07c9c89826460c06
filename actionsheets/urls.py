"""The addresses of the fiches actions pages."""

from django.urls import path

from actionsheets import editor_views, history_views, list_views, views

app_name = "actionsheets"

urlpatterns = [
    path("fiches/", list_views.sheet_list, name="sheet_list"),
    path("fiches/export/<str:fmt>/", list_views.sheet_export, name="sheet_export"),
    path("fiches/plan.pdf", list_views.plan_pdf, name="plan_pdf"),
    path("fiches/nouvelle/", views.sheet_create, name="sheet_create"),
    path("fiches/<int:pk>/", views.sheet_detail, name="sheet_detail"),
    path("fiches/<int:pk>/fiche.pdf", list_views.sheet_pdf, name="sheet_pdf"),
    path("fiches/<int:pk>/co-auteurs/", views.sheet_authors, name="sheet_authors"),
    path("fiches/<int:pk>/statut/<str:action>/", views.sheet_move, name="sheet_move"),
    path("fiches/<int:pk>/sections/<str:slug>/", editor_views.section_edit, name="section_edit"),
    path("fiches/<int:pk>/sections/<str:slug>/ligne/<str:related>/", editor_views.section_row, name="section_row"),
    path("fiches/<int:pk>/sections/<str:slug>/brouillon/", editor_views.section_draft, name="section_draft"),
    path("fiches/<int:pk>/pieces/<int:attachment>/", editor_views.attachment_download, name="attachment_download"),
    path("fiches/<int:pk>/historique/", history_views.sheet_history, name="sheet_history"),
    path("fiches/<int:pk>/historique/comparer/", history_views.sheet_diff, name="sheet_diff"),
    # issue 12, the public page: a coordinator marks the sheet « publiable »
    path("fiches/<int:pk>/publication/", views.sheet_publication, name="sheet_publication"),
]
