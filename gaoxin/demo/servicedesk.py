"""The demo zone's enterprise service: two years of requests and visits, in every state of the loop.

Each request follows the loop step by step in simulated time (office hours on the official calendar), with the
odds of practice: most are signed and resolved on time, some are returned, extended, replied late, rated
dissatisfied and reopened, a few are answered by the centre directly; the loop stops where "now" is, so recent
requests are waiting, in progress or overdue. Deadlines come from the same limits and calendar as real ones.
Rows are written in bulk, without the change log (demo data is loaded, not edited); the deadline scan then runs
once, so the officers' bells have something true to say. Deterministic for a given day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from gaoxin.accounts.choices import Role
from gaoxin.accounts.models import Department, User
from gaoxin.core import calendar_services
from gaoxin.core.workcalendar import MissingYearError, WorkCalendar
from gaoxin.enterprises.models import Enterprise
from gaoxin.servicedesk import scan, seeds
from gaoxin.servicedesk.models import (
    Category,
    DeadlineAlert,
    EnterpriseOfficer,
    ExtensionRequest,
    Notification,
    RequestEvent,
    RobotWebhook,
    ServiceRequest,
    Visit,
    VisitPlan,
)
from gaoxin.servicedesk.services import deadlines as sync
from gaoxin.servicedesk.services import notify

SEED = 20251010
REQUESTS = {"tiny": 120, "small": 1200, "large": 1200}
VISITS = {"tiny": 60, "small": 800, "large": 800}
DAYS = 730

# category → (what enterprises ask, handling department, co-handling department)
ASKS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "policy": (
        (
            "研发费用加计扣除政策咨询",
            "高新技术企业认定申报指导",
            "技改补助申报条件咨询",
            "亩均评价结果应用政策咨询",
        ),
        "jingfa",
        "kechuang",
    ),
    "land": (
        ("二期扩建用地指标", "标准地出让进度", "厂房加层审批咨询", "不动产权证办理"),
        "xiangmu",
        "ziranziyuan",
    ),
    "electricity": (
        ("新厂房用电增容", "双回路供电改造", "临时用电接入", "峰谷电价执行咨询"),
        "jingfa",
        "gongdian",
    ),
    "energy": (("用能指标申请", "节能审查进度", "天然气管道接入"), "jingfa", "shengtai"),
    "financing": (
        ("流动资金贷款对接", "科技贷贴息申请", "上市辅导咨询", "应急转贷资金申请"),
        "jingfa",
        "caizheng",
    ),
    "talent": (("招聘技术工人", "人才公寓申请", "员工子女入学咨询", "高层次人才认定"), "zhaoshang", ""),
    "approval": (("环评审批进度", "施工许可办理", "消防验收预约", "排污许可变更"), "xiangmu", "shengtai"),
    "infrastructure": (
        ("厂区门口道路破损", "雨污管网接入", "公交线路延伸", "厂区 5G 信号覆盖"),
        "xiangmu",
        "jianshe",
    ),
    "other": (("周边噪声投诉处理", "知识产权纠纷咨询", "安全生产指导"), "fuwu", "yingji"),
}
NO_OFFICER_DEPARTMENTS = ("shengtai", "ziranziyuan")  # dispatched there, nobody signs: overdue signatures
TOPICS = (
    "policy",
    "production",
    "land",
    "energy",
    "financing",
    "talent",
    "innovation",
    "approval",
    "safety",
    "investment",
)
RED_FLAGS = ("expansion", "moving_out", "downsizing", "difficulties")
PROBLEMS = (
    "用地指标紧张，二期项目难以落地",
    "订单下滑，开工率不足六成",
    "技术工人招聘困难",
    "融资成本偏高",
    "用电容量不足",
)


@dataclass
class Draft:
    """One request as it is being simulated, its timeline and side rows."""

    values: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    extensions: list[dict[str, Any]] = field(default_factory=list)
    co_department: int | None = None


class Simulation:
    def __init__(self, now: dt.datetime, calendar: WorkCalendar, rng: np.random.Generator) -> None:
        self.now, self.calendar, self.rng = now, calendar, rng
        self.departments = {d.code: d for d in Department.objects.all()}
        users = {
            u.username: u
            for u in User.objects.filter(
                username__in=["fuwu", "jingfa", "xiangmu", "zhaoshang", "kechuang", "qiye"]
            )
        }
        self.centre = users.get("fuwu")
        self.contact = users.get("qiye")
        self.signers = {u.department.code: u for u in users.values() if u.department_id and u.department}
        self.contact_enterprise = self.contact.enterprise_id if self.contact else None
        self.categories = {c.code: c for c in Category.objects.all()}
        self.limits: dict[tuple[int, str], tuple[Any, Any]] = {}

    def later(self, moment: dt.datetime, hours: float) -> dt.datetime:
        return self.calendar.add_work_hours(moment, max(hours, 0.05))

    def chance(self, p: float) -> bool:
        return bool(self.rng.random() < p)

    def step(
        self,
        draft: Draft,
        action: str,
        at: dt.datetime,
        by: User | None,
        to: str,
        note: str = "",
        **data: Any,
    ) -> bool:
        """Record a step if its time has come; False (and nothing recorded) once the simulation reaches now."""
        if at > self.now:
            return False
        draft.events.append(
            {
                "action": action,
                "from_state": draft.values["state"],
                "to_state": to,
                "at": at,
                "by": by,
                "note": note,
                "data": data,
            }
        )
        draft.values["state"] = to
        return True

    def request(
        self, enterprise: tuple[int, str, str], received: dt.datetime, visit: Visit | None = None
    ) -> Draft:
        code = str(self.rng.choice(list(ASKS)))
        titles, lead, helper = ASKS[code]
        urgent = self.chance(0.1)
        category = self.categories[code]
        key = (category.pk, "urgent" if urgent else "normal")
        if key not in self.limits:
            self.limits[key] = sync.limits_for(*key)
        policy, limits = self.limits[key]
        flagship = enterprise[0] == self.contact_enterprise
        portal = visit is None and (flagship or self.chance(0.35))
        values = {
            "enterprise_id": enterprise[0], "title": str(self.rng.choice(titles)), "category": category,
            "description": f"{enterprise[1]}反映：{self.rng.choice(titles)}，请予协调。", "urgency": key[1],
            "channel": "visit" if visit else ("portal" if portal else str(self.rng.choice(["phone", "hotline_12345", "letter"]))),
            "contact_name": enterprise[2], "visit": visit, "received_at": received, "state": "",
            "submitted_by": (self.contact if flagship else None) if portal else self.centre,
            "policy": policy, "limits": limits.as_json(),
        }  # fmt: skip
        draft = Draft(values)
        self.step(draft, "create", received, values["submitted_by"], "submitted")
        self._loop(draft, lead, helper)
        return draft

    def _loop(self, draft: Draft, lead: str, helper: str) -> None:
        v, centre = draft.values, self.centre
        t = self.later(v["received_at"], self.rng.uniform(0.2, 6))
        if self.chance(0.02):  # not admissible: refused before acceptance, with the reason
            reason = "属司法诉讼事项，不属于企业服务受理范围，请通过法律途径解决"
            if self.step(draft, "refuse", t, centre, "closed", reason, reason="not_admissible"):
                v.update(closed_at=t, closed_by=centre, close_reason="not_admissible", close_note=reason)
            return
        if not self.step(draft, "accept", t, centre, "accepted"):
            return
        v.update(accepted_at=t, accepted_by=centre)
        if self.chance(0.02):
            t = self.later(t, self.rng.uniform(1, 6))
            note = "已当场答复政策口径"
            if self.step(draft, "close_directly", t, centre, "closed", note, reason="answered_directly"):
                v.update(closed_at=t, closed_by=centre, close_reason="answered_directly", close_note=note)
            return
        if v["received_at"] > self.now - dt.timedelta(days=20) and self.chance(0.3):
            lead = str(self.rng.choice(NO_OFFICER_DEPARTMENTS))
        elif self.chance(0.06):  # misrouted first: dispatched, then returned by the wrong department
            wrong = "zhaoshang" if lead != "zhaoshang" else "jingfa"
            t = self.later(t, 0.5)
            if not self._dispatch(draft, t, wrong):
                return
            t = self.later(t, self.rng.uniform(1, 10))
            if not self.step(
                draft, "return", t, self.signers.get(wrong), "accepted", "不属本单位职责，请改派"
            ):
                return
            v.update(department=None, dispatched_at=None, dispatched_by=None, return_count=1)
        t = self.later(t, self.rng.uniform(0.2, 3))
        if not self._dispatch(draft, t, lead):
            return
        draft.co_department = self.departments[helper].pk if helper and self.chance(0.4) else None
        signer = self.signers.get(lead)
        if signer is None:
            return  # nobody there signs: it waits, overdue
        t = self.later(t, self.rng.uniform(0.5, 7) if self.chance(0.9) else self.rng.uniform(8, 24))
        if not self.step(draft, "sign", t, signer, "in_progress"):
            return
        v.update(signed_at=t, signed_by=signer)
        if draft.co_department and helper in self.signers:  # the co-handling department adds its part
            t = self.later(t, self.rng.uniform(0.5, 4))
            part = "经核查，企业符合科技项目补助申报条件，可在本年度申报窗口期提交材料。"
            if not self.step(
                draft, "contribute", t, self.signers[helper], "in_progress", part,
                department=self.departments[helper].name,
            ):  # fmt: skip
                return
        self._handle(draft, t, signer, first=True)

    def _dispatch(self, draft: Draft, t: dt.datetime, code: str) -> bool:
        if not self.step(
            draft, "dispatch", t, self.centre, "dispatched", department=self.departments[code].name
        ):
            return False
        draft.values.update(department=self.departments[code], dispatched_at=t, dispatched_by=self.centre)
        return True

    def _handle(self, draft: Draft, t: dt.datetime, signer: User, *, first: bool) -> None:
        v, centre = draft.values, self.centre
        if first:
            contact = self.later(t, self.rng.uniform(0.1, 1.5))
            if not self.step(draft, "contact", contact, signer, "in_progress", "电话联系企业"):
                return
            v["contacted_at"] = contact
            interim = self.later(t, self.rng.uniform(4, 20))
            if not self.step(draft, "interim_reply", interim, signer, "in_progress", "已会同相关单位研究"):
                return
            v.update(interim_at=interim, interim_note="已会同相关单位研究")
        limit = v["limits"]["resolve"]["amount"]  # most replies come within the limit, some after it
        resolve_hours = (
            7.5 * limit * (self.rng.uniform(0.3, 0.9) if self.chance(0.85) else self.rng.uniform(1.1, 1.6))
        )
        if self.chance(0.08):
            days = int(self.rng.integers(3, 6))
            asked = self.later(t, resolve_hours * 0.6)
            if not self.step(
                draft, "request_extension", asked, signer, "in_progress", "需上级部门审批", days=days
            ):
                return
            approved = self.chance(0.85)
            decided = self.later(asked, 2)
            extension = {
                "days": days,
                "reason": "需上级部门审批",
                "requested_by": signer,
                "requested_at": asked,
            }
            draft.extensions.append(extension)
            if not self.step(
                draft, "decide_extension", decided, centre, "in_progress", days=days, approved=approved
            ):
                return
            extension.update(
                decision="approved" if approved else "rejected", decided_by=centre, decided_at=decided
            )
            if approved:
                v["extension_days"] = v.get("extension_days", 0) + days
                resolve_hours += 7.5 * days
        replied = self.later(t, resolve_hours)
        outcome = str(self.rng.choice(["resolved", "resolved", "resolved", "partly_resolved", "explained"]))
        reply = "已协调办理完毕" if outcome == "resolved" else "已向企业说明有关政策和办理进度"
        if not self.step(draft, "reply", replied, signer, "replied", reply, outcome=outcome):
            return
        v.update(replied_at=replied, replied_by=signer, reply=reply, outcome=outcome)
        reviewed = self.later(replied, self.rng.uniform(0.5, 7))
        if first and self.chance(0.1):  # the centre sends the reply back for rework (退回重答)
            reason = "答复过于简单，请补充办理依据"
            if not self.step(
                draft, "reject_reply", reviewed, centre, "in_progress", reason, reply=reply, outcome=outcome
            ):
                return
            v.update(replied_at=None, replied_by=None)
            replied = self.later(reviewed, self.rng.uniform(2, 10))
            reply = f"{reply}，并已书面告知办理依据和后续安排"
            if not self.step(draft, "reply", replied, signer, "replied", reply, outcome=outcome):
                return
            v.update(replied_at=replied, replied_by=signer, reply=reply)
            reviewed = self.later(replied, self.rng.uniform(0.5, 7))
        if not self.step(
            draft, "approve_reply", reviewed, centre, "awaiting_callback", reply=reply, outcome=outcome
        ):
            return
        v.update(reviewed_at=reviewed, reviewed_by=centre)
        called = self.later(reviewed, self.rng.uniform(1, 7))
        rating = str(
            self.rng.choice(["satisfied", "basically_satisfied", "dissatisfied"], p=[0.72, 0.2, 0.08])
        )
        if not first and rating == "dissatisfied":
            rating = "basically_satisfied"
        if not self.step(
            draft, "callback", called, centre, "awaiting_callback", "电话回访企业", rating=rating
        ):
            return
        v.update(
            callback_at=called,
            callback_by=centre,
            callback_note="电话回访企业",
            rating=rating,
            rated_at=called,
        )
        if rating == "dissatisfied" and self.chance(0.6):
            reopened = self.later(called, 1)
            if not self.step(
                draft,
                "reopen",
                reopened,
                centre,
                "in_progress",
                "企业不满意，承办单位重新办理",
                rating=rating,
            ):
                return
            v.update(
                reopened_at=reopened,
                reopen_count=1,
                extension_days=0,
                rating="",
                rated_at=None,
                reply="",
                outcome="",
            )
            v.update(
                replied_at=None,
                replied_by=None,
                reviewed_at=None,
                reviewed_by=None,
                callback_at=None,
                callback_by=None,
            )
            self._handle(draft, reopened, signer, first=False)
            return
        closed = self.later(called, 0.5)
        if self.step(draft, "close", closed, centre, "closed"):
            v.update(closed_at=closed, closed_by=centre, close_reason="handled")


def _moments(
    rng: np.random.Generator, count: int, now: dt.datetime, calendar: WorkCalendar
) -> list[dt.datetime]:
    """Receipt times over the last two years, in office hours of working days (portal ones at any hour)."""
    start = now - dt.timedelta(days=DAYS)
    offsets = np.sort(rng.uniform(0, DAYS * 24 * 3600, size=count))
    moments = []
    for seconds in offsets:
        moment = start + dt.timedelta(seconds=float(seconds))
        if calendar.is_workday(timezone.localtime(moment).date()):
            local = timezone.localtime(moment)
            moment = local.replace(hour=int(rng.integers(8, 17)), minute=int(rng.integers(0, 60)))
        moments.append(min(moment, now - dt.timedelta(minutes=30)))
    return moments


def _visits(sim: Simulation, firms: list[tuple[int, str, str]], count: int) -> list[Visit]:
    rng, officers = sim.rng, list(sim.signers.values())
    visits = []
    for day in sorted(rng.integers(0, DAYS, size=count)):
        visited_on = timezone.localdate(sim.now) - dt.timedelta(days=int(DAYS - day))
        officer = officers[int(rng.integers(len(officers)))]
        flags = [str(f) for f in rng.choice(RED_FLAGS, size=1)] if sim.chance(0.15) else []
        visits.append(
            Visit(
                enterprise_id=firms[int(rng.integers(len(firms)))][0], visited_on=visited_on, department=officer.department,
                topics=sorted({str(t) for t in rng.choice(TOPICS, size=int(rng.integers(1, 4)))}), red_flags=flags,
                summary="了解企业生产经营情况，宣讲惠企政策", people_met="企业负责人",
                problems=str(rng.choice(PROBLEMS)) if flags or sim.chance(0.3) else "", created_by=officer,
            )
        )  # fmt: skip
    Visit.objects.bulk_create(visits)
    through = Visit.officers.through
    through.objects.bulk_create([through(visit_id=v.pk, user_id=v.created_by_id) for v in visits])
    # the officer who first visited a firm is its responsible officer (服务专员); the portal's firm has one
    responsible = {v.enterprise_id: v.created_by for v in reversed(visits)}
    if sim.contact_enterprise is not None and "jingfa" in sim.signers:
        responsible[sim.contact_enterprise] = sim.signers["jingfa"]
    EnterpriseOfficer.objects.bulk_create(
        [EnterpriseOfficer(enterprise_id=firm, officer=officer) for firm, officer in responsible.items()]
    )
    # red flags of the last month have told the centre and the responsible officers
    recent = timezone.localdate(sim.now) - dt.timedelta(days=30)
    for visit in visits:
        if visit.red_flags and visit.visited_on >= recent:
            notify.red_flags_raised(visit, visit.red_flags, by=visit.created_by)
    return visits


def _store(drafts: list[Draft], calendar: WorkCalendar, now: dt.datetime) -> int:
    requests = []
    for index, draft in enumerate(drafts):
        request = ServiceRequest(**draft.values)
        sync.refresh(request, calendar)
        if request.closed_at is not None:
            request.handling_workdays = sync.handling_workdays(request, request.closed_at, calendar)
        if request.due_at is not None and request.due_at < now - dt.timedelta(days=3) and index % 3 == 0:
            request.supervision_level = 1 + index % 2  # overdue for days: the centre or a leader supervises
            request.supervision_note = "超时未办结，列入督办"
            at = max(request.due_at, draft.events[-1]["at"])
            draft.events.append(
                {"action": "supervise", "from_state": request.state, "to_state": request.state, "at": at,
                 "by": None, "note": request.supervision_note, "data": {"level": request.supervision_level}}
            )  # fmt: skip
        requests.append(request)
    ServiceRequest.objects.bulk_create(requests, batch_size=500)
    for request in requests:
        request.number = f"FW{timezone.localtime(request.received_at).year}{request.pk:06d}"
    ServiceRequest.objects.bulk_update(requests, ["number"], batch_size=500)
    RequestEvent.objects.bulk_create(
        [
            RequestEvent(
                request=r,
                by_name=str(e["by"] or ""),
                by_enterprise=getattr(e["by"], "role", "") == Role.ENTERPRISE_CONTACT,
                **e,
            )
            for r, d in zip(requests, drafts, strict=True)
            for e in d.events
        ],
        batch_size=1000,
    )
    ExtensionRequest.objects.bulk_create(
        [
            ExtensionRequest(request=r, **x)
            for r, d in zip(requests, drafts, strict=True)
            for x in d.extensions
        ]
    )
    through = ServiceRequest.co_departments.through
    through.objects.bulk_create(
        [
            through(servicerequest_id=r.pk, department_id=d.co_department)
            for r, d in zip(requests, drafts, strict=True)
            if d.co_department
        ]
    )
    return len(requests)


def load_servicedesk(size: str) -> int:
    """Requests, visits and plans of the last two years for the demo zone; returns how many requests."""
    now = timezone.now().replace(second=0, microsecond=0)
    seeds.ensure_defaults()
    calendar = calendar_services.current_calendar()
    rng = np.random.default_rng(SEED)
    sim = Simulation(now, calendar, rng)
    if sim.centre is None or not sim.signers:
        return 0
    firms = list(
        Enterprise.objects.filter(status="operating").order_by("pk").values_list("pk", "name", "contact_name")
    )
    firm_by_pk = {firm[0]: firm for firm in firms}  # the large demo has 100,000: no scan per request
    with transaction.atomic():
        visits = _visits(sim, firms, VISITS[size])
        flagged = [v for v in visits if v.problems]
        drafts = []
        for index, received in enumerate(_moments(rng, REQUESTS[size], now, calendar)):
            from_visit = flagged[index % len(flagged)] if flagged and index % 6 == 0 else None
            firm = firm_by_pk.get(from_visit.enterprise_id, firms[0]) if from_visit else None
            if firm is None:
                firm = firms[0] if index % 15 == 0 else firms[int(rng.integers(len(firms)))]
            if from_visit:
                visited = dt.datetime.combine(
                    from_visit.visited_on, dt.time(15), tzinfo=timezone.get_current_timezone()
                )
                received = max(received, visited)
            if received > now:
                continue
            try:
                drafts.append(sim.request(firm, received, from_visit))
            except MissingYearError:
                continue
        count = _store(drafts, calendar, now)
        plans = [
            VisitPlan(officer=o, enterprise_id=firms[int(rng.integers(len(firms)))][0], planned_on=timezone.localdate(now) + dt.timedelta(days=int(d)), purpose="了解企业发展需求", created_by=o)
            for o in sim.signers.values()
            for d in rng.integers(-10, 30, size=5)
        ]  # fmt: skip
        VisitPlan.objects.bulk_create(plans)
        scan.run_scan(now)
    return count


def wipe_servicedesk() -> None:
    """Delete the service desk's demo records (its categories and policies are configuration and stay)."""
    Notification.objects.all().delete()
    DeadlineAlert.objects.all().delete()
    EnterpriseOfficer.objects.all().delete()
    VisitPlan.objects.all().delete()
    ServiceRequest.objects.all().delete()
    Visit.objects.all().delete()
    RobotWebhook.objects.all().delete()
