"""In the worker processes: what a posting's text gives on its own (`Prepared`: parsed,
derived, located, the body's search vector), a chunk of postings per task (`prepare_chunk`,
which the pool is handed by its module path), and each worker's start (`start_worker`)."""

import gc
import re
from dataclasses import dataclass

# Of the bodies whose vector Python made, one in CHECK_EVERY (by its file's hash) is also
# sent as text, and PostgreSQL's own to_tsvector() of it must be that vector, or the load fails.
CHECK_EVERY = 100
# A body of plain words: ASCII letters and digits (a letter first, or only digits), one space
# apart, none as long as the 2,047 bytes from which to_tsvector() skips a word.
_PLAIN_WORDS = re.compile(
    r"(?:[a-z][a-z0-9]{0,2045}|[0-9]{1,2046})(?: (?:[a-z][a-z0-9]{0,2045}|[0-9]{1,2046}))*"
)
MAX_POSITION = 2**14 - 1  # PostgreSQL stores higher positions as this one
MAX_POSITIONS = 255  # per lexeme, from to_tsvector() and tsvector input alike


@dataclass(frozen=True)
class Prepared:
    """What a posting's text gives, computed in a worker: all of it but what depends on the
    postings before it."""

    data: object  # PostingData
    derived: object  # Derived
    location: object  # Location
    remote_continents: int
    company_key: str
    body_vector: str | None  # the tsvector of the body's part of the search document, as text
    body_words: str | None  # that part, for PostgreSQL: when it makes the vector, or checks it


def start_worker():
    """Each worker process's start. What it inherited (Django, the gazetteer) is frozen out of
    the garbage collector's sight, and Python-Markdown keeps its Markdown instance.

    `markdown.markdown(text, **options)`, which render_markdown() calls, builds a Markdown
    instance (its extensions, their processors and patterns) for every body, a sixth of the
    rendering. Python-Markdown's documented way to convert many documents is one instance,
    reset() between them; the output is the same (tests/test_copyload.py compares it).
    """
    import markdown

    gc.freeze()
    instances = {}

    def convert(text, **options):
        key = repr(sorted(options.items()))
        if key not in instances:
            instances[key] = markdown.Markdown(**options)
        return instances[key].reset().convert(text)

    markdown.markdown = convert


def prepare(text):
    from postings.budget import bounded
    from postings.companies import company_key
    from postings.derive import derive_fields
    from postings.importers import parse_posting
    from postings.locations import parse_location
    from postings.places import remote_continents
    from postings.search import document

    data = parse_posting(text)
    # What Posting.derive() does when the writer is given no Derived (bulk_load's case).
    derived = bounded(derive_fields, data.title, data.body, data.job_type)
    location = parse_location(data.location)
    body_words = document("", "", "", [], [], derived.body_html)[2]
    vector = body_vector(body_words)
    checked = vector is None or int(data.source_hash[:8], 16) % CHECK_EVERY == 0
    return Prepared(
        data=data,
        derived=derived,
        location=location,
        remote_continents=remote_continents(location),
        company_key=company_key(data.company_name),
        body_vector=vector,
        body_words=body_words if checked else None,
    )


def prepare_chunk(texts):
    return [prepare(text) for text in texts]


def body_vector(words):
    """to_tsvector('simple', words) as tsvector text, for a body of plain words (the index
    text of postings/search/text.py: lower case, one space apart) that no limit of PostgreSQL's
    touches; else None, and PostgreSQL makes it.

    PostgreSQL's parser reads each such word as one token (asciiword, numword or uint),
    which the simple dictionary keeps as it is, at positions 1, 2, 3...; a word spelled
    otherwise ("1e5x" is two tokens), or a lexeme at more than 255 positions, or a position
    past 16,383 is left to PostgreSQL. A vector read back from this text is the same bytes as
    to_tsvector()'s (compared with pageinspect), and CHECK_EVERY has PostgreSQL check it.
    """
    if not words:
        return ""
    if not _PLAIN_WORDS.fullmatch(words):
        return None
    positions = {}
    n = 0
    for n, word in enumerate(words.split(" "), 1):
        if word in positions:
            positions[word].append(n)
        else:
            positions[word] = [n]
    if n > MAX_POSITION or any(len(p) > MAX_POSITIONS for p in positions.values()):
        return None
    return " ".join([f"'{word}':{','.join(map(str, p))}" for word, p in positions.items()])
