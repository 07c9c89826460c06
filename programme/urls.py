"""The addresses of the programme views. Each group of lines belongs to one module of views."""

from django.urls import path

from programme import (
    axis_views,
    copil_views,
    coverage_views,
    dashboard_views,
    decision_views,
    map_views,
    overlap_views,
    snapshot_views,
    timeline_views,
)

app_name = "programme"

urlpatterns = [
    # Dashboard (dashboard_views)
    path("programme/", dashboard_views.dashboard, name="dashboard"),
    path("programme/export/<str:table>/<str:fmt>/", dashboard_views.dashboard_export, name="dashboard_export"),
    # Axis pages (axis_views)
    path("axes/<str:code>/", axis_views.axis_detail, name="axis_detail"),
    # Partner × axis map (map_views)
    path("programme/cartographie/", map_views.partner_map, name="partner_map"),
    path("programme/cartographie/export/<str:fmt>/", map_views.partner_map_export, name="partner_map_export"),
    # Coverage of the diagnostic's needs (coverage_views)
    path("diagnostic/couverture/", coverage_views.coverage, name="coverage"),
    path("diagnostic/couverture/export/<str:fmt>/", coverage_views.coverage_export, name="coverage_export"),
    path("diagnostic/<int:pk>/fiches/", coverage_views.finding_sheets, name="finding_sheets"),
    # Overlaps between groups (overlap_views)
    path("programme/rapprochements/", overlap_views.overlap_list, name="overlap_list"),
    path("programme/rapprochements/<int:pk>/<str:action>/", overlap_views.overlap_decide, name="overlap_decide"),
    # Timeline (timeline_views)
    path("programme/chronologie/", timeline_views.timeline, name="timeline"),
    path("programme/chronologie/export/<str:fmt>/", timeline_views.timeline_export, name="timeline_export"),
    # The COPIL dossier (copil_views): pk = the COPIL meeting's pk
    path("programme/copil/<int:pk>/", copil_views.copil_dossier, name="copil_dossier"),
    path("programme/copil/<int:pk>/fiches/", copil_views.copil_sheets, name="copil_sheets"),
    path("programme/copil/<int:pk>/dossier/<str:fmt>/", copil_views.copil_document, name="copil_document"),
    # The COPIL's decisions (decision_views)
    path("programme/copil/<int:pk>/decisions/", decision_views.copil_decisions, name="copil_decisions"),
    # Closing, snapshots and « ce qui a changé » (snapshot_views)
    path("programme/copil/<int:pk>/cloture/", snapshot_views.copil_close, name="copil_close"),
    path("programme/instantanes/", snapshot_views.snapshot_list, name="snapshot_list"),
    path("programme/instantanes/<int:pk>/", snapshot_views.snapshot_detail, name="snapshot_detail"),
    path("programme/ce-qui-a-change/", snapshot_views.changes, name="changes"),
    path("programme/ce-qui-a-change/export/<str:fmt>/", snapshot_views.changes_export, name="changes_export"),
]
