from tests.factories import QuestionFactory, QuestionnaireFactory
from tests.matrix import Row, everyone, only

VIEWERS = ("curator", "director")


def _questionnaire(ctx) -> dict:
    return {"pk": QuestionnaireFactory().pk}


def _question(ctx) -> dict:
    question = QuestionFactory()
    return {"pk": question.questionnaire_id, "question_pk": question.pk}


# The curator builds questionnaires; the director reads them and their preview.
ROWS: dict[str, Row] = {
    "surveys:questionnaire-list": (None, only(*VIEWERS)),
    "surveys:questionnaire-create": (None, only("curator")),
    "surveys:questionnaire-detail": (_questionnaire, only(*VIEWERS)),
    "surveys:questionnaire-update": (_questionnaire, only("curator")),
    "surveys:questionnaire-copy": (_questionnaire, everyone(405)),
    "surveys:questionnaire-preview": (_questionnaire, only(*VIEWERS)),
    "surveys:question-create": (_questionnaire, only("curator")),
    "surveys:question-update": (_question, only("curator")),
    "surveys:question-delete": (_question, only("curator")),
    "surveys:question-move": (_question, everyone(405)),
}
