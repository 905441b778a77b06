"""Who is asking: the request context each front end builds once per interaction.

Discord, Slack and the console each know in their own way who a member is and
whether they may moderate (Manage Server or the moderator role, a workspace admin
or the moderator user group, ``/as moderator``). The front end finds it out once
and hands the services an ``Actor``; services that change what only moderators
may change check ``require_moderator`` themselves instead of trusting the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.core.errors import NotModerator
from bot.core.refs import CommunityRef, MemberRef

if TYPE_CHECKING:
    from bot.i18n import Lang


@dataclass(frozen=True, slots=True)
class Actor:
    """A member making a request, whether the front end found them to be a
    moderator, and the language of their (private) replies."""

    member: MemberRef
    is_moderator: bool = False
    lang: Lang = "en"
    display_name: str | None = None

    @property
    def community(self) -> CommunityRef:
        return self.member.community

    @property
    def external_id(self) -> str:
        return self.member.external_id

    def require_moderator(self) -> None:
        """Refuse (``NotModerator``) unless the actor may moderate."""
        if not self.is_moderator:
            raise NotModerator()
