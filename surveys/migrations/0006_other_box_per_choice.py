import re

from django.db import migrations

OLD = re.compile(r"^q(\d+)_other$")


def per_choice(apps, schema_editor):
    """Drafts kept one "please specify" text per question (`q12_other`); each "other" choice now
    has its own box (`q12_other_34`). Give the text to the "other" choice the person chose (or
    the question's first), so nothing typed is lost."""
    Draft = apps.get_model("surveys", "Draft")
    Choice = apps.get_model("surveys", "Choice")
    for draft in Draft.objects.all().iterator():
        data, changed = dict(draft.data), False
        for key in [key for key in data if OLD.match(key)]:
            question_id = int(OLD.match(key).group(1))
            others = list(
                Choice.objects.filter(question_id=question_id, is_other=True)
                .order_by("position", "id")
                .values_list("pk", flat=True)
            )
            text = data.pop(key)
            changed = True
            if not others:
                continue
            chosen = {str(value) for value in data.get(f"q{question_id}", [])}
            target = next((pk for pk in others if str(pk) in chosen), others[0])
            data[f"q{question_id}_other_{target}"] = text
        if changed:
            draft.data = data
            draft.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [("surveys", "0005_what_we_heard")]

    operations = [migrations.RunPython(per_choice, migrations.RunPython.noop)]
