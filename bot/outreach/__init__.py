"""What the bot sends on its own: reminders, the staff digest, and the scheduler that
claims each of them in the database before it is queued.
"""
