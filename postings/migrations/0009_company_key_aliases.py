"""One company per employer (issue 11): every company gets the key of its name
(postings/companies.py), and companies that were one employer under several spellings are
merged, as postings/merging.py merges them in the admin: the one with the most postings
(then the oldest) stays, with the best spelling; the others' postings and recruiters move to
it, their names and slugs become its aliases, and they are deleted. The key is then unique."""

from collections import defaultdict

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count

from postings.companies import better_name, company_key
from postings.search import document, write_documents


def merge_duplicates(apps, schema_editor):
    Company = apps.get_model("postings", "Company")
    CompanyAlias = apps.get_model("postings", "CompanyAlias")
    Posting = apps.get_model("postings", "Posting")
    Recruiting = Company.recruiters.through

    employers = defaultdict(list)
    for company in Company.objects.annotate(n=Count("postings")).order_by("pk"):
        employers[company_key(company.name)].append(company)

    survivors, touched = [], []
    for key, companies in employers.items():
        survivor = max(companies, key=lambda company: (company.n, -company.pk))
        others = [company for company in companies if company is not survivor]
        name = survivor.name
        for company in others:
            name = better_name(name, company.name)
        if others:
            ids = [company.pk for company in others]
            Posting.objects.filter(company__in=ids).update(company=survivor)
            users = Recruiting.objects.filter(company__in=ids).values_list("user", flat=True)
            survivor.recruiters.add(*users)
            CompanyAlias.objects.bulk_create(
                CompanyAlias(name=company.name, key=key, slug=company.slug, company=survivor)
                for company in others
            )
            Company.objects.filter(pk__in=ids).delete()
            touched.append(survivor.pk)
        survivor.key, survivor.name = key, name
        survivors.append(survivor)
    Company.objects.bulk_update(survivors, ["key", "name"], batch_size=500)

    # Their postings' search documents name the company: rewrite them, from this state's
    # models (which have no taggit managers: the tags are read through their links).
    postings = (
        Posting.objects.filter(company__in=touched)
        .select_related("company")
        .prefetch_related("tagged_items__tag", "places")
    )
    write_documents(
        [
            (
                posting.pk,
                *document(
                    posting.title,
                    posting.company.name,
                    posting.location,
                    [item.tag.name for item in posting.tagged_items.all()],
                    [place.name for place in posting.places.all()],
                    posting.body_html,
                ),
            )
            for posting in postings
        ]
    )
    if schema_editor.connection.vendor == "postgresql":
        # Check the deferred foreign keys now: PostgreSQL refuses to alter a table with
        # trigger events still pending, and the key's constraint comes next.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [("postings", "0008_live_expiry_and_type_indexes")]

    operations = [
        migrations.AddField(
            model_name="company",
            name="key",
            field=models.CharField(editable=False, max_length=200, null=True),
        ),
        migrations.CreateModel(
            name="CompanyAlias",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, unique=True)),
                ("key", models.CharField(db_index=True, editable=False, max_length=200)),
                ("slug", models.SlugField(blank=True, max_length=80)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "company",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="aliases",
                        to="postings.company",
                    ),
                ),
            ],
            options={"verbose_name_plural": "company aliases", "ordering": ["name"]},
        ),
        migrations.RunPython(merge_duplicates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="company",
            name="key",
            field=models.CharField(editable=False, max_length=200, unique=True),
        ),
    ]
