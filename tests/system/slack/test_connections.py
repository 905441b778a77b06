"""The app keeps its connections to Slack alive: Web API calls, ``response_url``
answers and file uploads reuse them instead of opening a TCP (and, on the real
Slack, TLS) connection for each, which is what slack_sdk does without a session."""

from __future__ import annotations

from tests.helpers.fakes.slack import FakeSlack
from tests.helpers.runners.slack import SlackBot


async def test_answers_and_api_calls_reuse_kept_alive_connections(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await fake_slack.command("/checkin", "ResNet", user="U0MINJI")  # the member is looked up
    already = len(fake_slack.http_peers)
    for _ in range(5):
        asked = await fake_slack.command("/ask", "박사 꼭 해야 돼?", user="U0MINJI")
        assert asked.reply.kind == "respond"
        shown = await fake_slack.command("/streak", "show", user="U0MINJI", responses=2)
        assert [d.kind for d in shown.deliveries] == ["respond", "file"]
    sent = fake_slack.http_peers[already:]
    # each round: two answers, the upload's two Web API calls and the upload itself
    assert len(sent) >= 5 * 5
    assert len(set(sent) - set(fake_slack.http_peers[:already])) <= 1, set(sent)
