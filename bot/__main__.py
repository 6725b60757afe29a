"""``python -m bot`` runs the same command line as ``kvalitetsbot``."""

from bot.cli import main

main()
