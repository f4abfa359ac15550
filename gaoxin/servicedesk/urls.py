from django.urls import path

from gaoxin.servicedesk.views import configuration, metrics, notifications, requests, visits

app_name = "servicedesk"
urlpatterns = [
    path("", requests.request_list, name="request_list"),
    path("new/", requests.request_create, name="request_create"),
    path("r/<slug:public_id>/", requests.request_detail, name="request_detail"),
    path("r/<slug:public_id>/step/<slug:action>/", requests.request_step, name="request_step"),
    path("r/<slug:public_id>/attach/", requests.attachment_upload, name="attachment_upload"),
    path("r/<slug:public_id>/files/<int:pk>/", requests.attachment_download, name="attachment_download"),
    path("metrics/", metrics.dashboard, name="metrics"),
    path("visits/", visits.visit_list, name="visit_list"),
    path("visits/new/", visits.visit_edit, name="visit_create"),
    path("visits/<int:pk>/", visits.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/edit/", visits.visit_edit, name="visit_edit"),
    path("visits/<int:visit_id>/request/", requests.request_create, name="visit_request"),
    path("visits/plans/", visits.plan_list, name="plan_list"),
    path("visits/coverage/", visits.visit_coverage, name="coverage"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/count/", notifications.notification_count, name="notification_count"),
    path("notifications/read/", notifications.notification_read, name="notification_read"),
    path("settings/", configuration.settings_overview, name="settings"),
    path("settings/categories/new/", configuration.category_edit, name="category_create"),
    path("settings/categories/<int:pk>/", configuration.category_edit, name="category_edit"),
    path("settings/policies/new/", configuration.policy_edit, name="policy_create"),
    path("settings/policies/<int:pk>/", configuration.policy_edit, name="policy_edit"),
    path("settings/robots/new/", configuration.robot_edit, name="robot_create"),
    path("settings/robots/<int:pk>/", configuration.robot_edit, name="robot_edit"),
    path("settings/heads/new/", configuration.department_head_edit, name="head_create"),
    path("settings/heads/<int:pk>/", configuration.department_head_edit, name="head_edit"),
    path("settings/officers/new/", configuration.enterprise_officer_edit, name="officer_create"),
    path("settings/officers/<int:pk>/", configuration.enterprise_officer_edit, name="officer_edit"),
]
