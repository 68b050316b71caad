"""Pages under /library/ (papers, search, the missile-relevance taxonomy)."""

from django.urls import path

from catchall.web.regime.views import exports, library

urlpatterns = [
    path("", library.library, name="library"),
    path("export.<str:fmt>", exports.library_export, name="library-export"),
    path("new/", library.document_new, name="library-new"),
    path("taxonomy/", library.taxonomy, name="library-taxonomy"),
    path("taxonomy/<str:kind>/", library.taxonomy_kind, name="library-taxonomy-kind"),
    path("<int:pk>/", library.document_page, name="library-document"),
    path("<int:pk>/edit/", library.document_edit, name="library-document-edit"),
    # the PDF before the other formats: made by a job (regime/pdfs.py)
    path("<int:pk>/export.pdf", exports.document_pdf, name="library-document-pdf"),
    path("<int:pk>/export.<str:fmt>", exports.document_export, name="library-export-document"),
]
