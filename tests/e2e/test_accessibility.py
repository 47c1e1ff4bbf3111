"""Accessibility of the main pages of every role, checked by axe-core in Chromium.

The demo school fills the pages with realistic data; every page is audited as its user sees
it (the mentor's and the teacher's pages on a 360 px phone). A violation of impact
«critical» or «serious» fails the test; all found are printed, one block per page. A second
test logs in and records a meeting with the keyboard alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.utils import timezone

from mentorship.models import Meeting, MeetingKind, Mentorship, MentorshipStatus
from reports.models import Document, DocumentStatus, Register
from reports.services_public import document_set_public, public_page_update
from surveys.models import CampaignStatus, Invitation
from tests.e2e.conftest import ARTIFACTS
from tests.factories import MenteeProfileFactory, MentorProfileFactory, MentorshipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAILING = ("critical", "serious")
DESK = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
SHOTS = ARTIFACTS / "accessibility"
# The demo school's log-ins (mentorship/demo.py).
LOGINS = {
    "kurator": "kurator-demo-2026",
    "direktor": "direktor-demo-2026",
    "nastavnik": "nastavnik-demo-2026",
    "pedagog": "pedagog-demo-2026",
}


@dataclass(frozen=True)
class Finding:
    page: str
    url: str
    impact: str
    rule: str
    help: str
    help_url: str
    nodes: tuple[str, ...]

    def __str__(self) -> str:
        lines = [f"[{self.impact}] {self.rule}: {self.help} — {self.page} ({self.url})"]
        lines += [f"    {node}" for node in self.nodes]
        lines.append(f"    {self.help_url}")
        return "\n".join(lines)


def _node_text(node: dict) -> str:
    checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
    message = checks[0]["message"] if checks else ""
    html = " ".join(node.get("html", "").split())[:160]
    return f"{', '.join(map(str, node['target']))}: {html}\n      → {message}"


class Auditor:
    def __init__(self) -> None:
        self.axe = Axe()
        self.findings: list[Finding] = []
        self.pages: list[str] = []

    def __call__(self, page, name: str) -> None:
        page.wait_for_load_state("networkidle")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{len(self.pages) + 1:02d}-{name}.png"), full_page=True)
        self.pages.append(name)
        results = self.axe.run(page).response
        for violation in results["violations"]:
            self.findings.append(
                Finding(
                    page=name,
                    url=page.url,
                    impact=violation["impact"] or "unknown",
                    rule=violation["id"],
                    help=violation["help"],
                    help_url=violation["helpUrl"],
                    nodes=tuple(_node_text(node) for node in violation["nodes"][:5]),
                )
            )

    def report(self) -> str:
        failing = [f for f in self.findings if f.impact in FAILING]
        other = [f for f in self.findings if f.impact not in FAILING]
        text = [f"axe-core: проверено страниц {len(self.pages)}: {', '.join(self.pages)}"]
        if failing:
            text.append(f"Нарушения уровня critical/serious: {len(failing)}")
            text += [str(f) for f in failing]
        if other:
            text.append(f"Прочие (moderate/minor, тест не валят): {len(other)}")
            text += [str(f) for f in other]
        return "\n".join(text)


def _registers() -> None:
    # A transactional test flushes what the data migrations made: the registers come back.
    for code, title, pattern in (
        ("orders", "Приказы по основной деятельности", "{n}-О"),
        ("protocols", "Протоколы педагогического совета", "{n}"),
        ("agreements", "Дополнительные соглашения к трудовым договорам", "{n}"),
    ):
        Register.objects.get_or_create(code=code, defaults={"title": title, "pattern": pattern})


@pytest.fixture
def demo_school(db) -> None:
    """The demo school of ``make demo``, with its public page open and an order on it."""
    _registers()
    call_command("load_standard_data", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    public_page_update(
        data={
            "is_enabled": True,
            "intro": "",
            "contact_person": None,
            "contact_email": "",
            "contact_phone": "",
        },
        actor=None,
    )
    for document in Document.objects.filter(status=DocumentStatus.APPROVED):
        if document.is_publishable:
            document_set_public(document=document, is_public=True, actor=None)


def _log_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(LOGINS[username])
    page.get_by_role("button", name="Войти").click()
    page.wait_for_load_state()


@pytest.fixture
def contexts(browser) -> Iterator[Callable]:
    opened = []

    def new(viewport: dict) -> object:
        phone = viewport["width"] < 600
        context = browser.new_context(
            locale="ru-RU", viewport=viewport, is_mobile=phone, has_touch=phone
        )
        context.set_default_timeout(20_000)
        opened.append(context)
        return context.new_page()

    yield new
    for context in opened:
        context.close()


def test_the_main_pages_of_every_role_pass_axe(live_server, demo_school, contexts) -> None:
    audit = Auditor()
    url = live_server.url

    page = contexts(DESK)
    page.goto(f"{url}/accounts/login/")
    audit(page, "login")
    _log_in(page, live_server, "kurator")
    for path, name in (
        ("/curator/", "curator-home"),
        ("/people/", "people"),
        ("/banks/mentees/", "mentee-bank"),
        ("/pairs/", "pairs"),
        ("/roadmap/", "roadmap"),
        ("/documents/", "documents"),
        ("/documents/dashboard/", "dashboard"),
        ("/documents/reports/stage-1/", "report-stage1"),
    ):
        page.goto(url + path)
        audit(page, name)
    # A form with errors: they must be announced, and every field keep its name.
    page.goto(f"{url}/surveys/campaigns/new/")
    page.get_by_role("button", name="Создать").click()
    page.get_by_role("alert").first.wait_for()
    audit(page, "form-errors")

    _log_in(page, live_server, "direktor")
    audit(page, "director-home")
    page.goto(f"{url}/documents/approvals/")
    audit(page, "approvals")

    phone = contexts(PHONE)
    _log_in(phone, live_server, "nastavnik")
    audit(phone, "mentor-home")
    pair = (
        Mentorship.objects.filter(
            mentor__person__user__username="nastavnik", status=MentorshipStatus.ACTIVE
        )
        .order_by("pk")
        .first()
    )
    assert pair is not None, "the demo mentor has an active pair"
    phone.goto(f"{url}/meetings/new/?pair={pair.pk}")
    phone.get_by_role("heading", name="Записать встречу").wait_for()
    audit(phone, "meeting-form")

    _log_in(phone, live_server, "pedagog")
    audit(phone, "teacher-home")
    invitation = (
        Invitation.objects.filter(
            answered_at__isnull=True,
            revoked_at__isnull=True,
            campaign__status=CampaignStatus.OPEN,
            campaign__starts_on__lte=timezone.localdate(),
            campaign__ends_on__gte=timezone.localdate(),
        )
        .order_by("person__user__username", "pk")
        .first()
    )
    assert invitation is not None, "the demo school has a running survey"
    phone.goto(url + invitation.get_absolute_url())
    audit(phone, "answer")

    public = contexts(DESK)
    public.goto(f"{url}/nastavnichestvo/")
    audit(public, "public")
    public.get_by_role("link", name="Версия для слабовидящих").click()
    public.wait_for_url("**/nastavnichestvo/?*")
    audit(public, "public-vision")

    report = audit.report()
    print(report)  # the readable list goes to the output of the test too
    assert not [f for f in audit.findings if f.impact in FAILING], report


def _tab_to(page, predicate: str, limit: int = 60) -> None:
    """Press Tab until the focused element satisfies the JS predicate on ``el``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate}; }})()"):
            return
    raise AssertionError(f"Tab never reached: {predicate}")


