"""Render untrusted job-posting Markdown to HTML that is safe to mark as safe in a template.

Markdown passes raw HTML straight through, so its output is treated as hostile and the
sanitizer (nh3, i.e. ammonia) always runs last: nothing may touch the HTML after it except
the h1 demotion below, which only rewrites tags nh3 itself serialized.
"""

import re

import markdown
import nh3

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


def render_markdown(text: str) -> str:
    if not text:
        return ""
    # A lone surrogate cannot be encoded to UTF-8 for nh3's Rust core and would raise.
    text = text.encode("utf-8", "replace").decode("utf-8")
    html = markdown.markdown(text, extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS)
    cleaned = nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags=_CLEAN_CONTENT_TAGS,
        attributes=_ATTRIBUTES,
        tag_attribute_values=_ATTRIBUTE_VALUES,
        url_schemes={"http", "https", "mailto"},
        # Relative hrefs would resolve against the job board itself, never what an
        # employer meant, and the spec allows only http/https/mailto; drop them.
        url_relative="deny",
        link_rel=_LINK_REL,
        strip_comments=True,
    )
    return _H1.sub(r"<\1h2>", cleaned)
