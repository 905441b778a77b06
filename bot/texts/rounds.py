"""Texts of study rounds: commands, replies, reminders, the recap and errors."""

_SERVICE = {
    # --- validation ---------------------------------------------------------------
    "rounds.error.name.empty": {"ko": "라운드 이름을 입력해 주세요.", "en": "Please give the round a name."},
    "rounds.error.name.too_long": {
        "ko": "라운드 이름은 {limit}자까지 쓸 수 있어요 (지금 {length}자). 아무것도 바뀌지 않았어요.",
        "en": "A round name can be at most {limit} characters (this one has {length}). Nothing was changed.",
    },
    "rounds.error.title.empty": {"ko": "논문 제목을 입력해 주세요.", "en": "Please give the paper's title."},
    "rounds.error.title.too_long": {
        "ko": "논문 제목은 {limit}자까지 쓸 수 있어요 (지금 {length}자). 아무것도 바뀌지 않았어요.",
        "en": "A paper title can be at most {limit} characters (this one has {length}). Nothing was changed.",
    },
    "rounds.error.topic.empty": {"ko": "주제를 입력해 주세요.", "en": "Please give a topic."},
    "rounds.error.topic.too_long": {
        "ko": "주제는 {limit}자까지 쓸 수 있어요 (지금 {length}자). 아무것도 바뀌지 않았어요.",
        "en": "A topic can be at most {limit} characters (this one has {length}). Nothing was changed.",
    },
    "rounds.error.cadence.empty": {
        "ko": "모임 주기를 입력해 주세요. 예: `매주 목 20:00`",
        "en": "Please give the cadence, e.g. `every thu 20:00`.",
    },
    "rounds.error.cadence.too_long": {
        "ko": "모임 주기는 {limit}자까지 쓸 수 있어요 (지금 {length}자).",
        "en": "The cadence can be at most {limit} characters (this one has {length}).",
    },
    "rounds.error.cadence_once": {
        "ko": "`{text}`{은} 한 번뿐인 시각이에요. 라운드에는 반복 주기가 필요해요. 예: `매주 목 20:00`, `매주 화,목 21:00`",
        "en": "`{text}` is a single time; a round needs a repeating cadence, e.g. `every thu 20:00` or `every tue,thu 21:00`.",
    },
    "rounds.error.cadence_overlap": {
        "ko": "이 주기로는 {minutes}분짜리 세션이 서로 겹쳐요. 주기나 세션 길이를 바꿔 주세요.",
        "en": "With this cadence, sessions of {minutes} minutes would overlap each other. Change the cadence or the duration.",
    },
    "rounds.error.url": {
        "ko": "`{url}`{은} 쓸 수 있는 링크가 아니에요. `http://` 또는 `https://`로 시작하는 주소를 넣어 주세요.",
        "en": "`{url}` is not a usable link. Please give an address starting with `http://` or `https://`.",
    },
    "rounds.error.place": {
        "ko": "장소 `{place}`{을} 이해하지 못했어요. 음성 채널이나 `https://` 링크를 넣어 주세요.",
        "en": "The place `{place}` was not understood. Give a voice channel or an `https://` link.",
    },
    "rounds.error.place_both": {
        "ko": "장소는 음성 채널이나 링크 중 하나만 정해 주세요.",
        "en": "Give either a voice channel or a link as the place, not both.",
    },
    "rounds.error.weeks": {
        "ko": "라운드 기간은 {low}~{high}주 사이여야 해요 (입력: {value}).",
        "en": "A round lasts {low} to {high} weeks (you gave {value}).",
    },
    "rounds.error.week": {
        "ko": "주차는 {low}~{high} 사이여야 해요 (입력: {value}).",
        "en": "The week must be between {low} and {high} (you gave {value}).",
    },
    "rounds.error.duration": {
        "ko": "세션 길이는 {low}~{high}분 사이여야 해요 (입력: {value}).",
        "en": "A session lasts {low} to {high} minutes (you gave {value}).",
    },
    "rounds.error.reminder_days": {
        "ko": "논문 읽기 알림은 세션 {low}~{high}일 전으로 정할 수 있어요 (입력: {value}).",
        "en": "The reading reminder can be {low} to {high} days before a session (you gave {value}).",
    },
    "rounds.error.sota_every": {
        "ko": "SOTA 리뷰 간격은 {low}~{high} 사이여야 해요 (0은 리뷰 없음, 입력: {value}).",
        "en": "The SOTA review interval must be {low} to {high} (0 turns reviews off; you gave {value}).",
    },
    "rounds.error.date": {
        "ko": "`{value}`{은} 날짜로 읽을 수 없어요. `2026-12-03`처럼 입력해 주세요.",
        "en": "`{value}` is not a date; write it like `2026-12-03`.",
    },
    "rounds.error.start_in_past": {
        "ko": "시작일 {date}{은} 이미 지났어요. 오늘이나 이후 날짜를 골라 주세요.",
        "en": "The start date {date} has passed; pick today or a later day.",
    },
    "rounds.error.in_past": {
        "ko": "세션 시각이 이미 지났어요. 앞으로의 시각을 골라 주세요. 아무것도 바뀌지 않았어요.",
        "en": "That session time has already passed; pick a time in the future. Nothing was changed.",
    },
    "rounds.error.too_many_choices": {
        "ko": "Discord에서 한 번에 고를 수 있는 항목은 {limit}개까지예요 (지금 {count}개). 아무것도 바뀌지 않았어요.",
        "en": "Discord lets members pick from at most {limit} items at once (this would be {count}). Nothing was changed.",
    },
    "rounds.error.too_many_sessions": {
        "ko": "이 주기로는 세션이 {limit}개를 넘어요. 주기나 기간을 줄여 주세요.",
        "en": "This cadence would make more than {limit} sessions; shorten the round or the cadence.",
    },
    "rounds.error.no_sessions": {
        "ko": "이 기간에는 주기에 맞는 세션이 하나도 없어요. 시작일, 기간, 주기를 확인해 주세요.",
        "en": "The cadence gives no session within these weeks; check the start date, weeks and cadence.",
    },
    "rounds.error.overlap": {
        "ko": "{time}에 시작하는 「{round}」 #{index} 세션과 시간이 겹쳐요. 아무것도 바뀌지 않았어요.",
        "en": "This overlaps session #{index} of “{round}” at {time}. Nothing was changed.",
    },
    "rounds.error.overlap_self": {
        "ko": "{time} 세션이 이 라운드의 다른 세션과 겹쳐요. 아무것도 바뀌지 않았어요.",
        "en": "The session at {time} overlaps another session of this round. Nothing was changed.",
    },
    "rounds.error.when_once": {
        "ko": "`{text}`{은} 반복 주기예요. 새 시각 하나를 `2026-12-03 20:00`이나 `내일 20:00`처럼 입력해 주세요.",
        "en": "`{text}` repeats; give one new time such as `2026-12-03 20:00` or `tomorrow 20:00`.",
    },
    "rounds.error.kind": {
        "ko": "세션 종류 `{kind}`{은} 없어요. paper 또는 sota를 골라 주세요.",
        "en": "There is no session kind `{kind}`; choose paper or sota.",
    },
    # --- lookups and states -------------------------------------------------------
    "rounds.error.no_rounds": {
        "ko": "이 서버에는 아직 스터디 라운드가 없어요.",
        "en": "This server has no study round yet.",
    },
    "rounds.error.no_active_round": {
        "ko": "진행 중인 라운드가 없어요. `round` 옵션으로 라운드를 골라 주세요.",
        "en": "No round is active; choose one with the `round` option.",
    },
    "rounds.error.which_round": {
        "ko": "진행 중인 라운드가 여럿이에요 ({names}). `round` 옵션으로 골라 주세요.",
        "en": "Several rounds are active ({names}); choose one with the `round` option.",
    },
    "rounds.error.unknown_round": {
        "ko": "`{round}`라는 라운드를 찾지 못했어요.",
        "en": "There is no round `{round}`.",
    },
    "rounds.error.unknown_session": {
        "ko": "`{session}` 세션을 찾지 못했어요. 목록에서 골라 주세요.",
        "en": "Session `{session}` was not found; pick one from the list.",
    },
    "rounds.error.unknown_paper": {
        "ko": "읽기 목록에 `{paper}` 논문이 없어요.",
        "en": "The reading list has no paper `{paper}`.",
    },
    "rounds.error.paper_covered": {
        "ko": "「{paper}」{은} 이미 끝난 세션에서 다뤘기 때문에 목록에서 뺄 수 없어요.",
        "en": "“{paper}” was covered by a session that already took place, so it stays on the list.",
    },
    "rounds.error.name_taken": {
        "ko": "「{name}」이라는 라운드가 이미 있어요. 다른 이름을 골라 주세요.",
        "en": "A round called “{name}” already exists; choose another name.",
    },
    "rounds.error.round_closed": {
        "ko": "「{round}」 라운드는 이미 끝났어요.",
        "en": "The round “{round}” is closed.",
    },
    "rounds.error.not_active": {
        "ko": "「{round}」 라운드는 아직 시작하지 않았어요.",
        "en": "The round “{round}” has not started.",
    },
    "rounds.error.not_draft.active": {
        "ko": "「{round}」 라운드는 이미 진행 중이에요.",
        "en": "The round “{round}” has already started.",
    },
    "rounds.error.not_draft.closed": {
        "ko": "「{round}」 라운드는 이미 끝났어요.",
        "en": "The round “{round}” is closed.",
    },
    "rounds.error.calendar_fixed": {
        "ko": "「{round}」 라운드는 이미 진행 중이라 시작일·기간·주기·세션 길이·리뷰 간격은 바꿀 수 없어요. 세션 하나씩은 `/세션관리 수정`으로 옮길 수 있어요.",
        "en": "“{round}” is running, so its start, weeks, cadence, duration and review rhythm are fixed; move single sessions with `/session-admin edit`.",
    },
    "rounds.error.not_joined": {
        "ko": "「{round}」 라운드에 참여하고 있지 않아요.",
        "en": "You have not joined “{round}”.",
    },
    "rounds.error.session_not_open": {
        "ko": "#{index} 세션은 취소되었거나 이미 끝난 라운드에 속해 있어요.",
        "en": "Session #{index} is cancelled or belongs to a closed round.",
    },
    "rounds.error.session_started": {
        "ko": "#{index} 세션은 이미 시작했어요. 지난 세션은 출석만 고칠 수 있어요.",
        "en": "Session #{index} has already started; for past sessions only attendance can be corrected.",
    },
    "rounds.error.session_not_started": {
        "ko": "#{index} 세션은 아직 시작하지 않았어요. 출석은 세션이 시작한 뒤에 고칠 수 있어요.",
        "en": "Session #{index} has not started yet; attendance can be corrected once it has.",
    },
    "rounds.error.rsvp_closed": {
        "ko": "#{index} 세션은 이미 시작했거나 취소되어 참석 응답을 받지 않아요.",
        "en": "Session #{index} has begun or was cancelled: RSVPs are closed.",
    },
    "rounds.error.rsvp_answer": {
        "ko": "참석 응답은 참석 / 미정 / 불참 중 하나예요.",
        "en": "The answer must be going, maybe or not going.",
    },
    "rounds.error.no_sessions_yet": {
        "ko": "「{round}」 라운드에는 아직 세션이 없어요. 라운드를 시작하면 생겨요.",
        "en": "“{round}” has no sessions yet; they are created when the round starts.",
    },
    # --- shared words ---------------------------------------------------------------
    "rounds.kind.paper": {"ko": "논문 읽기", "en": "Paper reading"},
    "rounds.kind.sota": {"ko": "SOTA 리뷰", "en": "SOTA review"},
    "rounds.status.draft": {"ko": "준비 중", "en": "draft"},
    "rounds.status.active": {"ko": "진행 중", "en": "active"},
    "rounds.status.closed": {"ko": "종료", "en": "closed"},
    "rounds.session_status.scheduled": {"ko": "예정", "en": "scheduled"},
    "rounds.session_status.cancelled": {"ko": "취소됨", "en": "cancelled"},
    "rounds.session_status.held": {"ko": "진행함", "en": "held"},
    "rounds.rsvp.going": {"ko": "참석", "en": "Going"},
    "rounds.rsvp.maybe": {"ko": "미정", "en": "Maybe"},
    "rounds.rsvp.not_going": {"ko": "불참", "en": "Not going"},
    "rounds.field.when": {"ko": "일시", "en": "When"},
    "rounds.field.minutes": {"ko": " ({minutes}분)", "en": " ({minutes} min)"},
    "rounds.field.place": {"ko": "장소", "en": "Place"},
    "rounds.field.kind": {"ko": "종류", "en": "Kind"},
    "rounds.field.topic": {"ko": "주제", "en": "Topic"},
    "rounds.field.papers": {"ko": "논문", "en": "Papers"},
    "rounds.field.presenters": {"ko": "발표자", "en": "Presenters"},
    "rounds.place.none": {"ko": "정해지지 않음", "en": "not set"},
    "rounds.presenters.none": {"ko": "아직 없음", "en": "nobody yet"},
    "rounds.papers.tbd": {"ko": "논문 미정", "en": "paper to be announced"},
    # --- reminders posted in the round's channel ----------------------------------
    "rounds.reminder.title": {"ko": "📚 {round} · #{index}", "en": "📚 {round} · #{index}"},
    "rounds.reminder.reading": {
        "ko": "{when} 모임 전에 읽어 오세요: **{what}**",
        "en": "Read **{what}** before the session on {when}.",
    },
    "rounds.reminder.reading_sota": {
        "ko": "{when}에는 최근 연구 결과를 함께 살펴봐요: **{what}**",
        "en": "On {when} we review recent results together: **{what}**",
    },
    "rounds.reminder.day": {
        "ko": "내일 {when}에 #{index} 세션이 있어요: **{what}**",
        "en": "Session #{index} is tomorrow, {when}: **{what}**",
    },
    "rounds.reminder.hour": {
        "ko": "한 시간 뒤 ({when}) #{index} 세션이 시작해요: **{what}**",
        "en": "Session #{index} starts in an hour ({when}): **{what}**",
    },
    "rounds.reminder.footer": {
        "ko": "아래 버튼으로 참석 여부를 알려 주세요.",
        "en": "Let us know below whether you are coming.",
    },
    "rounds.reminder.late": {
        "ko": "{time}에 보냈어야 할 알림이에요 (봇이 잠시 멈춰 있었어요).",
        "en": "This reminder was due at {time} (the bot was briefly offline).",
    },
    "rounds.start.body": {
        "ko": "#{index} 세션을 지금 시작해요: **{what}**\n참석한다고 답한 사람: {going}명",
        "en": "Session #{index} starts now: **{what}**\nAnswered going: {going}",
    },
    "rounds.start.footer": {
        "ko": "참석 응답은 마감됐어요. 출석은 응답으로 기록되고, 운영진이 고칠 수 있어요.",
        "en": "RSVPs are closed. Attendance is taken from them; moderators can correct it.",
    },
    "rounds.end.body": {
        "ko": "#{index} 세션이 끝났어요. 참석 응답으로 {attended}명의 출석을 기록했어요. 수고하셨어요!",
        "en": "Session #{index} is over. Attendance was recorded for {attended} from the RSVPs. Thanks, everyone!",
    },
    "rounds.digest.section": {"ko": "이번 주 스터디", "en": "Study rounds this week"},
    "rounds.digest.reading_line": {
        "ko": "📖 {round} #{index}: {paper}",
        "en": "📖 {round} #{index}: {paper}",
    },
    # --- recap ------------------------------------------------------------------------
    "rounds.recap.title": {"ko": "{name} 라운드 돌아보기", "en": "{name}: round recap"},
    "rounds.recap.summary": {
        "ko": "{start} ~ {end} · 세션 {total}개 중 {held}개 진행, {cancelled}개 취소",
        "en": "{start} to {end} · {held} of {total} sessions held, {cancelled} cancelled",
    },
    "rounds.recap.papers": {"ko": "함께 읽은 논문", "en": "Papers covered"},
    "rounds.recap.presenters": {"ko": "발표자", "en": "Presenters"},
    "rounds.recap.presenter_line": {"ko": "{name}: {count}회", "en": "{name}: {count}×"},
    "rounds.recap.attendance": {"ko": "출석", "en": "Attendance"},
    "rounds.recap.attendance_line": {
        "ko": "{name}: {attended}/{possible} ({rate})",
        "en": "{name}: {attended}/{possible} ({rate})",
    },
    "rounds.recap.streaks": {"ko": "연속 기록 상위", "en": "Streak leaders"},
    "rounds.recap.streak_line": {"ko": "{name}: {streak}", "en": "{name}: {streak}"},
    "rounds.recap.none": {"ko": "없음", "en": "none"},
}

