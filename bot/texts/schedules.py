"""Texts of scheduled messages: understanding `when`, reminders, digests and the
notices moderators get about skipped or paused schedules."""

_WHEN_EXAMPLES_KO = (
    "• `2026-12-01 20:00` — 그날 한 번\n"
    "• `20:00` — 다가오는 20시에 한 번\n"
    "• `오늘 21:00`, `내일 9:00`, `모레 오후 3시`\n"
    "• `10분 후`, `1시간 반 뒤`, `금요일 오후 8시`, `다음 주 금요일 오후 8시`\n"
    "• `매일 9:00`, `평일 9:00`, `주말 10:00`\n"
    "• `매주 월 20:00`, `매주 월,목 20:00`\n"
    "• cron 식 `0 9 * * 1-5` (분 시 일 월 요일, 0=일요일)"
)
_WHEN_EXAMPLES_EN = (
    "• `2026-12-01 20:00` — once on that day\n"
    "• `20:00` — once, at the coming 20:00\n"
    "• `today 21:00`, `tomorrow 9:00`, `tomorrow 3pm`\n"
    "• `in 10 minutes`, `in 1 hour 30 minutes`, `friday 8pm`, `next friday 8pm`\n"
    "• `every day 9:00`, `every weekday 9:00`, `every weekend 10:00`\n"
    "• `every mon 20:00`, `every mon,thu 20:00`\n"
    "• a cron expression `0 9 * * 1-5` (minute hour day month weekday, 0=Sunday)"
)

