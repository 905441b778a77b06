"""Korean names of command options (Discord shows them to Korean members).

One name per English option name, for every command that has that option; the
translator looks up ``option.<name>``. Discord wants them lowercase, without
spaces, at most 32 characters, and different within one command.
"""

MESSAGES = {
    "option.action": {"ko": "동작", "en": "action"},
    "option.attended": {"ko": "출석", "en": "attended"},
    "option.cadence": {"ko": "주기", "en": "cadence"},
    "option.channel": {"ko": "채널", "en": "channel"},
    "option.count": {"ko": "개수", "en": "count"},
    "option.day": {"ko": "날짜", "en": "day"},
    "option.duration": {"ko": "진행시간", "en": "duration"},
    "option.kind": {"ko": "종류", "en": "kind"},
    "option.link": {"ko": "링크", "en": "link"},
    "option.member": {"ko": "멤버", "en": "member"},
    "option.message": {"ko": "메시지", "en": "message"},
    "option.mode": {"ko": "방식", "en": "mode"},
    "option.name": {"ko": "이름", "en": "name"},
    "option.no_ping": {"ko": "멘션없이", "en": "no_ping"},
    "option.note": {"ko": "메모", "en": "note"},
    "option.page": {"ko": "페이지", "en": "page"},
    "option.paper": {"ko": "논문", "en": "paper"},
    "option.ping": {"ko": "멘션", "en": "ping"},
    "option.ping_role": {"ko": "멘션역할", "en": "ping_role"},
    "option.present": {"ko": "발표참여", "en": "present"},
    "option.question": {"ko": "질문", "en": "question"},
    "option.reason": {"ko": "사유", "en": "reason"},
    "option.reminder": {"ko": "알림", "en": "reminder"},
    "option.reminder_days": {"ko": "읽기알림일수", "en": "reminder_days"},
    "option.round": {"ko": "라운드", "en": "round"},
    "option.scope": {"ko": "범위", "en": "scope"},
    "option.session": {"ko": "세션", "en": "session"},
    "option.setting": {"ko": "설정", "en": "setting"},
    "option.sota_every": {"ko": "sota간격", "en": "sota_every"},
    "option.start": {"ko": "시작일", "en": "start"},
    "option.title": {"ko": "제목", "en": "title"},
    "option.topic": {"ko": "주제", "en": "topic"},
    "option.url": {"ko": "주소", "en": "url"},
    "option.value": {"ko": "값", "en": "value"},
    "option.voice": {"ko": "음성채널", "en": "voice"},
    "option.week": {"ko": "주차", "en": "week"},
    "option.weeks": {"ko": "주수", "en": "weeks"},
    "option.when": {"ko": "언제", "en": "when"},
}
