"""Texts of /privacy and /mydata. The notice sections are also PRIVACY.md
(``bot.privacy.notice.privacy_markdown``; a test keeps the file equal to them)."""

MESSAGES = {
    # --- commands ----------------------------------------------------------------
    "cmd.privacy.name": {"ko": "개인정보", "en": "privacy"},
    "cmd.privacy.description": {
        "ko": "봇이 저장하는 정보와 내보내기·삭제 방법",
        "en": "What the bot stores about you, and how to export or delete it",
    },
    "cmd.mydata.name": {"ko": "내데이터", "en": "mydata"},
    "cmd.mydata.description": {"ko": "내 데이터 내보내기와 삭제", "en": "Export or delete your data"},
    "cmd.mydata.export.name": {"ko": "내보내기", "en": "export"},
    "cmd.mydata.export.description": {
        "ko": "이 서버에 저장된 내 데이터 전부 (JSON, 표마다 CSV)",
        "en": "Everything stored about you in this server (JSON, a CSV per table)",
    },
    "cmd.mydata.delete.name": {"ko": "삭제", "en": "delete"},
    "cmd.mydata.delete.description": {
        "ko": "이 서버에 저장된 내 데이터 삭제 (확인 버튼을 눌러야 지워져요)",
        "en": "Delete your data in this server (after a confirm button)",
    },
    "cmd.mydata.delete.member": {
        "ko": "운영진: 삭제를 요청한 멤버",
        "en": "Moderators: the member who asked for deletion",
    },
    "slack.usage.privacy": {
        "ko": "*사용법* `/privacy` 봇이 저장하는 정보와 내보내기·삭제 방법",
        "en": "*Usage* `/privacy` what the bot stores about you, and how to export or delete it",
    },
    "slack.usage.mydata": {
        "ko": "*사용법*\n`/mydata export` 내 데이터 전부를 파일로 받기 (JSON, 표마다 CSV)\n`/mydata delete` 내 데이터 삭제 (확인 버튼)\n운영진: `/mydata delete @멤버` 요청한 멤버의 데이터 삭제",
        "en": "*Usage*\n`/mydata export` everything stored about you, as files (JSON, a CSV per table)\n`/mydata delete` delete your data (after a confirm button)\nModerators: `/mydata delete @member` delete the data of a member who asked",
    },
    # --- export ------------------------------------------------------------------
    "privacy.export.done": {
        "ko": "이 서버에 저장된 내 데이터예요: {tables}개 표, {rows}개 행. JSON 파일 하나와 표마다 CSV가 든 zip 파일이에요.",
        "en": "Your data in this server: {rows} rows in {tables} tables, as one JSON file and a zip with a CSV per table.",
    },
    "privacy.export.empty": {
        "ko": "이 서버에는 내 데이터가 하나도 저장돼 있지 않아요.",
        "en": "Nothing is stored about you in this server.",
    },
    # --- delete ------------------------------------------------------------------
    "privacy.delete.confirm_self": {
        "ko": "이 서버에 저장된 내 데이터를 모두 지울까요? 체크인, 스트릭, 얼리기, 개인 알림, 라운드 참여, 참석 응답, 출석, 발표 기록이 지워지고 되돌릴 수 없어요. 이미 열린 세션의 기록은 누구인지 알 수 없는 \"탈퇴한 멤버\"로 남아 라운드 요약의 합계가 맞게 유지돼요.",
        "en": "Delete everything stored about you in this server? Check-ins, streaks, freezes, personal reminders, round memberships, RSVPs, attendance and presenter turns go, and this cannot be undone. Records of sessions already held stay as an anonymous \"former member\" so round recaps still add up.",
    },
    "privacy.delete.confirm_member": {
        "ko": "{member} 님의 요청으로 이 서버에 저장된 데이터를 모두 지울까요? 되돌릴 수 없어요. 운영진 기록에는 삭제가 있었다는 사실과 실행한 운영진만 남고, 누구의 데이터였는지는 남지 않아요.",
        "en": "Delete everything stored about {member} in this server, on their request? This cannot be undone. The moderators' log keeps that a deletion happened and who ran it, not whose data it was.",
    },
    "privacy.delete.button": {"ko": "영구 삭제", "en": "Delete permanently"},
    "privacy.delete.cancel": {"ko": "취소", "en": "Cancel"},
    "privacy.delete.cancelled": {
        "ko": "취소했어요. 아무것도 지우지 않았어요.",
        "en": "Cancelled. Nothing was deleted.",
    },
    "privacy.delete.done_self": {
        "ko": "지웠어요. 이 서버에 저장된 내 데이터는 이제 없어요 ({rows}개 행 삭제, 익명으로 남은 지난 기록 {kept}개).",
        "en": "Done. Nothing about you is stored in this server any more ({rows} rows deleted, {kept} past records kept anonymously).",
    },
    "privacy.delete.done_member": {
        "ko": "{member} 님의 데이터를 지웠어요 ({rows}개 행 삭제, 익명으로 남은 지난 기록 {kept}개). 삭제 기록에는 실행한 운영진만 남아요.",
        "en": "Deleted the data of {member} ({rows} rows deleted, {kept} past records kept anonymously). The deletion log names only the moderator who ran it.",
    },
    "privacy.delete.nothing": {
        "ko": "지울 데이터가 없어요. 이 서버에는 저장된 것이 없어요.",
        "en": "There was nothing to delete: nothing is stored in this server.",
    },
    "privacy.delete.expired": {
        "ko": "확인 시간이 지나 아무것도 지우지 않았어요. 지우려면 명령어를 다시 실행해 주세요.",
        "en": "The confirmation expired and nothing was deleted. Run the command again to delete.",
    },
    "privacy.delete.not_yours": {
        "ko": "이 확인 버튼은 명령어를 실행한 사람만 누를 수 있어요.",
        "en": "Only the person who ran the command can use this button.",
    },
    "privacy.former_member": {"ko": "탈퇴한 멤버", "en": "former member"},
    # --- errors ------------------------------------------------------------------
    "privacy.error.export_cooldown": {
        "ko": "내보내기는 5분에 한 번 할 수 있어요. {hours}시간 {minutes}분 뒤에 다시 해 주세요.",
        "en": "Exports are limited to one every 5 minutes. Try again in {hours} h {minutes} min.",
    },
    "privacy.error.delete_cooldown": {
        "ko": "내 데이터 삭제는 하루에 한 번 할 수 있어요. {hours}시간 {minutes}분 뒤에 다시 해 주세요.",
        "en": "You can delete your data once a day. Try again in {hours} h {minutes} min.",
    },
    "privacy.error.moderator_cooldown": {
        "ko": "운영진의 멤버 데이터 삭제는 한 시간에 다섯 번까지예요. {hours}시간 {minutes}분 뒤에 다시 해 주세요. 아무것도 지우지 않았어요.",
        "en": "Moderators can delete members' data five times an hour. Try again in {hours} h {minutes} min. Nothing was deleted.",
    },
    "privacy.error.other_community": {
        "ko": "다른 서버의 멤버 데이터는 지울 수 없어요.",
        "en": "You cannot delete a member's data in another server.",
    },
    # --- the notice (also PRIVACY.md) ----------------------------------------------
    "privacy.notice.title": {"ko": "studybot 개인정보 안내", "en": "studybot privacy notice"},
    "privacy.notice.stored.title": {"ko": "저장하는 정보", "en": "What is stored"},
    "privacy.notice.stored": {
        "ko": (
            "- 서버(워크스페이스) 안에서의 내 사용자 ID와 봇이 마지막으로 본 표시 이름\n"
            "- 체크인: 시각, 인정된 날짜, 직접 적은 논문과 메모\n"
            "- 스트릭 집계, 받은 얼리기, 운영진이 내 스트릭을 고친 기록과 사유\n"
            "- 스터디 라운드: 참여한 라운드, 발표 차례, 참석 응답, 출석, 세션 전에 받기로 한 DM 알림\n"
            "- 개인 알림(`/remind me`): 언제, 무슨 내용으로, 어느 채널에서 만들었는지\n"
            "- 운영진이라면: 만든 알림과 라운드, 쓰거나 고친 FAQ, 바꾼 설정\n\n"
            "메시지 내용, 멤버 목록, 이메일은 저장하지 않아요. Slack에서는 언어와 관리자 여부를 알기 위해 프로필을 조회하지만 몇 분 동안 메모리에만 두고 데이터베이스에 쓰지 않아요."
        ),
        "en": (
            "- your user id in the server (workspace) and the display name the bot last saw\n"
            "- check-ins: when, the day they counted for, the paper and note you typed\n"
            "- streak totals, freezes you received, moderators' corrections to your streak with their reason\n"
            "- study rounds: rounds you joined, presenter turns, RSVPs, attendance, DMs you asked for before sessions\n"
            "- personal reminders (`/remind me`): when, what, and the channel you made them in\n"
            "- if you are a moderator: reminders and rounds you created, FAQ entries you wrote or edited, settings you changed\n\n"
            "No message content, member lists or e-mail addresses. On Slack the bot looks up your profile for your language and admin status; that is kept in memory for a few minutes, never written to the database."
        ),
    },
    "privacy.notice.purpose.title": {"ko": "왜 저장하나요", "en": "Why"},
    "privacy.notice.purpose": {
        "ko": "스트릭, 순위표, 스터디 라운드, 알림, 소식을 운영하기 위해서만 써요. 광고나 분석에 쓰지 않고 다른 곳에 넘기지 않아요.",
        "en": "Only to run streaks, leaderboards, study rounds, reminders and the digest. Nothing is used for ads or analytics, and nothing is shared with anyone else.",
    },
    "privacy.notice.retention.title": {"ko": "보관 기간", "en": "How long"},
    "privacy.notice.retention": {
        "ko": (
            "직접 지우거나 서버가 봇을 내보낼 때까지 보관해요. 서버를 떠나도 데이터는 남아 있고, 지우려면 `/mydata delete`를 쓰거나 운영진에게 요청하면 돼요.\n\n"
            "운영진은 `/config`의 `checkin_text_days` 설정으로 체크인의 논문과 메모를 며칠 뒤 지울지 정할 수 있어요 (기본값은 계속 보관). 체크인 자체는 스트릭 계산을 위해 남아요.\n\n"
            "봇이 서버에서 제거되면 {grace_days}일 뒤 그 서버의 데이터를 모두 지워요 (그 안에 봇을 다시 추가하면 취소돼요). Slack 워크스페이스에서 앱을 제거하거나 토큰을 취소하면 그 워크스페이스의 데이터는 바로 지워요."
        ),
        "en": (
            "Until you delete it or the server removes the bot. Leaving a server does not delete your data; use `/mydata delete` or ask a moderator.\n\n"
            "Moderators can have the paper and note of check-ins cleared after a number of days with the `checkin_text_days` setting of `/config` (by default they are kept). The check-ins themselves stay for the streak.\n\n"
            "When the bot is removed from a server, all of that server's data is deleted {grace_days} days later (adding the bot back within that time cancels it). Uninstalling the app from a Slack workspace, or revoking its tokens, deletes that workspace's data at once."
        ),
    },
    "privacy.notice.visibility.title": {"ko": "누가 볼 수 있나요", "en": "Who can see it"},
    "privacy.notice.visibility": {
        "ko": "서버 멤버는 명령어가 보여 주는 것을 봐요: 스트릭, 순위표, 라운드 참여자, 발표자, 출석 요약. 체크인 답장(논문과 메모 포함)은 운영진이 `checkin_replies_public`을 끄지 않는 한 채널에 보여요. 운영진은 스트릭 수정 기록도 봐요. 봇을 운영하는 사람은 데이터베이스 파일을 읽을 수 있어요.",
        "en": "Members of the server see what the commands show: streaks, leaderboards, round members, presenters and attendance recaps. Your check-in reply (with paper and note) is posted in the channel unless moderators turned `checkin_replies_public` off. Moderators also see streak corrections. Whoever runs the bot can read its database file.",
    },
    "privacy.notice.rights.title": {"ko": "내보내기와 삭제", "en": "Export and deletion"},
    "privacy.notice.rights": {
        "ko": (
            "- `/mydata export`: 이 서버에 저장된 내 데이터 전부를 JSON 파일과, 표마다 CSV 파일을 묶은 zip으로 나에게만 보내요 (5분에 한 번).\n"
            "- `/mydata delete`: 확인 버튼을 누르면 한 번에 모두 지워요 (하루에 한 번). 이미 열린 세션의 발표, 출석, 참석 응답과 진행 중이거나 끝난 라운드의 참여 기록은 나와 연결되지 않는 \"탈퇴한 멤버\"로 남아 요약의 합계가 맞게 유지돼요. 개인 알림은 지워져 더는 오지 않아요. 내가 운영진으로 만든 알림, 라운드, FAQ는 이름 없이 남아요. 운영진의 스트릭 수정 기록에서는 누구에 대한 것이었는지가 지워지고, 수정이 있었다는 사실과 운영진이 적은 사유가 남아요.\n"
            "- 운영진에게 요청하면 운영진이 `/mydata delete`에 나를 지정해 대신 지워 줘요. 삭제 기록에는 실행한 운영진, 시각, 지운 행 수만 남아요.\n"
            "- 봇 운영자는 명령줄에서 `studybot data export-member`, `studybot data delete-member`, `studybot data purge-guild`로 같은 일을 할 수 있어요."
        ),
        "en": (
            "- `/mydata export`: everything stored about you in this server, as a JSON file and a zip with a CSV per table, sent only to you (once every 5 minutes).\n"
            "- `/mydata delete`: after a confirm button, everything is deleted at once (once a day). Presenter turns, attendance and RSVPs of sessions already held, and membership of rounds under way or closed, stay as a \"former member\" with no link to you, so recaps still add up. Your personal reminders are deleted and no longer come. Reminders, rounds and FAQ entries you created as a moderator stay, without your name. Moderators' streak corrections lose whom they were about and keep that a correction happened, with the reason the moderator typed.\n"
            "- Ask a moderator and they delete it for you by naming you in `/mydata delete`; the deletion log keeps only which moderator ran it, when, and how many rows went.\n"
            "- The operator of the bot can do the same on the command line: `studybot data export-member`, `studybot data delete-member`, `studybot data purge-guild`."
        ),
    },
    "privacy.notice.limits.title": {"ko": "삭제가 닿지 않는 곳", "en": "What deletion does not reach"},
    "privacy.notice.limits": {
        "ko": "봇이 이미 채널에 올린 메시지(공개된 체크인 답장 등)는 Discord와 Slack에 그대로 남아요. 지우려면 서버 운영진에게 요청해 주세요. 운영자가 `studybot db backup`으로 만든 백업 파일도 삭제로 바뀌지 않아요.",
        "en": "Messages the bot already posted in channels (such as a public check-in reply) stay on Discord and Slack; the server's moderators can remove them. Backup files the operator made with `studybot db backup` are not changed by a deletion either.",
    },
}
