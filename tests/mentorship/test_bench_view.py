"""The throughput benchmark's bare page: mounted only when BENCH_BARE_VIEW is on."""

import pytest
from django.test import RequestFactory

from mentorship.views.bench import bare
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


def test_it_is_not_mounted_unless_the_benchmark_asks(client) -> None:
    assert client.get("/bench/bare/").status_code == 404


def test_it_renders_the_topics_from_one_query(django_assert_num_queries) -> None:
    TopicFactory(title="Работа с родителями")
    with django_assert_num_queries(1):
        response = bare(RequestFactory().get("/bench/bare/"))
    assert response.status_code == 200
    assert "Работа с родителями" in response.content.decode()
