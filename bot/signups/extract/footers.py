"""The legal footer an organisation's mail server adds under every signature.

"När du skickar e-post till Stockholms stad sparar och behandlar vi dina personuppgifter …",
"This e-mail may contain confidential information …": a paragraph about data protection or
confidentiality says nothing about the sign-up, and it pushes the writer's name block up out
of reach of the search for the signature, so it is left out before that search.
"""

from __future__ import annotations

import re

_LEGAL = re.compile(
    r"(?i)\b(?:gdpr|dataskydds\w*|personuppgift\w*|behandl\w+\s+(?:av\s+)?(?:dina\s+)?personuppg"
    r"|konfidentiell\w*|sekretess\w*|obehörig\w*|avsedd\s+(?:enbart\s+|endast\s+)?för\s+mottagaren"
    r"|personal\s+data|data\s+protection|confidential\w*|intended\s+(?:only\s+)?(?:for\s+the\s+)?recipient)"
)
# A footer's paragraph is short prose; a longer one is the writer's own text.
_MAX_LINES = 8


def without_legal_footer(lines: list[str]) -> list[str]:
    """The lines without the legal footer at their end: the trailing paragraphs that are one,
    or the last paragraph's lines from the first that speaks of data or confidentiality (a
    signature run into its footer without a blank line keeps its own lines)."""
    end = len(lines)
    while True:
        while end and not lines[end - 1].strip():
            end -= 1
        start = end
        while start and lines[start - 1].strip():
            start -= 1
        if not start or end - start > _MAX_LINES:
            return lines[:end]
        legal = next((i for i in range(start, end) if _LEGAL.search(lines[i])), None)
        if legal is None:
            return lines[:end]
        if legal > start:
            return lines[:legal]
        end = start