_COMMANDS = {
    "cmd.round.name": {"ko": "라운드", "en": "round"},
    "cmd.round.description": {"ko": "스터디 라운드: 목록, 보기, 참여, 캘린더", "en": "Study rounds: list, show, join, calendar"},
    "cmd.round-admin.name": {"ko": "라운드관리", "en": "round-admin"},
    "cmd.round-admin.description": {"ko": "스터디 라운드 운영 (운영진)", "en": "Run study rounds (moderators)"},
    "cmd.session.name": {"ko": "세션", "en": "session"},
    "cmd.session.description": {"ko": "스터디 라운드의 세션", "en": "Sessions of a study round"},
    "cmd.session-admin.name": {"ko": "세션관리", "en": "session-admin"},
    "cmd.session-admin.description": {"ko": "세션 바꾸기 (운영진)", "en": "Change sessions (moderators)"},
    "cmd.round.list.name": {"ko": "목록", "en": "list"},
    "cmd.round.list.description": {"ko": "이 서버의 스터디 라운드 목록", "en": "List this server's study rounds"},
    "cmd.round.show.name": {"ko": "보기", "en": "show"},
    "cmd.round.show.description": {"ko": "라운드 보기: 논문, 세션, 참여자", "en": "Show a round: papers, sessions, members"},
    "cmd.round.join.name": {"ko": "참여", "en": "join"},
    "cmd.round.join.description": {
        "ko": "라운드에 참여합니다 (발표를 맡을지도 정해요)",
        "en": "Join a round (and say whether you will present)",
    },
    "cmd.round.leave.name": {"ko": "나가기", "en": "leave"},
    "cmd.round.leave.description": {"ko": "라운드에서 나갑니다", "en": "Leave a round"},
    "cmd.round.calendar.name": {"ko": "캘린더", "en": "calendar"},
    "cmd.round.calendar.description": {
        "ko": "라운드 세션을 캘린더 파일로 받습니다",
        "en": "Download the round's sessions as a calendar file",
    },
    "cmd.session.list.name": {"ko": "목록", "en": "list"},
    "cmd.session.list.description": {"ko": "라운드의 세션 목록", "en": "List a round's sessions"},
    "cmd.session.show.name": {"ko": "보기", "en": "show"},
    "cmd.session.show.description": {
        "ko": "세션을 참석 응답 버튼과 함께 봅니다",
        "en": "Show a session with its RSVP buttons",
    },
    "cmd.round-admin.create.name": {"ko": "만들기", "en": "create"},
    "cmd.round-admin.create.description": {
        "ko": "스터디 라운드를 만듭니다 (시작 전까지는 초안)",
        "en": "Create a study round (a draft until started)",
    },
    "cmd.round-admin.edit.name": {"ko": "수정", "en": "edit"},
    "cmd.round-admin.edit.description": {"ko": "라운드 설정을 바꿉니다", "en": "Change a round's settings"},
    "cmd.round-admin.start.name": {"ko": "시작", "en": "start"},
    "cmd.round-admin.start.description": {
        "ko": "라운드 시작: 세션, 알림, 이벤트를 만듭니다",
        "en": "Start a round: sessions, reminders, events",
    },
    "cmd.round-admin.close.name": {"ko": "종료", "en": "close"},
    "cmd.round-admin.close.description": {
        "ko": "라운드를 끝내고 돌아보기를 올립니다",
        "en": "Close a round and post its recap",
    },
    "cmd.round-admin.export.name": {"ko": "내보내기", "en": "export"},
    "cmd.round-admin.export.description": {
        "ko": "돌아보기(Markdown, CSV)와 캘린더 파일을 받습니다",
        "en": "Download the recap (Markdown, CSV) and calendar",
    },
    "cmd.round-admin.paper-add.name": {"ko": "논문추가", "en": "paper-add"},
    "cmd.round-admin.paper-add.description": {"ko": "읽기 목록에 논문을 더합니다", "en": "Add a paper to the reading list"},
    "cmd.round-admin.paper-remove.name": {"ko": "논문삭제", "en": "paper-remove"},
    "cmd.round-admin.paper-remove.description": {
        "ko": "읽기 목록에서 논문을 뺍니다",
        "en": "Remove a paper from the reading list",
    },
    "cmd.round-admin.presenters.name": {"ko": "발표자", "en": "presenters"},
    "cmd.round-admin.presenters.description": {
        "ko": "발표자를 공평하게 돌리거나 직접 정합니다",
        "en": "Rotate presenters fairly, or assign one by hand",
    },
    "cmd.session-admin.edit.name": {"ko": "수정", "en": "edit"},
    "cmd.session-admin.edit.description": {
        "ko": "세션 하나의 일정이나 내용을 바꿉니다",
        "en": "Reschedule or change one session",
    },
    "cmd.session-admin.cancel.name": {"ko": "취소", "en": "cancel"},
    "cmd.session-admin.cancel.description": {"ko": "세션 하나를 취소합니다", "en": "Cancel one session"},
    "cmd.session-admin.assign.name": {"ko": "발표자지정", "en": "assign"},
    "cmd.session-admin.assign.description": {
        "ko": "세션 발표자를 직접 정합니다",
        "en": "Choose a session's presenter by hand",
    },
    "cmd.session-admin.attendance.name": {"ko": "출석", "en": "attendance"},
    "cmd.session-admin.attendance.description": {
        "ko": "참여자의 출석 여부를 고칩니다",
        "en": "Correct whether a member attended",
    },
    # Option descriptions.
    "cmd.rounds.arg.round": {"ko": "어느 라운드인지 (기본: 진행 중인 라운드)", "en": "Which round (default: the active one)"},
    "cmd.rounds.arg.present": {"ko": "발표 차례를 맡을지 (기본: 예)", "en": "Take turns presenting (default: yes)"},
    "cmd.rounds.arg.session": {"ko": "어느 세션인지", "en": "Which session"},
    "cmd.rounds.arg.round_name": {"ko": "라운드 이름 (100자까지)", "en": "Round name (up to 100 characters)"},
    "cmd.rounds.arg.new_name": {"ko": "새 이름", "en": "New name"},
    "cmd.rounds.arg.start": {"ko": "첫날, 예: 2026-12-03", "en": "First day, e.g. 2026-12-03"},
    "cmd.rounds.arg.weeks": {"ko": "몇 주 동안인지", "en": "How many weeks"},
    "cmd.rounds.arg.channel": {"ko": "알림과 공지를 올릴 채널", "en": "Channel for reminders and announcements"},
    "cmd.rounds.arg.cadence": {"ko": "모임 주기, 예: 매주 목 20:00", "en": "When sessions happen, e.g. every thu 20:00"},
    "cmd.rounds.arg.duration": {"ko": "세션 길이(분, 기본 90)", "en": "Session length in minutes (default 90)"},
    "cmd.rounds.arg.voice": {"ko": "세션을 여는 음성 채널", "en": "Voice channel where sessions happen"},
    "cmd.rounds.arg.link": {"ko": "또는 회의 링크 (http/https)", "en": "Or a meeting link (http/https)"},
    "cmd.rounds.arg.ping_role": {"ko": "세션 알림에서 부를 역할", "en": "Role pinged by session reminders"},
    "cmd.rounds.arg.no_ping": {"ko": "역할 부르기를 그만둡니다", "en": "Stop pinging a role"},
    "cmd.rounds.arg.reminder_days": {
        "ko": "세션 며칠 전에 논문 읽기를 알릴지 (기본 3)",
        "en": "Days before a session to remind about reading (default 3)",
    },
    "cmd.rounds.arg.sota_every": {
        "ko": "n번째 세션마다 SOTA 리뷰 (기본 4, 0은 없음)",
        "en": "Every n-th session is a SOTA review (default 4, 0 = never)",
    },
    "cmd.rounds.arg.title": {"ko": "논문 제목 (200자까지)", "en": "Paper title (up to 200 characters)"},
    "cmd.rounds.arg.url": {"ko": "논문 링크 (http/https)", "en": "Link to the paper (http/https)"},
    "cmd.rounds.arg.week": {
        "ko": "라운드의 몇 주차인지 (기본: 논문이 없는 다음 주)",
        "en": "Week of the round (default: the next week without a paper)",
    },
    "cmd.rounds.arg.paper": {"ko": "어느 논문인지", "en": "Which paper"},
    "cmd.rounds.arg.mode": {
        "ko": "rotate: 다가올 차례를 새로 계획 / assign: 세션 하나를 직접 지정",
        "en": "rotate: plan upcoming turns; assign: one session by hand",
    },
    "cmd.rounds.arg.session_assign": {"ko": "어느 세션인지 (assign일 때)", "en": "Which session (for assign)"},
    "cmd.rounds.arg.member": {"ko": "누가 발표하는지 (assign일 때)", "en": "Who presents (for assign)"},
    "cmd.rounds.arg.presenter": {"ko": "누가 발표하는지", "en": "Who presents"},
    "cmd.rounds.arg.when": {
        "ko": "새 시각, 예: 2026-12-03 20:00 또는 내일 20:00",
        "en": "New time, e.g. 2026-12-03 20:00 or tomorrow 20:00",
    },
    "cmd.rounds.arg.topic": {"ko": "주제 (300자까지)", "en": "Topic (up to 300 characters)"},
    "cmd.rounds.arg.kind": {"ko": "논문 읽기 또는 SOTA 리뷰", "en": "Paper reading or SOTA review"},
    "cmd.rounds.arg.attendee": {"ko": "누구의 출석인지", "en": "Whose attendance"},
    "cmd.rounds.arg.attended": {"ko": "출석했나요?", "en": "Did they attend?"},
    "cmd.rounds.choice.rotate": {"ko": "돌아가며 정하기", "en": "rotate"},
    "cmd.rounds.choice.assign": {"ko": "직접 지정", "en": "assign"},
    "cmd.rounds.choice.paper": {"ko": "논문 읽기", "en": "paper reading"},
    "cmd.rounds.choice.sota": {"ko": "SOTA 리뷰", "en": "SOTA review"},
}

