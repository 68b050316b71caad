from django.urls import path

from catchall.web.jobs import views

urlpatterns = [
    path("<int:job_id>/", views.job_page, name="job"),
    path("<int:job_id>/download/<str:fmt>", views.job_download, name="job-download"),
]
