"""Changes of the evaluation: each validates, writes in one transaction and records the change log."""

from gaoxin.evaluation.services.confirmation import ConfirmationRequired
from gaoxin.evaluation.services.feedback import (
    check_attachments,
    confirmation_answer,
    confirmation_submit,
    objection_accept,
    objection_file,
    objection_reject,
)
from gaoxin.evaluation.services.publicity import (
    approval_problems,
    may_approve,
    publicity_rule,
    run_approve,
    run_publicity,
    run_publish,
)
from gaoxin.evaluation.services.runs import (
    notice_start,
    result_regrade,
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
from gaoxin.evaluation.services.settings import settings_save

__all__ = [
    "ConfirmationRequired",
    "approval_problems",
    "check_attachments",
    "confirmation_answer",
    "confirmation_submit",
    "inputs_import",
    "inputs_save",
    "may_approve",
    "notice_start",
    "objection_accept",
    "objection_file",
    "objection_reject",
    "policy_save",
    "publicity_rule",
    "result_regrade",
    "run_approve",
    "run_publicity",
    "run_publish",
    "run_rescore",
    "run_start",
    "scheme_create",
    "scheme_set_active",
    "schemes_load_shipped",
    "settings_save",
    "simulation_start",
]
