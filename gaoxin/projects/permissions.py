"""Who may do what with projects.

Committee staff read every project (leaders read all). The project office — officers of a department holding
the projects capability — and administrators change every project and the module's settings; a responsible
unit's officers change their own projects (report, log and close problems, record transitions). Enterprise
contacts see nothing of this module.
"""

from __future__ import annotations

from typing import Any

from gaoxin.accounts.choices import Capability


def may_read(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_staff_member)


def is_project_office(user: Any) -> bool:
    """Administrators and officers of a department holding the projects capability."""
    return bool(getattr(user, "is_authenticated", False) and user.can_act_on(Capability.PROJECTS))


def is_responsible(user: Any, project: Any) -> bool:
    return bool(
        getattr(user, "is_officer", False)
        and user.department_id is not None
        and user.department_id == project.responsible_unit_id
    )


def may_edit(user: Any, project: Any) -> bool:
    """Change a project's data: the project office for all, the responsible unit for its own."""
    return is_project_office(user) or is_responsible(user, project)


def may_import_reports(user: Any) -> bool:
    """Upload monthly reports: the project office, and officers of a unit (the rows of projects of other units
    are refused row by row)."""
    return is_project_office(user) or bool(
        getattr(user, "is_officer", False) and user.department_id is not None
    )


def may_create(user: Any) -> bool:
    return is_project_office(user)


def may_enter_converted_lead(user: Any) -> bool:
    """A landed investment lead becomes a project (转为项目) by the bureau that brought it in, or the project office:
    the hand-over from investment promotion to the major-project pipeline is the bureau's act."""
    return is_project_office(user) or bool(
        getattr(user, "is_authenticated", False) and user.can_act_on(Capability.INVESTMENT)
    )


def may_configure(user: Any) -> bool:
    """Stages, light and ranking rules, scorecards, the zone map."""
    return is_project_office(user)


def may_handle_issue(user: Any, issue: Any) -> bool:
    """A problem is worked on by the project office, the project's responsible unit, or the unit it is assigned
    to."""
    if may_edit(user, issue.project):
        return True
    return bool(
        getattr(user, "is_officer", False)
        and user.department_id is not None
        and user.department_id == issue.unit_id
    )
