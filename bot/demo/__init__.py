"""The demo year: a whole award year replayed in simulated time, and the realistic
Word, PDF and picture documents it (and the tests) send.
"""
