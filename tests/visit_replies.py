"""Realistic coordinator replies with the visits a person reads in them.

Each case: the day the reply was sent, its text, and the expected visits as
"YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM-HH:MM" per kind (None: not in the
mail). WRITTEN_FIRST was written before the date reader existed; its accuracy is reported
on its own (tests/test_visit_dates.py), LATER was added while the reader was built.
"""

from __future__ import annotations

from datetime import date

Case = tuple[date, str, str | None, str | None]

WRITTEN_FIRST: list[Case] = [
    (
        date(2027, 6, 10),
        "Platsbesök 14 oktober kl. 9–12, återföring 3 december kl. 13",
        "2027-10-14 09:00-12:00",
        "2027-12-03 13:00",
    ),
    (
        date(2027, 6, 14),
        "Hej! Vi har bokat platsbesöket den 21 september kl. 09.00-15.00.",
        "2027-09-21 09:00-15:00",
        None,
    ),
    (
        date(2027, 6, 15),
        "Återföringsbesöket blir den 8 december klockan 14.",
        None,
        "2027-12-08 14:00",
    ),
    (
        date(2027, 8, 16),
        "Platsbesök tisdag nästa vecka kl. 9",
        "2027-08-24 09:00",
        None,
    ),
    (
        date(2027, 6, 9),
        "Hej,\nplatsbesök: 2027-10-05 08:30–12:00\nåterföringsbesök: 2027-12-01 13:00–14:30\n"
        "Mvh Karin",
        "2027-10-05 08:30-12:00",
        "2027-12-01 13:00-14:30",
    ),
    (
        date(2027, 6, 20),
        "Vi ses på plats den 12/10 kl 10 och för återföringen den 7/12 kl 9.",
        "2027-10-12 10:00",
        "2027-12-07 09:00",
    ),
    (
        date(2027, 6, 11),
        "Platsbesöket är bokat till onsdag 29 september, tid återkommer vi om.",
        "2027-09-29",
        None,
    ),
    (
        date(2027, 9, 1),
        "Vi har bokat platsbesök på torsdag kl. 13–16.",
        "2027-09-02 13:00-16:00",
        None,
    ),
    (
        date(2027, 6, 16),
        "Platsbesök 6 okt 9-12. Återföring 2 dec 10-11.",
        "2027-10-06 09:00-12:00",
        "2027-12-02 10:00-11:00",
    ),
    (
        date(2027, 8, 30),
        "Hej! Bokat platsbesök i morgon kl. 08.15.",
        "2027-08-31 08:15",
        None,
    ),
    (
        date(2027, 6, 22),
        "Platsbesöket blir måndagen den 4 oktober kl. 9.00 till 15.30 och "
        "återföringsbesöket tisdagen den 30 november kl. 15.",
        "2027-10-04 09:00-15:30",
        "2027-11-30 15:00",
    ),
    (
        date(2027, 9, 6),
        "Vi kommer på platsbesök fredag nästa vecka mellan 9 och 12.",
        "2027-09-17 09:00-12:00",
        None,
    ),
    (
        date(2027, 6, 18),
        "Bokat: platsbesök 27 september 2027, kl. 13.00–16.00.",
        "2027-09-27 13:00-16:00",
        None,
    ),
    (
        date(2027, 11, 29),
        "Återföringsbesöket flyttas till 14 december kl. 10.",
        None,
        "2027-12-14 10:00",
    ),
    (
        date(2027, 6, 8),
        "Hej! Jag har pratat med Anna och vi bokade platsbesök den 19 oktober kl 8-12 "
        "samt återföring den 9 december kl 13-14.",
        "2027-10-19 08:00-12:00",
        "2027-12-09 13:00-14:00",
    ),
    (
        date(2027, 9, 20),
        "Platsbesöket blir på måndag kl. 9.",
        "2027-09-27 09:00",
        None,
    ),
    (
        date(2027, 6, 10),
        "Datum för platsbesök: 13 oktober. Återföringsbesök: 6 december.",
        "2027-10-13",
        "2027-12-06",
    ),
    (
        date(2027, 6, 25),
        "Hej, här kommer våra datum. Platsbesöket den 7:e oktober klockan 09:00-12:00.",
        "2027-10-07 09:00-12:00",
        None,
    ),
    (
        date(2027, 9, 8),
        "platsbesök onsdag nästa vecka kl 10.30",
        "2027-09-15 10:30",
        None,
    ),
    (
        date(2027, 6, 3),
        "Vi har bokat besök på plats 15 september kl. 9–11.30 och återkoppling 1 december kl. 14.",
        "2027-09-15 09:00-11:30",
        "2027-12-01 14:00",
    ),
    (
        date(2027, 6, 30),
        "Platsbesök: den 30 september, heldag 08.30–16.00",
        "2027-09-30 08:30-16:00",
        None,
    ),
    (
        date(2027, 8, 23),
        "Hej!\n\nPlatsbesöket blir tisdagen 28/9 kl. 12.30-16.\n\nVänliga hälsningar\nOlle",
        "2027-09-28 12:30-16:00",
        None,
    ),
]

