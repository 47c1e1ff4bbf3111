from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Анкеты и опросы"

    def ready(self) -> None:
        from mentorship import standard_data  # noqa: PLC0415
        from surveys.standard import load_standard_questionnaires  # noqa: PLC0415

        if load_standard_questionnaires not in standard_data.STANDARD_DATA_EXTENSIONS:
            standard_data.STANDARD_DATA_EXTENSIONS.append(load_standard_questionnaires)
