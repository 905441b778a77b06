"""Texts of ``studybot console`` (the terminal front end): its own commands,
prompts and one-line errors."""

MESSAGES = {
    "console.welcome": {
        "ko": "studybot 콘솔이에요. 디스코드에서처럼 명령어를 입력해 보세요 (예: `/ask RS 되려면 박사 필요해?`, `/checkin`).\n"
              "지금은 멤버로 입력하고 있어요. 운영진 명령어는 `/as moderator`로 바꾼 뒤에 쓸 수 있어요.\n"
              "가상 시계: {now} (`/clock +1d`로 앞으로 돌리면 알림이 올라와요) · 파일 저장 위치: {files}\n"
              "`/help` 명령어 목록 · `/lang en` English · `/quit` 끝내기",
        "en": "This is the studybot console. Type commands as you would on Discord (e.g. `/ask Do I need a PhD to be a research scientist?`, `/checkin`).\n"
              "You are typing as a member. Switch with `/as moderator` to use moderator commands.\n"
              "Simulated clock: {now} (move it with `/clock +1d` to see reminders fire) · files are saved in: {files}\n"
              "`/help` commands · `/lang ko` 한국어 · `/quit` to leave",
    },
    "console.bye": {"ko": "콘솔을 닫을게요. 또 만나요!", "en": "Closing the console. See you!"},
    "console.choices_hint": {
        "ko": "(번호를 입력하면 그 버튼을 눌러요)",
        "en": "(type a number to press that button)",
    },
    "console.file_saved": {"ko": "📎 파일 저장: {path}", "en": "📎 File saved: {path}"},
    "console.post": {
        "ko": "📣 #{channel} 채널에 올라온 글 · {at}",
        "en": "📣 Posted in #{channel} · {at}",
    },
    "console.direct_message": {
        "ko": "✉️ {member} 님에게 보낸 DM · {at}",
        "en": "✉️ Direct message to {member} · {at}",
    },
    "console.moderator_notice": {
        "ko": "🛡 운영진 알림 · {at}",
        "en": "🛡 Notice to moderators · {at}",
    },
    "console.channel": {
        "ko": "지금 있는 채널: #{channel}",
        "en": "You are in #{channel}.",
    },
    "console.clock": {"ko": "🕒 가상 시계: {now}", "en": "🕒 Simulated clock: {now}"},
    "console.lang": {"ko": "이제 한국어로 답할게요.", "en": "Replies are in English now."},
    "console.lang_forced": {
        "ko": "이 커뮤니티는 언어 설정이 {lang} 값으로 고정돼 있어요. `/config reset language`로 풀 수 있어요.",
        "en": "This community's language is fixed to {lang}; `/config reset language` lifts it.",
    },
    "console.as.member": {
        "ko": "이제 멤버 {name} 님으로 입력해요.",
        "en": "You are now {name}, a member.",
    },
    "console.as.moderator": {
        "ko": "이제 운영진 {name} 님으로 입력해요 (서버 관리 권한이 있는 셈이에요).",
        "en": "You are now {name}, a moderator (as if you had Manage Server).",
    },
    "console.help.title": {"ko": "studybot 콘솔 명령어", "en": "studybot console commands"},
    "console.help.moderator": {
        "ko": "★ 표시는 운영진 명령어예요 (`/as moderator`로 바꿔서 써요).",
        "en": "★ marks moderator commands (switch with `/as moderator`).",
    },
    "console.help.console_title": {"ko": "콘솔 전용", "en": "Console only"},
    "console.help.console": {
        "ko": "/as moderator · /as member · /as <이름> [moderator]  누가 입력하는지 바꾸기\n"
              "/lang ko · /lang en  답하는 언어\n"
              "/clock · /clock +1d · /clock +2h · /clock 2026-12-10 19:00  가상 시계 보기와 앞으로 돌리기\n"
              "/channel <이름>  지금 있는 채널 바꾸기\n"
              "1, 2, 3 …  마지막에 보인 버튼 누르기\n"
              "/quit  끝내기",
        "en": "/as moderator · /as member · /as <name> [moderator]  who is typing\n"
              "/lang ko · /lang en  reply language\n"
              "/clock · /clock +1d · /clock +2h · /clock 2026-12-10 19:00  show or move the simulated clock\n"
              "/channel <name>  the channel you are in\n"
              "1, 2, 3 …  press a button shown last\n"
              "/quit  leave",
    },
    "console.help.footer": {
        "ko": "옵션은 순서대로 쓰거나 `이름:값`으로 써요. 띄어쓰기가 있는 값은 큰따옴표로 묶어요: `/round-admin create name:\"봄 시즌\" start:2027-03-04 weeks:8 channel:#study cadence:\"매주 목 20:00\"`",
        "en": "Give options in order or as `name:value`; quote values with spaces: /round-admin create name:\"Spring 2027\" start:2027-03-04 weeks:8 channel:#study cadence:\"every thu 20:00\"",
    },
    "console.error.quote": {
        "ko": "닫는 큰따옴표가 없어요. 아무것도 바뀌지 않았어요.",
        "en": "A closing double quote is missing. Nothing was changed.",
    },
    "console.error.usage": {
        "ko": "필요한 값이 빠졌어요. 사용법: {usage}",
        "en": "Something is missing. Usage: {usage}",
    },
    "console.error.extra": {
        "ko": "{extra} 부분은 어디에 쓰는 값인지 모르겠어요. 사용법: {usage}",
        "en": "I don't know what {extra} is for. Usage: {usage}",
    },
    "console.error.clock": {
        "ko": "시계를 {value} 값으로 옮길 수 없어요. 예: /clock +1d, /clock +2h, /clock +30m, /clock 2026-12-10 19:00",
        "en": "Cannot move the clock to {value}. Examples: /clock +1d, /clock +2h, /clock +30m, /clock 2026-12-10 19:00",
    },
    "console.error.clock_back": {
        "ko": "가상 시계는 앞으로만 갈 수 있어요.",
        "en": "The simulated clock only moves forward.",
    },
    "console.error.name": {
        "ko": "{value} 값은 이름으로 쓸 수 없어요 (글자, 숫자, -, _, 32자까지).",
        "en": "{value} is not a usable name (letters, digits, - and _, up to 32).",
    },
    "console.error.channel": {
        "ko": "{value} 값은 채널 이름으로 쓸 수 없어요 (예: `#study`).",
        "en": "{value} is not a usable channel name (e.g. #study).",
    },
    "console.error.unknown": {
        "ko": "{command} 명령어는 없어요. `/help`로 목록을 볼 수 있어요.",
        "en": "There is no {command} command. `/help` lists them.",
    },
    "console.error.unknown_sub": {
        "ko": "{command} 다음에 무엇을 할지 알려 주세요:\n{usages}",
        "en": "Tell me what {command} should do:\n{usages}",
    },
    "console.error.not_command": {
        "ko": "명령어는 /로 시작해요 (예: /help). 버튼은 번호로 눌러요.",
        "en": "Commands start with / (e.g. /help); press a button by its number.",
    },
    "console.error.as": {
        "ko": "사용법: /as moderator, /as member, /as <이름> [moderator]",
        "en": "Usage: /as moderator, /as member, /as <name> [moderator]",
    },
    "console.error.lang": {
        "ko": "쓸 수 있는 언어: {langs}",
        "en": "Languages: {langs}",
    },
    "console.error.no_choices": {
        "ko": "누를 버튼이 없어요. 버튼은 `/session show 1` 같은 답에 번호로 붙어 나와요.",
        "en": "There are no buttons to press. Buttons come numbered with replies such as `/session show 1`.",
    },
    "console.error.choice": {
        "ko": "1부터 {count}까지 중에서 골라 주세요.",
        "en": "Pick a number from 1 to {count}.",
    },
    "console.error.role": {
        "ko": "{value} 값은 역할 이름으로 쓸 수 없어요 (영문, 숫자, -, _).",
        "en": "{value} is not a usable role name (letters, digits, - and _).",
    },
}