LATER: list[Case] = [
    (
        date(2027, 6, 7),
        "Hej! Platsbesök den 5 oktober kl. 9 och återföringsbesök den 2 december kl. 14.",
        "2027-10-05 09:00",
        "2027-12-02 14:00",
    ),
    (
        date(2027, 6, 9),
        "Vi har kommit överens om 22/9 kl. 8.30-12 för platsbesöket.",
        "2027-09-22 08:30-12:00",
        None,
    ),
    (
        date(2027, 6, 2),
        "SV: Lag 3\n\nPlatsbesök: 2027-09-14, kl. 13:00-16:00\nÅterföring: 2027-12-06, kl. 10:00",
        "2027-09-14 13:00-16:00",
        "2027-12-06 10:00",
    ),
    (
        date(2027, 9, 13),
        "Platsbesöket blir i övermorgon kl. 10.",
        "2027-09-15 10:00",
        None,
    ),
    (
        date(2027, 6, 4),
        "Platsbesöket flyttas från 14 oktober till 21 oktober kl. 9–12.",
        "2027-10-21 09:00-12:00",
        None,
    ),
    (
        date(2027, 6, 14),
        "Vi har bokat 12 oktober kl. 9–15 och 7 december kl. 13–14.",
        "2027-10-12 09:00-15:00",
        "2027-12-07 13:00-14:00",
    ),
    (
        date(2027, 6, 16),
        "Hej Anna! Bekräftar platsbesök torsdagen den 23 september klockan 8.30 till 15.",
        "2027-09-23 08:30-15:00",
        None,
    ),
    (
        date(2027, 8, 9),
        "Återkoppling till verksamheten 30 nov kl 15-16, platsbesök 8 sept kl 9-12",
        "2027-09-08 09:00-12:00",
        "2027-11-30 15:00-16:00",
    ),
    (
        date(2027, 6, 21),
        "platsbesök 1 oktober 2027 09:30",
        "2027-10-01 09:30",
        None,
    ),
    (
        date(2027, 9, 15),
        "Vi tar platsbesöket nästa fredag kl 9.",
        "2027-09-17 09:00",
        None,
    ),
    (
        date(2027, 6, 28),
        "Hej!\nBokat enligt önskemål:\n* Platsbesök 20 oktober 08.00–16.00\n"
        "* Återföringsbesök 13 december 09.00–10.30\nHälsningar, Olle",
        "2027-10-20 08:00-16:00",
        "2027-12-13 09:00-10:30",
    ),
    (
        date(2027, 6, 11),
        "Platsbesöket: 29 sep. Återföringen: 8 dec kl. 11.",
        "2027-09-29",
        "2027-12-08 11:00",
    ),
    (
        date(2027, 10, 1),
        "Tiden för platsbesöket den 12 oktober blir kl. 9-12.",
        "2027-10-12 09:00-12:00",
        None,
    ),
    (
        date(2027, 6, 17),
        "Vi ses för platsbesök 16/9 mellan 13 och 16.",
        "2027-09-16 13:00-16:00",
        None,
    ),
    (
        date(2027, 11, 12),
        "Återföringsbesöket bokat tisdag nästa vecka kl 14",
        None,
        "2027-11-16 14:00",
    ),
    (
        date(2027, 6, 23),
        "Bokat platsbesök 11 oktober kl. 9–16 (heldag). Återföring efter ceremonin, "
        "den 1 december kl. 13.30–15.",
        "2027-10-11 09:00-16:00",
        "2027-12-01 13:30-15:00",
    ),
    (
        date(2027, 6, 1),
        "Hej, vi bokade platsbesök 2/10-2027 kl 8.",
        "2027-10-02 08:00",
        None,
    ),
    (
        date(2027, 9, 27),
        "Platsbesöket blir på fredag, 08.30.",
        "2027-10-01 08:30",
        None,
    ),
    (
        date(2027, 6, 29),
        "Datum klart! Platsbesök 6:e oktober kl 10-14 och återföring 9:e december kl 10.",
        "2027-10-06 10:00-14:00",
        "2027-12-09 10:00",
    ),
    (
        date(2027, 6, 10),
        "Vi har bokat återföringen först: 10 december kl. 9. Platsbesöket blir 18 oktober kl. 13.",
        "2027-10-18 13:00",
        "2027-12-10 09:00",
    ),
]
