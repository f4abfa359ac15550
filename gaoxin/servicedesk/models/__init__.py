"""The service desk's models: requests and their steps, limits, visits, notifications."""

from gaoxin.servicedesk.models.notifications import DeadlineAlert, Notification, RobotWebhook
from gaoxin.servicedesk.models.policies import Category, SlaPolicy
from gaoxin.servicedesk.models.requests import (
    Attachment,
    ExtensionRequest,
    RequestEvent,
    ServiceRequest,
    new_public_id,
)
from gaoxin.servicedesk.models.visits import Visit, VisitPlan

__all__ = [
    "Attachment",
    "Category",
    "DeadlineAlert",
    "ExtensionRequest",
    "Notification",
    "RequestEvent",
    "RobotWebhook",
    "ServiceRequest",
    "SlaPolicy",
    "Visit",
    "VisitPlan",
    "new_public_id",
]
