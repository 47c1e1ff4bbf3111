import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from mentorship.demo import seed_demo
from mentorship.models import LegalBasis, Mentorship, Person, ProgrammeYear, User
from mentorship.roles import ROLES


@pytest.mark.django_db
def test_load_standard_data_can_run_twice_without_duplicates() -> None:
    call_command("load_standard_data", stdout=StringIO())
    count = LegalBasis.objects.count()
    call_command("load_standard_data", stdout=StringIO())
    assert count >= 8
    assert LegalBasis.objects.count() == count
    assert LegalBasis.objects.filter(code="r-145", title__contains="Р-145").exists()


@pytest.mark.django_db
def test_roles_exist_with_their_permissions() -> None:
    call_command("load_standard_data", stdout=StringIO())
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Куратор", "Директор", "Наставник", "Педагог"} <= names
    curator = Group.objects.get(name=ROLES["curator"].group)
    assert curator.permissions.filter(codename="change_school").exists()
    teacher = Group.objects.get(name=ROLES["teacher"].group)
    assert not teacher.permissions.filter(codename="change_school").exists()


@pytest.mark.django_db
def test_seed_demo_builds_a_believable_school_and_prints_log_ins(settings) -> None:
    settings.SITE_URL = "http://127.0.0.1:8123"
    out = StringIO()
    call_command("seed_demo", "--seed", "7", stdout=out)
    text = out.getvalue()
    for role in ("Куратор", "Директор", "Наставник", "Педагог"):
        assert role in text
    assert "Входы (http://127.0.0.1:8123/):" in text
    assert 35 <= Person.objects.staff().count() <= 45
    assert 55 <= Person.objects.pupils().count() <= 65
    assert ProgrammeYear.objects.filter(is_current=True).count() == 1
    kurator = User.objects.get(username="kurator")
    assert kurator.check_password("kurator-demo-2026")
    assert kurator.person.patronymic
    assert User.objects.filter(groups__name="Наставник").count() >= 5


@pytest.mark.django_db(transaction=True)
def test_seed_demo_counts_the_demo_people_s_letters_and_sends_none(settings, capsys) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    out = StringIO()
    call_command("seed_demo", stdout=out)  # committed for real: letters leave on commit

    assert "Content-Type:" not in capsys.readouterr().out  # the console backend printed none
    assert "Писем демо-участникам не отправлено: " in out.getvalue()
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"


@pytest.mark.django_db
def test_seed_demo_is_deterministic_and_idempotent() -> None:
    today = datetime.date(2026, 11, 25)
    seed_demo(seed=11, today=today)
    first = list(Person.objects.order_by("pk").values_list("surname", "name", "patronymic"))
    again = seed_demo(seed=11, today=today)
    assert again.created == 0
    assert list(Person.objects.order_by("pk").values_list("surname", "name", "patronymic")) == first


@pytest.mark.django_db
def test_different_seeds_give_different_schools() -> None:
    today = datetime.date(2026, 11, 25)
    seed_demo(seed=1, today=today)
    first = set(Person.objects.values_list("surname", "name"))
    Mentorship.objects.all().delete()
    Person.objects.all().delete()
    seed_demo(seed=2, today=today)
    assert set(Person.objects.values_list("surname", "name")) != first


@pytest.mark.django_db
def test_demo_school_has_young_specialists_minors_and_ё_names() -> None:
    seed_demo(seed=2026, today=datetime.date(2026, 11, 25))
    staff = list(Person.objects.staff())
    assert sum(p.is_young_specialist() for p in staff) >= 5
    assert all(p.is_minor for p in Person.objects.pupils())
    assert any("ё" in p.full_name.lower() for p in Person.objects.all())


@pytest.mark.django_db
def test_the_demo_school_has_a_roadmap_and_a_survey_with_answers() -> None:
    from roadmap.models import EventStatus, Roadmap
    from surveys.models import Campaign, Response

    call_command("load_standard_data", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    roadmap = Roadmap.objects.get()
    statuses = set(roadmap.stages.values_list("events__status", flat=True))
    assert {EventStatus.DONE, EventStatus.IN_PROGRESS} <= statuses
    # The demo's own survey; the meetings add the year's standing feedback campaigns.
    surveys = Campaign.objects.exclude(questionnaire__purpose="meeting_feedback")
    campaign = surveys.get()
    assert (
        Response.objects.filter(invitation__campaign=campaign, submitted_at__isnull=False).count()
        >= 5
    )
    call_command("seed_demo", stdout=StringIO())
    assert surveys.count() == 1 and Roadmap.objects.count() == 1
