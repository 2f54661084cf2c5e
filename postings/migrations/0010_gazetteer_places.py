"""Places from the gazetteer (postings/gazetteer.py) instead of names a hand-written parser made
up: every posting's location is read again, its places are linked with the places containing
them, and each slug that named a place before keeps working as an alias of the place its name
means now ("münchen" for Munich). Old names that are no place ("Masovian Voivodeship",
"City of") are gone.

The link table keeps its name, so the catalogue triggers of migration 0007 watch it still; on
PostgreSQL, where the table is made anew, its trigger is made again.
"""

import django.db.models.deletion
from django.db import migrations, models

from postings.gazetteer import gazetteer
from postings.locations import parse_location
from postings.places import PlaceBook, new_links, remote_continents

LINKS = "postings_posting_places"
BATCH = 500


def relink(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE TRIGGER {LINKS}_catalogue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {LINKS} FOR EACH STATEMENT EXECUTE FUNCTION postings_bump_catalogue()"
        )
    Place = apps.get_model("postings", "Place")
    PlaceAlias = apps.get_model("postings", "PlaceAlias")
    Posting = apps.get_model("postings", "Posting")
    PostingPlace = apps.get_model("postings", "PostingPlace")
    old = dict(Place.objects.filter(key__isnull=True).values_list("slug", "name"))
    Place.objects.filter(key__isnull=True).delete()
    book = PlaceBook(place_model=Place)
    places = gazetteer()
    ids = list(Posting.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):  # a few statements per batch, not per posting
        postings = list(Posting.objects.filter(pk__in=ids[start : start + BATCH]).only("location"))
        links = []
        for posting in postings:
            location = parse_location(posting.location)
            posting.remote = location.remote
            posting.remote_continents = remote_continents(location)
            links += new_links(posting, book.links(location), PostingPlace)
        Posting.objects.bulk_update(postings, ["remote", "remote_continents"])
        PostingPlace.objects.bulk_create(links)
    for slug, name in old.items():
        found = places.candidates(name)
        if found and places.slug_of[found[0].key] != slug:
            PlaceAlias.objects.get_or_create(slug=slug, defaults={"place": book.row(found[0].key)})


class Migration(migrations.Migration):
    dependencies = [("postings", "0009_company_key_aliases")]

    operations = [
        migrations.RemoveField(model_name="posting", name="places"),
        migrations.AlterField(
            model_name="place", name="name", field=models.CharField(max_length=200)
        ),
        migrations.AlterField(
            model_name="place", name="slug", field=models.SlugField(max_length=100, unique=True)
        ),
        migrations.AddField(
            model_name="place",
            name="key",
            field=models.CharField(editable=False, max_length=100, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="place",
            name="kind",
            field=models.CharField(
                choices=[
                    ("city", "City"),
                    ("region", "Region"),
                    ("country", "Country"),
                    ("continent", "Continent"),
                ],
                default="city",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="place",
            name="country_code",
            field=models.CharField(blank=True, max_length=2, verbose_name="ISO country code"),
        ),
        migrations.AddField(
            model_name="place",
            name="continent",
            field=models.CharField(blank=True, help_text="GeoNames' code.", max_length=2),
        ),
        migrations.AddField(
            model_name="place",
            name="geonames_id",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="GeoNames id"),
        ),
        migrations.AddField(
            model_name="place",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="children",
                to="postings.place",
            ),
        ),
        migrations.CreateModel(
            name="PlaceAlias",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(allow_unicode=True, max_length=100, unique=True)),
                (
                    "place",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="aliases",
                        to="postings.place",
                    ),
                ),
            ],
            options={"verbose_name_plural": "place aliases"},
        ),
        migrations.CreateModel(
            name="PostingPlace",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "remote",
                    models.BooleanField(default=False, help_text="Where applicants may live."),
                ),
                (
                    "named",
                    models.BooleanField(default=False, help_text="Named by the posting itself."),
                ),
                (
                    "place",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="posting_links",
                        to="postings.place",
                    ),
                ),
                (
                    "posting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="place_links",
                        to="postings.posting",
                    ),
                ),
            ],
            options={
                "db_table": LINKS,
                "indexes": [
                    models.Index(fields=["place", "posting"], name="posting_place_by_place")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("posting", "place", "remote"), name="unique_posting_place"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="posting",
            name="places",
            field=models.ManyToManyField(
                blank=True,
                editable=False,
                related_name="postings",
                through="postings.PostingPlace",
                to="postings.place",
            ),
        ),
        migrations.AddField(
            model_name="posting",
            name="remote_continents",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(relink, migrations.RunPython.noop),
    ]
