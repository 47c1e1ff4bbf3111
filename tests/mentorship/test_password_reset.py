from django.core import mail
from django.urls import reverse


def test_password_reset_sends_a_russian_letter_with_plain_and_html_parts(
    client, curator, school
) -> None:
    curator.email = "kurator@school.example"
    curator.save()
    response = client.post(reverse("password_reset"), {"email": "kurator@school.example"})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.subject == "Восстановление пароля в «Наставнике»"
    assert "Чтобы задать новый пароль" in letter.body
    assert "/accounts/reset/" in letter.body
    html, mimetype = letter.alternatives[0]
    assert mimetype == "text/html"
    assert "Задать новый пароль" in html


def test_unknown_address_reveals_nothing(client, school) -> None:
    response = client.post(reverse("password_reset"), {"email": "nobody@example.ru"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_password_change_in_russian(curator_client, curator) -> None:
    response = curator_client.post(
        reverse("password_change"),
        {"old_password": "secret-pass-1", "new_password1": "123", "new_password2": "123"},
    )
    content = response.content.decode()
    assert "Введённый пароль слишком короткий" in content
    response = curator_client.post(
        reverse("password_change"),
        {
            "old_password": "secret-pass-1",
            "new_password1": "Наставник-2026!",
            "new_password2": "Наставник-2026!",
        },
    )
    assert response["Location"] == reverse("password_change_done")
    curator.refresh_from_db()
    assert curator.check_password("Наставник-2026!")
