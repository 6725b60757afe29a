"""The manager a reply introduces in two sentences: the post first, the name after.

"Nu är det klart med ny chef för oss. Hon heter Anna Berg och började i måndags." The
sentence that names the post names nobody; the next one opens with "hon"/"han" and says
what the person is called, so the name is the manager's. A reply written to complete a
sign-up that had no manager, or to replace one, often says it this way.
"""

from __future__ import annotations

import re
from itertools import pairwise

from bot.signups.extract.vocabulary import NAME, TITLE, split_sentences

_POST = re.compile(rf"{TITLE}|(?i:\bmanager\b|\bprincipal\b|\bhead\s+teacher\b)")
# A deputy's or a vacant post names no manager; a contact in the same sentence makes it
# unclear which of the two the next sentence is about.
_NOT_THE_POST = re.compile(
    r"(?i)\b(?:biträdande|bitr|ställföreträdande|vice|ingen|saknar|deputy|no)\s+\w*$"
)
_CONTACT = re.compile(r"(?i)\bkontakt\w*|\bcontact\b")
# "Hon heter …", "Han heter …", "Hennes namn är …", "She is called …", "Her name is …".
_CALLED = re.compile(
    rf"^(?i:(?:hon|han|hen)\s+heter|(?:hennes|hans|hens)\s+namn\s+är"
    rf"|(?:she|he)\s+is\s+called|(?:her|his)\s+name\s+is)\s+(?P<name>{NAME})"
)


def _names_the_post_alone(sentence: str) -> bool:
    """True for a sentence about the manager's post that names no person itself."""
    post = _POST.search(sentence)
    if post is None or _NOT_THE_POST.search(sentence[: post.end()]):
        return False
    return not re.search(NAME, sentence) and not _CONTACT.search(sentence)


def manager_named_after_post(text: str) -> str | None:
    """The person "Hon heter X" names in the sentence after one about the manager's post."""
    sentences = split_sentences(text)
    for post, following in pairwise(sentences):
        if _names_the_post_alone(post) and (called := _CALLED.match(following)):
            return called.group("name")
    return None
