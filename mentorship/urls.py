from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from mentorship.views import core as views

year_urls = [
    path("", views.year_update, name="year-update"),
    path("make-current/", views.year_set_current, name="year-set-current"),
]

mentorship_urls = (
    [
        path("curator/", views.curator_home, name="curator-home"),
        path("director/", views.director_home, name="director-home"),
        path("mentor/", views.mentor_home, name="mentor-home"),
        path("teacher/", views.teacher_home, name="teacher-home"),
        path("settings/", views.settings_page, name="settings"),
        path("settings/years/new/", views.year_create, name="year-create"),
        path("settings/years/<int:pk>/", include(year_urls)),
    ],
    "mentorship",
)

account_urls = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            subject_template_name="emails/password_reset_subject.txt",
            email_template_name="emails/password_reset.txt",
            html_email_template_name="emails/password_reset.html",
        ),
        name="password_reset",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include(account_urls)),
    path("", include(mentorship_urls)),
    path("roadmap/", include("roadmap.urls")),
    path("surveys/", include("surveys.urls")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "img/favicon.svg")),
]

if settings.DEBUG:
    from django.conf.urls.static import static  # noqa: PLC0415

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
