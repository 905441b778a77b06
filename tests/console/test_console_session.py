"""Scripted console sessions through the real ``studybot console`` entry: ask, a
check-in with its streak, a round whose session reminder fires on the simulated
clock, in Korean and in English; a member refused a moderator command, a button
pressed by number, files saved."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from tests.console.transcript import Console, answer_to

ROUND_KO = '/round-admin create 봄시즌 2026-12-14 2 #study "매주 목 20:00"'
ROUND_EN = '/round-admin create Spring 2026-12-14 2 #study "every thu 20:00"'


def test_korean_session(console: Console) -> None:
    script = [
        "/ask RS 되려면 박사 필요해?",
        "/checkin 어텐션 논문 note:3장까지",
        "/streak show",
        ROUND_KO,
        "/round list",
        "/as moderator",
        ROUND_KO,
        "/round-admin start",
        "/as 지수",
        "/round join",
        "/clock 2026-12-16 20:30",
        "1",
        "/quit",
        "/checkin this line is never read",
    ]
    out = console(script)

    assert "studybot 콘솔이에요" in out
    ask = answer_to(out, "/ask RS 되려면 박사 필요해?")
    # The role is named, but the question is about the degree (issue 16).
    assert "┌─ 대기업 AI 직무에 석·박사 학위가 꼭 필요한가요?" in ask
    assert "role.research-scientist" in ask

    checkin = answer_to(out, "/checkin 어텐션 논문 note:3장까지")
    assert "새 스트릭을 시작했어요. 🔥 1일 연속" in checkin
    assert "📄 읽은 논문: 어텐션 논문\n📝 메모: 3장까지" in checkin
    streak = answer_to(out, "/streak show")
    assert "member님의 읽기 스트릭" in streak and "1일 연속" in streak
    saved = console.folder / "files" / "streak-member-2026-12-07.png"
    assert f"📎 파일 저장: {saved}" in streak
    assert saved.read_bytes().startswith(b"\x89PNG")

    # A member is refused, and nothing was created.
    refused = answer_to(out, ROUND_KO)
    assert refused.startswith("⚠ 운영진만 쓸 수 있는 명령어예요") and len(refused.splitlines()) == 1
    assert "아직 라운드가 없어요" in answer_to(out, "/round list")

    created = out.split(f"★moderator #general> {ROUND_KO}\n", 1)[1]
    assert "「봄시즌」 라운드를 초안으로 만들었어요 (세션 2개 예정)" in created
    start = answer_to(out, "/round-admin start")
    assert "📣 #study 채널에 올라온 글" in start and "「봄시즌」 라운드를 시작했어요" in start
    assert "발표 차례도 함께 돌아가요" in answer_to(out, "/round join")

    fired = answer_to(out, "/clock 2026-12-16 20:30")
    # The reading reminder (3 days before), then the day-before reminder, in order.
    reading = fired.index("2026-12-14(월) 20:00")
    day_before = fired.index("내일 2026-12-17(목) 20:00에 #1 세션이 있어요")
    assert reading < day_before
    assert "📣 #study 채널에 올라온 글 · 2026-12-16(수) 20:00" in fired
    assert "[1] ✅ 참석 · 0   [2] 🤔 미정 · 0   [3] ❌ 불참 · 0" in fired
    assert "가상 시계: 2026-12-16(수) 20:30" in fired

    pressed = answer_to(out, "1")
    assert "#1 세션에" in pressed and "참석 1 · 미정 0 · 불참 0" in pressed
    assert "[1] ✅ 참석 · 1" in pressed
    assert answer_to(out, "/quit") == "콘솔을 닫을게요. 또 만나요!"
    assert "never read" not in out.split("/quit", 1)[1]

    with sqlite3.connect(console.folder / "console.sqlite3") as conn:
        answers = conn.execute("SELECT answer FROM rsvps").fetchall()
    assert answers == [("going",)]


def test_english_session(console: Console) -> None:
    script = [
        "/ask Do I need a PhD to become a research scientist?",
        "/checkin",
        "/clock +1d",
        "/checkin",
        "/streak show",
        "/as moderator",
        ROUND_EN,
        "/round-admin start Spring",
        "/as alice",
        "/round join Spring",
        "/clock 2026-12-17 19:30",
        "/session show 1",
        "2",
        "/round calendar",
    ]
    out = console(script, "--lang", "en")

    assert "This is the studybot console" in out
    assert "┌─ Do I need a master's or PhD to get an AI job at a big company?" in answer_to(
        out, "/ask Do I need a PhD to become a research scientist?")
    assert "A new streak starts today. 🔥 1-day streak" in answer_to(out, "/checkin")
    second = out.split("> /checkin\n")[2]
    assert "2-day streak" in second.split("\n")[0]
    assert "2-day streak" in answer_to(out, "/streak show")

    assert "Created “Spring” as a draft (2 sessions planned)" in answer_to(out, ROUND_EN)
    assert "Started “Spring”" in answer_to(out, "/round-admin start Spring")
    fired = answer_to(out, "/clock 2026-12-17 19:30")
    assert "Session #1 is tomorrow, Thu 2026-12-17 20:00" in fired
    assert "Session #1 starts in an hour (Thu 2026-12-17 20:00)" in fired
    assert fired.index("is tomorrow") < fired.index("starts in an hour")
    assert "📣 Posted in #study · Thu 2026-12-17 19:00" in fired

    shown = answer_to(out, "/session show 1")
    assert "┌─ 📚 Spring · #1" in shown and "@alice" in shown
    assert "[1] ✅ Going · 0   [2] 🤔 Maybe · 0   [3] ❌ Not going · 0" in shown
    assert "You answered Maybe for session #1" in answer_to(out, "2")

    calendar = answer_to(out, "/round calendar")
    ics = console.folder / "files" / "spring.ics"
    assert f"📎 File saved: {ics}" in calendar
    assert ics.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_reminders_and_the_digest_fire_on_the_simulated_clock(console: Console) -> None:
    script = [
        "/as moderator",
        '/remind add "매일 9:00" 논문 읽을 시간이에요! channel:#study',
        "/digest configure #news",
        "/clock +2d",
        "/remind list",
        "/remind pause 1",
        "/clock 2026-12-14 09:00",
        "/round-admin export",
    ]
    out = console(script)

    added = answer_to(out, '/remind add "매일 9:00" 논문 읽을 시간이에요! channel:#study')
    assert "매일 09:00" in added and "2026-12-08(화) 09:00" in added
    two_days = answer_to(out, "/clock +2d")
    assert two_days.count("📣 #study 채널에 올라온 글") == 2
    assert two_days.index("2026-12-08(화) 09:00") < two_days.index("2026-12-09(수) 09:00")
    assert two_days.count("논문 읽을 시간이에요!") == 2
    assert answer_to(out, "/remind pause 1").startswith("#1 알림을 일시 정지했어요.")

    week = answer_to(out, "/clock 2026-12-14 09:00")
    assert "논문 읽을 시간이에요!" not in week, "a paused reminder stays quiet"
    assert "📣 #news 채널에 올라온 글 · 2026-12-14(월) 09:00" in week
    assert "┌─ 📰 스터디 소식" in week
    # No round yet: export names the problem in one line.
    assert answer_to(out, "/round-admin export").startswith("⚠ ")


def test_errors_are_one_clear_line_and_change_nothing(console: Console) -> None:
    typed = [
        "/nonsense",
        "/round",
        "hello",
        "7",
        "/clock yesterday",
        "/clock +1x",
        '/ask "unclosed',
        "/as",
        "/lang fr",
        "/as moderator",
        "/remind add",
        "/remind add sometime hi",
        "/streak adjust nobody 2026-13-01 add oops",
        "/round-admin create x 2026-12-14 99 #study \"every thu 20:00\"",
    ]
    out = console(typed)
    # The service's answer to an unreadable time lists the forms it accepts.
    with_examples = {"/remind add sometime hi"}
    for line in typed:
        if line in ("/as moderator", "/round"):
            continue
        answer = answer_to(out, line)
        assert answer.startswith("⚠ "), (line, answer)
        assert len(answer.splitlines()) == 1 or line in with_examples, (line, answer)
    assert "Traceback" not in out
    assert "/remind add <when> <message…>" in answer_to(out, "/remind add")
    with sqlite3.connect(console.folder / "console.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM schedules").fetchone() == (0,)
        assert conn.execute("SELECT COUNT(*) FROM rounds").fetchone() == (0,)


def test_the_next_session_keeps_the_data_and_the_simulated_time(console: Console) -> None:
    create = ROUND_EN.replace("2026-12-14", "2030-01-14")
    console(["/as moderator", create, "/clock +3d", "/quit"], "--lang", "en",
            now="2030-01-07 10:00")
    out = console(["/round list"], "--lang", "en", now=None)
    assert "Simulated clock: Thu 2030-01-10 10:00" in out.split("\n")[2]
    assert "Spring" in answer_to(out, "/round list")


def test_moderator_flows_in_english(console: Console) -> None:
    script = [
        "/as moderator",
        '/faq add question_en:"Where do we meet?" answer_en:"In the voice channel."',
        "/ask where do we meet",
        '/faq edit faq.1 answer_en:"In the study voice channel."',
        "/faq show faq.1",
        ROUND_EN,
        "/round-admin edit Spring weeks:3 duration:60",
        "/round-admin paper-add \"Attention Is All You Need\" https://arxiv.org/abs/1706.03762",
        "/round-admin start",
        "/session-admin assign 1 @bob",
        "/session-admin edit 2 when:\"2026-12-26 15:00\"",
        "/streak adjust bob 2026-12-06 add forgot to check in",
        "/streak history bob",
        "/config set language ko",
        "/round list",
        "/config reset language",
        "/faq remove faq.1",
    ]
    out = console(script, "--lang", "en")
    assert answer_to(
        out, '/faq add question_en:"Where do we meet?" answer_en:"In the voice channel."'
    ) == "Added `faq.1` to the server FAQ."
    assert "┌─ Where do we meet?" in answer_to(out, "/ask where do we meet")
    assert "In the study voice channel." in answer_to(out, "/faq show faq.1")
    edited = answer_to(out, "/round-admin edit Spring weeks:3 duration:60")
    assert "Updated “Spring”" in edited and "(3)" in edited and "60 min" in edited
    assert "Attention Is All You Need" in answer_to(
        out, "/round-admin paper-add \"Attention Is All You Need\" "
             "https://arxiv.org/abs/1706.03762")
    assert "@bob" in answer_to(out, "/session-admin assign 1 @bob")
    moved = answer_to(out, '/session-admin edit 2 when:"2026-12-26 15:00"')
    assert "Sat 2026-12-26 15:00" in moved
    assert "2026-12-06" in answer_to(out, "/streak adjust bob 2026-12-06 add forgot to check in")
    assert "forgot to check in" in answer_to(out, "/streak history bob")
    # A community's forced language wins over the member's.
    assert "라운드" in answer_to(out, "/round list")
    assert answer_to(out, "/faq remove faq.1") == "Removed `faq.1`."
    assert "⚠" not in out


def test_an_unexpected_failure_is_one_line_and_the_details_go_to_the_log(
    console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.knowledge import KnowledgeService

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("search index exploded")

    monkeypatch.setattr(KnowledgeService, "ask", broken)
    out = console(["/ask anything", "/checkin"], "--lang", "en")
    assert answer_to(out, "/ask anything") == (
        "⚠ Something unexpected went wrong. It has been logged; please try again shortly.")
    assert "search index exploded" not in out and "Traceback" not in out
    assert "1-day streak" in answer_to(out, "/checkin"), "the console goes on"
    log = (console.folder / "console.sqlite3.log").read_text(encoding="utf-8")
    assert "console command failed: /ask anything" in log and "search index exploded" in log


def test_a_database_that_cannot_be_opened_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from bot.cli import main

    monkeypatch.setenv("STUDYBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr("sys.stdin", io.StringIO("/checkin\n"))
    assert main(["console", "--database", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"studybot: cannot open {tmp_path}: it is a directory\n"
    assert captured.out == ""


def test_personal_reminders_in_the_console(console: Console) -> None:
    script = [
        '/remind me "10분 후" 논문 3절 다시 읽기',
        "/remind mine",
        "/as 지수",
        "/remind cancel 1",
        "/as member",
        "/clock +11m",
        "/remind cancel 1",
        "/quit",
    ]
    out = console(script)
    made = answer_to(out, '/remind me "10분 후" 논문 3절 다시 읽기')
    assert "개인 알림 #1을 만들었어요" in made, made
    assert "논문 3절 다시 읽기" in answer_to(out, "/remind mine")
    assert "✉️ member 님에게 보낸 DM" in out, out
    assert "회원님의 개인 알림 중에 #1은 없어요" in out, "another member cannot cancel it"


def test_remind_edit_in_the_console(console: Console) -> None:
    script = [
        '/remind me "내일 9:00" 단어',
        '/remind edit 1 when:"내일 8:00" message:"단어 50개"',
        "/as moderator",
        '/remind add "매일 22:00" 복습',
        '/remind edit 2 message:"복습 (변경)"',
        "/as 지수",
        '/remind edit 2 message:x',
        "/quit",
    ]
    out = console(script)
    own = answer_to(out, '/remind edit 1 when:"내일 8:00" message:"단어 50개"')
    assert "개인 알림 #1을 고쳤어요" in own and "08:00" in own and "단어 50개" in own, own
    server = answer_to(out, '/remind edit 2 message:"복습 (변경)"')
    assert "#2 알림을 고쳤어요" in server and "복습 (변경)" in server, server
    refused = answer_to(out, "/remind edit 2 message:x")
    assert "회원님의 개인 알림 중에 #2는 없어요" in refused, refused


def test_a_dm_before_the_session_in_the_console(console: Console) -> None:
    script = [
        "/as moderator",
        ROUND_KO,
        "/round-admin start",
        "/as 지수",
        "/round join",
        "/clock 2026-12-16 20:30",
        "1",
        "4",
        "/clock 2026-12-17 19:30",
        "/quit",
    ]
    out = console(script)
    going = answer_to(out, "1")
    assert "DM으로 알려 드릴까요?" in going and "[4] 🔔 시작 1시간 전에 DM으로 알려 주세요" in going
    assert "DM으로 알려 드릴게요" in answer_to(out, "4")
    fired = answer_to(out, "/clock 2026-12-17 19:30")
    assert "✉️ 지수 님에게 보낸 DM" in fired, fired
