"""Hostile posting files: one for every kind that has stopped, crashed or hung an import.

    .venv/bin/python -m bench.hostile FOLDER [--good 10] [--measure]

writes them into FOLDER beside `--good` ordinary files. `make drill` imports such a folder
under load; tests/test_load_seeds.py imports one and checks each file's outcome. `write()`
returns, per file name, the words its failure must contain, "" for a file that must import.
"""

import argparse
import json
import os
import resource
import time
from pathlib import Path

from bench.generate import generate


def posting(body="", **front):
    meta = {"title": "Hostile", "companyName": "Mallory Ltd", "url": "https://bad.example.com/"}
    lines = [f"{key}: {value}" for key, value in {**meta, **front}.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


TOO_COMPLEX = "body too complex to render"

# name -> (text, what its failure says). Each name is also its posting's source URL, so that
# the good ones among them stay apart.
TEXTS = {
    # Python-Markdown's super-linear constructs, each under the 50,000-character limit.
    "markdown-brackets": ("[" * 49_000, TOO_COMPLEX),
    "markdown-image-brackets": ("![" * 24_500, TOO_COMPLEX),
    "markdown-unclosed-links": ("[a](" * 12_250, TOO_COMPLEX),
    "markdown-unclosed-html": ("<a " * 16_333, TOO_COMPLEX),
    "markdown-unclosed-autolinks": ("<http://" * 6_000, TOO_COMPLEX),
    # Nesting that recursed past Python's limit, or took as long.
    "markdown-nested-lists": ("- " * 24_500 + "a", TOO_COMPLEX),
    "markdown-nested-ordered-lists": ("1. " * 16_333, TOO_COMPLEX),
    "markdown-nested-definitions": ("a\n:   " + "a\n    :   " * 4_000, TOO_COMPLEX),
    # YAML that crashed libyaml, or expanded to gigabytes.
    "yaml-deep-nesting": ("", "nests more than 10 levels deep"),
    "yaml-alias-bomb": ("", "anchors or aliases"),
    "yaml-huge-value": ("", "longer than 100,000 characters"),
}


def front_matter(name):
    if name == "yaml-deep-nesting":
        return {"deep": "[" * 50_000 + "]" * 50_000}
    if name == "yaml-alias-bomb":
        # 262,000 aliases of a 1,000-character anchor: 786 KB that would expand to 262 MB of
        # text and about 850 MB of memory.
        return {"anchor": "&a " + "x" * 1000, "bomb": "[" + ",".join(["*a"] * 262_000) + "]"}
    if name == "yaml-huge-value":
        return {"summary": "x" * 500_000}
    return {}


def write(folder: Path, good=10) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (body, reason) in TEXTS.items():
        url = f"https://bad.example.com/{name}"
        text = posting(body, url=url, title=name.replace("-", " "), **front_matter(name))
        (folder / f"{name}.md").write_text(text)
        expected[f"{name}.md"] = reason
    # Ten thousand tags: imported, with the first 30 of them, and a note in the report.
    tags = '"' + ", ".join(f"#tag{n}" for n in range(10_000)) + '"'  # quoted: # starts a comment
    text = posting("Many tags.", url="https://bad.example.com/many-tags", hashtags=tags)
    (folder / "many-tags.md").write_text(text)
    expected["many-tags.md"] = ""
    # Not regular files: endless, or blocking until a writer comes.
    (folder / "dev-zero.md").symlink_to("/dev/zero")
    expected["dev-zero.md"] = "is a device, not a regular file"
    os.mkfifo(folder / "fifo.md")
    expected["fifo.md"] = "is a FIFO"
    if good:
        generate(folder / "good", count=good, seed=7)
        expected.update({f"good/{path.name}": "" for path in (folder / "good").glob("*.md")})
    return expected


def measure(folder: Path, expected: dict[str, str]) -> list[dict]:
    """Import each file of `folder` alone (a dry run), in this process, which must have set
    Django up: its outcome, whether that is the expected one, and the seconds it took.

    Peak memory is the largest resident size of this process and of any worker so far
    (getrusage), so the last row's figures are the whole run's.
    """
    from postings.importers import import_paths

    rows = []
    for name, reason in expected.items():
        started = time.monotonic()
        report = import_paths([folder / name], dry_run=True)
        seconds = time.monotonic() - started
        said = report.errors[0][1] if report.errors else "imported"
        ok = reason in said if reason else not report.errors
        rows.append(
            {
                "file": name,
                "outcome": said,
                "expected": ok,
                "seconds": round(seconds, 2),
                "peak_mb": max(
                    resource.getrusage(who).ru_maxrss // 1024
                    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
                ),
            }
        )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--good", type=int, default=10)
    parser.add_argument(
        "--measure", action="store_true", help="then import each file alone and time it"
    )
    args = parser.parse_args()
    expected = write(args.folder, args.good)
    print(f"wrote {len(expected)} files to {args.folder}")
    if args.measure:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings")
        import django

        django.setup()
        for row in measure(args.folder, expected):
            print(json.dumps(row))


if __name__ == "__main__":
    main()
