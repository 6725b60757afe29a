"""Click's own words (usage, option lists, parse errors) in Swedish.

Click marks its messages for gettext but looks them up in the process-wide "messages"
domain, through files and the locale environment; a bot started by systemd has neither.
So each click module's ``_`` and ``ngettext`` are pointed at the table below: the words a
staff member meets at the prompt. A message missing here stays English (a new click
release may add some); tests/test_cli.py runs the common mistakes and reads the output.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

SWEDISH = {
    "Usage:": "Användning:",
    "Options": "Flaggor",
    "Commands": "Kommandon",
    "Positional arguments": "Argument",
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
    "Show the version and exit.": "Visa versionen och avsluta.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' för hjälp.",
    "Error: {message}": "Fel: {message}",
    "No such command {name!r}.": "Kommandot {name!r} finns inte.",
    "No such option {name!r}.": "Flaggan {name!r} finns inte.",
    "Missing command.": "Kommando saknas.",
    "Missing argument": "Argument saknas",
    "Missing option": "Flagga saknas",
    "Missing parameter": "Värde saknas",
    "Missing parameter: {param_name}": "Värde saknas: {param_name}",
    "Missing {param_type}": "{param_type} saknas",
    "Invalid value: {message}": "Ogiltigt värde: {message}",
    "Invalid value for {param_hint}: {message}": "Ogiltigt värde för {param_hint}: {message}",
    "Option {name!r} does not take a value.": "Flaggan {name!r} tar inget värde.",
    "{value!r} is not a valid {number_type}.": "{value!r} är inte ett giltigt {number_type}.",
    "{value} is not in the range {range}.": "{value} ligger inte i intervallet {range}.",
    "{value!r} is not one of {choices}.": "{value!r} är inte ett av {choices}.",
    "{value!r} is not {choice}.": "{value!r} är inte {choice}.",
    "{value!r} does not match the format {format}.": "{value!r} följer inte formatet {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} följer inte formaten {formats}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finns inte.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} är en mapp.",
    "{name} {filename!r} is a file.": "{name} {filename!r} är en fil.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} går inte att läsa.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} går inte att skriva.",
    "Could not open file {filename!r}: {message}": "Kunde inte öppna filen {filename!r}: {message}",
    "file": "filen",
    "directory": "mappen",
    "path": "sökvägen",
    "default: {default}": "standard: {default}",
    "env var: {var}": "miljövariabel: {var}",
    "required": "krävs",
    "Choose from:\n\t{choices}": "Välj bland:\n\t{choices}",
    "Aborted!": "Avbrutet.",
    "Do you want to continue?": "Vill du fortsätta?",
    "Did you mean {possibility}?": "Menade du {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Menade du någon av: {possibilities}?)",
    "Got unexpected extra argument ({args})": "Oväntat extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Oväntade extra argument ({args})",
    "Option {name!r} requires an argument.": "Flaggan {name!r} behöver ett värde.",
    "Option {name!r} requires {nargs} arguments.": "Flaggan {name!r} behöver {nargs} värden.",
}

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")


def translate(message: str) -> str:
    return SWEDISH.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


# The names click prints for a value's type, in errors and as the option's placeholder.
TYPE_NAMES: dict[type[click.ParamType[Any]], str] = {
    click.types.IntParamType: "heltal",
    click.types.IntRange: "heltal",
    click.types.FloatParamType: "decimaltal",
    click.types.FloatRange: "decimaltal",
    click.types.StringParamType: "text",
    click.types.DateTime: "datum",
    click.types.BoolParamType: "ja/nej",
}
OPTIONS_METAVAR = "[FLAGGOR]"
SUBCOMMAND_METAVAR = "KOMMANDO [ARGUMENT]..."


def install() -> None:
    """Point click's message lookups at the Swedish table (idempotent)."""
    for kind, name in TYPE_NAMES.items():
        kind.name = name
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = translate  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural  # type: ignore[attr-defined]
