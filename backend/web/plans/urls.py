from django.urls import path, re_path

from backend.web.plans import documents, editing, listing, opinions, transitions

app_name = "plans"
urlpatterns = [
    path("", listing.plan_list, name="list"),
    path("new/", editing.plan_create_view, name="create"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", listing.plan_export, name="export"),
    path("services/", listing.service_list, name="services"),
    path("services/new/", editing.service_create_view, name="service_create"),
    path("decide/", transitions.plan_bulk_decide, name="bulk_decide"),
    path("<id:plan_id>/", listing.plan_detail, name="detail"),
    path("<id:plan_id>/edit/", editing.plan_edit, name="edit"),
    path("<id:plan_id>/submit/", transitions.plan_submit_view, name="submit"),
    path("<id:plan_id>/withdraw/", transitions.plan_withdraw_view, name="withdraw"),
    path("<id:plan_id>/resubmit/", transitions.plan_resubmit_view, name="resubmit"),
    path("<id:plan_id>/return/", transitions.plan_return_view, name="return"),
    path("<id:plan_id>/decide/", transitions.plan_decide_view, name="decide"),
    path("<id:plan_id>/attachments/", editing.attachment_upload, name="attachment_upload"),
    path(
        "<id:plan_id>/attachments/<id:attachment_id>/",
        editing.attachment_download,
        name="attachment_download",
    ),
    path("<id:plan_id>/pdf/", documents.plan_pdf, name="pdf"),
    path("documents/<id:document_id>/", documents.document_download, name="document"),
    path(
        "resolutions/<id:resolution_id>/document/",
        documents.resolution_document,
        name="resolution_document",
    ),
    path("opinions/<id:opinion_id>/draft/", opinions.opinion_draft_view, name="opinion_draft"),
    path("opinions/<id:opinion_id>/issue/", opinions.opinion_issue_view, name="opinion_issue"),
    path(
        "opinions/<id:opinion_id>/council/",
        opinions.opinion_send_to_council_view,
        name="opinion_send_to_council",
    ),
    path(
        "opinions/<id:opinion_id>/resolution/",
        opinions.opinion_resolution_view,
        name="opinion_resolution",
    ),
]
