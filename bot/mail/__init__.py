"""The mail plumbing: mailbox backends, parsing, auto-reply detection, rendering the
Swedish template trios, the outbox and the content-addressed file store.
"""
