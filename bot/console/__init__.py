"""``studybot console``: the bot's commands in a terminal, on the same services and
ports as Discord and Slack (like Hubot's shell adapter or Errbot's text mode).

- ``parsing``: the typed line as a command and its options, clock and name tokens;
- ``replies``: what a command answers (text, titled block, choices, files);
- ``render``: replies and channel posts as terminal text, files saved to a folder;
- ``ports``: the console's ``Poster`` and ``EventsPort``;
- ``context``: who is typing, in which language and channel;
- ``commands`` and ``handlers``: the command table and one module per area;
- ``session``: the read-answer loop with ``/as``, ``/lang``, ``/clock`` and ``/quit``;
- ``cli``: the ``studybot console`` subcommand.
"""
