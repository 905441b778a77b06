"""A fake Slack (Web API, Socket Mode, response_url sink) on 127.0.0.1 for tests."""

from .fake import (
    ACK_DEADLINE,
    CommandResult,
    FakeSlack,
    build_default_workspace,
    modal_state,
    signed_headers,
)
from .models import ApiCall, Delivery, FakeChannel, FakeUser, UploadedFile

__all__ = [
    "ACK_DEADLINE",
    "ApiCall",
    "CommandResult",
    "Delivery",
    "FakeChannel",
    "FakeSlack",
    "FakeUser",
    "UploadedFile",
    "build_default_workspace",
    "modal_state",
    "signed_headers",
]
