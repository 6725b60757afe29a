"""What a unit sends after signing up: the entry (bidrag) and its documents' checks,
the board-minutes extract, their attachments, and who still owes what.
"""