_REPLIES = {
    "rounds.list.title": {"ko": "스터디 라운드", "en": "Study rounds"},
    "rounds.list.line": {
        "ko": "**{name}** (#{id}) · {status} · {start}부터 {weeks}주",
        "en": "**{name}** (#{id}) · {status} · {weeks} weeks from {start}",
    },
    "rounds.list.empty": {
        "ko": "아직 라운드가 없어요. 운영진이 `/라운드관리 만들기`로 만들 수 있어요.",
        "en": "No rounds yet. Moderators can create one with `/round-admin create`.",
    },
    "rounds.show.status": {"ko": "상태: {status}", "en": "Status: {status}"},
    "rounds.show.dates": {
        "ko": "{start}부터 {weeks}주 · {cadence} · {minutes}분",
        "en": "{weeks} weeks from {start} · {cadence} · {minutes} min",
    },
    "rounds.show.channel": {"ko": "공지 채널 {channel} · 장소 {place}", "en": "Channel {channel} · place {place}"},
    "rounds.show.rhythm": {
        "ko": "논문 알림: 세션 {days}일 전 · SOTA 리뷰: {every}번째 세션마다 (0은 없음)",
        "en": "Reading reminder {days} days before · SOTA review every {every}th session (0: none)",
    },
    "rounds.show.ping": {"ko": "알림 역할: {role}", "en": "Reminders ping {role}"},
    "rounds.show.papers": {"ko": "읽기 목록 ({count})", "en": "Reading list ({count})"},
    "rounds.show.sessions": {"ko": "세션 ({count})", "en": "Sessions ({count})"},
    "rounds.show.members": {"ko": "참여자 ({count})", "en": "Members ({count})"},
    "rounds.show.footer": {"ko": "라운드 번호 {id} · 🙊 발표 안 함", "en": "Round {id} · 🙊 not presenting"},
    "rounds.sessions.title": {"ko": "{round} 세션", "en": "Sessions of {round}"},
    "rounds.session.footer": {"ko": "세션 번호 {id}", "en": "Session {id}"},
    "rounds.field.rsvp": {"ko": "참석 응답", "en": "RSVPs"},
    "rounds.rsvp.saved": {
        "ko": "#{index} 세션에 **{answer}**{으로} 응답했어요. 지금: 참석 {going} · 미정 {maybe} · 불참 {not_going}",
        "en": "You answered **{answer}** for session #{index}. Now: {going} going · {maybe} maybe · {not_going} not going",
    },
    "rounds.join.done": {
        "ko": "「{round}」 라운드에 참여했어요. 발표 차례도 함께 돌아가요.",
        "en": "You joined “{round}” and will take turns presenting.",
    },
    "rounds.join.done_no_present": {
        "ko": "「{round}」 라운드에 참여했어요. 발표 차례는 맡지 않아요.",
        "en": "You joined “{round}”; you will not be given presenting turns.",
    },
    "rounds.leave.done": {
        "ko": "「{round}」 라운드에서 나갔어요. 남은 발표 차례는 다른 분께 넘어가요.",
        "en": "You left “{round}”; your upcoming presenting turns pass to others.",
    },
    "rounds.calendar.done": {
        "ko": "「{round}」 세션 캘린더예요. 캘린더 앱에서 가져오기 하세요.",
        "en": "Here is the calendar of “{round}”; import it in your calendar app.",
    },
    "rounds.create.done": {
        "ko": "「{round}」 라운드를 초안으로 만들었어요 (세션 {count}개 예정). 논문을 `/라운드관리 논문추가`로 넣고 `/라운드관리 시작`으로 시작하세요.",
        "en": "Created “{round}” as a draft ({count} sessions planned). Add papers with `/round-admin paper-add`, then start it with `/round-admin start`.",
    },
    "rounds.edit.done": {"ko": "「{round}」 라운드를 바꿨어요.", "en": "Updated “{round}”."},
    "rounds.dm.button_on": {
        "ko": "🔔 시작 1시간 전에 DM으로 알려 주세요",
        "en": "🔔 DM me an hour before it starts",
    },
    "rounds.dm.button_off": {"ko": "🔕 DM 알림 끄기", "en": "🔕 Stop the DM"},
    "rounds.dm.offer": {
        "ko": "#{index} 세션 시작 1시간 전에 DM으로 알려 드릴까요?",
        "en": "Shall I DM you an hour before session #{index} starts?",
    },
    "rounds.dm.on": {
        "ko": "#{index} 세션 시작 1시간 전에 DM으로 알려 드릴게요. 참석 응답을 바꾸면 DM도 취소돼요.",
        "en": "I'll DM you an hour before session #{index} starts. Changing your RSVP "
        "cancels it.",
    },
    "rounds.dm.off": {
        "ko": "#{index} 세션 DM 알림을 껐어요.",
        "en": "No DM before session #{index}, then.",
    },
    "rounds.dm.not_going": {
        "ko": "DM 알림은 #{index} 세션에 ✅ 참석으로 답한 뒤에 켤 수 있어요. 아무것도 바꾸지 않았어요.",
        "en": "Answer ✅ going to session #{index} first, then turn on the DM. Nothing was "
        "changed.",
    },
    "rounds.start.announcement": {
        "ko": "📚 「{round}」 라운드가 시작됐어요! `/라운드 참여`로 함께해요.",
        "en": "📚 The round “{round}” has started! Join with `/round join`.",
    },
    "rounds.start.done": {
        "ko": "「{round}」 라운드를 시작했어요: 세션 {count}개, 알림 설정 완료. {channel}에 공지했어요.",
        "en": "Started “{round}”: {count} sessions with their reminders. Announced in {channel}.",
    },
    "rounds.start.done_not_announced": {
        "ko": "「{round}」 라운드를 시작했어요 (세션 {count}개). 다만 {channel}에 공지를 올리지 못했어요: 봇의 채널 권한을 확인해 주세요.",
        "en": "Started “{round}” ({count} sessions), but the announcement could not be posted in {channel}: check the bot's permissions there.",
    },
    "rounds.close.announcement": {
        "ko": "🎓 「{round}」 라운드가 끝났어요. 함께해 주셔서 고마워요!",
        "en": "🎓 The round “{round}” is over. Thank you all!",
    },
    "rounds.close.done": {
        "ko": "「{round}」 라운드를 끝내고 돌아보기를 공지 채널에 올렸어요.",
        "en": "Closed “{round}” and posted the recap in its channel.",
    },
    "rounds.close.done_not_announced": {
        "ko": "「{round}」 라운드를 끝냈어요. 공지 채널에 올리지 못해 돌아보기 파일을 여기 드려요.",
        "en": "Closed “{round}”. The recap could not be posted in its channel, so here it is.",
    },
    "rounds.export.done": {"ko": "「{round}」 라운드 자료예요.", "en": "The files of “{round}”."},
    "rounds.paper.added": {
        "ko": "「{title}」{을} {round}의 {week}주차 읽기 목록에 넣었어요.",
        "en": "Added “{title}” to week {week} of {round}.",
    },
    "rounds.paper.removed": {
        "ko": "「{title}」{을} {round} 읽기 목록에서 뺐어요.",
        "en": "Removed “{title}” from the reading list of {round}.",
    },
    "rounds.presenters.assign_needs": {
        "ko": "직접 지정하려면 `session`과 `member`를 함께 골라 주세요.",
        "en": "To assign by hand, choose both `session` and `member`.",
    },
    "rounds.presenters.assigned": {
        "ko": "#{index} 세션 발표자를 {member} 님으로 정했어요.",
        "en": "{member} now presents session #{index}.",
    },
    "rounds.presenters.rotated": {
        "ko": "「{round}」의 다가올 발표 차례를 공평하게 다시 정했어요:",
        "en": "The upcoming presenters of “{round}” were rotated fairly:",
    },
    "rounds.session.edited": {
        "ko": "#{index} 세션을 바꿨어요: {when}. 알림과 이벤트도 함께 옮겼어요.",
        "en": "Session #{index} changed: {when}. Its reminders and event moved with it.",
    },
    "rounds.session.edited_no_event": {
        "ko": "#{index} 세션을 바꿨어요: {when}. 알림도 함께 옮겼어요.",
        "en": "Session #{index} changed: {when}. Its reminders moved with it.",
    },
    "rounds.session.edited_event_recreated": {
        "ko": "#{index} 세션을 바꿨어요: {when}. 알림도 함께 옮겼어요. Discord 이벤트가 지워져 있어서 새로 만들었어요.",
        "en": "Session #{index} changed: {when}. Its reminders moved with it. Its Discord event had been deleted, so a new one was created.",
    },
    "rounds.session.edited_event_failed": {
        "ko": "#{index} 세션을 바꿨어요: {when}. 알림은 함께 옮겼지만 Discord 이벤트는 옮기지도 새로 만들지도 못했어요. 이벤트는 직접 고쳐 주세요.",
        "en": "Session #{index} changed: {when}. Its reminders moved with it, but its Discord event could neither be moved nor created again: please fix the event by hand.",
    },
    "rounds.session.cancelled": {
        "ko": "#{index} 세션을 취소했어요. 알림과 이벤트도 지웠고, 논문은 다음 세션으로 넘어가요.",
        "en": "Session #{index} is cancelled; its reminders and event are removed and its papers move on.",
    },
    "rounds.attendance.attended": {
        "ko": "#{index} 세션에 {member} 님을 출석으로 기록했어요.",
        "en": "Recorded {member} as present at session #{index}.",
    },
    "rounds.attendance.absent": {
        "ko": "#{index} 세션에 {member} 님을 결석으로 기록했어요.",
        "en": "Recorded {member} as absent from session #{index}.",
    },
    "rounds.events.unavailable": {
        "ko": "ℹ️ 봇에 '이벤트 관리' 권한이 없어 Discord 이벤트를 만들지 못했어요. 라운드는 이벤트 없이도 그대로 돌아가요. 이 안내는 라운드마다 한 번만 보여요.",
        "en": "ℹ️ Discord events could not be created: the bot lacks the Manage Events permission. The round works fine without them; this notice is shown once per round.",
    },
}

MESSAGES = {**_SERVICE, **_COMMANDS, **_REPLIES}
