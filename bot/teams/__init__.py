"""Examiner teams: the examiners, routing (the exact assignment), the proposal and
confirmation, and the mails to examiners, coordinators and units.
"""
