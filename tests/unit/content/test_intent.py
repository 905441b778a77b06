"""Reading a member's question before it is ranked (content.intent): greetings
and sign-offs, negation, abbreviations, off-topic subjects, the bot, distress."""

from __future__ import annotations

import pytest

from content.intent import (
    drop_negated,
    expand_abbreviations,
    forget_words,
    read_question,
    strip_pleasantries,
)


@pytest.mark.parametrize(
    ("written", "left"),
    [
        ("안녕하세요! 석사 꼭 필요한가요? 감사합니다ㅠㅠ", "석사 꼭 필요한가요?"),
        ("안녕하세요 여러분ㅎㅎ 질문 있어요! 포트폴리오는요?", "포트폴리오는요?"),
        ("포트폴리오는 어떻게 준비해요? 답변 부탁드립니다~", "포트폴리오는 어떻게 준비해요?"),
        ("Hi all! do I need a PhD? Thanks in advance!", "do I need a PhD?"),
        ("hey folks, quick question: what is a red team? cheers", "what is a red team?"),
    ],
)
def test_greetings_and_closings_are_removed(written: str, left: str) -> None:
    assert " ".join(strip_pleasantries(written).split()) == left


@pytest.mark.parametrize(
    "kept", ["감사원 채용 직무", "hiring managers", "this year", "고마운 동료"]
)
def test_words_that_only_contain_a_greeting_stay(kept: str) -> None:
    assert strip_pleasantries(kept) == kept


def test_negated_words_are_set_aside_in_both_languages() -> None:
    assert "데싸" not in drop_negated("데싸 말고 RS 쪽이 궁금해요")
    assert "RS 쪽이 궁금해요" in drop_negated("데싸 말고 RS 쪽이 궁금해요")
    # Only the clause before the negation goes, not the sentence before it.
    kept = drop_negated("석사 과정인데요, 연구직 빼고 엔지니어는 어때요")
    assert "석사 과정인데요" in kept and "연구직" not in kept
    # A type compared with another: the other is set aside.
    assert " ".join(drop_negated("D 유형은 R 유형이랑 뭐가 달라?").split()) == "D 유형은 뭐가 달라?"
    english = drop_negated("other than coding skills, what matters?")
    assert "coding" not in english and "what matters" in english


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("RS가 뭐예요", "research scientist"),
        ("ARS는 뭐 해요", "applied research scientist"),
        ("데싸는 뭐 해요", "데이터 사이언티스트"),
        ("석박 필수?", "석사 박사"),
        ("ML엔지니어 되려면", "딥러닝 엔지니어"),
        ("phd 가야 하나", "박사"),
        ("리스폰서빌리티가 뭐예요", "responsibility"),
        ("석사하면서자존감이 바닥", "자괴감"),
        ("I'm burned out", "burnout"),
        # Ordinary English words of the lexicon match their other forms.
        ("I hate arguing with people", "persuade"),
        ("good at convincing others?", "persuade"),
    ],
)
def test_abbreviations_and_hangul_english_are_spelled_out(written: str, meant: str) -> None:
    assert meant in expand_abbreviations(written)


@pytest.mark.parametrize("written", ["RSVP 버튼", "깃허브 주소", "DSL 문법", "grade"])
def test_words_that_only_start_like_an_abbreviation_stay(written: str) -> None:
    assert expand_abbreviations(written) == written


