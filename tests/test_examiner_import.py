"""Examiner import from what Swedish Excel writes: cp1252 or UTF-8 with a mark, ``;``,
CRLF, ``sep=;``, quoted cells holding ``;``; columns named; bad addresses and huge files
refused with one clear answer."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from bot.cli import cli
from bot.models import Examiner
from bot.runner import App
from bot.teams.examiners import MAX_ROWS, ImportProblems, import_examiners

HEADER = "Namn;E-post;Organisation;Erfaren;Samordnare;Klasser;Kapacitet;Jäv;Frånvaro"
ROWS = (
    "Åsa Öberg;asa.oberg@stockholm.se;Södermalms stadsdelsförvaltning;ja;ja;"
    '"Förskola;Skola";2;"KU-2027-003;KU-2027-007";2027-09-14/2027-09-20',
    "Pär Ekström;par.ekstrom@stockholm.se;Äldreförvaltningen;nej;nej;Äldreomsorg;1;;",
)


def _excel_csv(tmp_path: Path, encoding: str, *, sep_line: bool, bom: bool = False) -> Path:
    lines = (["sep=;"] if sep_line else []) + [HEADER, *ROWS]
    data = "\r\n".join(lines).encode(encoding) + b"\r\n"
    path = tmp_path / f"examinatorer-{encoding}.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def _imported(app: App, path: Path) -> list[Examiner]:
    with app.sessions.begin() as session:
        import_examiners(session, path, 2027)
    with app.sessions() as session:
        return list(session.scalars(select(Examiner).order_by(Examiner.email)))


@pytest.mark.parametrize(
    ("encoding", "sep_line", "bom"),
    [
        ("cp1252", True, False),
        ("cp1252", False, False),
        ("utf-8", False, True),
        ("utf-8", True, True),
    ],
)
def test_swedish_excel_csv_is_read_right(
    sqlite_app: App, tmp_path: Path, encoding: str, sep_line: bool, bom: bool
) -> None:
    asa, par = _imported(sqlite_app, _excel_csv(tmp_path, encoding, sep_line=sep_line, bom=bom))
    assert (asa.name, asa.organisation) == ("Åsa Öberg", "Södermalms stadsdelsförvaltning")
    assert json.loads(asa.classes) == ["Förskola", "Skola"]  # a quoted cell holding ;
    assert json.loads(asa.conflicts) == ["KU-2027-003", "KU-2027-007"]
    assert asa.can_coordinate and asa.capacity == 2
    assert (par.name, par.organisation, par.capacity) == ("Pär Ekström", "Äldreförvaltningen", 1)


def test_an_unknown_column_is_named(sqlite_app: App, tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("namn;e-post;organisation;telefon\nÅsa;asa@stockholm.se;Sdf;08-1\n")
    with sqlite_app.sessions() as session, pytest.raises(ImportProblems) as info:
        import_examiners(session, path, 2027)
    [problem] = info.value.problems
    assert "okänd kolumn 'telefon'" in problem and "kända kolumner: namn, e-post" in problem


def test_an_address_list_is_rejected_with_its_row(sqlite_app: App, tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text(
        'namn;e-post;organisation\nEve;"eve@x, evil@evil.example";Sdf\n', encoding="utf-8"
    )
    with sqlite_app.sessions() as session, pytest.raises(ImportProblems) as info:
        import_examiners(session, path, 2027)
    assert info.value.problems == [
        "rad 2, e-post: 'eve@x, evil@evil.example' är inte en e-postadress "
        "(en adress per rad, utan namn)"
    ]


def test_a_hundred_thousand_rows_are_refused_at_once(sqlite_app: App, tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    lines = [f"Person {i};p{i}@stockholm.se;Sdf" for i in range(100_000)]
    path.write_text("namn;e-post;organisation\n" + "\n".join(lines), encoding="utf-8")
    started = time.process_time()
    with sqlite_app.sessions() as session, pytest.raises(ValueError, match=f"fler än {MAX_ROWS}"):
        import_examiners(session, path, 2027)
    # Refused after reading MAX_ROWS + 2 rows, not after parsing 100,000: a generous bound.
    assert time.process_time() - started < 20


def test_help_lists_the_columns_and_the_cli_prints_each_bad_row(
    sqlite_app: App, tmp_path: Path
) -> None:
    runner = CliRunner()
    env = {"KB_DATA_DIR": str(sqlite_app.settings.data_dir)}
    base = ["--now", "2027-06-01T10:00", "--env-file", str(tmp_path / "none.env")]
    help_text = runner.invoke(cli, [*base, "examiners", "import", "--help"], env=env).output
    for column in (
        "namn",
        "e-post",
        "organisation",
        "erfaren",
        "samordnare",
        "klasser",
        "kapacitet",
        "jäv",
        "frånvaro",
    ):
        assert f"  {column}" in help_text
    path = _excel_csv(tmp_path, "cp1252", sep_line=True)
    path.write_bytes(path.read_bytes().replace(b"par.ekstrom@stockholm.se", b"par"))
    result = runner.invoke(cli, [*base, "examiners", "import", str(path)], env=env)
    assert result.exit_code == 1
    assert "rad 3, e-post: 'par' är inte en e-postadress" in result.output  # as Excel numbers it
    assert "Fel: inget importerades; rätta raderna ovan." in result.output
    assert "Traceback" not in result.output and "codec" not in result.output
