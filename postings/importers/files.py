"""Which files an import reads, and reading one without trusting what the path names.

A path may name anything: a FIFO (opening it for reading blocks until someone writes), a
symlink to /dev/zero (endless), a file that grows while it is read. Only regular files are
read, opened without blocking and read no further than the size limit allows.
"""

import os
import stat
from pathlib import Path

from .data import BadFile, PostingData
from .parsing import parse_posting

MAX_FILE_BYTES = 1024 * 1024
POSTING_SUFFIXES = {".md", ".markdown"}

_KINDS = {
    stat.S_IFDIR: "is a directory, expected a posting file",
    stat.S_IFIFO: "is a FIFO (named pipe), not a regular file",
    stat.S_IFCHR: "is a device, not a regular file",
    stat.S_IFBLK: "is a device, not a regular file",
    stat.S_IFSOCK: "is a socket, not a regular file",
}


def posting_files(paths):
    """Yield every file to import: given files as they are, folders searched for *.md.

    Symlinked folders are not followed (pathlib's rglob), so a link loop cannot trap the walk.
    """
    for path in map(Path, paths):
        if path.is_dir() and path.suffix.lower() not in POSTING_SUFFIXES:
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in POSTING_SUFFIXES and not p.name.startswith(".")
            )
        else:
            yield path


def read_posting(path: Path) -> PostingData:
    return parse_posting(decode(read_bounded(path)))


def read_bounded(path: Path, limit=MAX_FILE_BYTES) -> bytes:
    try:
        # O_NONBLOCK: a FIFO opens at once instead of waiting for a writer; fstat() then
        # refuses it. Checked on the open file, so the path cannot be swapped in between.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as error:
        raise BadFile(f"cannot read file: {error.strerror or error}") from None
    kind = stat.S_IFMT(os.fstat(fd).st_mode)
    if kind != stat.S_IFREG:
        os.close(fd)
        raise BadFile(_KINDS.get(kind, "is not a regular file"))
    with open(fd, "rb") as file:  # buffered: read(n) reads until n bytes or the end
        try:
            raw = file.read(limit + 1)
        except OSError as error:
            raise BadFile(f"cannot read file: {error.strerror or error}") from None
    if len(raw) > limit:
        raise BadFile(f"file is larger than {limit // 1024} KB")
    return raw


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadFile(f"not UTF-8 (invalid byte at offset {error.start})") from None
