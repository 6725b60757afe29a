"""Whether a mail's origin is authenticated: the proof a staff command needs.

Two proofs count, and nothing else (fail closed):

1. An RFC 8601 ``Authentication-Results`` header whose authserv-id is the one the operator
   trusts (``KB_AUTHSERV_ID``) and that says ``dmarc=pass`` for the domain of the From
   address. Servers add their header above everything the sender wrote, so the topmost
   header with our authserv-id is our server's; a header from any other server is ignored.
   SPF alone proves nothing about From, so ``spf=pass`` is not enough.
2. Exchange's ``X-MS-Exchange-Organization-AuthAs: Internal``, which Exchange sets for mail
   authenticated inside the organisation and strips from mail arriving from outside at the
   first Exchange hop. It is only as good as that hop: it is trusted only when every path
   into the mailbox goes through Exchange (the graph and ews backends) and the operator
   says so (``KB_TRUST_EXCHANGE_AUTHAS=yes``).

The From address must be exactly one address parsed without defects
(``ParsedMail.from_strict``); a decision never falls back to the display name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# authres ships no type stubs; the two calls used here are checked by the tests.
import authres  # type: ignore[import-untyped]

from bot.mail.parse import ParsedMail

EXCHANGE_BACKENDS = frozenset({"graph", "ews"})


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str  # Swedish, for the staff; "" when ok


def authenticate(
    mail: ParsedMail, *, authserv_id: str, trust_exchange: bool, backend: str
) -> Verdict:
    """Whether ``mail`` provably comes from the address in its From header."""
    sender = mail.from_strict
    if sender is None:
        return Verdict(False, "avsändarfältet (From) är inte exakt en giltig adress")
    if trust_exchange and backend in EXCHANGE_BACKENDS and _exchange_internal(mail):
        return Verdict(True, "")
    if not authserv_id:
        return Verdict(False, "ingen betrodd autentisering är inställd (KB_AUTHSERV_ID)")
    results = _our_results(mail.authentication_results, authserv_id)
    if results is None:
        return Verdict(False, "mejlservern har inte intygat avsändaren (Authentication-Results)")
    domain = sender.rpartition("@")[2]
    if any(_dmarc_pass_for(result, domain) for result in results.results):
        return Verdict(True, "")
    return Verdict(False, "mejlservern intygar inte avsändaren (dmarc=pass saknas)")


def _exchange_internal(mail: ParsedMail) -> bool:
    values = [v.strip().lower() for v in mail.exchange_auth_as.splitlines() if v.strip()]
    # More than one value means someone added their own; trust none of them.
    return values == ["internal"]


def _our_results(headers: str, authserv_id: str) -> Any:
    """The topmost parsed header with our authserv-id, None if there is none."""
    for line in headers.splitlines():
        try:
            parsed = authres.AuthenticationResultsHeader.parse(f"Authentication-Results: {line}")
        except Exception:  # authres raises its own errors on malformed headers
            continue
        if str(parsed.authserv_id).lower() == authserv_id.lower():
            return parsed
    return None


def _dmarc_pass_for(result: object, domain: str) -> bool:
    if getattr(result, "method", "") != "dmarc" or getattr(result, "result", "") != "pass":
        return False
    header_from = [
        str(p.value).lower()
        for p in getattr(result, "properties", ())
        if p.type == "header" and p.name == "from"
    ]
    return header_from == [domain.lower()]
