"""After the teams: site and feedback visits booked by mail, their calendar invitations,
and the written report held until the ceremony is over."""