MESSAGES = {
    # --- commands -----------------------------------------------------------------
    "cmd.remind.name": {"ko": "알림", "en": "remind"},
    "cmd.remind.description": {
        "ko": "알림: 내 개인 알림, 서버 알림 (운영진)",
        "en": "Reminders: yours, and the server's (moderators)",
    },
    "cmd.remind.add.name": {"ko": "추가", "en": "add"},
    "cmd.remind.add.description": {"ko": "알림을 예약합니다", "en": "Schedule a reminder"},
    "cmd.remind.add.when": {
        "ko": "언제: 매주 월 20:00, 내일 9:00, 0 9 * * 1-5 ...",
        "en": "When: every mon 20:00, tomorrow 9:00, 0 9 * * 1-5 ...",
    },
    "cmd.remind.add.message": {"ko": "올릴 내용", "en": "What to post"},
    "cmd.remind.add.channel": {
        "ko": "올릴 채널 (기본: 이 채널)",
        "en": "Channel to post in (default: this one)",
    },
    "cmd.remind.add.ping": {"ko": "함께 부를 역할 (선택)", "en": "Role to mention (optional)"},
    "cmd.remind.list.name": {"ko": "목록", "en": "list"},
    "cmd.remind.list.page": {"ko": "페이지", "en": "Page"},
    "cmd.remind.list.description": {
        "ko": "이 서버의 알림 목록을 봅니다",
        "en": "List this server's reminders",
    },
    "cmd.remind.pause.name": {"ko": "일시정지", "en": "pause"},
    "cmd.remind.pause.description": {"ko": "알림을 잠시 멈춥니다", "en": "Pause a reminder"},
    "cmd.remind.resume.name": {"ko": "재개", "en": "resume"},
    "cmd.remind.resume.description": {
        "ko": "멈춘 알림을 다시 시작합니다",
        "en": "Resume a paused reminder",
    },
    "cmd.remind.remove.name": {"ko": "삭제", "en": "remove"},
    "cmd.remind.remove.description": {"ko": "알림을 지웁니다", "en": "Delete a reminder"},
    "cmd.remind.id": {"ko": "알림 번호 (목록에서 확인)", "en": "Reminder number (see list)"},
    "cmd.remind.edit.name": {"ko": "수정", "en": "edit"},
    "cmd.remind.edit.description": {
        "ko": "알림의 시각, 내용, 채널을 바꿉니다 (번호는 그대로)",
        "en": "Change a reminder's time, text or channel (same number)",
    },
    "cmd.remind.edit.when": {"ko": "새 시각 (선택)", "en": "New time (optional)"},
    "cmd.remind.edit.message": {"ko": "새 내용 (선택)", "en": "New text (optional)"},
    "cmd.remind.edit.channel": {
        "ko": "새 채널 (선택, 서버 알림만)",
        "en": "New channel (optional; the server's reminders only)",
    },
    "cmd.remind.me.name": {"ko": "나", "en": "me"},
    "cmd.remind.me.description": {
        "ko": "나에게 보낼 개인 알림을 예약합니다 (DM)",
        "en": "Schedule a personal reminder for yourself (by DM)",
    },
    "cmd.remind.me.message": {"ko": "받을 내용", "en": "What to remind you of"},
    "cmd.remind.mine.name": {"ko": "내알림", "en": "mine"},
    "cmd.remind.mine.description": {
        "ko": "내 개인 알림 목록", "en": "List your personal reminders",
    },
    "cmd.remind.cancel.name": {"ko": "취소", "en": "cancel"},
    "cmd.remind.cancel.description": {
        "ko": "내 개인 알림을 취소합니다", "en": "Cancel one of your personal reminders",
    },
    "cmd.remind.cancel.id": {
        "ko": "개인 알림 번호 (내 알림 목록에서 확인)",
        "en": "Personal reminder number (see /remind mine)",
    },
    "cmd.digest.name": {"ko": "소식", "en": "digest"},
    "cmd.digest.description": {
        "ko": "주간 스터디 소식",
        "en": "The weekly study digest",
    },
    "cmd.digest.configure.name": {"ko": "설정", "en": "configure"},
    "cmd.digest.configure.description": {
        "ko": "소식을 올릴 채널과 시각을 정합니다",
        "en": "Choose where and when the digest is posted",
    },
    "cmd.digest.configure.when": {
        "ko": "언제 (기본: 매주 월 09:00)",
        "en": "When (default: every mon 09:00)",
    },
    "cmd.digest.disable.name": {"ko": "끄기", "en": "disable"},
    "cmd.digest.disable.description": {"ko": "소식 게시를 끕니다", "en": "Stop posting the digest"},
    "cmd.digest.preview.name": {"ko": "미리보기", "en": "preview"},
    "cmd.digest.preview.description": {
        "ko": "지금 올린다면 어떤 소식일지 봅니다",
        "en": "Show the digest as it would be posted now",
    },
    # --- understanding `when` -------------------------------------------------------
    "schedules.when_invalid": {
        "ko": "`{text}`{을} 시간으로 이해하지 못했어요. 이렇게 써 주세요:\n" + _WHEN_EXAMPLES_KO,
        "en": "I could not read `{text}` as a time. Try one of these:\n" + _WHEN_EXAMPLES_EN,
    },
    "schedules.when_bad_clock": {
        "ko": "`{text}`: 없는 날짜나 시각이에요 (시는 0~23, 분은 0~59). 예: `매주 월 20:00`",
        "en": "`{text}`: that date or time does not exist (hours 0-23, minutes 0-59). "
        "Example: `every mon 20:00`",
    },
    "schedules.when_too_far": {
        "ko": "`{text}`: {days}일 안쪽으로만 정할 수 있어요. 먼 날짜는 `2027-03-01 20:00`처럼 적어 주세요.",
        "en": "`{text}`: a delay can be at most {days} days. For a later date, write it out, "
        "e.g. `2027-03-01 20:00`.",
    },
    "schedules.when_past": {
        "ko": "{time}{은} 이미 지난 시각이에요 (시간대 {zone}). 앞으로의 시각을 적어 주세요.",
        "en": "{time} has already passed (time zone {zone}). Please give a future time.",
    },
    "schedules.when_cron_invalid": {
        "ko": "cron 식 `{expr}`{을} 읽지 못했어요. 다섯 칸(분 시 일 월 요일)으로 써 주세요. "
        "예: `0 9 * * 1-5` = 평일 9시, `30 20 * * 1,4` = 월·목 20:30",
        "en": "The cron expression `{expr}` is not valid. It needs five fields (minute hour "
        "day month weekday). Examples: `0 9 * * 1-5` = weekdays at 9:00, "
        "`30 20 * * 1,4` = Mon and Thu at 20:30",
    },
    "schedules.when_cron_day_and_weekday": {
        "ko": "cron 식 `{expr}`에 날짜와 요일이 둘 다 정해져 있어요. 헷갈리지 않도록 둘 중 하나만 "
        "정해 주세요 (다른 칸은 `*`).",
        "en": "The cron expression `{expr}` restricts both the day of the month and the "
        "weekday. To avoid surprises, restrict only one of them (use `*` for the other).",
    },
    "schedules.when_never": {
        "ko": "`{text}`{은} 앞으로 한 번도 돌아오지 않는 시각이에요.",
        "en": "`{text}` never happens in the future.",
    },
    "schedules.when_too_often": {
        "ko": "`{text}`{은} 너무 자주 울려요. 최소 {minutes}분 간격이어야 해요.",
        "en": "`{text}` fires too often. Allow at least {minutes} minutes between runs.",
    },
    # --- describing a rule --------------------------------------------------------
    "schedules.describe.once": {
        "ko": "{date}({weekday}) {time}에 한 번",
        "en": "once on {weekday} {date} at {time}",
    },
    "schedules.describe.daily": {"ko": "매일 {time}", "en": "every day at {time}"},
    "schedules.describe.weekdays": {
        "ko": "평일(월~금) {time}",
        "en": "every weekday (Mon-Fri) at {time}",
    },
    "schedules.describe.weekends": {
        "ko": "주말(토·일) {time}",
        "en": "every weekend day (Sat, Sun) at {time}",
    },
    "schedules.describe.weekly": {"ko": "매주 {days} {time}", "en": "every {days} at {time}"},
    "schedules.describe.cron": {
        "ko": "cron 식 `{expr}` (분 시 일 월 요일)",
        "en": "cron `{expr}` (minute hour day month weekday)",
    },
    "schedules.day_joiner": {"ko": "·", "en": ", "},
    "schedules.day.mon": {"ko": "월", "en": "Mon"},
    "schedules.day.tue": {"ko": "화", "en": "Tue"},
    "schedules.day.wed": {"ko": "수", "en": "Wed"},
    "schedules.day.thu": {"ko": "목", "en": "Thu"},
    "schedules.day.fri": {"ko": "금", "en": "Fri"},
    "schedules.day.sat": {"ko": "토", "en": "Sat"},
    "schedules.day.sun": {"ko": "일", "en": "Sun"},
    "schedules.local_time": {"ko": "{date}({weekday}) {time}", "en": "{weekday} {date} {time}"},
    "schedules.status.active": {"ko": "진행 중", "en": "active"},
    "schedules.status.paused": {"ko": "일시 정지", "en": "paused"},
    "schedules.status.finished": {"ko": "끝남", "en": "finished"},
    "schedules.next_none": {"ko": "없음", "en": "none"},
    # --- notices for moderators ---------------------------------------------------
    "schedules.notice.title": {
        "ko": "🛠️ 예약 메시지 안내",
        "en": "🛠️ Scheduled messages",
    },
    "schedules.notice.skipped": {
        "ko": "#{id}: 봇이 꺼져 있던 동안 놓친 {count}회(마지막 {time})는 {hours}시간이 넘게 "
        "지나서 보내지 않았어요.",
        "en": "#{id}: {count} run(s) missed while the bot was offline (the last at {time}) "
        "were more than {hours} hours old, so they were not posted.",
    },
    "schedules.notice.paused": {
        "ko": "#{id}: <#{channel}> 채널에 글을 올릴 수 없어 일시 정지했어요. 채널이 있는지, 봇에게 "
        "권한이 있는지 확인한 뒤 다시 시작해 주세요.",
        "en": "#{id}: paused because the bot cannot post in <#{channel}>. Check that the "
        "channel exists and the bot may post there, then resume it.",
    },
    "schedules.notice.failed": {
        "ko": "#{id}: {time} 메시지를 {attempts}번 시도했지만 보내지 못했어요. 다음 일정은 그대로 "
        "진행돼요.",
        "en": "#{id}: the {time} message could not be posted after {attempts} attempts. "
        "Later runs are unaffected.",
    },
    "schedules.notice.crash_skipped": {
        "ko": "#{id}: {time} 메시지를 보내던 중 봇이 멈췄고, 채널에 올라가 있지 않았어요. "
        "다시 켜졌을 때는 늦게 보낼 수 있는 시간이 지나서 보내지 않았어요.",
        "en": "#{id}: the bot stopped while posting the {time} message, and it is not in the "
        "channel. By the time the bot was back it was too late to post it, so it was skipped.",
    },
    "schedules.notice.unverifiable": {
        "ko": "#{id}: {time} 메시지를 보내던 중 봇이 멈췄는데, 채널의 최근 메시지를 읽을 수 없어 "
        "실제로 올라갔는지 확인하지 못했어요. 두 번 올라가지 않도록 다시 보내지 않았어요. "
        "봇에 '메시지 기록 보기' 권한을 주면 다음부터는 확인할 수 있어요.",
        "en": "#{id}: the bot stopped while posting the {time} message and could not read "
        "the channel's recent messages to check whether it went out, so it was not sent "
        "again, to avoid a duplicate. Give the bot Read Message History so it can check "
        "next time.",
    },
    "schedules.notice.uncertain": {
        "ko": "#{id}: {time} 메시지를 보내던 중 봇이 재시작되어 실제로 올라갔는지 확인할 수 "
        "없어요. 두 번 올라가지 않도록 다시 보내지 않았어요.",
        "en": "#{id}: the bot restarted while posting the {time} message, so it is unknown "
        "whether it went out. It was not sent again, to avoid a duplicate.",
    },
    # --- reminders ----------------------------------------------------------------
    "reminder.title": {"ko": "🔔 알림", "en": "🔔 Reminder"},
    "reminder.late_title": {"ko": "⏰ 늦게 도착한 알림", "en": "⏰ Late reminder"},
    "reminder.late_footer": {
        "ko": "원래 {time}에 보낼 알림이었어요 (봇이 잠시 꺼져 있었어요).",
        "en": "This was due at {time} (the bot was briefly offline).",
    },
    "reminder.footer": {"ko": "알림 #{id} · {rule}", "en": "Reminder #{id} · {rule}"},
    "reminder.message_length": {
        "ko": "알림 내용은 1~{max}자여야 해요 (지금 {length}자). 아무것도 저장하지 않았어요.",
        "en": "A reminder's text must be 1 to {max} characters (this one has {length}). "
        "Nothing was saved.",
    },
    "reminder.no_everyone": {
        "ko": "@everyone은 부를 수 없어요. 알림을 받을 역할을 골라 주세요. 아무것도 저장하지 않았어요.",
        "en": "A reminder cannot mention @everyone; pick a role instead. Nothing was saved.",
    },
    "reminder.too_many": {
        "ko": "이 서버에는 이미 알림이 {count}개 있어요 (최대 {max}개). 쓰지 않는 알림을 지운 뒤 "
        "다시 해 주세요.",
        "en": "This server already has {count} reminders (at most {max}). Remove one you "
        "no longer need and try again.",
    },
    "reminder.not_found": {
        "ko": "#{id} 알림을 이 서버에서 찾지 못했어요. `/알림 목록`로 번호를 확인해 주세요.",
        "en": "There is no reminder #{id} on this server. `/remind list` shows the numbers.",
    },
    "reminder.already_paused": {
        "ko": "#{id} 알림은 이미 일시 정지 상태예요.",
        "en": "Reminder #{id} is already paused.",
    },
    "reminder.not_paused": {
        "ko": "#{id} 알림은 일시 정지 상태가 아니에요.",
        "en": "Reminder #{id} is not paused.",
    },
    "reminder.is_finished": {
        "ko": "#{id} 알림은 이미 끝났어요 (한 번만 울리는 알림).",
        "en": "Reminder #{id} has already finished (it was a one-off).",
    },
    "reminder.added": {
        "ko": "알림 #{id}{을} 만들었어요: {description} · 시간대 {zone}\n다음 알림: {next}",
        "en": "Created reminder #{id}: {description} · time zone {zone}\nNext: {next}",
    },
    "reminder.preview": {
        "ko": "이렇게 이해했어요: {description} · 시간대 {zone}\n다음 알림: {next}",
        "en": "Understood as: {description} · time zone {zone}\nNext: {next}",
    },
    "reminder.paused": {
        "ko": "#{id} 알림을 일시 정지했어요. `/알림 재개 {id}`로 다시 시작할 수 있어요.",
        "en": "Paused reminder #{id}. `/remind resume {id}` starts it again.",
    },
    "reminder.resumed": {
        "ko": "#{id} 알림을 다시 시작했어요. 다음 알림: {next}",
        "en": "Resumed reminder #{id}. Next: {next}",
    },
    "reminder.resumed_nothing_left": {
        "ko": "#{id} 알림은 울릴 시각이 이미 지나서 끝난 것으로 표시했어요.",
        "en": "Reminder #{id}'s time has already passed, so it is now marked finished.",
    },
    "reminder.removed": {"ko": "#{id} 알림을 지웠어요.", "en": "Removed reminder #{id}."},
    "reminder.edit_nothing": {
        "ko": "바꿀 것을 하나 이상 적어 주세요 (시각, 내용, 채널). 아무것도 바꾸지 않았어요.",
        "en": "Give at least one thing to change (time, text or channel). Nothing was changed.",
    },
    "reminder.edited": {
        "ko": "#{id} 알림을 고쳤어요 (번호는 그대로): {description} · {status} · 다음: {next} · "
        "<#{channel}>\n> {message}",
        "en": "Updated reminder #{id} (same number): {description} · {status} · next: {next} · "
        "<#{channel}>\n> {message}",
    },
    "reminder.list_title": {"ko": "🔔 이 서버의 알림", "en": "🔔 Reminders on this server"},
    "reminder.list_empty": {
        "ko": "진행 중이거나 멈춘 알림이 없어요. `/알림 추가`로 만들 수 있어요.",
        "en": "No active or paused reminders. Create one with `/remind add`.",
    },
    "reminder.list_page": {"ko": "{page} / {pages} 페이지 (알림 {total}개)",
                           "en": "Page {page} of {pages} ({total} reminders)"},
    "reminder.list_page_slack": {
        "ko": "{page} / {pages} 페이지 (알림 {total}개) · 다른 페이지는 `/알림 목록 <페이지>`",
        "en": "Page {page} of {pages} ({total} reminders) · other pages: `/remind list <page>`",
    },
    "reminder.list_line": {
        "ko": "**#{id}** · {status} · {description} · 다음: {next} · <#{channel}>\n> {message}",
        "en": "**#{id}** · {status} · {description} · next: {next} · <#{channel}>\n> {message}",
    },
    # --- personal reminders -------------------------------------------------------
    "personal.title": {"ko": "🔔 개인 알림", "en": "🔔 Your reminder"},
    "personal.footer": {
        "ko": "개인 알림 #{id} · {rule} · `/알림 취소 {id}`로 취소",
        "en": "Personal reminder #{id} · {rule} · cancel with `/remind cancel {id}`",
    },
    "personal.added": {
        "ko": "개인 알림 #{id}{을} 만들었어요: {description} · 시간대 {zone}\n다음 알림: {next}\n"
        "DM으로 보내 드려요. DM이 막혀 있으면 이 채널에서 회원님만 불러서 알려 드려요.",
        "en": "Created personal reminder #{id}: {description} · time zone {zone}\nNext: {next}\n"
        "It comes by direct message; if your DMs are closed, in this channel, mentioning "
        "only you.",
    },
    "personal.too_many": {
        "ko": "개인 알림은 한 사람당 {max}개까지예요 (지금 {count}개). `/알림 내알림`에서 "
        "필요 없는 알림을 찾아 `/알림 취소`로 지운 뒤 다시 해 주세요. 아무것도 저장하지 않았어요.",
        "en": "You can have at most {max} personal reminders (you have {count}). Find one you "
        "no longer need with `/remind mine`, cancel it with `/remind cancel` and try again. "
        "Nothing was saved.",
    },
    "personal.not_found": {
        "ko": "회원님의 개인 알림 중에 #{id}{은} 없어요. `/알림 내알림`으로 번호를 확인해 주세요.",
        "en": "You have no personal reminder #{id}. `/remind mine` shows the numbers.",
    },
    "personal.edited": {
        "ko": "개인 알림 #{id}{을} 고쳤어요 (번호는 그대로): {description} · 다음: {next}\n> {message}",
        "en": "Updated personal reminder #{id} (same number): {description} · next: {next}\n"
        "> {message}",
    },
    "personal.cancelled": {
        "ko": "개인 알림 #{id}{을} 취소했어요.", "en": "Cancelled personal reminder #{id}.",
    },
    "personal.list_title": {"ko": "🔔 내 개인 알림", "en": "🔔 Your personal reminders"},
    "personal.list_empty": {
        "ko": "개인 알림이 없어요. `/알림 나`로 만들 수 있어요.",
        "en": "You have no personal reminders. Create one with `/remind me`.",
    },
    "personal.list_footer": {
        "ko": "{count} / {max}개 · 취소: `/알림 취소`",
        "en": "{count} of {max} · cancel: `/remind cancel`",
    },
    "personal.list_line": {
        "ko": "**#{id}** · {description} · 다음: {next}\n> {message}",
        "en": "**#{id}** · {description} · next: {next}\n> {message}",
    },
    # --- digests ------------------------------------------------------------------
    "digest.title": {"ko": "📰 스터디 소식", "en": "📰 Study digest"},
    "digest.intro": {
        "ko": "지난 {days}일 동안의 소식이에요.",
        "en": "What happened over the last {days} days.",
    },
    "digest.empty": {
        "ko": "이번에는 전할 소식이 없어요. 오늘 작은 한 걸음부터 시작해 볼까요?",
        "en": "Nothing to report this time. How about one small step today?",
    },
    "digest.late_footer": {
        "ko": "원래 {time}에 올라갈 소식이었어요 (봇이 잠시 꺼져 있었어요).",
        "en": "This was due at {time} (the bot was briefly offline).",
    },
    "digest.section.streak_leaders": {"ko": "🔥 연속 기록 선두", "en": "🔥 Streak leaders"},
    "digest.section.long_streaks": {
        "ko": "💪 {count}회 이상 이어 가는 멤버",
        "en": "💪 {count} or more in a row",
    },
    "digest.section.new_faq": {"ko": "❓ 새로 추가된 FAQ", "en": "❓ New FAQ entries"},
    "digest.streak_line": {
        "ko": "{rank}. {name} — {count}회 연속",
        "en": "{rank}. {name} — {count} in a row",
    },
    "digest.faq_line": {"ko": "• {question} (`{id}`)", "en": "• {question} (`{id}`)"},
    "digest.configured": {
        "ko": "스터디 소식을 <#{channel}>에 올릴게요: {description} · 시간대 {zone}\n다음: {next}",
        "en": "The study digest will be posted in <#{channel}>: {description} · "
        "time zone {zone}\nNext: {next}",
    },
    "digest.disabled": {
        "ko": "스터디 소식 게시를 껐어요.",
        "en": "The study digest is turned off.",
    },
    "digest.not_configured": {
        "ko": "이 서버에는 설정된 스터디 소식이 없어요. `/소식 설정`로 켤 수 있어요.",
        "en": "No study digest is set up on this server. `/digest configure` turns it on.",
    },
}
