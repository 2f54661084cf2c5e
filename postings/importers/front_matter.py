"""Front matter checked before YAML builds anything from it.

YAML can describe structures far larger than its text: 50,000 nested brackets in 100 KB
crash libyaml's recursive composer (a segfault, not an exception), and 262,000 aliases of one
1,000-character anchor in 786 KB expand to about 850 MB. A posting needs neither: it is a
flat mapping of short values and one list of hashtags. So the token stream, which the scanner
produces without recursion or expansion, is read first, and stopped at the first excess.
"""

import yaml

from .data import BadFile

# The mapping itself, a list of hashtags, and room to spare.
MAX_DEPTH = 10
# Per value: the body is not front matter, the longest field kept (the summary) is 500, and
# even ten thousand hashtags (cut to the first 30) spell under 100,000 characters.
MAX_VALUE_LENGTH = 100_000

_OPENING = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def check_front_matter(text: str) -> None:
    """Raise BadFile if `text` nests too deeply, uses anchors or aliases, or has a huge value.

    Text the scanner itself rejects passes: parsing then reports the YAML error with its line.
    """
    depth, key, after_key = 0, "", False
    try:
        for token in yaml.scan(text, Loader=_LOADER):
            if isinstance(token, _OPENING):
                depth += 1
                if depth > MAX_DEPTH:
                    raise BadFile(
                        f"front matter nests more than {MAX_DEPTH} levels deep"
                        f" (line {token.start_mark.line + 1})"
                    )
            elif isinstance(token, _CLOSING):
                depth -= 1
            elif isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                raise BadFile(
                    "front matter uses YAML anchors or aliases (&name, *name), which posting"
                    f" files never need (line {token.start_mark.line + 1})"
                )
            elif isinstance(token, yaml.ScalarToken):
                if len(token.value) > MAX_VALUE_LENGTH:
                    named = f"the value of {key[:50]!r}" if key else "a value"
                    raise BadFile(
                        f"front matter: {named} is longer than {MAX_VALUE_LENGTH:,} characters"
                    )
                if after_key and depth == 1:
                    key = token.value
            after_key = isinstance(token, yaml.KeyToken)
    except yaml.YAMLError:
        return
