"""Typed process settings, built once by ``load_settings`` at start-up.

Sources, later ones winning: defaults, an optional YAML file, then ``STUDYBOT_*``
environment variables. Secrets (tokens) come only from the environment and are
kept as ``SecretStr`` so they never show up in reprs or logs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.core.shards import ShardPlan, parse_shard_ids
from bot.core.urls import hide_password, sqlite_path
from bot.timezones import find_zone

ENV_PREFIX = "STUDYBOT_"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
DATABASE_SCHEMES = ("sqlite:///", *POSTGRES_SCHEMES)
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class SettingsError(Exception):
    """Settings that cannot be used; the message names the setting and what is accepted."""


class Settings(BaseModel):
    """Everything the process needs to start; per-guild settings live in the database."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    data_dir: Path = Path("data")
    database_path: Path | None = Field(
        default=None, description="SQLite file; defaults to <data_dir>/studybot.sqlite3"
    )
    # sqlite:///path, or postgresql://... for a database several processes share; a
    # secret (it may hold a password), so only from STUDYBOT_DATABASE_URL.
    database_url: SecretStr | None = None
    timezone: str = "Asia/Seoul"
    language: Literal["ko", "en"] = "ko"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    missed_grace_hours: float = Field(default=6.0, ge=0, le=168)
    # "full" syncs every commit to disk before the reply; "normal" (WAL) survives a
    # crash of the bot but may lose the last commits on a power cut of the machine.
    database_sync: Literal["full", "normal"] = "full"
    heartbeat_seconds: float = Field(default=30.0, gt=0, le=3600)
    # Days a server's or workspace's data is kept after it removed the bot.
    purge_grace_days: float = Field(default=30.0, ge=0, le=365)
    discord_token: SecretStr | None = None
    # Slack: Socket Mode (app-level token) by default, or HTTP mode (signing secret).
    slack_bot_token: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_mode: Literal["socket", "http"] = "socket"
    slack_port: int = Field(default=3000, ge=1, le=65535)
    slack_api_url: str = Field(
        default="https://slack.com/api/", description="Slack Web API base URL"
    )
    # Several shard processes on one Postgres: the bot's shard count and this
    # process's shards ("0-3", "0,2"); unset, one process serves every guild.
    shard_count: int | None = Field(default=None, ge=1, le=10_000)
    shards: str | None = None
    # Direct messages, Slack and guild-less reminders: "auto" runs them in the
    # process that owns shard 0; "yes"/"no" force it for this process.
    unsharded_work: Literal["auto", "yes", "no"] = "auto"
    # How long a shard process's claim on a due schedule lasts: another process
    # takes over a crashed one's schedules this long after they were due.
    schedule_lease_seconds: float = Field(default=60.0, ge=1, le=3600)
    # Scheduled posts per second, all processes together: under Discord's global
    # limit of 50 requests/s per bot (more if Discord raised the bot's limit). A
    # shard process takes its shards' share.
    discord_posts_per_second: float = Field(default=46.0, gt=0, le=100_000)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        if find_zone(value) is None:
            raise ValueError(
                f"unknown time zone {value!r}; use an IANA name such as Asia/Seoul or UTC"
            )
        return value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith(DATABASE_SCHEMES):
            raise ValueError("expected sqlite:///path or postgresql://user@host/database")
        return value

    @field_validator("shards")
    @classmethod
    def _readable_shards(cls, value: str | None) -> str | None:
        if value is not None:
            parse_shard_ids(value)
        return value

    @model_validator(mode="after")
    def _shards_within_count(self) -> Settings:
        if self.shards is not None and self.shard_count is None:
            raise ValueError("shards needs shard_count (STUDYBOT_SHARD_COUNT / --shard-count)")
        if self.shards is not None and self.shard_count is not None:
            too_big = [i for i in parse_shard_ids(self.shards) if i >= self.shard_count]
            if too_big:
                raise ValueError(
                    f"shard ids {', '.join(map(str, too_big))} are not below "
                    f"shard_count {self.shard_count} (shards are numbered from 0)"
                )
        return self

    @property
    def shard_plan(self) -> ShardPlan:
        """This process's shards and whether it runs the work of no guild."""
        if self.shard_count is None:
            return ShardPlan(unsharded_work=self.unsharded_work != "no")
        ids = (parse_shard_ids(self.shards) if self.shards is not None
               else tuple(range(self.shard_count)))
        unsharded = (0 in ids) if self.unsharded_work == "auto" else self.unsharded_work == "yes"
        return ShardPlan(self.shard_count, ids, unsharded)

    @property
    def post_rate(self) -> float:
        """This process's share of ``discord_posts_per_second``."""
        plan = self.shard_plan
        if plan.count is None or plan.ids is None:
            return self.discord_posts_per_second
        return self.discord_posts_per_second * len(plan.ids) / plan.count

    @property
    def database_file(self) -> Path:
        """The SQLite file: a ``sqlite:///`` URL's, else ``database_path`` or the
        data folder's ``studybot.sqlite3``."""
        url = self.database_url.get_secret_value() if self.database_url else ""
        from_url = sqlite_path(url)
        if from_url is not None:
            return Path(from_url)
        return self.database_path or self.data_dir / "studybot.sqlite3"

    @property
    def database_target(self) -> Path | str:
        """What ``Database.open`` opens: the Postgres URL, else the SQLite file."""
        url = self.database_url.get_secret_value() if self.database_url else ""
        return url if url.startswith(POSTGRES_SCHEMES) else self.database_file

    @property
    def database_name(self) -> str:
        """The database as a message may name it (a URL without its password)."""
        target = self.database_target
        return hide_password(target) if isinstance(target, str) else str(target)

    @property
    def heartbeat_file(self) -> Path:
        return self.data_dir / "heartbeat"


