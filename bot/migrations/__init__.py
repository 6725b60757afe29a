"""Alembic migrations of the bot's database; they run on start (bot.db.migrate)."""