def _focus_is_visible(page) -> None:
    """The focused element shows an outline or a focus ring (box-shadow)."""
    style = page.evaluate(
        """(() => {
          const el = document.activeElement;
          const target = el.matches('.btn-check') ? el.nextElementSibling : el;
          const css = getComputedStyle(target);
          return {outline: css.outlineStyle + ' ' + css.outlineWidth, shadow: css.boxShadow};
        })()"""
    )
    assert style["outline"].split()[0] != "none" or style["shadow"] != "none", style


def test_log_in_and_record_a_meeting_with_the_keyboard_only(
    live_server, school, mentor, teacher, contexts
) -> None:
    today = timezone.localdate()
    pair = MentorshipFactory(
        mentor=MentorProfileFactory(person=mentor.person),
        members=[MenteeProfileFactory(person=teacher.person)],
        start_date=today - datetime.timedelta(days=30),
        planned_end_date=today + datetime.timedelta(days=150),
    )
    page = contexts(DESK)
    page.goto(f"{live_server.url}/accounts/login/")
    _tab_to(page, "el.id === 'id_username'")
    _focus_is_visible(page)
    page.keyboard.type("mentor")
    page.keyboard.press("Tab")
    page.keyboard.type("secret-pass-1")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/mentor/")

    # The pair card's «Записать встречу»: Tab to it, Enter.
    _tab_to(
        page,
        f"el.matches('[aria-labelledby=\"pair-{pair.pk}-title\"] a') "
        "&& el.textContent.includes('Записать встречу')",
    )
    _focus_is_visible(page)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Записать встречу").wait_for()

    # The kind: Tab into the group, Space to choose, arrows to move to «Рабочая встреча».
    _tab_to(page, "el.name === 'kind'")
    _focus_is_visible(page)
    page.keyboard.press("Space")
    for _ in range(len(MeetingKind.choices)):
        if page.evaluate("document.activeElement.value") == MeetingKind.REGULAR:
            break
        page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.checked")
    _tab_to(page, "el.type === 'submit' && el.textContent.trim() === 'Записать'")
    _focus_is_visible(page)
    page.keyboard.press("Enter")
    page.get_by_text("Встреча записана").wait_for()
    meeting = Meeting.objects.get()
    assert meeting.kind == MeetingKind.REGULAR
    assert list(meeting.mentorships.all()) == [pair]
    page.screenshot(path=str(ARTIFACTS / "keyboard-meeting.png"), full_page=True)
