"""The existing survey content becomes the original (default-language) text: each translated
field's new `<field>_en_gb` column is filled from the field's own column. The other languages
stay empty: they are translated in the admin ("Translations")."""

from django.db import migrations
from django.db.models import F
from django.db.models.functions import Coalesce

FIELDS = {
    "Survey": ["title", "intro"],
    "Section": ["title", "intro"],
    "Question": ["text", "help_text", "required_message", "min_label", "max_label"],
    "Choice": ["text", "group"],
    "Findings": ["summary", "actions"],
}


def copy_originals(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("surveys", model_name)
        model.objects.update(**{f"{name}_en_gb": F(name) for name in fields})


def copy_back(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("surveys", model_name)
        model.objects.update(**{name: Coalesce(F(f"{name}_en_gb"), F(name)) for name in fields})


class Migration(migrations.Migration):
    dependencies = [("surveys", "0008_content_languages")]

    operations = [migrations.RunPython(copy_originals, copy_back)]
