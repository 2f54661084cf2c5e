"""The two staff roles, with exactly the model permissions each needs.

Recruiters manage their own companies' postings (the admin narrows every list, form and
action to those companies): they view and change their company, view and add tags (tags
are shared, so renaming or deleting one is for moderators), and manage postings and their tag
links. Moderators manage all of the board's content. Neither gets users, groups or permissions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECRUITER_PERMISSIONS = [
    "view_company",
    "change_company",
    "view_tag",
    "add_tag",
    "view_posting",
    "add_posting",
    "change_posting",
    "delete_posting",
    "view_taggedposting",
    "add_taggedposting",
    "change_taggedposting",
    "delete_taggedposting",
]
MODERATOR_MODELS = ["company", "tag", "posting", "taggedposting"]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    postings = Permission.objects.filter(content_type__app_label="postings")

    recruiters, _ = Group.objects.get_or_create(name="Recruiters")
    recruiters.permissions.set(postings.filter(codename__in=RECRUITER_PERMISSIONS))

    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.set(postings.filter(content_type__model__in=MODERATOR_MODELS))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Recruiters", "Moderators"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("postings", "0005_workflow_salary_recruiters"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
