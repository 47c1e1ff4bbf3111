"""The standard questionnaires, kept in fixtures/questionnaires.json in a compact form."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from mentorship.models import Topic
from surveys.models import Option, Question, Questionnaire


def _path() -> Path:
    return settings.BASE_DIR / "fixtures" / "questionnaires.json"


@transaction.atomic
def load_standard_questionnaires(path: Path | None = None) -> str:
    """Create the standard questionnaires that are missing; never touch existing ones.

    The curator edits a copy (or a new version) of a standard questionnaire, so a second
    load finds the code and leaves the school's data alone.
    """
    definitions = json.loads((path or _path()).read_text(encoding="utf-8"))
    topics = {topic.code: topic for topic in Topic.objects.all()}
    created = 0
    for definition in definitions:
        if Questionnaire.objects.filter(code=definition["code"]).exists():
            continue
        questionnaire = Questionnaire.objects.create(
            code=definition["code"],
            title=definition["title"],
            purpose=definition["purpose"],
            audience=definition["audience"],
            description=definition.get("description", ""),
            is_standard=True,
        )
        for order, item in enumerate(definition["questions"], start=1):
            question = Question.objects.create(
                questionnaire=questionnaire,
                order=order,
                kind=item["kind"],
                text=item["text"],
                help_text=item.get("help_text", ""),
                required=item.get("required", True),
                code=item.get("code", ""),
                scale_min=item.get("scale_min"),
                scale_max=item.get("scale_max"),
                scale_min_label=item.get("scale_min_label", ""),
                scale_max_label=item.get("scale_max_label", ""),
                topic=topics.get(item.get("topic", "")),
                max_choices=item.get("max_choices"),
            )
            Option.objects.bulk_create(
                Option(
                    question=question,
                    order=number,
                    text=option["text"],
                    value=option.get("value", ""),
                    weight=option.get("weight"),
                    topic=topics.get(option.get("topic", "")),
                )
                for number, option in enumerate(item.get("options", []), start=1)
            )
        created += 1
    return f"questionnaires.json: анкет добавлено {created}, всего стандартных {len(definitions)}"
