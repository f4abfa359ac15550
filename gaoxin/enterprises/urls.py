from django.urls import path

from gaoxin.enterprises import import_views, views

app_name = "enterprises"
urlpatterns = [
    path("", views.enterprise_list, name="list"),
    path("new/", views.enterprise_create, name="create"),
    path("suggest/", views.enterprise_suggest, name="suggest"),
    path("<int:pk>/", views.enterprise_detail, name="detail"),
    path("<int:pk>/edit/", views.enterprise_edit, name="edit"),
    path("<int:pk>/years/new/", views.year_edit, name="year_create"),
    path("<int:pk>/years/<int:year>/", views.year_edit, name="year_edit"),
    path("<int:pk>/leases/new/", views.lease_add, name="lease_add"),
    path("parcels/", views.parcel_list, name="parcel_list"),
    path("parcels/new/", views.parcel_edit, name="parcel_create"),
    path("parcels/<int:pk>/", views.parcel_detail, name="parcel_detail"),
    path("parcels/<int:pk>/edit/", views.parcel_edit, name="parcel_edit"),
    path("imports/", import_views.import_start, name="import_start"),
    path("imports/template/<str:kind>.xlsx", import_views.import_template, name="import_template"),
    path("imports/<uuid:job_id>/", import_views.import_job, name="import_job"),
    path("imports/<uuid:job_id>/confirm/", import_views.import_confirm, name="import_confirm"),
    path("imports/<uuid:job_id>/retry/", import_views.import_retry, name="import_retry"),
    path("imports/<uuid:job_id>/problems.xlsx", import_views.import_problems, name="import_problems"),
]
