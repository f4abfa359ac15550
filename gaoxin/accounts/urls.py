from django.contrib.auth import views as auth_views
from django.urls import path

from gaoxin.accounts import admin_views, lockout_views, views
from gaoxin.accounts.forms import LoginForm

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html", authentication_form=LoginForm),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("profile/token/", views.regenerate_token, name="regenerate_token"),
    path("users/", admin_views.user_list, name="user_list"),
    path("users/new/", admin_views.user_edit, name="user_create"),
    path("users/<int:pk>/", admin_views.user_edit, name="user_edit"),
    path("lockouts/", lockout_views.lockout_list, name="lockout_list"),
    path("lockouts/<int:pk>/lift/", lockout_views.lockout_lift, name="lockout_lift"),
    path("departments/", admin_views.department_list, name="department_list"),
    path("departments/new/", admin_views.department_edit, name="department_create"),
    path("departments/<int:pk>/", admin_views.department_edit, name="department_edit"),
]
