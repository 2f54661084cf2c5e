from django.db import migrations, models


class Migration(migrations.Migration):
    """Every place has its gazetteer key now (0010); apart, since PostgreSQL refuses to alter
    a table in the transaction that filled it."""

    dependencies = [("postings", "0010_gazetteer_places")]

    operations = [
        migrations.AlterField(
            model_name="place",
            name="key",
            field=models.CharField(editable=False, max_length=100, unique=True),
        ),
    ]
