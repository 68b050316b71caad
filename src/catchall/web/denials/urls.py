from django.urls import path

from catchall.web.denials import views

app_name = "denials"
urlpatterns = [
    path("", views.denial_list, name="list"),
    path("import/", views.denial_import, name="import"),
    path("export/", views.denial_export, name="export"),
    path("<int:pk>/", views.denial_detail, name="detail"),
    path("<int:pk>/revoke/", views.denial_revoke_view, name="revoke"),
]
