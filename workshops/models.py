# Working groups, meetings, attendance and minutes arrive with their own issue.
# Group-level roles (animateur, co-animateur, membre, observateur) will live on a WorkingGroup membership
# model here; access functions will combine them with partners.enums.Role. The axes are reference data
# shared by every app, so they live in partners (the app every other one may import).
