"""Study rounds in the console: members' commands in ``members``, moderators' in
``admin`` (the same split as ``cogs.rounds`` and ``bot.slack.handlers.rounds``)."""
