"""Texts of the core commands and of the shared error handler."""

MESSAGES = {
    "cmd.help.name": {"ko": "도움말", "en": "help"},
    "cmd.help.description": {"ko": "봇 명령어 목록을 보여 줍니다", "en": "List the bot's commands"},
    "cmd.about.name": {"ko": "정보", "en": "about"},
    "cmd.about.description": {"ko": "버전, 가동 시간, 응답 지연", "en": "Version, uptime and latency"},
    "cmd.config.description": {"ko": "서버 설정 (운영진)", "en": "Server settings (moderators)"},
    "cmd.config.show.name": {"ko": "보기", "en": "show"},
    "cmd.config.show.description": {"ko": "이 서버의 설정을 봅니다", "en": "Show this server's settings"},
    "cmd.config.set.name": {"ko": "변경", "en": "set"},
    "cmd.config.set.description": {"ko": "설정 하나를 바꿉니다", "en": "Change one setting"},
    "cmd.config.set.setting": {"ko": "바꿀 설정", "en": "Which setting"},
    "cmd.config.set.value": {"ko": "새 값", "en": "The new value"},
    "cmd.config.reset.name": {"ko": "초기화", "en": "reset"},
    "cmd.config.reset.description": {
        "ko": "설정을 기본값으로 되돌립니다",
        "en": "Return a setting to its default",
    },
    "help.title": {"ko": "studybot 명령어", "en": "studybot commands"},
    "help.footer": {
        "ko": "운영진 명령어는 서버 관리 권한이나 운영진 역할이 있어야 쓸 수 있어요.",
        "en": "Moderator commands need Manage Server or the server's moderator role.",
    },
    "help.footer_member": {
        "ko": "쓸 수 있는 명령어만 보여 드려요. 운영진 명령어는 서버 관리 권한이나 운영진 역할이 있는 사람에게만 보여요.",
        "en": "Only the commands you can use are listed; moderators (Manage Server or the moderator role) see theirs too.",
    },
    "about.version": {"ko": "버전", "en": "Version"},
    "about.uptime": {"ko": "가동 시간", "en": "Uptime"},
    "about.latency": {"ko": "게이트웨이 지연", "en": "Gateway latency"},
    "about.latency_value": {"ko": "{ms} ms", "en": "{ms} ms"},
    "config.show.title": {"ko": "서버 설정", "en": "Server settings"},
    "config.saved": {"ko": "`{key}` 설정을 바꿨어요: {value}", "en": "Saved `{key}`: {value}"},
    "config.reset": {
        "ko": "`{key}` 설정을 기본값으로 되돌렸어요: {value}",
        "en": "`{key}` is back to its default: {value}",
    },
    "config.invalid_timezone": {
        "ko": "`{value}`: 모르는 시간대예요. Asia/Seoul, UTC, America/New_York처럼 시간대 이름으로 적어 주세요. 아무것도 바뀌지 않았어요.",
        "en": "`{value}` is not a time zone. Give a zone name such as Asia/Seoul, UTC or America/New_York. Nothing was changed.",
    },
    "config.invalid_role": {
        "ko": "`{value}`: 이 서버에 그런 역할이 없어요. 역할을 멘션하거나(@역할) 역할 이름이나 ID를 적어 주세요. 지우려면 `없음`이라고 적어 주세요. 아무것도 바뀌지 않았어요.",
        "en": "`{value}` is not a role of this server. Mention the role (@Role) or give its name or id; `none` clears it. Nothing was changed.",
    },
    "config.invalid_channel": {
        "ko": "`{value}`: 여기에 그런 채널이 없어요. 채널을 멘션하거나(#채널) 채널 이름이나 ID를 적어 주세요. 지우려면 `없음`이라고 적어 주세요. 아무것도 바뀌지 않았어요.",
        "en": "`{value}` is not a channel here. Mention the channel (#channel) or give its name or id; `none` clears it. Nothing was changed.",
    },
    "config.value.on": {"ko": "켜짐", "en": "on"},
    "config.value.off": {"ko": "꺼짐", "en": "off"},
    "config.value.language_each": {"ko": "멤버마다 자기 언어", "en": "each member's own language"},
    "config.value.language_ko": {"ko": "한국어", "en": "Korean"},
    "config.value.language_en": {"ko": "영어", "en": "English"},
    "config.value.moderator_role_none": {
        "ko": "없음 (서버 관리 권한이 있는 사람만 운영진)",
        "en": "none (only people with Manage Server moderate)",
    },
    "config.value.moderator_channel_none_discord": {
        "ko": "없음 (서버의 시스템 채널로 알려요)",
        "en": "none (notices go to the server's system channel)",
    },
    "config.value.moderator_channel_none_slack": {
        "ko": "없음 (운영진 알림을 보낼 곳이 없어요)",
        "en": "none (moderator notices have nowhere to go)",
    },
    "config.value.moderator_usergroup_none": {
        "ko": "없음 (워크스페이스 관리자만 운영진)",
        "en": "none (only workspace admins and owners moderate)",
    },
    "config.value.period_daily": {"ko": "하루 단위", "en": "daily"},
    "config.value.period_weekly": {"ko": "한 주 단위 (월요일 시작)", "en": "weekly (weeks start on Monday)"},
    "config.value.freeze_every": {
        "ko": "연속 {count}번마다 하나",
        "en": "one every {count} in a row",
    },
    "config.value.freeze_never": {"ko": "모으지 않음", "en": "never earned"},
    "config.value.freezes": {"ko": "{count}개", "en": "{count}"},
    "config.value.hours": {"ko": "{count}시간", "en": "{count} h"},
    "config.value.text_days": {
        "ko": "{count}일 지나면 체크인의 논문과 메모를 지워요",
        "en": "check-in papers and notes cleared after {count} days",
    },
    "config.value.text_kept": {
        "ko": "체크인의 논문과 메모를 계속 보관해요",
        "en": "check-in papers and notes are kept",
    },
    "config.unknown_setting": {
        "ko": "`{key}`라는 설정은 없어요. 가능한 설정: {keys}",
        "en": "There is no setting `{key}`. Settings: {keys}",
    },
    "config.invalid_value": {
        "ko": "`{key}`에 `{value}` 값은 쓸 수 없어요. 가능한 값: {accepted}",
        "en": "`{value}` is not a valid value for `{key}`. Accepted: {accepted}",
    },
    "error.not_moderator": {
        "ko": "운영진만 쓸 수 있는 명령어예요 (서버 관리 권한 또는 운영진 역할 필요). 아무것도 바뀌지 않았어요.",
        "en": "Only moderators can use this (Manage Server or the moderator role). Nothing was changed.",
    },
    "error.unexpected": {
        "ko": "처리 중에 예상하지 못한 문제가 생겼어요. 기록을 남겼으니 잠시 뒤 다시 시도해 주세요.",
        "en": "Something unexpected went wrong. It has been logged; please try again shortly.",
    },
    "error.bad_option": {
        "ko": "입력값 `{value}`{을} 이해하지 못했어요. 아무것도 바뀌지 않았어요.",
        "en": "The value `{value}` could not be understood. Nothing was changed.",
    },
    "error.cooldown": {
        "ko": "너무 자주 눌렀어요. {seconds}초 뒤에 다시 해 주세요.",
        "en": "Slow down a little: try again in {seconds} s.",
    },
    "error.storage_unavailable": {
        "ko": "지금은 데이터를 저장할 수 없어요 (디스크 또는 데이터베이스 문제). 아무것도 저장되지 않았으니 잠시 뒤 다시 시도해 주세요.",
        "en": "Data cannot be saved right now (disk or database problem). Nothing was stored; please try again later.",
    },
    "error.database_unreachable": {
        "ko": "지금은 데이터베이스에 연결할 수 없어요. 잠시 뒤 다시 시도해 주세요.",
        "en": "The database cannot be reached right now. Please try again in a moment.",
    },
    "error.database_unreachable_write": {
        "ko": "저장하는 도중 데이터베이스 연결이 끊겼어요. 저장됐는지 확인한 뒤 필요하면 다시 해 주세요.",
        "en": "The connection to the database broke while saving. Check whether it was saved, then try again if needed.",
    },
    "error.guild_only": {
        "ko": "이 명령어는 서버 안에서만 쓸 수 있어요.",
        "en": "This command only works inside a server.",
    },
}
