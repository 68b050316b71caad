"""Pages under /regime/ (proposals, outreach, list versions)."""

from django.urls import path

from catchall.web.regime.views import exports, outreach, proposals

urlpatterns = [
    path("", proposals.dashboard, name="regime"),
    path("proposals/new/", proposals.proposal_new, name="regime-proposal-new"),
    path("proposals/<int:pk>/", proposals.proposal_page, name="regime-proposal"),
    path("proposals/<int:pk>/edit/", proposals.proposal_edit, name="regime-proposal-edit"),
    path("proposals/<int:pk>/redline/", proposals.proposal_redline, name="regime-redline"),
    # the PDF before the other formats: made by a job (regime/pdfs.py)
    path("proposals/<int:pk>/export.pdf", exports.proposal_pdf, name="regime-proposal-pdf"),
    path(
        "proposals/<int:pk>/export.<str:fmt>",
        exports.proposal_export,
        name="regime-proposal-export",
    ),
    path(
        "proposals/<int:pk>/feedback/<int:fid>/answer/",
        proposals.feedback_answer,
        name="regime-answer",
    ),
    path(
        "proposals/<int:pk>/posts/<int:aid>/report/",
        proposals.post_report,
        name="regime-post-report",
    ),
    path(
        "proposals/<int:pk>/<str:action>/", proposals.proposal_action, name="regime-proposal-action"
    ),
    path("versions/", outreach.versions, name="regime-versions"),
    path("diff/", outreach.diff_page, name="regime-diff"),
    path("briefing/", outreach.briefing, name="regime-briefing"),
    path("briefing.pdf", exports.briefing_pdf, name="regime-briefing-pdf"),
    path("meetings/", outreach.meetings, name="regime-meetings"),
    path("meetings/new/", outreach.meeting_new, name="regime-meeting-new"),
    path("meetings/<int:pk>/", outreach.meeting_page, name="regime-meeting"),
    path("meetings/<int:pk>/evaluation/", outreach.meeting_evaluation, name="regime-evaluation"),
    path("meetings/<int:pk>/evaluation.pdf", exports.evaluation_pdf, name="regime-evaluation-pdf"),
    path("meetings/<int:pk>/<str:action>/", outreach.meeting_action, name="regime-meeting-action"),
]
