"""The mailbox's settings: which backend, its folders, and each backend's server and login."""

from __future__ import annotations

from bot.config.secrets import parse_secret
from bot.config.values import (
    Spec,
    _backend,
    _choice,
    _optional_path,
    _path,
    _port,
    _positive_int,
    _text,
)

MAILBOX_SPECS: tuple[Spec, ...] = (
    Spec(
        "KB_MAILBOX_BACKEND",
        "mailbox_backend",
        _backend,
        "maildir",
        "Which mailbox the bot watches: maildir (embedded default).",
    ),
    Spec(
        "KB_MAILDIR", "maildir", _path, "", "The Maildir++ folder; empty means <data dir>/mailbox."
    ),
    Spec(
        "KB_FOLDER_HANDLED",
        "folder_handled",
        _text,
        "Behandlat",
        "Folder for mail the bot has handled.",
    ),
    Spec(
        "KB_FOLDER_STAFF", "folder_staff", _text, "Granska", "Folder for mail that needs the staff."
    ),
    Spec(
        "KB_FOLDER_QUARANTINE",
        "folder_quarantine",
        _text,
        "Karantän",
        "Folder for mail whose processing failed.",
    ),
    Spec(
        "KB_FOLDER_SENT",
        "folder_sent",
        _text,
        "Sent",
        "Folder where every mail the bot sends is stored.",
    ),
    Spec("KB_IMAP_HOST", "imap_host", _text, "", "IMAP server host name."),
    Spec("KB_IMAP_PORT", "imap_port", _port, "993", "IMAP server port."),
    Spec(
        "KB_IMAP_SECURITY",
        "imap_security",
        _choice("tls", "starttls", "plain"),
        "tls",
        "tls (port 993), starttls (port 143) or plain (tests on loopback only).",
    ),
    Spec("KB_IMAP_USER", "imap_user", _text, "", "IMAP login name."),
    Spec("KB_IMAP_PASSWORD", "imap_password", parse_secret, "", "IMAP password."),
    Spec(
        "KB_IMAP_PASSWORD_FILE",
        "imap_password_file",
        _optional_path,
        "",
        "File holding the IMAP password; wins over KB_IMAP_PASSWORD.",
    ),
    Spec("KB_IMAP_INBOX", "imap_inbox", _text, "INBOX", "The IMAP folder the bot watches."),
    Spec("KB_SMTP_HOST", "smtp_host", _text, "", "SMTP submission host; empty: the IMAP host."),
    Spec("KB_SMTP_PORT", "smtp_port", _port, "587", "SMTP submission port."),
    Spec(
        "KB_SMTP_SECURITY",
        "smtp_security",
        _choice("tls", "starttls", "plain"),
        "starttls",
        "starttls (port 587), tls (port 465) or plain (tests on loopback only).",
    ),
    Spec("KB_SMTP_USER", "smtp_user", _text, "", "SMTP login; empty: the IMAP login."),
    Spec("KB_SMTP_PASSWORD", "smtp_password", parse_secret, "", "SMTP password."),
    Spec(
        "KB_SMTP_PASSWORD_FILE",
        "smtp_password_file",
        _optional_path,
        "",
        "File holding the SMTP password; with neither set, the IMAP password is used.",
    ),
    Spec("KB_GRAPH_TENANT_ID", "graph_tenant_id", _text, "", "Entra ID tenant (directory) id."),
    Spec("KB_GRAPH_CLIENT_ID", "graph_client_id", _text, "", "The app registration's client id."),
    Spec(
        "KB_GRAPH_CLIENT_SECRET",
        "graph_client_secret",
        parse_secret,
        "",
        "The app's client secret.",
    ),
    Spec(
        "KB_GRAPH_CLIENT_SECRET_FILE",
        "graph_client_secret_file",
        _optional_path,
        "",
        "File holding the client secret; wins over KB_GRAPH_CLIENT_SECRET.",
    ),
    Spec(
        "KB_GRAPH_MAILBOX",
        "graph_mailbox",
        _text,
        "",
        "The mailbox's user principal name; empty: KB_BOT_ADDRESS.",
    ),
    Spec(
        "KB_GRAPH_URL",
        "graph_url",
        _text,
        "https://graph.microsoft.com/v1.0",
        "Microsoft Graph endpoint (change only for a national cloud).",
    ),
    Spec(
        "KB_EWS_URL", "ews_url", _text, "", "EWS endpoint, https://mail.example/EWS/Exchange.asmx."
    ),
    Spec("KB_EWS_AUTH", "ews_auth", _choice("ntlm", "oauth"), "ntlm", "ntlm or oauth."),
    Spec("KB_EWS_USER", "ews_user", _text, "", "NTLM login, DOMAIN\\user."),
    Spec("KB_EWS_PASSWORD", "ews_password", parse_secret, "", "NTLM password."),
    Spec(
        "KB_EWS_PASSWORD_FILE",
        "ews_password_file",
        _optional_path,
        "",
        "File holding the NTLM password; wins over KB_EWS_PASSWORD.",
    ),
    Spec("KB_EWS_TENANT_ID", "ews_tenant_id", _text, "", "OAuth: tenant id."),
    Spec("KB_EWS_CLIENT_ID", "ews_client_id", _text, "", "OAuth: client id."),
    Spec("KB_EWS_CLIENT_SECRET", "ews_client_secret", parse_secret, "", "OAuth: client secret."),
    Spec(
        "KB_EWS_CLIENT_SECRET_FILE",
        "ews_client_secret_file",
        _optional_path,
        "",
        "OAuth: file holding the client secret.",
    ),
    Spec(
        "KB_EWS_MAILBOX", "ews_mailbox", _text, "", "The mailbox's address; empty: KB_BOT_ADDRESS."
    ),
    Spec(
        "KB_MAILBOX_TIMEOUT_SECONDS",
        "mailbox_timeout_seconds",
        _positive_int,
        "60",
        "Longest wait for one request to the mail server before it counts as failed.",
    ),
)
