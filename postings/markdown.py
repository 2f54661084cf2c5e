"""Render untrusted job-posting Markdown to HTML that is safe to mark as safe in a template.

Markdown passes raw HTML straight through, so its output is treated as hostile and the
sanitizer (nh3, i.e. ammonia) always runs last: nothing may touch the HTML after it except
the h1 demotion below, which only rewrites tags nh3 itself serialized. (Empty headings are
dropped from nh3's output, which is then sanitized again.)
"""

import re

import markdown
import nh3
from django.core.exceptions import ValidationError

from .validators import validate_apply_url

# Not "extra": its attr_list, footnotes and abbr emit id/class/abbr that the allow-list strips
# anyway (leaving dead footnote links), and md_in_html re-parses raw HTML blocks for no gain.
_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "def_list"]
# The default alignment output is a style attribute, which is not allowed; align survives.
_EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}

_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6",
    "p", "br", "hr", "blockquote", "pre", "code",
    "ul", "ol", "li", "dl", "dt", "dd",
    "strong", "em", "b", "i", "del", "sup", "sub", "a",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip

_ATTRIBUTES = {
    # Without an explicit "*" entry nh3 keeps its default generic attributes (lang, title)
    # on every tag.
    "*": set(),
    "a": {"href", "title"},
    # sane_lists keeps the author's first number ("3. foo" -> <ol start="3">).
    "ol": {"start"},
}

# Restricted by value rather than listed in _ATTRIBUTES (nh3 rejects an attribute in both).
_ATTRIBUTE_VALUES = {cell: {"align": {"left", "center", "right"}} for cell in ("th", "td")}

# Dropped together with their content: what is inside them is code, never prose to show.
_CLEAN_CONTENT_TAGS = {"script", "style", "template", "noscript", "iframe"}

# ugc/nofollow: the links are user content and must not pass our search ranking on to them.
_LINK_REL = "nofollow noopener noreferrer ugc"

# The detail page's only <h1> is the job title. After nh3, a real h1 tag can only be
# serialized as exactly "<h1>" (no attributes are allowed on it) and any "<" in text is
# escaped, so this cannot match text or smuggle anything in.
_H1 = re.compile(r"<(/?)h1>")

# A heading with no text ("## " alone, only spaces or &nbsp;, or whatever sanitizing emptied):
# only whitespace, empty inline tags and line breaks between its tags, as nh3 serializes them.
_EMPTY_HEADING = re.compile(
    r"<(h[1-6])>"
    r"(?:\s|&nbsp;|[\u200b-\u200d\u2060\ufeff]|<br>|</?(?:strong|em|b|i|del|sup|sub|code)>"
    r'|<a(?: [a-z]+="[^"]*")*>|</a>)*'
    r"</\1>\n?"
)


def _keep_valid_href(element, attribute, value):
    """nh3's attribute filter: an href that is not a valid absolute URL (a host ending in
    dots, a space, a bad label) or mailto: address is dropped; the link keeps its text."""
    if element == "a" and attribute == "href":
        try:
            validate_apply_url(value)
        except ValidationError:
            return None
    return value


def render_markdown(text: str) -> str:
    if not text:
        return ""
    # A lone surrogate cannot be encoded to UTF-8 for nh3's Rust core and would raise.
    text = text.encode("utf-8", "replace").decode("utf-8")
    html = markdown.markdown(text, extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS)
    cleaned = _sanitize(html)
    pruned = _EMPTY_HEADING.sub("", cleaned)
    if pruned != cleaned:
        # Cut out of nh3's output by a regex: sanitized once more, so nh3 still runs last.
        cleaned = _sanitize(pruned)
    return _H1.sub(r"<\1h2>", cleaned)


def _sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags=_CLEAN_CONTENT_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_keep_valid_href,
        tag_attribute_values=_ATTRIBUTE_VALUES,
        url_schemes={"http", "https", "mailto"},
        # Relative hrefs would resolve against the job board itself, never what an
        # employer meant, and the spec allows only http/https/mailto; drop them.
        url_relative="deny",
        link_rel=_LINK_REL,
        strip_comments=True,
    )
