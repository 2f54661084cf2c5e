from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from postings.models import Posting

FIXTURES = Path(__file__).parent / "fixtures" / "postings"

pytestmark = pytest.mark.django_db


def test_loads_the_seeds_folder_by_default(capsys):
    call_command("load_seeds")
    assert capsys.readouterr().out.strip() == "created 1, updated 0, unchanged 0, failed 0"
    assert Posting.objects.get().company.name == "Netlify"


def test_second_run_reports_everything_unchanged(capsys):
    call_command("load_seeds")
    capsys.readouterr()
    call_command("load_seeds")
    assert capsys.readouterr().out.strip() == "created 0, updated 0, unchanged 1, failed 0"


def test_dry_run_says_so_and_writes_nothing(capsys):
    call_command("load_seeds", "--dry-run")
    assert "created 1" in capsys.readouterr().out
    assert not Posting.objects.exists()


def test_bad_files_are_listed_and_the_command_fails_after_importing_the_rest(capsys):
    with pytest.raises(CommandError, match="6 file\\(s\\) failed"):
        call_command("load_seeds", str(FIXTURES / "bad"), str(FIXTURES / "dirty"))
    captured = capsys.readouterr()
    assert "not_utf8.md: not UTF-8" in captured.err
    assert "yaml_error.md: YAML error in front matter" in captured.err
    assert "failed 6" in captured.out
    assert Posting.objects.count() == len(list((FIXTURES / "dirty").glob("*.md")))


def test_a_file_name_starting_with_a_dash_can_be_given_after_double_dash(capsys):
    call_command("load_seeds", "--", str(FIXTURES / "dirty" / "-leading-dash.md"))
    assert "created 1" in capsys.readouterr().out


def test_conflicts_are_listed_and_counted(capsys, tmp_path):
    seed = Path(__file__).parent.parent / "seeds" / "senior-backend-engineer-netlify.md"
    path = tmp_path / "job.md"
    path.write_text(seed.read_text())
    call_command("load_seeds", str(path))
    Posting.objects.update(edited_at=timezone.now())
    path.write_text(seed.read_text().replace("featured: 20", "featured: 3"))
    capsys.readouterr()

    call_command("load_seeds", str(path))

    captured = capsys.readouterr()
    assert captured.out.strip() == "created 0, updated 0, unchanged 0, failed 0, conflicts 1"
    assert "job.md: conflict" in captured.err


def test_every_hostile_file_fails_alone_with_its_reason_and_the_good_ones_import(tmp_path, capsys):
    from bench import hostile

    expected = hostile.write(tmp_path, good=10)
    with pytest.raises(CommandError, match="13 file\\(s\\) failed; the others were imported"):
        call_command("load_seeds", str(tmp_path))
    captured = capsys.readouterr()
    assert captured.out.strip() == "created 11, updated 0, unchanged 0, failed 13"
    reported = dict(line.split(": ", 1) for line in captured.err.splitlines())
    for name, reason in expected.items():
        line = reported.get(str(tmp_path / name), "")
        if reason:
            assert reason in line, (name, line)
        else:
            assert line in ("", "imported, but 10,000 tags; kept the first 30"), (name, line)
    assert Posting.objects.count() == 11
    assert Posting.objects.get(url__endswith="/many-tags").tags.count() == 30
