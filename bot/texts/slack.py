"""Texts only the Slack front end shows: usage of each slash command (subcommands
are typed into the text on Slack) and Slack-specific messages."""

MESSAGES = {
    # --- usage -----------------------------------------------------------------
    "slack.usage.unknown_command": {
        "ko": "`{command}` 명령어는 모르겠어요. 쓸 수 있는 명령어: `/ask` `/role` `/faq` `/checkin` `/streak` `/round` `/session` `/remind` `/digest` `/config` `/privacy` `/mydata` `/help`",
        "en": "I don't know `{command}`. Commands: `/ask` `/role` `/faq` `/checkin` `/streak` `/round` `/session` `/remind` `/digest` `/config` `/privacy` `/mydata` `/help`",
    },
    "slack.usage.help": {
        "ko": "*사용법* `/help` 모든 명령어를 한 줄씩 보여 줘요.",
        "en": "*Usage* `/help` lists every command with one line each.",
    },
    "slack.usage.ask": {
        "ko": "*사용법* `/ask <질문>`\n예: `/ask 석사 꼭 필요해?`",
        "en": "*Usage* `/ask <question>`\nExample: `/ask Do I need a master's degree?`",
    },
    "slack.usage.role": {
        "ko": "*사용법*\n`/role` 직무와 플레이어 유형 전체\n`/role <이름>` 하나 자세히 (예: `/role research scientist`)",
        "en": "*Usage*\n`/role` all job roles and player types\n`/role <name>` one in detail (e.g. `/role research scientist`)",
    },
    "slack.usage.faq": {
        "ko": "*사용법*\n`/faq list [페이지]` 주제와 FAQ 목록\n`/faq show <주제>` 하나 보기 (예: `/faq show faq.3`)\n운영진: `/faq add` · `/faq edit faq.<번호>` · `/faq remove faq.<번호>`",
        "en": "*Usage*\n`/faq list [page]` topics and FAQ\n`/faq show <topic>` one topic (e.g. `/faq show faq.3`)\nModerators: `/faq add` · `/faq edit faq.<n>` · `/faq remove faq.<n>`",
    },
    "slack.usage.checkin": {
        "ko": "*사용법* `/checkin [읽은 논문] [| 메모]`\n예: `/checkin Attention Is All You Need | 3장까지`",
        "en": "*Usage* `/checkin [paper] [| note]`\nExample: `/checkin Attention Is All You Need | up to section 3`",
    },
    "slack.usage.streak": {
        "ko": "*사용법*\n`/streak show [@멤버]` 스트릭과 히트맵\n`/streak leaderboard [current|longest|month|round]` 순위\n운영진: `/streak adjust @멤버 YYYY-MM-DD add|remove 사유` · `/streak freeze-grant @멤버 개수 사유` · `/streak history @멤버`",
        "en": "*Usage*\n`/streak show [@member]` streak and heatmap\n`/streak leaderboard [current|longest|month|round]` rankings\nModerators: `/streak adjust @member YYYY-MM-DD add|remove reason` · `/streak freeze-grant @member count reason` · `/streak history @member`",
    },
    "slack.usage.config": {
        "ko": "*사용법* (운영진)\n`/config show` · `/config set <설정> <값>` · `/config reset <설정>`\n예: `/config set moderator_usergroup @study-mods`",
        "en": "*Usage* (moderators)\n`/config show` · `/config set <setting> <value>` · `/config reset <setting>`\nExample: `/config set moderator_usergroup @study-mods`",
    },
    "slack.usage.round": {
        "ko": "*사용법*\n`/round list` 라운드 목록 · `/round show [라운드]` · `/round join [라운드] [no-present]` · `/round leave [라운드]` · `/round calendar [라운드]` (.ics 파일)\n운영진: `/round create` (양식) · `/round edit [라운드]` (양식) · `/round start [라운드]` · `/round close [라운드]` · `/round export [라운드]` (요약 .md·.csv와 .ics 파일) · `/round paper-add <제목> [| 링크] [| 주차]` · `/round paper-remove <논문>` · `/round presenters [rotate] [라운드]` 발표 차례 다시 정하기 · `/round presenters assign <세션> @멤버`",
        "en": "*Usage*\n`/round list` rounds · `/round show [round]` · `/round join [round] [no-present]` · `/round leave [round]` · `/round calendar [round]` (.ics file)\nModerators: `/round create` (form) · `/round edit [round]` (form) · `/round start [round]` · `/round close [round]` · `/round export [round]` (recap .md and .csv, .ics files) · `/round paper-add <title> [| url] [| week]` · `/round paper-remove <paper>` · `/round presenters [rotate] [round]` plan the turns afresh · `/round presenters assign <session> @member`",
    },
    "slack.usage.session": {
        "ko": "*사용법*\n`/session list [라운드]` 세션 목록 · `/session show <번호>` 세션과 참석 버튼 (예: `/session show #2`)\n운영진: `/session edit <번호> [새 시각] [| 분] [| 주제] [| 장소 링크] [| paper 또는 sota]` (비운 칸은 그대로, 예: `/session edit #2 2027-03-11 20:00`) · `/session cancel <번호>` · `/session assign <번호> @멤버` 발표자 지정 · `/session attendance <번호> @멤버 yes|no` 출석 고치기",
        "en": "*Usage*\n`/session list [round]` sessions · `/session show <id>` a session with RSVP buttons (e.g. `/session show #2`)\nModerators: `/session edit <id> [new time] [| minutes] [| topic] [| place link] [| paper or sota]` (empty parts stay, e.g. `/session edit #2 2027-03-11 20:00`) · `/session cancel <id>` · `/session assign <id> @member` choose the presenter · `/session attendance <id> @member yes|no` correct attendance",
    },
    "slack.usage.remind": {
        "ko": "*사용법*\n`/remind me` (양식이 열려요) 나에게 DM으로 오는 개인 알림 · `/remind mine` 내 개인 알림 · `/remind cancel <번호>` 내 개인 알림 취소 · `/remind edit <번호> [언제] [| 내용]` 내 개인 알림 고치기 (운영진은 서버 알림도, `#채널`로 옮기기 포함)\n운영진: `/remind list [페이지]` · `/remind add` (양식이 열려요) · `/remind preview <언제>` · `/remind pause <번호>` · `/remind resume <번호>` · `/remind remove <번호>`",
        "en": "*Usage*\n`/remind me` (opens a form) a personal reminder, sent to you by DM · `/remind mine` your personal reminders · `/remind cancel <n>` cancel one of them · `/remind edit <n> [when] [| text]` change one of them (moderators: the server's too, and `#channel` to move it)\nModerators: `/remind list [page]` · `/remind add` (opens a form) · `/remind preview <when>` · `/remind pause <n>` · `/remind resume <n>` · `/remind remove <n>`",
    },
    "slack.usage.digest": {
        "ko": "*사용법*\n`/digest show` (또는 `/digest preview`) 지금 소식 미리 보기\n운영진: `/digest configure [#채널] [언제]` (기본: 여기, 매주 월 09:00) · `/digest disable`",
        "en": "*Usage*\n`/digest show` (or `/digest preview`) preview the digest\nModerators: `/digest configure [#channel] [when]` (default: here, every mon 09:00) · `/digest disable`",
    },
    # --- Slack's versions of shared texts that explain a Discord-only idea -------
    # (bot.slack.wording takes slack.as.<key> in place of <key>)
    "slack.as.rounds.error.no_active_round": {
        "ko": "진행 중인 라운드가 없어요. 명령어 뒤에 라운드 이름을 적어 주세요 (예: `/round show spring-2027`).",
        "en": "No round is active; name one after the command (e.g. `/round show spring-2027`).",
    },
    "slack.as.rounds.error.which_round": {
        "ko": "진행 중인 라운드가 여럿이에요 ({names}). 명령어 뒤에 라운드 이름을 적어 주세요.",
        "en": "Several rounds are active ({names}); name one after the command.",
    },
    "slack.as.rounds.session.cancelled": {
        "ko": "#{index} 세션을 취소했어요. 알림도 지웠고, 논문은 다음 세션으로 넘어가요.",
        "en": "Session #{index} is cancelled; its reminders are removed and its papers move on.",
    },
    "slack.as.rounds.session.edited": {
        "ko": "#{index} 세션을 바꿨어요: {when}. 알림도 함께 옮겼어요.",
        "en": "Session #{index} changed: {when}. Its reminders moved with it.",
    },
    # Slack has no native events: a rescheduled session only moves its reminders.
    "slack.as.rounds.session.edited_event_recreated": {
        "ko": "#{index} 세션을 바꿨어요: {when}. 알림도 함께 옮겼어요.",
        "en": "Session #{index} changed: {when}. Its reminders moved with it.",
    },
    "slack.as.rounds.session.edited_event_failed": {
        "ko": "#{index} 세션을 바꿨어요: {when}. 알림도 함께 옮겼어요.",
        "en": "Session #{index} changed: {when}. Its reminders moved with it.",
    },
    "slack.as.rounds.show.ping": {
        "ko": "알림에서 부를 사용자 그룹: {role}",
        "en": "Reminders ping {role}",
    },
    "slack.as.rounds.error.too_many_choices": {
        "ko": "한 주에 넣을 수 있는 논문은 {limit}개까지예요 (지금 {count}개). 아무것도 바뀌지 않았어요.",
        "en": "A week holds at most {limit} papers (this would be {count}). Nothing was changed.",
    },
    # --- Slack-only messages ---------------------------------------------------
    "slack.help.footer": {
        "ko": "명령어가 알아듣지 못한 글을 받으면 사용법을 보여 줘요 (예: `/round help`). 운영진 명령어는 워크스페이스 관리자나 운영진 사용자 그룹만 쓸 수 있어요.",
        "en": "A command shows its usage when it doesn't understand the text (e.g. `/round help`). Moderator commands need a workspace admin or the moderator user group.",
    },
    "slack.error.cannot_join": {
        "ko": "<#{channel}> 채널에 들어가지 못했어요. 봇을 `/invite @studybot`으로 초대하거나 다른 채널을 골라 주세요. 아무것도 저장하지 않았어요.",
        "en": "I couldn't join <#{channel}>. Invite me with `/invite @studybot` or pick another channel. Nothing was saved.",
    },
    "slack.not_available": {
        "ko": "`{command}` 명령어는 Slack에서 아직 쓸 수 없어요. 준비되는 대로 열릴 거예요.",
        "en": "`{command}` is not available on Slack yet. It will open once it is ready.",
    },
    "slack.error.not_moderator": {
        "ko": "운영진만 쓸 수 있어요 (워크스페이스 관리자 또는 운영진 사용자 그룹). 아무것도 바뀌지 않았어요.",
        "en": "Only moderators can do this (workspace admins or the moderator user group). Nothing was changed.",
    },
    "slack.error.need_member": {
        "ko": "`{value}`에서 멤버를 찾지 못했어요. `@이름`으로 멤버를 멘션해 주세요.",
        "en": "`{value}` is not a member. Mention one as `@name`.",
    },
    "slack.file_unavailable": {
        "ko": "이 채널에는 이미지를 올릴 수 없어요. `/invite @studybot`으로 봇을 채널에 초대해 주세요.",
        "en": "I can't share the image in this channel. Invite me with `/invite @studybot`.",
    },
    "slack.error.cannot_post": {
        "ko": "<#{channel}> 채널에는 글을 올릴 수 없어요 (보관된 채널이거나, 봇이 들어가 있지 않은 비공개 채널). 봇을 초대하거나 다른 채널을 골라 주세요. 아무것도 저장하지 않았어요.",
        "en": "I can't post in <#{channel}> (it is archived, or private without me in it). Invite me or pick another channel. Nothing was saved.",
    },
    "slack.error.unknown_usergroup": {
        "ko": "`{value}` 사용자 그룹을 찾지 못했어요. `@핸들`이나 그룹 ID(S로 시작), 또는 `here`를 적어 주세요. 아무것도 저장하지 않았어요.",
        "en": "There is no user group `{value}`. Give its `@handle`, its id (starting with S) or `here`. Nothing was saved.",
    },
    "slack.remind.title": {"ko": "알림 만들기", "en": "New reminder"},
    "slack.remind.me_title": {"ko": "내 개인 알림 만들기", "en": "New personal reminder"},
    "slack.remind.channel": {"ko": "올릴 채널", "en": "Channel"},
    "slack.remind.when": {"ko": "언제", "en": "When"},
    "slack.remind.when_hint": {
        "ko": "예: {examples} (워크스페이스 시간대 기준)",
        "en": "For example: {examples} (in the workspace's time zone)",
    },
    "slack.remind.message": {"ko": "알림 내용", "en": "Message"},
    "slack.remind.ping": {"ko": "호출할 사용자 그룹 (선택)", "en": "User group to ping (optional)"},
    "slack.remind.ping_hint": {
        "ko": "@핸들, 그룹 ID(S…), 또는 here / channel",
        "en": "An @handle, a group id (S…), or here / channel",
    },
    "slack.round.title": {"ko": "새 라운드", "en": "New study round"},
    "slack.round.name": {"ko": "라운드 이름", "en": "Round name"},
    "slack.round.start": {"ko": "시작일", "en": "First day"},
    "slack.round.start_hint": {
        "ko": "YYYY-MM-DD, 예: 2027-03-04",
        "en": "YYYY-MM-DD, e.g. 2027-03-04",
    },
    "slack.round.weeks": {"ko": "몇 주 (1-52)", "en": "How many weeks (1-52)"},
    "slack.round.cadence": {"ko": "모임 시간", "en": "When sessions happen"},
    "slack.round.cadence_hint": {"ko": "예: 매주 목 20:00", "en": "For example: every thu 20:00"},
    "slack.round.channel": {
        "ko": "알림과 공지를 올릴 채널",
        "en": "Channel for reminders and announcements",
    },
    "slack.round.place": {
        "ko": "장소 또는 회의 링크 (선택)",
        "en": "Place or meeting link (optional)",
    },
    "slack.round.duration": {
        "ko": "세션 길이, 분 (선택, 기본 90)",
        "en": "Session length in minutes (optional, default 90)",
    },
    "slack.round.edit_title": {"ko": "라운드 수정", "en": "Edit study round"},
    "slack.round.ping": {
        "ko": "세션 알림에서 부를 사용자 그룹 (선택)",
        "en": "User group pinged by session reminders (optional)",
    },
    "slack.round.ping_hint": {
        "ko": "@핸들, 그룹 ID(S…), 또는 here / channel. 비우면 아무도 부르지 않아요.",
        "en": "An @handle, a group id (S…), or here / channel. Empty: nobody is pinged.",
    },
    "slack.round.reminder_days": {
        "ko": "세션 며칠 전에 논문 읽기를 알릴지 (0-14)",
        "en": "Days before a session to remind about reading (0-14)",
    },
    "slack.round.sota_every": {
        "ko": "n번째 세션마다 SOTA 리뷰 (0은 없음)",
        "en": "Every n-th session is a SOTA review (0 = never)",
    },
    "slack.round.calendar_fixed": {
        "ko": "「{round}」 라운드는 진행 중이라 시작일·기간·주기·세션 길이·리뷰 간격은 그대로예요. 세션 하나씩은 `/session edit`으로 옮길 수 있어요.",
        "en": "“{round}” is running, so its start, weeks, cadence, session length and review rhythm stay; move single sessions with `/session edit`.",
    },
    "slack.error.files_refused": {
        "ko": "Slack이 파일을 받지 않아서 보내지 못했어요. 잠시 뒤 다시 해 보세요. 아무것도 바뀌지 않았어요.",
        "en": "Slack refused the files, so I couldn't send them. Try again in a moment. Nothing was changed.",
    },
    "slack.faq.add_title": {"ko": "FAQ 추가", "en": "Add a FAQ entry"},
    "slack.faq.edit_title": {"ko": "FAQ 수정", "en": "Edit a FAQ entry"},
    "slack.home.title": {"ko": "📚 나의 스터디", "en": "📚 My study"},
    "slack.home.heatmap": {
        "ko": "최근 {weeks}주: 줄마다 월요일부터 일요일, 칸마다 한 주 (🟩 읽은 날)",
        "en": "The last {weeks} weeks: a row per weekday from Monday, a column per week (🟩 a day you read)",
    },
    "slack.home.sessions": {"ko": "다가오는 세션", "en": "My next sessions"},
    "slack.home.no_sessions": {
        "ko": "예정된 세션이 없어요. `/round list`에서 라운드를 찾아보세요.",
        "en": "No sessions coming up. Find a round with `/round list`.",
    },
    "slack.home.reading": {"ko": "이번 주 읽을거리", "en": "This week's reading"},
    "slack.home.no_reading": {
        "ko": "이번 주에 정해진 논문이 없어요.",
        "en": "No papers are set for this week.",
    },
    "slack.shortcut.no_link": {
        "ko": "이 메시지에는 링크가 없어서 논문으로 체크인할 수 없어요. 아무것도 기록하지 않았어요.",
        "en": "This message has no link, so there is no paper to check in with. Nothing was recorded.",
    },
    "slack.recap.threads": {"ko": "세션 스레드: {links}", "en": "Session threads: {links}"},
    "slack.modal.save": {"ko": "저장", "en": "Save"},
    "slack.modal.cancel": {"ko": "취소", "en": "Cancel"},
}
