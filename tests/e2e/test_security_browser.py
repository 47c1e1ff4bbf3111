"""The Content-Security-Policy in a real browser: pages work and nothing is blocked; five wrong
passwords in the log-in form lead to the Russian lockout page."""

import pytest

from reports.services import document_create
from tests.factories import PersonFactory, ProgrammeYearFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch_csp(page) -> list[str]:
    """Collect what the browser refused because of the policy."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


def _log_in(page, live_server, username: str, password: str = "secret-pass-1") -> None:  # noqa: S107
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()


def test_pages_work_under_the_policy_and_nothing_is_refused(page, live_server, school, curator):
    year = ProgrammeYearFactory(title="2026/2027", is_current=True)
    person = PersonFactory(surname="Иванова", name="Мария", patronymic="Петровна")
    document = document_create(
        kind="order_curator", year=year, actor=None, params={"curator": person.pk, "duties": "д"}
    )
    refused = _watch_csp(page)

    _log_in(page, live_server, "curator")
    page.wait_for_url(f"{live_server.url}/curator/")
    for path in ("/people/", f"/people/{person.pk}/", "/settings/", "/exports/log/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    # A Bootstrap dropdown (our static JS) opens under script-src 'self'.
    page.get_by_role("button", name="Татьяна Бондаренко").click()
    page.wait_for_selector(".dropdown-menu.show")
    # The document page frames its own preview: allowed by frame-ancestors 'self'.
    page.goto(f"{live_server.url}{document.get_absolute_url()}")
    frame = page.frame_locator("iframe.document-preview")
    frame.get_by_text("Иванову", exact=False).first.wait_for()

    assert refused == []


def test_five_wrong_passwords_show_the_lockout_page(page, live_server, school, curator):
    for _ in range(5):
        _log_in(page, live_server, "curator", password="не тот пароль")
    assert page.get_by_role("heading", name="Вход временно заблокирован").is_visible()
    assert page.get_by_text("на 30 минут").is_visible()

    _log_in(page, live_server, "curator")  # even the right password waits
    assert page.get_by_role("heading", name="Вход временно заблокирован").is_visible()
