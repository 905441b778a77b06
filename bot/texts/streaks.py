"""Texts of reading streaks: /checkin and /streak (show, leaderboard, moderator tools)."""

MESSAGES = {
    # --- commands --------------------------------------------------------------
    "cmd.checkin.name": {"ko": "체크인", "en": "checkin"},
    "cmd.checkin.description": {
        "ko": "오늘 읽었다고 기록하고 스트릭을 이어 갑니다",
        "en": "Record that you read today and keep your streak going",
    },
    "cmd.checkin.paper": {"ko": "읽은 논문 (제목이나 링크, 선택)", "en": "The paper you read (title or link, optional)"},
    "cmd.checkin.note": {"ko": "짧은 메모 (선택)", "en": "A short note (optional)"},
    "cmd.streak.name": {"ko": "스트릭", "en": "streak"},
    "cmd.streak.description": {"ko": "읽기 스트릭", "en": "Reading streaks"},
    "cmd.streak.show.name": {"ko": "보기", "en": "show"},
    "cmd.streak.show.description": {
        "ko": "스트릭과 최근 26주 기록을 봅니다",
        "en": "Show a streak and the last 26 weeks of check-ins",
    },
    "cmd.streak.show.member": {"ko": "볼 멤버 (비우면 나)", "en": "Whose streak (default: yours)"},
    "cmd.streak.leaderboard.name": {"ko": "순위", "en": "leaderboard"},
    "cmd.streak.leaderboard.description": {"ko": "스트릭 순위표", "en": "Streak leaderboard"},
    "cmd.streak.leaderboard.scope": {"ko": "어떤 순위", "en": "Which ranking"},
    "cmd.streak.adjust.name": {"ko": "조정", "en": "adjust"},
    "cmd.streak.adjust.description": {
        "ko": "멤버의 체크인을 추가하거나 지웁니다 (운영진)",
        "en": "Add or remove a member's check-in (moderators)",
    },
    "cmd.streak.adjust.member": {"ko": "대상 멤버", "en": "The member"},
    "cmd.streak.adjust.day": {"ko": "날짜 (YYYY-MM-DD, 서버 시간대)", "en": "Day (YYYY-MM-DD, server time zone)"},
    "cmd.streak.adjust.action": {"ko": "추가 또는 삭제", "en": "Add or remove"},
    "cmd.streak.reason": {"ko": "사유 (기록에 남아요)", "en": "Reason (kept in the history)"},
    "cmd.streak.freeze_grant.name": {"ko": "프리즈-지급", "en": "freeze-grant"},
    "cmd.streak.freeze_grant.description": {
        "ko": "멤버에게 스트릭 프리즈를 줍니다 (운영진)",
        "en": "Give a member streak freezes (moderators)",
    },
    "cmd.streak.freeze_grant.count": {"ko": "몇 개 (1-10)", "en": "How many (1-10)"},
    "cmd.streak.history.name": {"ko": "변경기록", "en": "history"},
    "cmd.streak.history.description": {
        "ko": "멤버 스트릭에 대한 운영진 변경 기록 (운영진)",
        "en": "Moderator changes to a member's streak (moderators)",
    },
    "streaks.scope.current": {"ko": "현재 스트릭", "en": "Current streak"},
    "streaks.scope.longest": {"ko": "최장 스트릭", "en": "Longest streak"},
    "streaks.scope.month": {"ko": "이번 달", "en": "This month"},
    "streaks.scope.round": {"ko": "이번 라운드", "en": "This round"},
    "streaks.action.add": {"ko": "추가", "en": "add"},
    "streaks.action.remove": {"ko": "삭제", "en": "remove"},
    # --- amounts ---------------------------------------------------------------
    "streaks.streak.daily": {"ko": "{count}일 연속", "en": "{count}-day streak"},
    "streaks.streak.weekly": {"ko": "{count}주 연속", "en": "{count}-week streak"},
    "streaks.periods.daily.one": {"ko": "{count}일", "en": "{count} day"},
    "streaks.periods.daily.other": {"ko": "{count}일", "en": "{count} days"},
    "streaks.periods.weekly.one": {"ko": "{count}주", "en": "{count} week"},
    "streaks.periods.weekly.other": {"ko": "{count}주", "en": "{count} weeks"},
    # --- check-in --------------------------------------------------------------
    "streaks.checkin.extended": {
        "ko": "체크인 완료! 🔥 {streak}",
        "en": "Checked in! 🔥 {streak}",
    },
    "streaks.checkin.started": {
        "ko": "체크인 완료! 새 스트릭을 시작했어요. 🔥 {streak}",
        "en": "Checked in! A new streak starts today. 🔥 {streak}",
    },
    "streaks.checkin.already_daily": {
        "ko": "오늘은 이미 체크인했어요. 이번 기록도 남겼고 스트릭은 그대로예요: {streak}",
        "en": "Already counted today. This one is noted too; your streak stays: {streak}",
    },
    "streaks.checkin.already_weekly": {
        "ko": "이번 주는 이미 체크인했어요. 이번 기록도 남겼고 스트릭은 그대로예요: {streak}",
        "en": "This week is already counted. This one is noted too; your streak stays: {streak}",
    },
    "streaks.checkin.duplicate": {
        "ko": "이 체크인은 이미 기록되어 있어요. 스트릭: {streak}",
        "en": "This check-in was already recorded. Streak: {streak}",
    },
    "streaks.checkin.freeze_used": {
        "ko": "❄️ 스트릭 프리즈가 {dates}의 빈자리를 메웠어요. 남은 프리즈: {left}개",
        "en": "❄️ A streak freeze covered {dates}. Freezes left: {left}",
    },
    "streaks.checkin.freeze_earned": {
        "ko": "🧊 스트릭 프리즈를 하나 얻었어요! 지금 {count}개 있어요.",
        "en": "🧊 You earned a streak freeze! You now have {count}.",
    },
    "streaks.checkin.paper": {"ko": "📄 읽은 논문: {paper}", "en": "📄 Paper: {paper}"},
    "streaks.checkin.note": {"ko": "📝 메모: {note}", "en": "📝 Note: {note}"},
    # --- show ------------------------------------------------------------------
    "streaks.show.title": {"ko": "{name}님의 읽기 스트릭", "en": "{name}'s reading streak"},
    "streaks.show.current": {"ko": "현재 스트릭", "en": "Current streak"},
    "streaks.show.longest": {"ko": "최장 스트릭", "en": "Longest streak"},
    "streaks.show.total": {"ko": "총 체크인", "en": "Total check-ins"},
    "streaks.show.total_value": {
        "ko": "{checkins}회 ({periods})",
        "en": "{checkins} ({periods} with a check-in)",
    },
    "streaks.show.freezes": {"ko": "남은 프리즈", "en": "Freezes left"},
    "streaks.show.next_freeze": {
        "ko": "다음 프리즈까지 체크인 {count}번",
        "en": "{count} more check-in(s) to the next freeze",
    },
    "streaks.show.last_checkin": {"ko": "마지막 체크인", "en": "Last check-in"},
    "streaks.show.never": {"ko": "아직 없음", "en": "Not yet"},
    "streaks.show.freeze_used": {"ko": "프리즈를 쓴 날", "en": "Freezes used on"},
    "streaks.show.today_done_daily": {"ko": "오늘 체크인 완료 ✅", "en": "Checked in today ✅"},
    "streaks.show.today_open_daily": {
        "ko": "오늘은 아직 체크인 전이에요",
        "en": "No check-in yet today",
    },
    "streaks.show.today_done_weekly": {"ko": "이번 주 체크인 완료 ✅", "en": "Checked in this week ✅"},
    "streaks.show.today_open_weekly": {
        "ko": "이번 주는 아직 체크인 전이에요",
        "en": "No check-in yet this week",
    },
    "streaks.show.heatmap": {
        "ko": "최근 26주 체크인 (진할수록 많이 체크인한 날)",
        "en": "Check-ins over the last 26 weeks (darker green: more check-ins that day)",
    },
    # --- leaderboard -----------------------------------------------------------
    "streaks.board.title.current": {"ko": "🔥 현재 스트릭 순위", "en": "🔥 Current streaks"},
    "streaks.board.title.longest": {"ko": "🏆 최장 스트릭 순위", "en": "🏆 Longest streaks"},
    "streaks.board.title.month": {"ko": "📅 {month} 체크인 순위", "en": "📅 Check-ins in {month}"},
    "streaks.board.title.round": {"ko": "🎯 이번 라운드 스트릭 순위", "en": "🎯 Streaks in this round"},
    "streaks.board.line": {"ko": "{rank}. {name} — {value}", "en": "{rank}. {name} — {value}"},
    "streaks.board.empty": {
        "ko": "아직 순위에 오른 사람이 없어요. /체크인 으로 시작해 보세요!",
        "en": "Nobody is on this board yet. Start with /checkin!",
    },
    "streaks.board.your_rank": {"ko": "내 순위: {rank}위 ({value})", "en": "Your rank: #{rank} ({value})"},
    "streaks.board.unranked": {
        "ko": "아직 이 순위표에 오르지 않았어요.",
        "en": "You are not on this board yet.",
    },
    "streaks.board.unknown_member": {"ko": "(알 수 없는 멤버)", "en": "(unknown member)"},
    # --- moderators ------------------------------------------------------------
    "streaks.adjust.added": {
        "ko": "{member}님의 {day} 체크인을 추가했어요. 지금 스트릭: {streak}",
        "en": "Added a check-in for {member} on {day}. Their streak is now: {streak}",
    },
    "streaks.adjust.removed": {
        "ko": "{member}님의 {day} 체크인 {count}건을 지웠어요. 지금 스트릭: {streak}",
        "en": "Removed {count} check-in(s) of {member} for {day}. Their streak is now: {streak}",
    },
    "streaks.grant.done": {
        "ko": "{member}님에게 {given}를 줬어요. 이제 모두 {total}예요 (운영진이 준 것 {granted}개, 스스로 모은 것 {earned}개).",
        "en": "Gave {member} {given}. They now hold {total}: {granted} granted by moderators, {earned} earned.",
    },
    "streaks.grant.cap": {
        "ko": "이 서버의 프리즈 상한 {cap}개는 체크인으로 모으는 프리즈에만 적용돼요. 모은 프리즈가 {cap}개인 동안에는 체크인해도 더 모이지 않지만, 운영진이 준 프리즈는 상한과 상관없이 모두 쓸 수 있어요.",
        "en": "The server's freeze cap of {cap} limits earned freezes only: while they hold {cap} earned, check-ins earn no more, but every granted freeze stays usable whatever the cap.",
    },
    "streaks.grant.not_earning": {
        "ko": "이 서버에서는 체크인으로 프리즈를 모을 수 없어서, 빠진 날이나 주는 운영진이 준 프리즈로만 메워져요.",
        "en": "Freezes are not earned on this server, so only granted freezes bridge a missed day or week.",
    },
    "streaks.checkin.recorded_elsewhere": {
        "ko": "{member}님의 체크인은 기록됐어요. Discord가 명령어 답장을 받아 주지 않아서 여기로 알려 드려요.",
        "en": "{member}, your check-in is recorded. Discord did not take my reply to the command, so I am telling you here.",
    },
    "streaks.change.recorded_elsewhere": {
        "ko": "{member}님, 요청한 변경은 저장됐어요. 다시 하지 않아도 돼요. Discord가 명령어 답장을 받아 주지 않아서 여기로 알려 드려요.",
        "en": "{member}, your change is saved; no need to make it again. Discord did not take my reply to the command, so I am telling you here.",
    },
    "streaks.freezes.one": {"ko": "프리즈 {count}개", "en": "{count} streak freeze"},
    "streaks.freezes.many": {"ko": "프리즈 {count}개", "en": "{count} streak freezes"},
    "streaks.history.title": {"ko": "{member}님의 스트릭 변경 기록", "en": "Streak changes for {member}"},
    "streaks.history.empty": {
        "ko": "운영진이 바꾼 기록이 없어요.",
        "en": "No moderator has changed this streak.",
    },
    "streaks.history.add": {
        "ko": "{at} · {actor}님이 {day} 체크인 추가 — {reason}",
        "en": "{at} · {actor} added a check-in for {day} — {reason}",
    },
    "streaks.history.remove": {
        "ko": "{at} · {actor}님이 {day} 체크인 {count}건 삭제 — {reason}",
        "en": "{at} · {actor} removed {count} check-in(s) for {day} — {reason}",
    },
    "streaks.history.grant": {
        "ko": "{at} · {actor}님이 프리즈 {count}개 지급 — {reason}",
        "en": "{at} · {actor} granted {count} freeze(s) — {reason}",
    },
    # --- errors ----------------------------------------------------------------
    "streaks.error.paper_too_long": {
        "ko": "논문 칸은 {max}자까지예요 (지금 {length}자). 아무것도 기록하지 않았어요.",
        "en": "The paper field takes at most {max} characters (you sent {length}). Nothing was recorded.",
    },
    "streaks.error.note_too_long": {
        "ko": "메모는 {max}자까지예요 (지금 {length}자). 아무것도 기록하지 않았어요.",
        "en": "The note takes at most {max} characters (you sent {length}). Nothing was recorded.",
    },
    "streaks.error.too_many_checkins": {
        "ko": "오늘은 이미 {max}번 체크인했어요. 하루 {max}번까지 기록할 수 있으니 내일 다시 해 주세요. 이번 체크인은 기록하지 않았어요.",
        "en": "You have checked in {max} times today, the most one day takes. This one was not recorded; try again tomorrow.",
    },
    "streaks.error.reason_length": {
        "ko": "사유를 1-{max}자로 적어 주세요 (지금 {length}자). 아무것도 바뀌지 않았어요.",
        "en": "Please give a reason of 1-{max} characters (you sent {length}). Nothing was changed.",
    },
    "streaks.error.future_day": {
        "ko": "{day}{은} 아직 오지 않은 날이에요 (서버 기준 오늘: {today}). 아무것도 바뀌지 않았어요.",
        "en": "{day} is in the future (today on this server: {today}). Nothing was changed.",
    },
    "streaks.error.bad_day": {
        "ko": "`{value}`{은} 날짜로 읽을 수 없어요. YYYY-MM-DD 형식으로 적어 주세요 (예: 2026-11-23).",
        "en": "`{value}` is not a date. Use YYYY-MM-DD, e.g. 2026-11-23.",
    },
    "streaks.error.already_checked_in": {
        "ko": "{day}{이} 속한 기간에는 이미 체크인이 있어요. 아무것도 바뀌지 않았어요.",
        "en": "The period of {day} already has a check-in. Nothing was changed.",
    },
    "streaks.error.nothing_to_remove": {
        "ko": "{day}{이} 속한 기간에는 지울 체크인이 없어요. 아무것도 바뀌지 않았어요.",
        "en": "There is no check-in to remove in the period of {day}. Nothing was changed.",
    },
    "streaks.error.grant_count": {
        "ko": "프리즈는 한 번에 {min}-{max}개까지 줄 수 있어요. 아무것도 바뀌지 않았어요.",
        "en": "You can grant {min} to {max} freezes at a time. Nothing was changed.",
    },
    "streaks.error.unknown_scope": {
        "ko": "그런 순위표는 없어요. 가능한 값: {scopes}",
        "en": "There is no such leaderboard. Accepted: {scopes}",
    },
    "streaks.error.unknown_action": {
        "ko": "그런 조정은 없어요. 가능한 값: {actions}",
        "en": "There is no such adjustment. Accepted: {actions}",
    },
    "streaks.error.no_active_round": {
        "ko": "지금 진행 중인 라운드가 없어서 라운드 순위를 보여 줄 수 없어요.",
        "en": "There is no active round, so there is no round leaderboard.",
    },
}
