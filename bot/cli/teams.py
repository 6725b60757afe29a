"""Commands for examiners and teams: import, propose, confirm, replace, export."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from bot.cli.group import State, cli, user_errors
from bot.records.cells import append_text_safe
from bot.teams import examiners as examiners_mod
from bot.teams import teams
from bot.teams.routing.problem import Problem, Solution, TeamOut
from bot.year.dates import plural


@cli.group("examiners")
def examiners_group() -> None:
    """Årets examinatorer."""


def _import_help() -> str:
    columns = "\n".join(
        f"  {names[0]:<14} {' / '.join(names[1:])}" for names in examiners_mod.COLUMNS.values()
    )
    return (
        "Importera årets examinatorer från CSV eller XLSX; ett fel stoppar hela importen.\n\n"
        "Kolumnerna (första raden; svenska eller engelska namn, valfri ordning; namn och "
        "e-post krävs):\n\n\b\n" + columns + "\n\n"
        "ja/nej-kolumner: erfaren, samordnare. Listor (klasser, jäv, frånvaro) skiljs med "
        "semikolon; frånvaro är ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD/ÅÅÅÅ-MM-DD. CSV får vara "
        "semikolon- eller kommaavgränsad, UTF-8 eller Windows-1252, som Excel sparar den. "
        f"Högst {examiners_mod.MAX_ROWS} rader. En okänd kolumn stoppar importen."
    )


@examiners_group.command("import", help=_import_help())
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def import_examiners(state: State, file: Path) -> None:
    with user_errors():
        app = state.app()
        year = app.ctx.year(app.clock.now())
        try:
            with app.sessions.begin() as session:
                count = examiners_mod.import_examiners(session, file, year)
        except examiners_mod.ImportProblems as exc:  # every bad row, then one sentence
            for problem in exc.problems:
                click.echo(f"{file}: {problem}", err=True)
            raise click.ClickException("inget importerades; rätta raderna ovan.") from None
    click.echo(f"{plural(count, 'examinator importerad', 'examinatorer importerade')} för {year}.")


@cli.group("teams")
def teams_group() -> None:
    """Examinatorslag: föreslå, bekräfta, ersätt någon som hoppar av."""


@teams_group.command("propose")
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help="Skriv förslaget som .xlsx."
)
@click.option("--include-flagged", is_flag=True, help="Fördela även flaggade bidrag.")
@click.option("--time-limit", type=float, default=30.0, show_default=True, help="Sekunder.")
@click.pass_obj
def propose(state: State, output: Path | None, include_flagged: bool, time_limit: float) -> None:
    """Lös fördelningen, visa förslaget och spara det för `teams confirm`."""
    with user_errors():
        app = state.app()
        with app.sessions() as session:
            result = teams.propose(
                session,
                app.ctx,
                app.clock.now(),
                include_flagged=include_flagged,
                time_limit=time_limit,
            )
        show(result.problem, result.solution)
        if not result.solution.ok:
            raise click.ClickException("inget lagförslag; se skälen ovan.")
        if output:
            write_xlsx(result.problem, result.solution, output)
            click.echo(f"Förslaget skrivet till {output}.")
        click.echo("Bekräfta med `kvalitetsbot teams confirm`.")


def _names(problem: Problem) -> tuple[dict[int, str], dict[int, str]]:
    people = {ex.id: f"{ex.name} ({ex.organisation})" for ex in problem.examiners}
    units = {e.unit_id: f"{e.reference} {e.unit_name}" for e in problem.entries}
    return people, units


def _row(team: TeamOut, people: dict[int, str], units: dict[int, str]) -> list[str]:
    broken = [c.rule + (f": {c.detail}" if c.detail else "") for c in team.checks if not c.met]
    return [
        str(team.number),
        people[team.coordinator],
        "\n".join(people[m] for m in team.members if m != team.coordinator),
        "\n".join(units[u] for u in team.entries),
        "\n".join(broken) or "alla uppfyllda",
        "\n".join(people[a] for a in team.alternates),
    ]


HEADERS = ("Lag", "Samordnare", "Övriga", "Bidrag", "Mjuka regler brutna", "Reserver")


def show(problem: Problem, solution: Solution) -> None:
    console = Console()
    if not solution.ok:
        console.print("[bold red]Ingen fördelning möjlig[/bold red]")
        for reason in solution.reasons:
            console.print(f"- {reason}")
        return
    people, units = _names(problem)
    table = Table(*HEADERS, title=f"Lagförslag ({solution.status}, {solution.seconds:.1f} s)")
    for team in solution.teams:
        table.add_row(*_row(team, people, units))
    console.print(table)


def write_xlsx(problem: Problem, solution: Solution, path: Path) -> None:
    # openpyxl (with numpy under it) is imported when a workbook is made, not with the
    # module: every command, the bot's run included, imports this through the CLI.
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Lagförslag"
    sheet.append(HEADERS)
    people, units = _names(problem)
    for team in solution.teams:
        append_text_safe(sheet, _row(team, people, units))
    rules = book.create_sheet("Regler")
    rules.append(("Lag", "Regel", "Uppfylld", "Detalj"))
    for team in solution.teams:
        for check in team.checks:
            row = (team.number, check.rule, "ja" if check.met else "nej", check.detail)
            append_text_safe(rules, row)
    book.save(path)


@teams_group.command("confirm")
@click.pass_obj
def confirm(state: State) -> None:
    """Spara förslaget och lägg mejlen till examinatorer, samordnare och verksamheter i utkorgen."""
    with user_errors():
        app = state.app()
        with app.sessions.begin() as session:
            stored = teams.confirm(session, app.ctx, app.clock.now())
    click.echo(
        f"{plural(len(stored), 'lag bekräftat', 'lag bekräftade')}; mejlen ligger i utkorgen."
    )


@teams_group.command("replace")
@click.argument("email")
@click.option("--time-limit", type=float, default=30.0, show_default=True, help="Sekunder.")
@click.pass_obj
def replace(state: State, email: str, time_limit: float) -> None:
    """Ta bort EMAIL ur sitt lag och hitta en ersättare; mejla de berörda."""
    with user_errors():
        app = state.app()
        with app.sessions.begin() as session:
            solution = teams.replace(
                session, app.ctx, email, app.clock.now(), time_limit=time_limit
            )
    click.echo(f"Lag {solution.teams[0].number} ändrat; mejlen ligger i utkorgen.")
