"""Changes of the evaluation: each validates, writes in one transaction and records the change log."""

from gaoxin.evaluation.services.feedback import (
    check_attachments,
    confirmation_submit,
    objection_accept,
    objection_file,
    objection_reject,
)
from gaoxin.evaluation.services.runs import (
    notice_start,
    result_regrade,
    run_approve,
    run_publicity,
    run_publish,
    run_rescore,
    run_start,
    simulation_start,
)
from gaoxin.evaluation.services.schemes import (
    inputs_import,
    inputs_save,
    policy_save,
    scheme_create,
    scheme_set_active,
    schemes_load_shipped,
)

__all__ = [
    "check_attachments",
    "confirmation_submit",
    "inputs_import",
    "inputs_save",
    "notice_start",
    "objection_accept",
    "objection_file",
    "objection_reject",
    "policy_save",
    "result_regrade",
    "run_approve",
    "run_publicity",
    "run_publish",
    "run_rescore",
    "run_start",
    "scheme_create",
    "scheme_set_active",
    "schemes_load_shipped",
    "simulation_start",
]
