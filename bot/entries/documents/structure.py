"""Check an entry's structure against the award's instructions.

Units format their entries in many ways: Word headings (also Swedish `Rubrik1`),
numbered lists, bold lines, the question copied as a heading or only its number.
So a question counts as present when a short paragraph carries its number as a
heading or next to the question's wording, or when its wording matches closely.
All of this is a heuristic: the messages say "verkar saknas", and the staff decide.
Leftovers (ingresser, Bilaga 1 and 2) are found by matching whole sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from bot.entries.documents.docx import Paragraph
from bot.entries.documents.findings import (
    CHECK_APPENDIX,
    CHECK_LEFTOVERS,
    CHECK_STRUCTURE,
    Finding,
    blocking,
    info,
    warning,
)
from bot.entries.documents.questions import (
    ADMIN_LABELS,
    AREAS,
    BILAGA_1,
    BILAGA_2,
    INGRESSER,
    QUESTIONS,
    REMOVE_MARKER,
    Question,
)

_LABEL = re.compile(r"^(fråga\s*)?(\d{1,2})\s*([a-c])?\s*[.):]?(?=\s|$)", re.IGNORECASE)
_SUB_LABEL = re.compile(r"^([a-c])\s*[.)]\s", re.IGNORECASE)
_QUESTION_VERBS = ("beskriv", "redovisa", "redogör", "analysera", "utifrån", "vilka", "välj")
_GLOSSARY_ALTERNATIVES = (
    "ordförklaringar",
    "begreppslista",
    "förkortningar",
    "begrepp",
    "ordlista och begrepp",
)
_MIN_ANSWER_CHARS = 40
_BY_ID = {q.qid: q for q in QUESTIONS}
_PARENTS = {"16": ("16a", "16b", "16c"), "20": ("20a", "20b")}


def normalize(text: str) -> str:
    """Lower case, letters and digits only, single spaces: robust against formatting."""
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


_Q_NORM = {q.qid: normalize(q.text) for q in QUESTIONS}
# Numbered section headings ("1. Inledning") are not questions.
_SECTION_WORDS = (
    "inledning",
    "ordlista",
    "administrativa",
    "kontaktperson",
    "bilaga",
    *(normalize(a) for a in AREAS),
)


def _similarity(paragraph_norm: str, qid: str) -> float:
    question = _Q_NORM[qid]
    if not question:
        return 0.0
    if question[:60] in paragraph_norm:
        return 1.0
    head = paragraph_norm[: len(question) + 20]
    matcher = SequenceMatcher(None, head, question, autojunk=False)
    return matcher.ratio() if matcher.real_quick_ratio() > 0.5 else 0.0


@dataclass
class _Scan:
    found: dict[str, int]
    parent: str | None = None


def _label_match(para: Paragraph, norm: str, scan: _Scan) -> str | None:
    text = para.text.strip()
    match = _LABEL.match(text)
    if match:
        qid = match.group(2) + (match.group(3) or "").lower()
        rest = normalize(text[match.end() :])
        if rest.startswith(_SECTION_WORDS):
            return None
        trusted = para.heading_level is not None or match.group(1) is not None
        if qid in _BY_ID and (trusted or not rest or _similarity(rest, qid) >= 0.45):
            return qid
        return None
    sub = _SUB_LABEL.match(text)
    if sub and scan.parent:
        qid = scan.parent + sub.group(1).lower()
        if qid in _BY_ID and (len(text) < 200 or _similarity(norm[2:], qid) >= 0.45):
            return qid
    return None


def _text_match(para: Paragraph, norm: str, scan: _Scan) -> str | None:
    if not (para.numbered or para.heading_level or norm.startswith(_QUESTION_VERBS)):
        return None
    best, best_score = None, 0.0
    for q in QUESTIONS:
        if q.qid in scan.found or not q.text:
            continue
        score = _similarity(norm, q.qid)
        if score > best_score:
            best, best_score = q.qid, score
    return best if best_score >= 0.75 else None


def find_questions(paragraphs: list[Paragraph]) -> dict[str, int]:
    """Map question id to the index of the paragraph that asks it."""
    scan = _Scan(found={})
    for index, para in enumerate(paragraphs):
        norm = normalize(para.text)
        if not norm or len(para.text) > 700:
            continue
        qid = _label_match(para, norm, scan) or _text_match(para, norm, scan)
        if qid is None or qid in scan.found:
            continue
        scan.found[qid] = index
        root = qid.rstrip("abc")
        scan.parent = root if root in _PARENTS else None
        if root != qid:
            scan.found.setdefault(root, index)
    return scan.found


def _is_heading_like(para: Paragraph) -> bool:
    return para.heading_level is not None or len(para.text.strip()) <= 80


def _find_heading(paragraphs: list[Paragraph], predicate: str) -> int | None:
    for index, para in enumerate(paragraphs):
        norm = normalize(para.text)
        if norm and _is_heading_like(para) and norm.startswith(predicate):
            return index
    return None


def _close(a: str, b: str, threshold: float) -> bool:
    """SequenceMatcher's ratio at least ``threshold``, with its cheap upper bounds first:
    most paragraphs are ruled out by their length alone, without running difflib."""
    if 2 * min(len(a), len(b)) < threshold * (len(a) + len(b)):
        return False
    matcher = SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


def _area_indexes(paragraphs: list[Paragraph]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, para in enumerate(paragraphs):
        norm = normalize(para.text)
        if not norm or not _is_heading_like(para):
            continue
        for area in AREAS:
            target = normalize(area)
            if area not in found and _close(norm, target, 0.85):
                found[area] = index
    return found


def _answer_chars(paragraphs: list[Paragraph], start: int, end: int, skip: set[int]) -> int:
    return sum(
        len("".join(paragraphs[i].text.split())) for i in range(start + 1, end) if i not in skip
    )


def _unanswered(
    paragraphs: list[Paragraph], found: dict[str, int], areas: dict[str, int]
) -> list[Question]:
    markers = sorted(set(found.values()) | set(areas.values()))
    result = []
    for q in QUESTIONS:
        if q.qid not in found or not q.check_answer:
            continue
        start = found[q.qid]
        own_subs = {found[s] for s in _PARENTS.get(q.qid, ()) if s in found}
        end = next((m for m in markers if m > start and m not in own_subs), len(paragraphs))
        if _answer_chars(paragraphs, start, end, own_subs) < _MIN_ANSWER_CHARS:
            result.append(q)
    return result


def _missing(found: dict[str, int]) -> list[Question]:
    # 20 a-b are usually answered in the prose of 20, and 16 exists through a-c.
    skip = {"16", "20a", "20b"}
    return [q for q in QUESTIONS if q.qid not in found and q.qid not in skip]


def _question_findings(paragraphs: list[Paragraph]) -> list[Finding]:
    found = find_questions(paragraphs)
    areas = _area_indexes(paragraphs)
    findings = []
    missing = _missing(found)
    if missing:
        labels = ", ".join(q.label for q in missing)
        findings.append(
            warning(
                "question-missing",
                CHECK_STRUCTURE,
                f"Svar på fråga {labels} verkar saknas. Kontrollera att alla frågor besvaras och "
                "att varje svar står under frågans nummer, till exempel som rubrik.",
            )
        )
    empty = _unanswered(paragraphs, found, areas)
    if empty:
        labels = ", ".join(q.label for q in empty)
        findings.append(
            warning(
                "question-unanswered",
                CHECK_STRUCTURE,
                f"Fråga {labels} verkar sakna svar: frågan finns men nästan ingen text följer. "
                "Kontrollera att alla frågor besvaras.",
            )
        )
    absent_areas = [a for a in AREAS if a not in areas]
    if absent_areas and len(absent_areas) < len(AREAS):
        findings.append(
            info(
                "area-missing",
                CHECK_STRUCTURE,
                "Rubriken för frågeområdet " + ", ".join(absent_areas) + " verkar saknas.",
            )
        )
    return findings


def _admin_present(paragraphs: list[Paragraph]) -> bool:
    if _find_heading(paragraphs, "administrativa uppgifter") is not None:
        return True
    head = normalize(" ".join(p.text for p in paragraphs[:60]))
    return sum(label in head for label in ADMIN_LABELS) >= 3


def _section_findings(paragraphs: list[Paragraph]) -> list[Finding]:
    findings = []
    if not _admin_present(paragraphs):
        findings.append(
            warning(
                "section-missing",
                CHECK_STRUCTURE,
                "De administrativa uppgifterna verkar saknas (verksamhetens namn, chefens namn, "
                "telefon och e-post, post- och besöksadress, antal anställda i maj och eventuell "
                "kontaktperson). Lägg in dem först i bidraget.",
            )
        )
    if _find_heading(paragraphs, "inledning") is None:
        findings.append(
            warning(
                "section-missing",
                CHECK_STRUCTURE,
                "Avsnittet Inledning verkar saknas. Lägg in det under rubriken Inledning.",
            )
        )
    if _find_heading(paragraphs, "ordlista") is None:
        for alternative in _GLOSSARY_ALTERNATIVES:
            index = _find_heading(paragraphs, alternative)
            if index is not None and len(normalize(paragraphs[index].text)) <= 30:
                findings.append(
                    warning(
                        "glossary-heading",
                        CHECK_STRUCTURE,
                        f'Ordlistan verkar ligga under rubriken "{paragraphs[index].text.strip()}". '
                        "Lägg den under rubriken Ordlista.",
                    )
                )
                break
    return findings


def _sentences(text: str) -> list[str]:
    parts = (normalize(s) for s in re.split(r"(?<=[.?!])\s+", text))
    return [s for s in parts if len(s) >= 25]


def _hits(document_norm: str, text: str) -> int:
    return sum(sentence in document_norm for sentence in _sentences(text))


def leftover_findings(paragraphs: list[Paragraph]) -> list[Finding]:
    """Ingresser and the instructions' Bilaga 1 and 2 that were not removed."""
    document = " " + normalize(" ".join(p.text for p in paragraphs)) + " "
    findings = []
    left_areas = [area for area, text in INGRESSER.items() if _hits(document, text) >= 2]
    if left_areas:
        findings.append(
            blocking(
                "ingress-left",
                CHECK_LEFTOVERS,
                "Bidraget innehåller ingressen (den kursiva inledande texten) till frågeområdet "
                + ", ".join(left_areas)
                + ". Ingresserna ska tas bort innan bidraget skickas in.",
            )
        )
    marker = normalize(REMOVE_MARKER) in document
    for name, text in (("Bilaga 1 (begrepp)", BILAGA_1), ("Bilaga 2 (checklistan)", BILAGA_2)):
        hits = _hits(document, text)
        if hits >= 2 or (marker and hits >= 1):
            findings.append(
                blocking(
                    "bilaga-left",
                    CHECK_LEFTOVERS,
                    f"Bidraget innehåller anvisningarnas {name}. Den ska tas bort innan bidraget "
                    "skickas in.",
                )
            )
    if marker and not any(f.code == "bilaga-left" for f in findings):
        findings.append(
            blocking(
                "bilaga-left",
                CHECK_LEFTOVERS,
                f'Bidraget innehåller texten "{REMOVE_MARKER}" från anvisningarnas bilagor. '
                "Ta bort bilagorna innan bidraget skickas in.",
            )
        )
    return findings


def appendix_findings(paragraphs: list[Paragraph], leftovers: bool) -> list[Finding]:
    """A section headed 'Bilaga'/'Bilagor': the rules allow no appendices."""
    for para in paragraphs:
        norm = normalize(para.text)
        if not re.match(r"^bilag(a|or)\b", norm) or not _is_heading_like(para):
            continue
        if leftovers and re.match(r"^bilaga [12]\b", norm):
            continue  # already reported as an instruction leftover
        return [
            blocking(
                "appendix",
                CHECK_APPENDIX,
                f'Bidraget har ett bilageavsnitt ("{para.text.strip()}"). Bilagor får inte '
                "användas: ta bort avsnittet eller arbeta in det viktigaste i svaren.",
            )
        ]
    return []


def check_structure(paragraphs: list[Paragraph]) -> list[Finding]:
    """All structure, leftover and appendix findings for one entry."""
    leftovers = leftover_findings(paragraphs)
    return (
        _section_findings(paragraphs)
        + _question_findings(paragraphs)
        + leftovers
        + appendix_findings(paragraphs, leftovers=bool(leftovers))
    )
