from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from postings.importers import import_paths


class Command(BaseCommand):
    help = "Import posting files (Markdown with YAML front matter) from files and folders."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="files or folders (default: seeds/)")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count, but write nothing"
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="update postings edited in the admin since their last import (default: skip "
            "them and report a conflict)",
        )

    def handle(self, *args, paths, dry_run, overwrite, **options):
        report = import_paths(paths or [settings.SEEDS_DIR], dry_run=dry_run, overwrite=overwrite)
        for path, reason in report.errors:
            self.stderr.write(f"{path}: {reason}")
        for path, note in report.notes:
            self.stderr.write(f"{path}: imported, but {note}")
        for path in report.conflicts:
            self.stderr.write(
                f"{path}: conflict: the file changed and the posting was edited in the admin "
                "since its last import; kept the edit (--overwrite replaces it)"
            )
        self.stdout.write(report.summary + (" (dry run: nothing written)" if dry_run else ""))
        if report.errors:
            raise CommandError(f"{len(report.errors)} file(s) failed; the others were imported.")
