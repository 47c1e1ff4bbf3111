import datetime

from django.template import Context, Template

from mentorship.dates import date_ru


def test_dates_are_written_the_russian_way() -> None:
    assert date_ru(datetime.date(2026, 11, 25)) == "25 ноября 2026 г."
    assert date_ru(datetime.date(2027, 3, 1)) == "1 марта 2027 г."
    assert date_ru(None) == ""


def test_date_filters_in_templates() -> None:
    template = Template("{% load ru %}{{ d|date_ru }} / {{ d|date_short }}")
    rendered = template.render(Context({"d": datetime.date(2026, 5, 9)}))
    assert rendered == "9 мая 2026 г. / 09.05.2026"


def test_plural_forms_of_years() -> None:
    template = Template(
        '{% load ru %}{% for n in ns %}{{ n|plural_ru:"год,года,лет" }};{% endfor %}'
    )
    rendered = template.render(Context({"ns": [1, 2, 5, 11, 21, 22, 114, 0]}))
    assert rendered == "1 год;2 года;5 лет;11 лет;21 год;22 года;114 лет;0 лет;"
