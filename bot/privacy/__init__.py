"""Members own their data: the privacy notice, export, deletion, retention and the
clean-up after a community removes the bot. Platform-neutral: Discord, Slack and
the command line call the same ``PrivacyService``."""
