from django.contrib.auth import views as auth_views
from django.urls import include, path

from catchall.web.api.urls import api
from catchall.web.assessment import views as assessment
from catchall.web.audit import views as audit
from catchall.web.cases import action_pages, rate
from catchall.web.cases import views as cases
from catchall.web.cases.apply import views as apply
from catchall.web.classification import views as classification
from catchall.web.core import views as core
from catchall.web.notifications import views as notifications
from catchall.web.screening import views as screening
from catchall.web.tokens import views as tokens

urlpatterns = [
    path("", core.home, name="home"),
    path("healthz", core.health, name="health"),
    path("login/", core.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("classify/", classification.classify_page, name="classify"),
    path("controls/", classification.controls_page, name="controls"),
    path("controls/<str:entry_id>/", classification.control_entry_page, name="control-entry"),
    path("screen/", screening.screen_page, name="screen"),
    path("screen/batch/", screening.batch_page, name="screen-batch"),
    path("lists/", screening.lists_page, name="lists"),
    path("lists/<str:name>/", screening.list_detail_page, name="list-detail"),
    path("lists/<str:name>/replace/", screening.list_replace, name="list-replace"),
    path("assess/", assessment.assess_page, name="assess"),
    path("dashboard/", cases.dashboard_page, name="dashboard"),
    path("cases/", cases.queue_page, name="cases"),
    path("cases/new/", cases.new_case_page, name="case-new"),
    path("apply/", apply.start, name="apply"),
    path("apply/template.json", apply.template_download, name="apply-template"),
    path("apply/schema.json", apply.schema_download, name="apply-schema"),
    path("apply/submitted/<int:case_id>/", apply.done, name="apply-done"),
    path("apply/<int:draft_id>/", apply.tasks, name="apply-tasks"),
    path("apply/<int:draft_id>/items/", apply.items, name="apply-items"),
    path("apply/<int:draft_id>/items/<int:n>/<str:part>/", apply.item, name="apply-item"),
    path("apply/<int:draft_id>/check/", apply.check, name="apply-check"),
    path("apply/<int:draft_id>/<str:page>/", apply.page, name="apply-page"),
    path("cases/<int:pk>/", cases.case_page, name="case"),
    path("cases/<int:pk>/act/<str:action>/", action_pages.case_action, name="case-action"),
    # amending page by page: the apply journey's pages on a draft of the case's next version
    path("cases/<int:pk>/amend/", apply.amend, name="case-amend"),
    path("cases/<int:pk>/amendment/", apply.tasks, name="case-amend-tasks"),
    path("cases/<int:pk>/amendment/sent/", apply.amend_done, name="case-amend-done"),
    path("cases/<int:pk>/amendment/items/", apply.items, name="case-amend-items"),
    path(
        "cases/<int:pk>/amendment/items/<int:n>/<str:part>/",
        apply.item,
        name="case-amend-item",
    ),
    path("cases/<int:pk>/amendment/check/", apply.check, name="case-amend-check"),
    path("cases/<int:pk>/amendment/<str:page>/", apply.page, name="case-amend-page"),
    path("cases/<int:pk>/rate/", rate.rate_page, name="case-rate"),
    path(
        "cases/<int:pk>/documents/<int:doc_id>.<str:fmt>",
        cases.document_download,
        name="case-document",
    ),
    path("cases/<int:pk>/summary.<str:fmt>", cases.summary_download, name="case-summary"),
    path("cases/<int:pk>/uploads/", cases.upload_file, name="case-upload"),
    path("cases/<int:pk>/uploads/<int:upload_id>", cases.upload_download, name="case-upload-get"),
    path("audit/", audit.audit_page, name="audit"),
    path(
        "account/notifications/",
        notifications.preferences_page,
        name="notification-preferences",
    ),
    path("account/tokens/", tokens.tokens_page, name="tokens"),
    path("account/tokens/<int:token_id>/revoke/", tokens.token_revoke_view, name="token-revoke"),
    path("denials/", include("catchall.web.denials.urls")),
    path("regime/", include("catchall.web.regime.urls")),
    path("library/", include("catchall.web.regime.library_urls")),
    path("jobs/", include("catchall.web.jobs.urls")),
    path("api/", api.urls),
]

# Under /api/ these answer JSON in the API's error shape; pages keep Django's HTML.
handler400 = "catchall.web.api.fallbacks.bad_request"
handler403 = "catchall.web.api.fallbacks.permission_denied"
handler404 = "catchall.web.api.fallbacks.page_not_found"
handler500 = "catchall.web.api.fallbacks.server_error"
