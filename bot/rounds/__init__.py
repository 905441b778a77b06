"""Study rounds: a season's reading list, weekly sessions, presenters, RSVPs,
attendance and the recap at the end. Pure logic lives in the submodules; the
``service`` module ties them to storage, the scheduler and the streaks."""
