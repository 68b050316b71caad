from django.urls import include, path

from catchall.web.api.urls import api
from catchall.web.classification import views as classification
from catchall.web.core import views as core

urlpatterns = [
    path("", core.home, name="home"),
    path("healthz", core.health, name="health"),
    path("classify/", classification.classify_page, name="classify"),
    path("controls/", classification.controls_page, name="controls"),
    path("controls/<str:entry_id>/", classification.control_entry_page, name="control-entry"),
    path("denials/", include("catchall.web.denials.urls")),
    path("api/", api.urls),
]
