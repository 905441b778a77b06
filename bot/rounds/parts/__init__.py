"""The parts ``bot.rounds.service.RoundService`` is made of: each applies the pure
rules of ``bot.rounds`` to storage, the schedule engine, the streaks and the
native-events port, for one concern of a round."""
