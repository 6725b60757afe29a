"""Where the words around a role word make a capitalised name a place or a post, not a
person: "förskolechef för Mötesplats Älvsjö", "rektor för Östermalms förskolor (Gärdet)",
"chefens namn", "Biljettkassan Sergels torg – chef …"."""

from __future__ import annotations

import re

# "förskolechef för Mötesplats Älvsjö": a name after a preposition is a place, not a person.
# "Head of Unit for Team Tillsyn City": "Team", read off the name, belongs to the place.
PLACE_BEFORE = re.compile(r"(?i)\b(?:för|på|vid|i|inom|at|of|in|within|for)\s+(?:team(?:et)?\s+)?$")
# "rektor för Östermalms förskolor område 2 (Gärdet)": a name in brackets after the
# unit is where the unit is, not a person.
PLACE_ASIDE = re.compile(
    r"(?i)\b(?:för|på|vid|i|inom|at|of|in|within)\s+[^\s(),.;:]+(?:\s+[^\s(),.;:]+){0,5}\s*\($"
)
# "Head of Unit for Team X, …"; "the contact person for Förskolan Y to Olga Ek": "to" ends
# the place.
PLACE_AFTER = re.compile(
    r"(?i)\s+(?:för|på|vid|inom|of|at|for)\s+[^,:;–—]*?"
    r"(?=,|:|;|\s[–—-]\s|\s(?:är|blir|heter|is|will|to)\b|$)"
)
POST_AFTER_PREPOSITION = re.compile(r"(?i)\b(?:av|med|till|från|hos|by|with|from)\s+$")
# "chefens namn", "rektorns nummer": the post owns something; it says nothing of who holds it.
GENITIVE_POST = re.compile(r"(?i)(?:chefens|rektorns)$")
# "Biljettkassan Sergels torg – chef …", "Scenen Kajen (vår scen i Farsta) – chef …":
# capitals that run on into a lower-case word or a place in brackets before the dash are
# the head of a unit's name, not a person.
NAME_RUNS_ON = re.compile(
    r"[ ]+(?:[a-zåäöé][\w-]*|\((?:vår|vårt|i|på|in|at|our)\b[^)]*\))[ ]+[–—-][ ]"
)
