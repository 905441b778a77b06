"""Study rounds: a season's reading list, weekly sessions, presenters, RSVPs,
attendance and the recap at the end. Pure logic lives in ``model``, ``planning``,
``rotation``, ``validation``, ``messages``, ``calendar`` and ``recap``;
``service.RoundService`` (see its module for the parts it is made of) ties them to
storage, the scheduler and the streaks."""
