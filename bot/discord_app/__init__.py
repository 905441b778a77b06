"""The Discord front end's plumbing: the Bot class, its command tree and poster.
Cogs (in ``cogs/``) hold the commands themselves."""