@pytest.mark.parametrize(
    ("written", "read"),
    [("A100 있어야 해요?", "a100 있어야 해요?"), ("3D 비전 연구", "3d 비전 연구"),
     ("T5 vs BERT", "t5 vs BERT"), ("A형이랑 E형", "A형이랑 E형"), ("R A E D", "RAED")],
)
def test_a_capital_glued_to_digits_is_not_a_player_type(written: str, read: str) -> None:
    # Lower-cased, a lone letter matches no type (content.analysis.phrase_text).
    assert " ".join(read_question(written).text.split()) == read


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("삼성전자 주가 전망 어때요?", "stocks"),
        ("정보처리기사 접수일 언제예요?", "dates"),
        ("채용 공고는 언제 떠요?", "dates"),
        ("데이터 사이언티스트 연봉 얼마나 받아요?", "pay"),
        ("how much does a research scientist make?", "pay"),
        ("어느 직무가 연봉이 제일 높아요?", "pay"),
        ("which job pays the most?", "pay"),
        ("네트워크 보안 레드팀이랑 블루팀 차이", "security"),
        ("red team vs blue team in cybersecurity", "security"),
        ("이번 주 스터디 발표 누가 해요?", "schedule"),
        ("who presents this week?", "schedule"),
        ("딥러닝 공부용 노트북 추천해 주세요", "hardware"),
        ("CUDA out of memory 에러 해결법", "code"),
        ("loss가 갑자기 nan으로 튀어요", "code"),
        ("파이토치랑 텐서플로 중 어느 게 더 빠름?", "code"),
        ("numpy에서 reshape() 쓰는 법", "code"),
        ("how do I freeze layers in pytorch", "code"),
        ("체크포인트에서 학습 이어서 하려면", "code"),
        ("로스쿨 가려면 리트 몇 점 필요해요?", "careers"),
        ("unity로 게임 개발자 취업하려면 포트폴리오 뭐 만들어요", "careers"),
        ("python type hint랑 docstring 차이", "code"),
        ("write me a training loop for bert", "code"),
        ("cheapest cloud for training", "shopping"),
        ("네이버 하반기 공채 언제 열려요?", "dates"),
        ("typical tc for a senior mle?", "pay"),
        ("best domain name registrar for a blog", "shopping"),
        ("colab session keeps timing out", "code"),
        ("코랩 세션 끊기는데 어떻게 해요", "code"),
        ("arduino랑 라즈베리파이 통신이 끊겨요", "hardware"),
        ("kaggle.json 파일 어디 둬요", "code"),
        ("git rebase랑 merge 차이", "code"),
        ("recommend me a paper on diffusion", "tasks"),
        ("논문 추천해 주세요 transformer 관련", "tasks"),
    ],
)
def test_subjects_the_catalog_does_not_cover(question: str, subject: str) -> None:
    assert read_question(question).off_topic == subject


@pytest.mark.parametrize(
    "question",
    ["딥러닝 엔지니어 수요는 언제까지 이어질까요?", "대기업 AI 부서는 석박사 필수인가요?",
     "What does a research scientist do all day?", "데이터 드리프트 모니터링은 누가 해요?",
     "대학원 안 가고 취업할 수 있나요?", "연구 속도가 너무 느려서 자괴감 들어요",
     "확률 통계 계산 많이 해야 해요?", "학회는 언제 가 보는 게 좋아요?",
     "주피터 노트북으로만 공부해도 포트폴리오 되나요?", "로봇 공학 전공인데 AI로 갈 수 있나요?",
     "AI 엔지니어 연봉 더 높아질까요?", "게임 회사 다니는데 딥러닝 쪽으로 옮기려면?",
     "법대 나왔는데 AI 정책 연구 쪽은 어때요?",
     "게임 개발하다가 이쪽으로 오고 싶은데 어떤 유형이 맞을까요",
     "pytorch로 논문 구현하면 포트폴리오 되나요?", "논문 읽기 추천하시나요?",
     # A type's name in brackets is not a formula.
     "R(Researcher)랑 A(Applied) 차이", "A(응용연구자)는 R이랑 E 사이 어디쯤임?",
     "learning rate 같은 거 몰라도 데싸 할 수 있나요?"],
)
def test_career_questions_are_not_off_topic(question: str) -> None:
    read = read_question(question)
    assert read.off_topic is None and not read.about_bot


