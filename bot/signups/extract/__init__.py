"""Read a unit's sign-up (anmälan) for Kvalitetsutmärkelsen out of the plain text of a mail.

Units sign up by free-form Swedish mail: labelled lines ("Verksamhet: …"), prose ("Jag heter
Anna Berg och är rektor på …") or only a signature. :func:`extract_signup` runs three
passes over the unquoted text (labels, prose, signature) and trusts them in that order. The
package also recognises withdrawals, undoing a withdrawal and sign-up mails, and compares
unit names. Everything here is pure: strings in, values out. A value that is not in the
text stays None, because the workflow asks the unit rather than guess.

The modules: `vocabulary` (shared patterns and helpers), `quoting` (quoted replies),
`state` (what a pass found), `labels`, `roles`, `prose` and `signature` (the passes),
`unitnames` (the unit's name as weighed candidates; `unitwords` and `unitowners` what a
name looks like and whose it is; type words and titles in
`words.toml`), `organisations` (canonical names from `organisations.toml`), `awards`
(employees and earlier awards), `selfcorrection` (what a writer takes back mid-sentence),
`extract` (the passes combined), `forwards` (a forward's
inner mail), `thread` (a colleague named in full by the quoted thread), `corrections` (a reply read against the registration;
`inline` its answers written into the quoted receipt, `unitrename`, `surname` and `handover` what it
renames or hands on), `invoices` (a supplier's bill), `several` (several
units in one mail), `detection` (withdrawals and sign-up mails), `destination` (what a
mail signs up for: this award or another prize or event), `notices` (mail that signs
nothing up now: newsletters, an undecided unit, "se det inte som en anmälan"), `assent` (a
yes to a quoted proposal to sign up) and `names` (comparing unit names).
"""

from __future__ import annotations

from bot.signups.extract.assent import agrees_to_quoted_signup
from bot.signups.extract.corrections import read_reply
from bot.signups.extract.detection import (
    is_undo_withdrawal,
    is_withdrawal,
    looks_like_signup,
    signs_up_for_another,
)
from bot.signups.extract.extract import SignupFields, extract_signup
from bot.signups.extract.forwards import extract_mail, readable_text, signup_text
from bot.signups.extract.names import similar_names
from bot.signups.extract.quoting import strip_quoted
from bot.signups.extract.severalmail import several_units

__all__ = [
    "SignupFields",
    "agrees_to_quoted_signup",
    "extract_mail",
    "extract_signup",
    "is_undo_withdrawal",
    "is_withdrawal",
    "looks_like_signup",
    "read_reply",
    "readable_text",
    "several_units",
    "signs_up_for_another",
    "signup_text",
    "similar_names",
    "strip_quoted",
]
