"""Study rounds: a season's reading list, weekly sessions, presenters, RSVPs,
attendance and the recap at the end. Pure logic lives in the modules here
(``planning``, ``rotation``, ``validation``, ``session_times``, ``messages``,
``calendar``, ``card``, ``recap``, ``results``; the model is ``bot.core.round_model``);
``service.RoundService`` is a facade over the parts in ``parts/``, which tie them to
storage, the scheduler and the streaks."""
