"""Tests of ``studybot console``."""
