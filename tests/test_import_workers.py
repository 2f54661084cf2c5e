"""Files are prepared in worker processes that no file can take down: one that crashes its
worker, stalls it or raises fails alone, with a reason, and every other file is prepared."""

import os
import signal
import time

import pytest

from postings.importers import BadFile, import_paths, workers
from tests.test_importers import SEED

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(tmp_path):
    """Twenty copies of the seed, each with its own URL, in one folder."""
    text = SEED.read_text()
    for n in range(20):
        (tmp_path / f"{n:02d}.md").write_text(text.replace("/jobs/", f"/jobs/{n}-", 1))
    return tmp_path


@pytest.fixture
def sabotage(monkeypatch):
    """Make reading the file named `name` do `harm` instead, in the worker processes."""
    read = workers.read_posting

    def install(name, harm):
        def read_posting(path):
            if path.name == name:
                harm()
            return read(path)

        monkeypatch.setattr(workers, "read_posting", read_posting)  # forked: the workers see it

    return install


def outcomes(folder):
    return {path.name: data for path, data, _ in workers.prepared([folder])}


def test_a_file_that_crashes_its_worker_fails_alone(folder, sabotage):
    sabotage("07.md", lambda: os.kill(os.getpid(), signal.SIGKILL))
    result = outcomes(folder)
    assert list(result) == sorted(result)  # in order, every file once
    assert str(result.pop("07.md")) == "crashed the process that read it (exit code -9)"
    assert len(result) == 19 and not any(isinstance(d, BadFile) for d in result.values())


def test_a_file_that_stalls_its_worker_fails_at_the_deadline(folder, sabotage, monkeypatch):
    monkeypatch.setattr(workers, "DEADLINE_SECONDS", 0.5)
    sabotage("12.md", lambda: time.sleep(3600))  # asleep: no CPU timer would ever fire
    started = time.monotonic()
    result = outcomes(folder)
    assert time.monotonic() - started < 30
    assert str(result.pop("12.md")) == "body too complex to render (took more than 0.5 s)"
    assert not any(isinstance(d, BadFile) for d in result.values())


def test_a_bug_in_reading_one_file_is_that_files_failure(folder, sabotage):
    def bug():
        raise TypeError("unexpected")

    sabotage("03.md", bug)
    report = import_paths([folder])
    assert report.summary == "created 19, updated 0, unchanged 0, failed 1"
    assert report.errors == [(folder / "03.md", "could not be read: TypeError: unexpected")]
