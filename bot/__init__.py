"""studybot: a study-group bot for future deep-learning researchers."""

__version__ = "0.1.0"
