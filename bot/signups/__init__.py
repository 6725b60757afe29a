"""Sign-ups: the sign-up reader (extract/), registering and updating units,
withdrawals, eligibility flags and the units' references, flags and addresses.
"""
