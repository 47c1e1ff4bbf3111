from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from mentorship.urls_calendar import calendar_urls
from mentorship.urls_concerns import concerns_urls
from mentorship.urls_meetings import meetings_urls
from mentorship.urls_pairs import pairs_urls
from mentorship.urls_practice import practice_urls
from mentorship.urls_programmes import programmes_urls
from mentorship.urls_transfer import transfer_urls
from mentorship.views import accounts, banks, people, vocabulary
from mentorship.views import core as views

year_urls = [
    path("", views.year_update, name="year-update"),
    path("make-current/", views.year_set_current, name="year-set-current"),
]

person_urls = [
    path("", people.person_detail, name="person-detail"),
    path("edit/", people.person_update, name="person-update"),
    path("photo/", people.person_photo, name="person-photo"),
    path("consents/new/", people.consent_create, name="consent-create"),
    path("mentee/new/", banks.mentee_create, name="mentee-create"),
    path("mentor/new/", banks.mentor_create, name="mentor-create"),
]

consent_urls = [
    path("withdraw/", people.consent_withdraw, name="consent-withdraw"),
    path("scan/", people.consent_scan, name="consent-scan"),
]

mentee_urls = [
    path("", banks.mentee_update, name="mentee-update"),
    path("status/", banks.mentee_status, name="mentee-status"),
]

mentor_urls = [
    path("", banks.mentor_update, name="mentor-update"),
    path("status/", banks.mentor_status, name="mentor-status"),
    path("training/", banks.training_add, name="mentor-training-add"),
]

mentorship_urls = (
    [
        path("people/", people.person_list, name="person-list"),
        path("people/new/", people.person_create, name="person-create"),
        path("people/me/", people.person_me, name="person-me"),
        path("people/<int:pk>/", include(person_urls)),
        path("people/accounts/", accounts.accounts_create, name="accounts-create"),
        path("people/accounts/sheet/", accounts.accounts_sheet, name="accounts-sheet"),
        path("consents/<int:pk>/", include(consent_urls)),
        path("banks/mentees/", banks.mentee_list, name="mentee-list"),
        path("banks/mentees/<int:pk>/", include(mentee_urls)),
        path("banks/mentors/", banks.mentor_list, name="mentor-list"),
        path("banks/mentors/<int:pk>/", include(mentor_urls)),
        path("vocabulary/", vocabulary.vocabulary, name="vocabulary"),
        path("vocabulary/topics/new/", vocabulary.topic_create, name="topic-create"),
        path("vocabulary/topics/<int:pk>/", vocabulary.topic_update, name="topic-update"),
        path("vocabulary/forms/new/", vocabulary.form_create, name="form-create"),
        path("vocabulary/forms/<int:pk>/", vocabulary.form_update, name="form-update"),
        path("curator/", views.curator_home, name="curator-home"),
        path("director/", views.director_home, name="director-home"),
        path("mentor/", views.mentor_home, name="mentor-home"),
        path("teacher/", views.teacher_home, name="teacher-home"),
        path("settings/", views.settings_page, name="settings"),
        path("settings/years/new/", views.year_create, name="year-create"),
        path("settings/years/<int:pk>/", include(year_urls)),
        path("", include(transfer_urls)),
        path("", include(pairs_urls)),
        path("", include(programmes_urls)),
        path("", include(meetings_urls)),
        path("", include(concerns_urls)),
        path("", include(calendar_urls)),
        path("", include(practice_urls)),
    ],
    "mentorship",
)

account_urls = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        accounts.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
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
    path("documents/", include("reports.urls")),
    path("nastavnichestvo/", include("reports.urls_public")),
    path("admin/", admin.site.urls),
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "img/favicon.svg")),
]

if settings.BENCH_BARE_VIEW:
    from mentorship.views.bench import bare  # noqa: PLC0415

    urlpatterns.append(path("bench/bare/", bare, name="bench-bare"))

if settings.DEBUG:
    from django.conf.urls.static import static  # noqa: PLC0415

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