@pytest.mark.parametrize(
    ("question", "cue"),
    [
        ("RS랑 MLE 중에 어느 쪽으로 갈지 고민이에요", "직무 선택"),
        ("torn between research and engineering", "career path"),
        ("데싸 되려면 통계 어디까지 알아야 함", "기본기"),
        ("how much math do I need?", "fundamentals"),
        ("책 다 읽었는데 다음은요?", "다음 단계"),
        ("발표할 때 설명하는 게 너무 어려워요", "커뮤니케이션"),
        ("I struggle to explain my results to my team", "communication"),
        ("개발 쪽 갈지 연구 쪽 갈지 아직 못 정했어요", "직무 선택"),
        ("어떤 포지션 노릴지부터 정해야 하나요", "직무 선택"),
        ("which role should I aim for first", "career path"),
        ("is the AI hype going to be over soon", "job outlook"),
        ("will there still be ML jobs in like 10 years", "job outlook"),
        ("소통 능력이 영어 잘하는 거랑 같은 건가요", "커뮤니케이션"),
        ("문제 해결력은 어디서 길러요?", "problem solving"),
        ("how do you get better at problem definition", "problem solving"),
        ("엔지니어 레벨은 어떻게 나뉘어요", "engineer classes"),
        ("what are the levels of engineers", "engineer classes"),
        ("박사 할 거면 뭘 준비해야 돼요", "박사 진학 준비"),
        ("I just took the Coursera specialization, what now", "다음 단계"),
        ("딥러닝 플레이어가 무슨 뜻이에요", "플레이어 유형"),
        ("what does a deep learning player mean", "types of deep learning roles"),
        ("A형은 수학을 어디까지 해야 해요", "필요한 역량"),
        ("다들 4:3:2:1 이런 식으로 말하던데 그게 뭐예요", "플레이어 유형"),
        ("how do i get good at framing problems", "problem solving"),
        ("문제를 스스로 정하는 게 제일 어려워요", "problem solving"),
        ("i keep throwing deep learning at every problem, is that bad?", "isn't everything"),
        ("한 가지 유형에 딱 맞춰야 하나요?", "mix of types"),
        ("i write clean code and love deploying things. where would i fit?", "which type am I"),
        ("what kind of dl person is someone who lives for theory", "which type am I"),
        ("실험보다 논문 읽는 게 좋은데 저는 어느 쪽에 가까운가요", "which type am I"),
        ("저 같은 사람은 어떤 부류예요?", "which type am I"),
    ],
)
def test_what_a_question_asks_adds_the_words_of_its_answer(question: str, cue: str) -> None:
    assert cue in read_question(question).text


@pytest.mark.parametrize(
    "question",
    ["강의 들었는데 이해가 안 돼요", "석사랑 박사 중에 뭐가 나아요?", "합격 확률 얼마나 돼요?",
     # Two roles compared are not engineer classes.
     "데이터 엔지니어랑 ML 엔지니어 차이",
     "difference between an ML engineer and a data scientist", "공부를 할지 말지 고민이에요"],
)
def test_words_alone_add_no_cue(question: str) -> None:
    read = read_question(question).text
    assert not any(cue in read for cue in (
        "다음 단계", "직무 선택", "기본기", "필요한 역량", "engineer classes"))


def test_the_article_a_is_not_the_player_type_a() -> None:
    read = read_question("how much math for a data scientist").text
    assert "fundamentals" in read and "필요한 역량" not in read


@pytest.mark.parametrize(
    "question", ["이 봇 명령어는 어떻게 써요?", "how do I set a reminder with this bot?",
                 "/ask 답을 영어로 받으려면?"]
)
def test_questions_about_the_bot(question: str) -> None:
    assert read_question(question).about_bot


@pytest.mark.parametrize(
    ("question", "distress"),
    [
        ("석사 과정인데 번아웃이 와서 그만두고 싶어요", True),
        ("요즘 너무 우울해요", True),
        ("I'm burned out and want to quit my PhD", True),
        ("석사 과정 중인데 자괴감이 들어요", False),
        ("What should I study next?", False),
    ],
)
def test_distress_words(question: str, distress: bool) -> None:
    assert read_question(question).distress is distress


def test_replacements_kept_per_word_match_the_ones_worked_out_afresh(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from content import intent

    questions = ["데싸 되려면 석박 필요해요?", "RS랑 RE 차이", "new grad로 AI 회사 가능?",
                 "ML 엔지니어는 arguing 잘해야 하나요"]
    forget_words()
    fresh = [expand_abbreviations(question) for question in questions]
    monkeypatch.setattr(intent, "_REPLACEMENTS_KEPT", 2)  # forgets as it goes
    assert [expand_abbreviations(question) for question in questions] == fresh
    assert [expand_abbreviations(question) for question in questions] == fresh
    assert "데이터 사이언티스트" in fresh[0] and "석사 박사" in fresh[0]
    assert "persuade" in fresh[3]  # "arguing" through its stem
