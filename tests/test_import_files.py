"""A path may name anything; only regular files are read, never further than the limit, and
nothing the path names can block or exhaust the import."""

import os

import pytest

from postings.importers import MAX_FILE_BYTES, BadFile, posting_files, read_posting
from tests.test_importers import SEED


def refused(path):
    with pytest.raises(BadFile) as error:
        read_posting(path)
    return str(error.value)


def test_a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    assert refused(tmp_path / "pipe.md") == "is a FIFO (named pipe), not a regular file"


def test_a_link_to_an_endless_device_is_refused_unread(tmp_path):
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    assert refused(tmp_path / "zero.md") == "is a device, not a regular file"


def test_a_link_to_a_regular_file_is_read(tmp_path):
    (tmp_path / "seed.md").symlink_to(SEED)
    assert read_posting(tmp_path / "seed.md").company_name == "Netlify"


def test_a_dangling_link_is_reported(tmp_path):
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    assert refused(tmp_path / "gone.md") == "cannot read file: No such file or directory"


def test_a_file_too_large_is_refused_after_reading_no_more_than_the_limit(tmp_path):
    sparse = tmp_path / "huge.md"
    with open(sparse, "wb") as file:
        file.truncate(50 * 1024**3)  # 50 GB that are not on disk: reading it all would hang
    assert refused(sparse) == f"file is larger than {MAX_FILE_BYTES // 1024} KB"


def test_a_folder_link_loop_does_not_trap_the_walk(tmp_path):
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path)
    assert list(posting_files([tmp_path])) == [tmp_path / "a.md"]


def test_special_files_in_a_folder_are_listed_and_then_refused(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    files = list(posting_files([tmp_path]))
    assert files == [tmp_path / "pipe.md", tmp_path / "zero.md"]
    assert all("not a regular file" in refused(path) for path in files)
