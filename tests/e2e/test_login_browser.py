import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill("secret-pass-1")
    page.get_by_role("button", name="Войти").click()


def test_curator_logs_in_and_sees_the_russian_home_page(page, live_server, school, curator):
    _log_in(page, live_server, "curator")
    page.wait_for_url(f"{live_server.url}/curator/")
    assert page.get_by_role("heading", name="Кабинет куратора").is_visible()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.get_by_role("link", name="Настройки").is_visible()
    assert school.short_name in page.title()
    # Bootstrap came from our own static files: the navbar is styled, not a bare list.
    background = page.locator("nav.navbar").evaluate("el => getComputedStyle(el).backgroundColor")
    assert page.locator("nav.navbar").evaluate("el => getComputedStyle(el).display") == "flex"
    assert background == "rgb(10, 88, 202)"  # app.css: a darker blue, its links read at 4.5:1


def test_mentor_uses_the_menu_on_a_phone_sized_screen(phone_page, live_server, school, mentor):
    page = phone_page
    _log_in(page, live_server, "mentor")
    page.wait_for_url(f"{live_server.url}/mentor/")
    assert page.get_by_role("heading", name="Кабинет наставника").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The menu collapses behind the toggler and opens with Bootstrap's JS.
    page.get_by_role("button", name="Открыть меню").click()
    page.wait_for_selector("#main-nav.show")  # the collapse animation has finished
    page.get_by_role("button", name="Елена Романова").click()
    page.wait_for_selector(".dropdown-menu.show")
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    assert page.get_by_role("heading", name="Вход в «Наставник»").is_visible()
