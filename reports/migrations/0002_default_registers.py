from django.db import migrations

REGISTERS = [
    ("orders", "Приказы по основной деятельности", "{n}-О"),
    ("protocols", "Протоколы педагогического совета", "{n}"),
    ("agreements", "Дополнительные соглашения к трудовым договорам", "{n}"),
]


def create(apps, schema_editor):
    register = apps.get_model("reports", "Register")
    for code, title, pattern in REGISTERS:
        register.objects.get_or_create(code=code, defaults={"title": title, "pattern": pattern})


def remove(apps, schema_editor):
    apps.get_model("reports", "Register").objects.filter(
        code__in=[code for code, _title, _pattern in REGISTERS], documents__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_documents")]

    operations = [migrations.RunPython(create, remove)]
