"""The award year as data: the schedule file and its deadlines, Swedish working days
and the .ics calendar files. Pure and low in the house.
"""
