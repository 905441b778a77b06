"""studybot on Slack: slack_bolt front end calling the same services as the cogs."""
