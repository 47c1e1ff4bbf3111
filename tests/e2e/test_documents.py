"""The curator drafts an order and submits it; the director approves it and sees its number."""

import pytest

from reports.models import Document, DocumentStatus, Register
from tests.factories import PersonFactory, ProgrammeYearFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill("secret-pass-1")
    page.get_by_role("button", name="Войти").click()


def test_the_curator_submits_an_order_and_the_director_approves_it(
    page, live_server, school, curator, director
):
    # A transactional test flushes the registers the data migration made.
    Register.objects.get_or_create(
        code="orders", defaults={"title": "Приказы по основной деятельности", "pattern": "{n}-О"}
    )
    ProgrammeYearFactory(title="2026/2027", is_current=True)
    PersonFactory(surname="Иванова", name="Мария", patronymic="Петровна", position="завуч")

    _log_in(page, live_server, "curator")
    page.wait_for_url(f"{live_server.url}/curator/")
    page.get_by_role("link", name="Документы").first.click()
    page.get_by_role("link", name="Создать документ").first.click()
    card = page.locator(".kind-card", has_text="Приказ о назначении куратора")
    card.get_by_role("link", name="Составить").click()
    page.get_by_label("Куратор", exact=False).and_(page.locator("select")).select_option(
        label="Иванова Мария Петровна, завуч"
    )
    page.get_by_role("button", name="Создать черновик").click()
    page.get_by_role("button", name="Передать на утверждение").click()
    page.get_by_text("Документ передан директору на утверждение.").wait_for()

    _log_in(page, live_server, "director")
    page.wait_for_url(f"{live_server.url}/director/")
    widget = page.locator("section", has=page.get_by_role("heading", name="На утверждение"))
    widget.get_by_role("link", name="О назначении куратора наставничества").click()
    page.get_by_role("link", name="Утвердить").click()
    assert page.locator(".approve-number").inner_text() == "№ 1-О"
    page.get_by_role("button", name="Утвердить").click()
    page.get_by_text("Документ утверждён под № 1-О.").wait_for()  # the PDF is made on approval

    assert page.get_by_role(
        "heading", name="№ 1-О · О назначении куратора наставничества"
    ).is_visible()
    document = Document.objects.get()
    assert document.status == DocumentStatus.APPROVED and document.number == "1-О"
    assert page.get_by_text(document.sha256).is_visible()
