"""What the property-based ("fuzz") tests share: the hypothesis profile, hostile text, and a
tally of the examples each test actually tried.

By default every fuzz test tries a moderate number of examples, so that `make test` stays fast
on CI; `FUZZ_EXAMPLES=2000 pytest tests/test_fuzz_urls.py tests/test_fuzz_importer.py` makes
a long run. The tally is printed at the end of each fuzz module and, when `FUZZ_REPORT` names
a file, appended to it.
"""

import os
from collections import Counter

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

DEFAULT_EXAMPLES = 40

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES") or DEFAULT_EXAMPLES),
    # A request or an import takes milliseconds, and far more on a busy 2-core CI machine.
    deadline=None,
    suppress_health_check=[
        # Deliberate: what a test sets up once (a small board, an imported posting) is shared by
        # all of its examples, which only read it or roll their own writes back.
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
fuzz = settings(settings.get_profile("fuzz"))


def scaled(factor: float) -> settings:
    """The fuzz profile with `factor` times its examples, for tests far cheaper or dearer."""
    return settings(fuzz, max_examples=max(1, round(fuzz.max_examples * factor)))


# Characters that have broken web applications: NUL and other controls, bidirectional overrides,
# combining marks, astral characters, non-characters, lone surrogates, digits that str.isdigit()
# accepts but int() does not, and text that means something to SQL, HTML, URLs or search syntax.
SPECIAL = [
    "\x00", "\x01", "\x08", "\x0b", "\x1b[31m", "\x7f", "\x85", "\r\n", "\t", "\u00a0",
    "\u202e", "\u202d", "\u200f", "\u061c", "\u2066", "\u200b", "\u200d", "\ufeff",
    "\u0301", "\u0300\u0301\u0302\u0303", "\u20dd", "\ufe20",
    "🚀", "👩‍💻", "𝕏", "\U0001f1e9\U0001f1ea", "\U000e0001", "\U0010ffff",
    "\ufffe", "\uffff", "\ufffd", "\ud800", "\udfff", "\udbff\udfff",
    "²", "³", "٣", "١٢", "１２", "Ⅻ", "½", "߀", "𝟙",
    "İ", "ß", "ǅ", "ς", "K", "ﷺ", "ﬀ", "ŉ", "ǰ",
    "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "javascript:alert(3)",
    "' OR '1'='1", "'; DROP TABLE postings_posting; --", '"', "\\", "`",
    "%", "&", "=", "+", "#", "?", "/", ";", ",", "*", "-", "..", "../../etc/passwd",
    "or", "OR", "NOT", "NEAR", "AND", ":*", "!", "|", "<->", "(", ")", "{", "}", "[", "]",
    "NaN", "inf", "-1", "0", "1e309", "0x10", "9" * 5000, "-0", "1_000", "1,000",
    "newest", "featured", "relevance", "golang", "ui-ux", "berlin", "software", "1", "true",
]  # fmt: skip

# Text of any kind: arbitrary Unicode (lone surrogates included), control and format
# characters, the specials above glued together, and huge values (up to 100 KB).
hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(categories=["Cs", "Cc", "Cf", "Mn", "Me", "Zs", "Zl", "Nd", "No"])),
    st.lists(st.sampled_from(SPECIAL) | st.text(max_size=6), max_size=10).map("".join),
    st.builds(
        lambda piece, times: (piece * times)[:100_000],
        st.sampled_from(SPECIAL) | st.text(min_size=1, max_size=8),
        st.integers(1_000, 100_000),
    ),
    st.integers().map(str),
)


class Tally(Counter):
    """Examples tried, per test: each test body adds one per call."""

    def report(self, config, title):
        line = f"{title}: examples tried: " + ", ".join(f"{k} {v}" for k, v in self.items())
        line += f" (total {self.total()})"
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        capture = config.pluginmanager.get_plugin("capturemanager")
        if reporter is not None and capture is not None:
            with capture.global_and_fixture_disabled():
                reporter.write_line(line)
        if os.environ.get("FUZZ_REPORT"):
            with open(os.environ["FUZZ_REPORT"], "a", encoding="utf-8") as file:
                file.write(line + "\n")
