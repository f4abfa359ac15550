from django.urls import path

from gaoxin.evaluation.views import analysis, objections, portal, results, runs, setup

app_name = "evaluation"
urlpatterns = [
    path("", runs.run_list, name="run_list"),
    path("runs/start/", runs.run_start, name="run_start"),
    path("runs/<int:pk>/", runs.run_detail, name="run_detail"),
    path("runs/<int:pk>/publicity/", runs.run_publicity, name="run_publicity"),
    path("runs/<int:pk>/approve/", runs.run_approve, name="run_approve"),
    path("runs/<int:pk>/publish/", runs.run_publish, name="run_publish"),
    path("runs/<int:pk>/rescore/", runs.run_rescore, name="run_rescore"),
    path("runs/<int:pk>/notice.xlsx", runs.notice_xlsx, name="notice_xlsx"),
    path("runs/<int:pk>/notice/", runs.notice_start, name="notice_start"),
    path("runs/<int:pk>/notice/<uuid:job_id>/", runs.notice_job, name="notice_job"),
    path("runs/<int:pk>/notice/<uuid:job_id>.pdf", runs.notice_pdf, name="notice_pdf"),
    path("runs/<int:pk>/results/<int:enterprise_id>/", results.result_detail, name="result_detail"),
    path("runs/<int:pk>/results/<int:enterprise_id>/regrade/", results.result_regrade, name="result_regrade"),
    path(
        "runs/<int:pk>/results/<int:enterprise_id>/object/", objections.objection_file, name="objection_file"
    ),
    path("runs/<int:pk>/objections/", objections.objection_list, name="objection_list"),
    path("runs/<int:pk>/aggregates/", analysis.aggregates, name="aggregates"),
    path("runs/<int:pk>/policies/", analysis.run_entitlements, name="entitlements"),
    path("objections/<int:pk>/", objections.objection_detail, name="objection_detail"),
    path("objections/<int:pk>/accept/", objections.objection_accept, name="objection_accept"),
    path("objections/<int:pk>/reject/", objections.objection_reject, name="objection_reject"),
    path("attachments/<int:pk>/", objections.attachment, name="attachment"),
    path("compare/", analysis.compare, name="compare"),
    path("simulate/", analysis.simulation_start, name="simulation_start"),
    path("simulate/<uuid:job_id>/", analysis.simulation, name="simulation"),
    path("history/", analysis.history, name="history"),
    path("schemes/", setup.scheme_list, name="scheme_list"),
    path("schemes/<int:pk>/", setup.scheme_detail, name="scheme_detail"),
    path("schemes/<int:pk>/toggle/", setup.scheme_toggle, name="scheme_toggle"),
    path("policies/", setup.policy_list, name="policy_list"),
    path("policies/new/", setup.policy_edit, name="policy_create"),
    path("policies/<int:pk>/edit/", setup.policy_edit, name="policy_edit"),
    path("inputs/import/", setup.inputs_import, name="inputs_import"),
    path("inputs/import/<uuid:job_id>/", setup.inputs_import_job, name="inputs_import_job"),
    path("inputs/import/<uuid:job_id>/confirm/", setup.inputs_import_confirm, name="inputs_import_confirm"),
    path("inputs/import/<uuid:job_id>/retry/", setup.inputs_import_retry, name="inputs_import_retry"),
    path("inputs/<int:enterprise_id>/<int:year>/", setup.inputs_edit, name="inputs_edit"),
    path("confirmations/", setup.confirmation_list, name="confirmation_list"),
    path("my/", portal.portal, name="portal"),
    path("my/<int:year>/confirm/", portal.portal_confirm, name="portal_confirm"),
]
