"""The service desk's models: requests and their steps, limits, visits, notifications, who answers
for what."""

from gaoxin.servicedesk.models.notifications import DeadlineAlert, Notification, RobotWebhook
from gaoxin.servicedesk.models.policies import Category, SlaPolicy
from gaoxin.servicedesk.models.requests import (
    ExtensionRequest,
    RequestAttachment,
    RequestEvent,
    ServiceRequest,
    new_public_id,
)
from gaoxin.servicedesk.models.responsibilities import DepartmentHead, EnterpriseOfficer
from gaoxin.servicedesk.models.visits import Visit, VisitPlan

__all__ = [
    "Category",
    "DeadlineAlert",
    "DepartmentHead",
    "EnterpriseOfficer",
    "ExtensionRequest",
    "Notification",
    "RequestAttachment",
    "RequestEvent",
    "RobotWebhook",
    "ServiceRequest",
    "SlaPolicy",
    "Visit",
    "VisitPlan",
    "new_public_id",
]
