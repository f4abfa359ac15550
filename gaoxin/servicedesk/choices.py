from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoxin.servicedesk import deadlines as dl
from gaoxin.servicedesk import workflow as wf


class RequestState(models.TextChoices):
    SUBMITTED = wf.SUBMITTED, pgettext_lazy("servicedesk", "Submitted")
    ACCEPTED = wf.ACCEPTED, pgettext_lazy("servicedesk", "Accepted")
    DISPATCHED = wf.DISPATCHED, pgettext_lazy("servicedesk", "Awaiting signature")
    IN_PROGRESS = wf.IN_PROGRESS, pgettext_lazy("servicedesk", "In progress")
    REPLIED = wf.REPLIED, pgettext_lazy("servicedesk", "Replied, under review")
    AWAITING_CALLBACK = wf.AWAITING_CALLBACK, pgettext_lazy("servicedesk", "Awaiting callback")
    CLOSED = wf.CLOSED, pgettext_lazy("servicedesk", "Closed")


class Action(models.TextChoices):
    """Every step of the loop, as the timeline names it (creation included)."""

    CREATE = "create", pgettext_lazy("servicedesk", "Submit")
    ACCEPT = "accept", pgettext_lazy("servicedesk", "Accept")
    REFUSE = "refuse", pgettext_lazy("servicedesk", "Refuse as not admissible")
    DISPATCH = "dispatch", pgettext_lazy("servicedesk", "Dispatch")
    RETURN = "return", pgettext_lazy("servicedesk", "Return")
    SIGN = "sign", pgettext_lazy("servicedesk", "Sign")
    CONTACT = "contact", pgettext_lazy("servicedesk", "Contact the enterprise")
    CONTRIBUTE = "contribute", pgettext_lazy("servicedesk", "Co-handling opinion")
    INTERIM_REPLY = "interim_reply", pgettext_lazy("servicedesk", "Interim reply")
    REQUEST_EXTENSION = "request_extension", pgettext_lazy("servicedesk", "Ask for an extension")
    DECIDE_EXTENSION = "decide_extension", pgettext_lazy("servicedesk", "Decide on the extension")
    REPLY = "reply", pgettext_lazy("servicedesk", "Reply")
    APPROVE_REPLY = "approve_reply", pgettext_lazy("servicedesk", "Approve the reply")
    REJECT_REPLY = "reject_reply", pgettext_lazy("servicedesk", "Send the reply back")
    CALLBACK = "callback", pgettext_lazy("servicedesk", "Call back")
    RATE = "rate", pgettext_lazy("servicedesk", "Rate")
    REOPEN = "reopen", pgettext_lazy("servicedesk", "Reopen")
    CLOSE = "close", pgettext_lazy("servicedesk", "Close")
    CLOSE_DIRECTLY = "close_directly", pgettext_lazy("servicedesk", "Close without dispatch")
    SUPERVISE = "supervise", pgettext_lazy("servicedesk", "Supervise")
    ATTACH = "attach", pgettext_lazy("servicedesk", "Attach a file")


class Urgency(models.TextChoices):
    NORMAL = "normal", pgettext_lazy("servicedesk", "Normal")
    URGENT = "urgent", pgettext_lazy("servicedesk", "Urgent")


class Channel(models.TextChoices):
    VISIT = "visit", pgettext_lazy("servicedesk", "Visit")
    PHONE = "phone", pgettext_lazy("servicedesk", "Phone call")
    HOTLINE_12345 = "hotline_12345", pgettext_lazy("servicedesk", "12345 hotline transfer")
    LETTER = "letter", pgettext_lazy("servicedesk", "Letter")
    PORTAL = "portal", pgettext_lazy("servicedesk", "Enterprise portal")


class Rating(models.TextChoices):
    SATISFIED = wf.SATISFIED, pgettext_lazy("servicedesk", "Satisfied")
    BASICALLY_SATISFIED = wf.BASICALLY_SATISFIED, pgettext_lazy("servicedesk", "Basically satisfied")
    DISSATISFIED = wf.DISSATISFIED, pgettext_lazy("servicedesk", "Dissatisfied")


class Outcome(models.TextChoices):
    """What the department's reply achieved: the base of the resolution rate (解决率)."""

    RESOLVED = "resolved", _("Resolved")
    PARTLY_RESOLVED = "partly_resolved", _("Partly resolved")
    EXPLAINED = "explained", _("Not solvable; explained to the enterprise")


class CloseReason(models.TextChoices):
    HANDLED = "handled", _("Handled and called back")
    ANSWERED_DIRECTLY = "answered_directly", _("Answered directly by the centre")
    NOT_ADMISSIBLE = "not_admissible", _("Not admissible")


class SupervisionLevel(models.IntegerChoices):
    NONE = 0, pgettext_lazy("servicedesk", "None")
    CENTRE = 1, pgettext_lazy("servicedesk", "Supervised by the centre")
    LEADER = 2, pgettext_lazy("servicedesk", "Supervised by a leader")
    COMMITTEE = 3, pgettext_lazy("servicedesk", "Listed by the committee")


class LimitUnit(models.TextChoices):
    DAYS = dl.DAYS, _("working days")
    HOURS = dl.HOURS, _("office hours")


class DeadlineName(models.TextChoices):
    ACCEPT = "accept", _("accept")
    DISPATCH = "dispatch", _("dispatch")
    SIGN = "sign", _("sign")
    RETURN = "return", _("return")
    CONTACT = "contact", _("first contact")
    INTERIM = "interim", _("interim reply")
    RESOLVE = "resolve", _("resolve")
    REVIEW = "review", _("review")
    CALLBACK = "callback", _("callback")


class AlertKind(models.TextChoices):
    NEARING = "nearing", pgettext_lazy("servicedesk", "Due soon")
    OVERDUE = "overdue", pgettext_lazy("servicedesk", "Overdue")


class ExtensionDecision(models.TextChoices):
    PENDING = "pending", pgettext_lazy("servicedesk", "Pending")
    APPROVED = "approved", pgettext_lazy("servicedesk", "Approved")
    REJECTED = "rejected", pgettext_lazy("servicedesk", "Rejected")


class RobotKind(models.TextChoices):
    DINGTALK = "dingtalk", _("DingTalk group robot")
    WECOM = "wecom", _("WeCom group robot")


class VisitTopic(models.TextChoices):
    POLICY = "policy", _("Policies")
    PRODUCTION = "production", _("Production and orders")
    LAND = "land", _("Land and space")
    ENERGY = "energy", _("Electricity and energy")
    FINANCING = "financing", _("Financing")
    TALENT = "talent", _("Talent and labour")
    INNOVATION = "innovation", _("Innovation and R&D")
    APPROVAL = "approval", _("Approvals")
    SAFETY = "safety", _("Safety and environment")
    INVESTMENT = "investment", _("New investment")


class RedFlag(models.TextChoices):
    EXPANSION = "expansion", _("Expansion plans")
    MOVING_OUT = "moving_out", _("May move out")
    DOWNSIZING = "downsizing", _("Downsizing")
    DIFFICULTIES = "difficulties", _("Operating difficulties")
