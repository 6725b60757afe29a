"""From a parsed mail's attachments to the document checks' input, and onto disk."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.context import Context, Inbound
from bot.entries.documents import InputFile
from bot.entries.documents.filetype import sniff
from bot.mail.parse import Attachment, ParsedMail
from bot.mail.storage import store_bytes
from bot.models import AttachmentRecord

# Not part of what a unit sends in: Outlook's TNEF wrapper, S/MIME signatures, vCards.
NOT_DOCUMENTS = (
    "application/ms-tnef",
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
    "text/vcard",
    "text/x-vcard",
)
# Inline pictures this small are signature logos, not the entry's picture.
LOGO_BYTES = 30_000


def _is_document(attachment: Attachment) -> bool:
    if attachment.content_type in NOT_DOCUMENTS:
        return False
    small_inline = attachment.inline and len(attachment.data) < LOGO_BYTES
    return not (small_inline and attachment.content_type.startswith("image/"))


def input_files(mail: ParsedMail) -> list[InputFile]:
    return [
        InputFile(a.filename, a.content_type, a.data) for a in mail.attachments if _is_document(a)
    ]


def store_attachments(
    session: Session,
    ctx: Context,
    inbound: Inbound,
    now: datetime,
    *,
    entry_id: int | None = None,
    minutes_id: int | None = None,
) -> None:
    """Keep every attachment's bytes (content-addressed) and record it."""
    for attachment in inbound.mail.attachments:
        if not _is_document(attachment):
            continue
        stored = store_bytes(session, ctx.settings.data_dir, attachment.data, now)
        session.add(
            AttachmentRecord(
                inbound_id=inbound.row_id,
                entry_id=entry_id,
                minutes_id=minutes_id,
                file_id=stored.id,
                filename=attachment.filename[:255],
                kind=str(sniff(attachment.data)),
                size=len(attachment.data),
            )
        )