# Secrets and the only environment variable each is read from.
SECRET_ENV = {
    "discord_token": "DISCORD_TOKEN",
    "slack_bot_token": "SLACK_BOT_TOKEN",
    "slack_app_token": "SLACK_APP_TOKEN",
    "slack_signing_secret": "SLACK_SIGNING_SECRET",
    "database_url": "STUDYBOT_DATABASE_URL",
}
# Settings a YAML file or STUDYBOT_* variable may set; secrets are excluded on purpose.
_PUBLIC_FIELDS = [name for name in Settings.model_fields if name not in SECRET_ENV]


def load_settings(
    environ: Mapping[str, str] | None = None, config_file: Path | None = None
) -> Settings:
    """Build settings from defaults, ``config_file`` (or ``$STUDYBOT_CONFIG``) and the
    environment. Raises ``SettingsError`` naming the bad setting and accepted values."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    path = config_file or (
        Path(env[ENV_PREFIX + "CONFIG"]) if env.get(ENV_PREFIX + "CONFIG") else None
    )
    if path is not None:
        values.update(_read_yaml(path))
    for name in _PUBLIC_FIELDS:
        raw = env.get(ENV_PREFIX + name.upper())
        if raw not in (None, ""):
            values[name] = raw
    for name, env_name in SECRET_ENV.items():
        secret = env.get(env_name)
        if secret:
            values[name] = secret
    try:
        return Settings(**values)
    except ValidationError as exc:
        raise SettingsError(_describe(exc)) from None


def with_overrides(settings: Settings, **values: Any) -> Settings:
    """``settings`` with command-line ``values`` (None: not given) applied and
    checked as the environment's would be; raises ``SettingsError``."""
    given = {name: value for name, value in values.items() if value is not None}
    if not given:
        return settings
    try:
        return Settings(**{**dict(settings), **given})
    except ValidationError as exc:
        raise SettingsError(_describe(exc)) from None


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SettingsError(f"config file {path}: cannot be read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise SettingsError(f"config file {path}: not valid YAML ({_one_line(exc)})") from None
    except RecursionError:
        # PyYAML builds nested values recursively; a settings file is one flat mapping.
        raise SettingsError(
            f"config file {path}: nested too deeply; expected a flat mapping of setting: value"
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SettingsError(f"config file {path}: expected a mapping of setting: value")
    unknown = sorted(set(map(str, data)) - set(_PUBLIC_FIELDS))
    if unknown:
        raise SettingsError(
            f"config file {path}: unknown setting(s) {', '.join(unknown)}; "
            f"accepted: {', '.join(_PUBLIC_FIELDS)} (tokens only from the environment)"
        )
    return data


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _describe(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors():
        name = ".".join(str(part) for part in error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        if not name:  # a rule across settings names them itself
            problems.append(f"settings: {message}")
            continue
        env_name = SECRET_ENV.get(name, ENV_PREFIX + name.upper())
        problems.append(f"setting {name} ({env_name}): {message}")
    return "; ".join(problems)
