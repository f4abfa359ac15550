"""Who may do what with investment leads (DOMAIN §6; issue: 招商局 manages all, 全员招商).

- The investment bureau (officers of a department holding the investment capability) and administrators manage every
  lead and the module's settings, and settle duplicate claims (the bureau head's decision, logged).
- Any officer registers leads (全员招商) and works on the leads they own: as the responsible officer, a member of the
  responsible team, or the one who registered it.
- Lead officials (包联领导) read and follow the leads they are named on; leaders read every lead.
- Enterprise contacts see only the referrals their enterprise made, never the lead itself.
- A confidential lead shows its code name instead of its name and investor to staff who read it without managing or
  owning it.
"""

from __future__ import annotations

from typing import Any

from gaoxin.accounts.choices import Capability


def is_bureau(user: Any) -> bool:
    """Administrators and officers of a department holding the investment capability (招商局)."""
    return bool(getattr(user, "is_authenticated", False) and user.can_act_on(Capability.INVESTMENT))


def may_register(user: Any) -> bool:
    """全员招商: every officer (and the bureau, administrators) may register a lead."""
    return bool(getattr(user, "is_authenticated", False) and (user.is_officer or is_bureau(user)))


def owns(user: Any, lead: Any, team_member_ids: Any = None) -> bool:
    """The lead's responsible officer, the one who registered it, or a member of its responsible team
    (``team_member_ids``: the team's member ids when already fetched)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.pk in (lead.officer_id, lead.registered_by_id):
        return True
    if lead.team_id is None:
        return False
    members = (
        team_member_ids if team_member_ids is not None else lead.team.members.values_list("pk", flat=True)
    )
    return user.pk in set(members)


def may_edit(user: Any, lead: Any) -> bool:
    return is_bureau(user) or owns(user, lead)


def may_see_investor(user: Any, lead: Any, team_member_ids: Any = None) -> bool:
    """Whether the user sees a confidential lead's name and investor (everyone sees an open lead's);
    ``team_member_ids`` as for ``owns``."""
    return (
        not lead.is_confidential
        or is_bureau(user)
        or owns(user, lead, team_member_ids)
        or (getattr(user, "is_authenticated", False) and user.pk == lead.lead_official_id)
    )


def may_configure(user: Any) -> bool:
    """Stages, stop reasons, teams, targets and the module's rules."""
    return is_bureau(user)


def may_settle_disputes(user: Any) -> bool:
    return is_bureau(user)
