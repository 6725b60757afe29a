"""Examiner teams as an optimisation: plain data in (``problem``), teams that keep every
hard rule, or the reasons why not, out (``solve``).

How the time is spent (a two-phase answer first, then the exact model) is in ``phases``,
the model itself in ``model``, solving it and reading the teams back in ``run``; the
pre-analysis, the per-team report of soft rules and the alternates are in ``explain``,
shortfalls in ``shortfall``. The problem types sit at the bottom: no module here imports
``solve``, so there is no circle. Nothing here touches the database.
"""
