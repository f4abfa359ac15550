from django.urls import path

from gaoxin.servicedesk import views

app_name = "servicedesk"
urlpatterns = [
    path("", views.request_list, name="request_list"),
]
