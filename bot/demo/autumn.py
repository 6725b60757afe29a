"""The demo's autumn: the team confirmed, visits booked and moved, the report held.

Lag 1 (coordinator Sofia Ekström) assesses both units. She books Trollskogen's two visits
in one sentence, Solstrålen's site visit without a time (and is reminded two working days
before), moves Trollskogen's site visit, and mails the written report in November: it is
held until the morning after the ceremony and then reaches the unit, a copy to the team.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.demo.documents import PDF_TYPE, SOLSTRALEN, TROLLSKOGEN, Block, DemoUnit, text_pdf
from bot.demo.script import Attachment, Mail, Step, at
from bot.models import Assignment, Examiner, Team, TeamMember, Unit
from bot.runner import App
from bot.teams import mails as teams_mail

COORDINATOR = ("Sofia Ekström", "sofia.ekstrom@stockholm.se", "Socialförvaltningen")
EXAMINERS = (
    COORDINATOR,
    ("Johan Larsson", "johan.larsson@stockholm.se", "Trafikkontoret"),
    ("Mira Haddad", "mira.haddad@stockholm.se", "Kulturförvaltningen"),
)


def confirm_team(app: App) -> None:
    """The staff confirm lag 1 for both units; the assignment mails go out."""
    now = app.clock.now()
    with app.sessions.begin() as session:
        people = [Examiner(year=2027, name=n, email=e, organisation=o) for n, e, o in EXAMINERS]
        session.add_all(people)
        session.flush()
        team = Team(year=2027, number=1, coordinator_id=people[0].id, confirmed_at=now)
        session.add(team)
        session.flush()
        session.add_all(TeamMember(team_id=team.id, examiner_id=p.id) for p in people)
        units = session.scalars(select(Unit).where(Unit.signup_status == "registered"))
        session.add_all(Assignment(unit_id=u.id, team_id=team.id) for u in units)
        session.flush()
        teams_mail.team_assigned(session, app.ctx, team, now)


def report_pdf(unit: DemoUnit) -> bytes:
    blocks = [
        Block("title", f"Återföring till {unit.name}"),
        Block("h2", "Styrkor"),
        Block("p", "Tydliga mål som alla medarbetare känner till och följer upp varje månad."),
        Block("h2", "Förbättringsområden"),
        Block("p", "Analysen av resultaten kan i högre grad leda till beslutade åtgärder."),
    ]
    return text_pdf(blocks, "Skriftlig återföring, Kvalitetsutmärkelsen 2027")


def _from_coordinator(subject: str, body: str, *attachments: Attachment) -> Mail:
    name, email, _ = COORDINATOR
    return Mail(email, name, subject, f"Hej!\n\n{body}\n\nHälsningar\n{name}\n", None, attachments)


BOOK_TROLL = _from_coordinator(
    "Sv: Du är lagsamordnare",
    f"{TROLLSKOGEN.name}: platsbesök 14 oktober kl. 9–12, återföring 3 december kl. 13.",
)
BOOK_SOL = _from_coordinator(
    "Sv: Du är lagsamordnare",
    f"{SOLSTRALEN.name}: platsbesök tisdag 12 oktober, tiden återkommer jag om.",
)
MOVE_TROLL = _from_coordinator(
    f"Ändrat platsbesök {TROLLSKOGEN.name}",
    f"Platsbesöket hos {TROLLSKOGEN.name} flyttas till 21 oktober kl. 9–12.",
)
REPORT_TROLL = _from_coordinator(
    f"Rapport {TROLLSKOGEN.name}",
    "Här kommer lagets skriftliga rapport.",
    Attachment(f"Återföring {TROLLSKOGEN.name}.pdf", PDF_TYPE, lambda: report_pdf(TROLLSKOGEN)),
)

AUTUMN = (
    Step(at(5, 31, 10), "Kansliet bekräftar lag 1 för båda bidragen", action=confirm_team),
    Step(at(6, 10, 10), "Lagsamordnaren bokar Trollskogens två besök i ett mejl", (BOOK_TROLL,)),
    Step(at(6, 11, 10), "Solstrålens platsbesök bokas utan tid", (BOOK_SOL,)),
    Step(at(9, 20, 10), "Trollskogens platsbesök flyttas: samma kalenderhändelse", (MOVE_TROLL,)),
    Step(at(10, 8, 8, 5), "Två arbetsdagar före Solstrålens besök: tiden saknas, påminnelse"),
    Step(at(11, 10, 10), "Rapporten för Trollskogen kommer in och hålls", (REPORT_TROLL,)),
    Step(at(11, 26, 20), "Ceremonin i Blå hallen: ingen rapport har gått ut"),
    Step(
        at(11, 27, 8, 5), "Morgonen efter ceremonin: rapporten till Trollskogen, kopia till laget"
    ),
)
