import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentorship.common import AuditEntry
from mentorship.exceptions import DomainError
from surveys import services_builder as services
from surveys.models import Answer, Option, Purpose, Question, QuestionKind, Questionnaire, Response
from surveys.services_builder import OptionData
from tests.factories import (
    MentorProfileFactory,
    OptionFactory,
    PersonFactory,
    QuestionFactory,
    QuestionnaireFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _single(questionnaire, text="Как часто вы встречались?", options=("Часто", "Редко")):
    question = QuestionFactory(questionnaire=questionnaire, kind=QuestionKind.SINGLE, text=text)
    for number, option in enumerate(options, start=1):
        OptionFactory(question=question, text=option, order=number)
    return question


def _answered(questionnaire, question, option=None, *, submitted=True) -> Answer:
    response = Response.objects.create(
        questionnaire=questionnaire,
        person=PersonFactory(),
        submitted_at=timezone.now() if submitted else None,
    )
    answer = Answer.objects.create(response=response, question=question)
    if option is not None:
        answer.choices.add(option)
    return answer


def _data(question: Question, **changes) -> dict:
    data = {name: getattr(question, name) for name in services.QUESTION_FIELDS}
    return {**data, **changes}


def _options(question: Question) -> list[OptionData]:
    return [
        OptionData(text=o.text, topic=o.topic, weight=o.weight, pk=o.pk)
        for o in question.options.all()
    ]


def _texts(questionnaire) -> list[str]:
    return list(questionnaire.questions.values_list("text", flat=True))


# Questionnaires ---------------------------------------------------------------------------


def test_questionnaire_create_saves_and_writes_an_audit_row(curator):
    questionnaire = services.questionnaire_create(
        data={"title": "Входная анкета", "purpose": Purpose.CUSTOM, "audience": "teachers"},
        actor=curator,
    )
    assert questionnaire.version == 1 and not questionnaire.is_standard
    assert AuditEntry.objects.filter(action="questionnaire.create", actor=curator).exists()


def test_a_new_title_of_an_answered_questionnaire_is_changed_in_place(curator):
    questionnaire = QuestionnaireFactory()
    _answered(questionnaire, QuestionFactory(questionnaire=questionnaire))
    edited = services.questionnaire_update(
        questionnaire=questionnaire, data={"title": "Новое название"}, actor=curator
    )
    assert edited.pk == questionnaire.pk and edited.title == "Новое название"
    assert Questionnaire.objects.count() == 1


def test_a_new_purpose_of_an_answered_questionnaire_makes_a_new_version(curator):
    questionnaire = QuestionnaireFactory(code="mentee-satisfaction", is_standard=True)
    question = QuestionFactory(questionnaire=questionnaire)
    _answered(questionnaire, question)
    edited = services.questionnaire_update(
        questionnaire=questionnaire,
        data={"purpose": Purpose.MENTOR_SATISFACTION},
        actor=curator,
    )
    questionnaire.refresh_from_db()
    assert edited.pk != questionnaire.pk
    assert (edited.code, edited.version, edited.previous) == (
        "mentee-satisfaction",
        2,
        questionnaire,
    )
    assert edited.purpose == Purpose.MENTOR_SATISFACTION
    assert questionnaire.purpose == Purpose.CUSTOM
    assert _texts(edited) == [question.text]


def test_copy_is_a_full_editable_copy_of_a_standard_questionnaire(curator):
    topic = TopicFactory()
    source = QuestionnaireFactory(code="teacher-request", is_standard=True, title="Запрос")
    question = _single(source)
    question.options.filter(text="Часто").update(topic=topic, weight=3, value="often")
    QuestionFactory(questionnaire=source, kind=QuestionKind.SCALE, scale_min=1, scale_max=10)

    copy = services.questionnaire_copy(questionnaire=source, actor=curator)

    assert (copy.code, copy.is_standard, copy.version, copy.previous) == ("", False, 1, None)
    assert copy.title == "Запрос (копия)"
    assert _texts(copy) == _texts(source)
    copied = copy.questions.get(kind=QuestionKind.SINGLE)
    assert copied.pk != question.pk
    often = copied.options.get(text="Часто")
    assert (often.topic, often.weight, often.value) == (topic, 3, "often")
    assert copy.questions.get(kind=QuestionKind.SCALE).scale_max == 10
    assert source.questions.count() == 2 and Option.objects.count() == 4
    assert AuditEntry.objects.filter(action="questionnaire.copy").exists()


def test_a_copy_of_a_long_title_still_fits():
    source = QuestionnaireFactory(title="А" * 300)
    copy = services.questionnaire_copy(questionnaire=source, actor=None)
    assert len(copy.title) == 300 and copy.title.endswith("(копия)")


# Questions --------------------------------------------------------------------------------


def test_question_create_appends_at_the_end_with_its_options(curator):
    questionnaire = QuestionnaireFactory()
    QuestionFactory(questionnaire=questionnaire, order=7)
    topic = TopicFactory()
    question = services.question_create(
        questionnaire=questionnaire,
        data={"kind": QuestionKind.MULTIPLE, "text": " Чем вы можете помочь? "},
        options=[OptionData("Планирование", topic=topic, weight=2), OptionData("ИКТ")],
        actor=curator,
    )
    assert question.questionnaire == questionnaire and question.order == 8
    assert question.text == "Чем вы можете помочь?"
    assert [(o.text, o.topic, o.weight, o.order) for o in question.options.all()] == [
        ("Планирование", topic, 2, 1),
        ("ИКТ", None, None, 2),
    ]
    assert AuditEntry.objects.filter(action="question.create").count() == 1


@pytest.mark.parametrize(
    ("data", "options", "field", "message"),
    [
        (
            {"kind": QuestionKind.SINGLE},
            [OptionData("Только один")],
            "options",
            "Для выбора из вариантов нужно не меньше двух вариантов ответа.",
        ),
        (
            {"kind": QuestionKind.MULTIPLE},
            [OptionData("Да"), OptionData("Да")],
            "options",
            "Варианты повторяются: «Да»",
        ),
        (
            {"kind": QuestionKind.SCALE, "scale_min": 5, "scale_max": 5},
            [],
            "scale_max",
            "Конец шкалы должен быть больше начала.",
        ),
        (
            {"kind": QuestionKind.SCALE, "scale_min": 1, "scale_max": None},
            [],
            "scale_max",
            "Укажите начало и конец шкалы.",
        ),
        (
            {"kind": QuestionKind.SCALE, "scale_min": 0, "scale_max": 100},
            [],
            "scale_max",
            "На шкале может быть не больше 11 делений.",
        ),
        (
            {"kind": QuestionKind.NUMBER, "scale_min": 10, "scale_max": 1},
            [],
            "scale_max",
            "Наибольшее значение должно быть больше наименьшего.",
        ),
        (
            {"kind": QuestionKind.RANKING, "max_choices": 6},
            [],
            "max_choices",
            "Сколько людей выбрать по порядку: от 1 до 5.",
        ),
        (
            {"kind": QuestionKind.RANKING, "max_choices": 0},
            [],
            "max_choices",
            "Сколько людей выбрать по порядку: от 1 до 5.",
        ),
        (
            {"kind": QuestionKind.MULTIPLE, "max_choices": 3},
            [OptionData("А"), OptionData("Б")],
            "max_choices",
            "Ограничение выбора: от 1 до 2.",
        ),
    ],
)
def test_question_settings_are_validated_in_russian(curator, data, options, field, message):
    questionnaire = QuestionnaireFactory()
    with pytest.raises(ValidationError) as caught:
        services.question_create(
            questionnaire=questionnaire,
            data={"text": "Вопрос", **data},
            options=options,
            actor=curator,
        )
    assert message in caught.value.message_dict[field][0]
    assert not questionnaire.questions.exists()


def test_a_ranking_question_gets_three_places_by_default(curator):
    question = services.question_create(
        questionnaire=QuestionnaireFactory(),
        data={"kind": QuestionKind.RANKING, "text": "С кем хотели бы работать?"},
        options=[],
        actor=curator,
    )
    assert question.max_choices == 3


def test_question_update_keeps_known_options_and_drops_settings_of_other_kinds(curator):
    questionnaire = QuestionnaireFactory()
    question = _single(questionnaire, options=("Часто", "Редко", "Никогда"))
    often, rarely, _never = question.options.all()
    topic = TopicFactory()
    edited = services.question_update(
        question=question,
        data=_data(question, scale_min=1, scale_max=5, scale_min_label="мало"),
        options=[
            OptionData("Редко", pk=rarely.pk, weight=1),
            OptionData("Часто", pk=often.pk, topic=topic),
            OptionData("Раз в месяц"),
        ],
        actor=curator,
    )
    assert edited.pk == question.pk
    assert (edited.scale_min, edited.scale_max, edited.scale_min_label) == (None, None, "")
    options = list(edited.options.all())
    assert [(o.text, o.order) for o in options] == [("Редко", 1), ("Часто", 2), ("Раз в месяц", 3)]
    assert options[0].pk == rarely.pk and options[0].weight == 1
    assert options[1].pk == often.pk and options[1].topic == topic
    assert not Option.objects.filter(text="Никогда").exists()


def test_a_choice_question_turned_into_text_loses_its_options_and_draft_answers(curator):
    questionnaire = QuestionnaireFactory()
    question = _single(questionnaire)
    draft = _answered(questionnaire, question, question.options.first(), submitted=False)
    services.question_update(
        question=question,
        data=_data(question, kind=QuestionKind.LONG_TEXT),
        options=[],
        actor=curator,
    )
    assert not question.options.exists()
    assert not Answer.objects.filter(pk=draft.pk).exists()


def test_saving_an_unchanged_question_of_an_answered_questionnaire_makes_no_version(curator):
    questionnaire = QuestionnaireFactory()
    question = _single(questionnaire)
    _answered(questionnaire, question, question.options.first())
    edited = services.question_update(
        question=question, data=_data(question), options=_options(question), actor=curator
    )
    assert edited.pk == question.pk and Questionnaire.objects.count() == 1


# Versions ---------------------------------------------------------------------------------


def test_editing_an_answered_questionnaire_makes_a_version_and_old_answers_keep_theirs(curator):
    v1 = QuestionnaireFactory(code="mentor-offer", is_standard=True)
    question = _single(v1, text="Как часто?", options=("Часто", "Редко"))
    often = question.options.get(text="Часто")
    answer = _answered(v1, question, often)

    edited = services.question_update(
        question=question,
        data=_data(question, text="Как часто вы встречались с наставником?"),
        options=[OptionData("Очень часто", pk=often.pk), OptionData("Редко")],
        actor=curator,
    )

    v2 = edited.questionnaire
    assert v2.pk != v1.pk
    assert (v2.code, v2.version, v2.previous_id, v2.is_standard) == ("mentor-offer", 2, v1.pk, True)
    assert edited.text == "Как часто вы встречались с наставником?"
    assert [o.text for o in edited.options.all()] == ["Очень часто", "Редко"]
    # The first version and its answer are exactly as they were.
    answer.refresh_from_db()
    assert answer.question_id == question.pk
    question.refresh_from_db()
    assert question.text == "Как часто?" and question.questionnaire_id == v1.pk
    assert [o.text for o in answer.choices.all()] == ["Часто"]
    assert [o.text for o in question.options.all()] == ["Часто", "Редко"]
    assert AuditEntry.objects.filter(action="questionnaire.version", object_id=str(v2.pk)).exists()


def test_drafts_alone_do_not_make_a_new_version(curator):
    questionnaire = QuestionnaireFactory()
    question = QuestionFactory(questionnaire=questionnaire)
    draft = _answered(questionnaire, question, submitted=False)
    assert services.question_delete(question=question, actor=curator) == questionnaire
    assert not Answer.objects.filter(pk=draft.pk).exists()
    assert Questionnaire.objects.count() == 1


def test_the_old_version_is_read_only(curator):
    v1 = QuestionnaireFactory()
    question = QuestionFactory(questionnaire=v1)
    _answered(v1, question)
    services.question_create(
        questionnaire=v1,
        data={"kind": QuestionKind.DATE, "text": "Дата"},
        options=[],
        actor=curator,
    )
    with pytest.raises(DomainError, match="прежняя версия"):
        services.question_update(
            question=question, data=_data(question, text="Другой"), options=[], actor=curator
        )
    with pytest.raises(DomainError):
        services.question_move(question=question, direction="down", actor=curator)
    with pytest.raises(DomainError):
        services.questionnaire_update(questionnaire=v1, data={"title": "Новое"}, actor=curator)
    assert _texts(v1) == [question.text]


def test_a_new_version_of_a_new_version_counts_on(curator):
    v1 = QuestionnaireFactory(code="meeting-feedback")
    _answered(v1, QuestionFactory(questionnaire=v1, text="Первый"))
    v2 = services.question_create(
        questionnaire=v1,
        data={"kind": QuestionKind.DATE, "text": "Дата"},
        options=[],
        actor=curator,
    ).questionnaire
    _answered(v2, v2.questions.first())
    v3 = services.question_delete(question=v2.questions.last(), actor=curator)
    assert (v3.version, v3.previous, v3.code) == (3, v2, "meeting-feedback")
    assert (
        _texts(v1) == ["Первый"] and _texts(v2) == ["Первый", "Дата"] and _texts(v3) == ["Первый"]
    )


def test_deleting_a_question_of_an_answered_questionnaire_keeps_it_in_the_old_version(curator):
    v1 = QuestionnaireFactory()
    first = QuestionFactory(questionnaire=v1, text="Первый")
    QuestionFactory(questionnaire=v1, text="Второй")
    _answered(v1, first)
    v2 = services.question_delete(question=first, actor=curator)
    assert v2.previous == v1
    assert _texts(v1) == ["Первый", "Второй"] and _texts(v2) == ["Второй"]
    assert list(v2.questions.values_list("order", flat=True)) == [1]


# Reordering -------------------------------------------------------------------------------


def test_move_swaps_neighbours_and_renumbers(curator):
    questionnaire = QuestionnaireFactory()
    first, second, third = (
        QuestionFactory(questionnaire=questionnaire, text=t, order=0) for t in "АБВ"
    )
    services.question_move(question=third, direction="up", actor=curator)
    assert _texts(questionnaire) == ["А", "В", "Б"]
    services.question_move(question=first, direction="down", actor=curator)
    assert _texts(questionnaire) == ["В", "А", "Б"]
    assert list(questionnaire.questions.values_list("order", flat=True)) == [1, 2, 3]
    assert AuditEntry.objects.filter(action="question.move").count() == 2


def test_move_at_the_edge_changes_nothing_and_makes_no_version(curator):
    questionnaire = QuestionnaireFactory()
    first = QuestionFactory(questionnaire=questionnaire, text="А")
    QuestionFactory(questionnaire=questionnaire, text="Б")
    _answered(questionnaire, first)
    assert services.question_move(question=first, direction="up", actor=curator) == questionnaire
    assert Questionnaire.objects.count() == 1
    assert not AuditEntry.objects.filter(action="question.move").exists()


def test_move_in_an_answered_questionnaire_reorders_the_new_version(curator):
    v1 = QuestionnaireFactory()
    first = QuestionFactory(questionnaire=v1, text="А")
    QuestionFactory(questionnaire=v1, text="Б")
    _answered(v1, first)
    v2 = services.question_move(question=first, direction="down", actor=curator)
    assert _texts(v1) == ["А", "Б"] and _texts(v2) == ["Б", "А"]


def test_move_refuses_an_unknown_direction(curator):
    question = QuestionFactory()
    with pytest.raises(DomainError):
        services.question_move(question=question, direction="left", actor=curator)


# Pages ------------------------------------------------------------------------------------


def _url(name: str, questionnaire, question=None) -> str:
    kwargs = {"pk": questionnaire.pk}
    if question is not None:
        kwargs["question_pk"] = question.pk
    return reverse(f"surveys:{name}", kwargs=kwargs)


def test_the_list_shows_badges_versions_counts_and_hides_the_archive(curator_client, school):
    standard = QuestionnaireFactory(
        title="Анкета наставника", code="mentor-offer", is_standard=True
    )
    QuestionFactory(questionnaire=standard)
    _answered(standard, QuestionFactory(questionnaire=standard))
    newer = services.questionnaire_update(
        questionnaire=standard, data={"audience": "mentors"}, actor=None
    )
    QuestionnaireFactory(title="Старая анкета", is_archived=True)

    page = curator_client.get(reverse("surveys:questionnaire-list")).content.decode()

    assert "Анкета наставника" in page and "стандартная" in page and "версия 2" in page
    assert "Прежние версии:" in page and standard.get_absolute_url() in page
    assert newer.get_absolute_url() in page
    assert "Старая анкета" not in page and "Показать анкеты из архива (1)" in page
    archive = curator_client.get(reverse("surveys:questionnaire-list"), {"archived": "1"})
    assert "Старая анкета" in archive.content.decode()


@pytest.mark.parametrize("size", [2, 20])
def test_the_list_runs_the_same_queries_for_2_and_20_questionnaires(
    curator_client, school, size, django_assert_num_queries
):
    for _ in range(size):
        _single(QuestionnaireFactory())
    # session, user, groups (roles), 2 × permissions (user + group), header school,
    # the questionnaires with their counts in one query
    with django_assert_num_queries(7):
        assert curator_client.get(reverse("surveys:questionnaire-list")).status_code == 200


@pytest.mark.parametrize("size", [2, 20])
def test_the_builder_page_runs_the_same_queries_for_2_and_20_questions(
    curator_client, school, size, django_assert_num_queries
):
    questionnaire = QuestionnaireFactory()
    topic = TopicFactory()
    for _ in range(size):
        question = _single(questionnaire)
        question.options.update(topic=topic)
    # session, user, groups (roles), 2 × permissions (user + group), header school,
    # the questionnaire with its versions and counts, questions with their topics,
    # options with their topics
    with django_assert_num_queries(9):
        assert curator_client.get(questionnaire.get_absolute_url()).status_code == 200


def test_the_builder_page_lists_questions_with_buttons_for_the_curator(curator_client, school):
    questionnaire = QuestionnaireFactory(title="Обратная связь")
    question = _single(questionnaire, text="Полезна ли встреча?")
    page = curator_client.get(questionnaire.get_absolute_url()).content.decode()
    assert "Полезна ли встреча?" in page and "Часто" in page
    assert _url("question-update", questionnaire, question) in page
    assert f'hx-post="{_url("question-move", questionnaire, question)}"' in page
    assert f'hx-post="{_url("question-delete", questionnaire, question)}"' in page
    assert 'name="csrfmiddlewaretoken"' in page  # the plain forms work without JS too


def test_the_director_reads_but_cannot_change(director_client, school):
    questionnaire = QuestionnaireFactory(title="Анкета директора")
    question = _single(questionnaire, text="Вопрос для чтения")
    assert (
        "Анкета директора"
        in director_client.get(reverse("surveys:questionnaire-list")).content.decode()
    )
    page = director_client.get(questionnaire.get_absolute_url()).content.decode()
    assert "Вопрос для чтения" in page
    assert _url("question-move", questionnaire, question) not in page
    assert _url("questionnaire-copy", questionnaire) not in page
    assert director_client.get(_url("questionnaire-preview", questionnaire)).status_code == 200
    move = director_client.post(_url("question-move", questionnaire, question), {"direction": "up"})
    assert move.status_code == 403
    assert director_client.post(_url("questionnaire-copy", questionnaire)).status_code == 403


def test_curator_creates_a_questionnaire_and_lands_on_its_builder(curator_client, school):
    response = curator_client.post(
        reverse("surveys:questionnaire-create"),
        {"title": "  Входная   анкета ", "purpose": "custom", "audience": "teachers"},
    )
    questionnaire = Questionnaire.objects.get()
    assert response.status_code == 302 and response["Location"] == questionnaire.get_absolute_url()
    assert questionnaire.title == "Входная анкета"


def test_curator_updates_the_header_and_archives(curator_client, school):
    questionnaire = QuestionnaireFactory()
    curator_client.post(
        _url("questionnaire-update", questionnaire),
        {"title": "Итоговая", "purpose": "custom", "audience": "all", "is_archived": "on"},
    )
    questionnaire.refresh_from_db()
    assert questionnaire.title == "Итоговая" and questionnaire.is_archived


def test_curator_adds_a_choice_question_with_one_option_per_line(curator_client, school):
    questionnaire = QuestionnaireFactory()
    response = curator_client.post(
        _url("question-create", questionnaire),
        {
            "kind": "multiple",
            "text": "В чём можете помочь?",
            "required": "on",
            "options": "Планирование\n\n  Методика   урока \nИКТ\n",
        },
    )
    question = questionnaire.questions.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#question-{question.pk}")
    assert [o.text for o in question.options.all()] == ["Планирование", "Методика урока", "ИКТ"]


def test_the_question_form_shows_russian_errors(curator_client, school):
    questionnaire = QuestionnaireFactory()
    response = curator_client.post(
        _url("question-create", questionnaire),
        {"kind": "single", "text": "Выбор", "options": "Один"},
    )
    assert response.status_code == 200
    assert "нужно не меньше двух вариантов ответа" in response.content.decode()
    response = curator_client.post(
        _url("question-create", questionnaire),
        {"kind": "scale", "text": "Шкала", "scale_min": "5", "scale_max": "1"},
    )
    assert "Конец шкалы должен быть больше начала." in response.content.decode()
    assert not questionnaire.questions.exists()


def test_the_question_form_sets_topics_and_weights_of_saved_options(curator_client, school):
    questionnaire = QuestionnaireFactory()
    question = _single(questionnaire, options=("Планирование", "Оценивание"))
    planning, grading = question.options.all()
    topic = TopicFactory(title="Планирование уроков")
    url = _url("question-update", questionnaire, question)
    form_page = curator_client.get(url).content.decode()
    assert f"option_{planning.pk}_topic" in form_page and "Планирование уроков" in form_page
    assert 'data-for-kinds="single multiple"' in form_page and "data-kind-switch" in form_page

    curator_client.post(
        url,
        {
            "kind": "single",
            "text": question.text,
            "required": "on",
            # «Оценивание» is renamed in its place: it stays the same option
            "options": "Планирование\nОценивание результатов\nИКТ",
            f"option_{planning.pk}_topic": str(topic.pk),
            f"option_{planning.pk}_weight": "3",
            f"option_{grading.pk}_weight": "1",
        },
    )
    options = list(question.options.all())
    assert [(o.text, o.topic, o.weight) for o in options] == [
        ("Планирование", topic, 3),
        ("Оценивание результатов", None, 1),
        ("ИКТ", None, None),
    ]
    assert options[0].pk == planning.pk and options[1].pk == grading.pk


def test_editing_an_answered_questionnaire_in_the_form_moves_to_the_new_version(
    curator_client, school
):
    v1 = QuestionnaireFactory()
    question = QuestionFactory(questionnaire=v1, text="Старый текст")
    _answered(v1, question)
    url = _url("question-update", v1, question)
    assert "создаст" in curator_client.get(v1.get_absolute_url()).content.decode()
    response = curator_client.post(url, {"kind": "short_text", "text": "Новый текст"}, follow=True)
    v2 = Questionnaire.objects.get(previous=v1)
    assert response.redirect_chain[-1][0].startswith(v2.get_absolute_url())
    page = response.content.decode()
    assert "новой версии 2" in page and "Новый текст" in page
    assert _texts(v1) == ["Старый текст"]
    old_page = curator_client.get(v1.get_absolute_url()).content.decode()
    assert (
        "Это прежняя версия" in old_page and _url("question-update", v1, question) not in old_page
    )


def test_move_with_htmx_returns_the_question_list(curator_client, school):
    questionnaire = QuestionnaireFactory()
    first = QuestionFactory(questionnaire=questionnaire, text="Первый")
    QuestionFactory(questionnaire=questionnaire, text="Второй")
    response = curator_client.post(
        _url("question-move", questionnaire, first), {"direction": "down"}, **HTMX
    )
    content = response.content.decode()
    assert response.status_code == 200 and content.startswith('<div id="question-list">')
    assert "<html" not in content
    assert content.index("Второй") < content.index("Первый")
    assert 'name="csrfmiddlewaretoken"' in content


def test_move_without_js_redirects_to_the_builder(curator_client, school):
    questionnaire = QuestionnaireFactory()
    first = QuestionFactory(questionnaire=questionnaire, text="Первый")
    QuestionFactory(questionnaire=questionnaire, text="Второй")
    response = curator_client.post(
        _url("question-move", questionnaire, first), {"direction": "down"}
    )
    assert response.status_code == 302 and response["Location"] == questionnaire.get_absolute_url()
    assert _texts(questionnaire) == ["Второй", "Первый"]


def test_move_with_a_bad_direction_shows_an_error_in_the_list(curator_client, school):
    question = QuestionFactory()
    response = curator_client.post(
        _url("question-move", question.questionnaire, question), {"direction": "left"}, **HTMX
    )
    assert "только вверх или вниз" in response.content.decode()


def test_htmx_move_in_an_answered_questionnaire_redirects_to_the_new_version(
    curator_client, school
):
    v1 = QuestionnaireFactory()
    first = QuestionFactory(questionnaire=v1)
    QuestionFactory(questionnaire=v1)
    _answered(v1, first)
    response = curator_client.post(_url("question-move", v1, first), {"direction": "down"}, **HTMX)
    v2 = Questionnaire.objects.get(previous=v1)
    assert response["HX-Redirect"] == v2.get_absolute_url()


def test_delete_asks_first_then_deletes(curator_client, school):
    questionnaire = QuestionnaireFactory()
    question = QuestionFactory(questionnaire=questionnaire, text="Лишний вопрос")
    url = _url("question-delete", questionnaire, question)
    confirm = curator_client.get(url)
    assert (
        "Удалить вопрос?" in confirm.content.decode()
        and "Лишний вопрос" in confirm.content.decode()
    )
    assert questionnaire.questions.exists()
    response = curator_client.post(url)
    assert response.status_code == 302 and not questionnaire.questions.exists()


def test_delete_with_htmx_returns_the_question_list(curator_client, school):
    questionnaire = QuestionnaireFactory()
    question = QuestionFactory(questionnaire=questionnaire, text="Лишний вопрос")
    QuestionFactory(questionnaire=questionnaire, text="Нужный вопрос")
    response = curator_client.post(_url("question-delete", questionnaire, question), **HTMX)
    content = response.content.decode()
    assert content.startswith('<div id="question-list">')
    assert "Нужный вопрос" in content and "Лишний вопрос" not in content


def test_a_question_of_another_questionnaire_is_not_found(curator_client, school):
    question = QuestionFactory()
    other = QuestionnaireFactory()
    assert curator_client.get(_url("question-update", other, question)).status_code == 404


def test_copy_from_the_page_opens_the_copy(curator_client, school):
    source = QuestionnaireFactory(title="Стандартная", code="mentor-offer", is_standard=True)
    QuestionFactory(questionnaire=source)
    response = curator_client.post(_url("questionnaire-copy", source))
    copy = Questionnaire.objects.exclude(pk=source.pk).get()
    assert response["Location"] == copy.get_absolute_url()
    assert copy.title == "Стандартная (копия)" and copy.questions.count() == 1


def test_preview_shows_the_form_as_a_respondent_sees_it_without_sending(curator_client, school):
    questionnaire = QuestionnaireFactory(title="Предпочтения")
    _single(questionnaire, text="Какой формат удобнее?", options=("Очно", "Дистанционно"))
    QuestionFactory(
        questionnaire=questionnaire, kind=QuestionKind.RANKING, text="С кем?", max_choices=2
    )
    mentor = MentorProfileFactory(person=PersonFactory(surname="Кузнецова"))
    page = curator_client.get(_url("questionnaire-preview", questionnaire)).content.decode()
    assert "Предпросмотр" in page and "Какой формат удобнее?" in page and "Дистанционно" in page
    assert "С кем?: 2-й выбор" in page and mentor.person.full_name in page
    assert '<form action="#" novalidate' in page  # no method: nothing is posted
    assert 'btn-lg" disabled>Отправить ответы' in page
