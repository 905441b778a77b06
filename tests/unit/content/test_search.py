"""Ranking: particles, mixed languages, typos, decline, FAQ layers, stable ties,
and a guild's own FAQ questions against the catalog."""

from __future__ import annotations

from collections import Counter

import pytest

from content.analysis import Analyzer, phrase_text, stem_english
from content.documents import Document, faq_document
from content.language import jamo, one_letter_apart
from content.loader import KnowledgeCatalog, load_catalog
from content.questions import CLOSE_MATCH
from content.search import SearchIndex, catalog_index


@pytest.fixture(scope="module")
def catalog() -> KnowledgeCatalog:
    return load_catalog()


@pytest.fixture(scope="module")
def index(catalog: KnowledgeCatalog) -> SearchIndex:
    return catalog_index(catalog)


def best(index: SearchIndex, question: str) -> str | None:
    ranking = index.search(question)
    return ranking.best.key if ranking.best else None


@pytest.mark.parametrize("particle", ["가", "는", "를", "이", "도", "만", "이랑", "에 대해"])
def test_particles_do_not_change_the_answer(index: SearchIndex, particle: str) -> None:
    assert best(index, f"레드팀{particle} 뭐야") == "role.ai-red-team"


@pytest.mark.parametrize(
    "question", ["리서치사이언티스트", "리서치 사이언티스트", "research scientist"])
def test_spacing_and_language_of_a_name_do_not_matter(index: SearchIndex, question: str) -> None:
    assert best(index, question) == "role.research-scientist"


def test_a_longer_name_beats_the_name_it_contains(index: SearchIndex) -> None:
    assert best(index, "applied research scientist") == "role.applied-research-scientist"
    assert best(index, "어플라이드 리서치 사이언티스트") == "role.applied-research-scientist"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Kaggle 꼭 해야 하나요", {"qa.solo-study-portfolio", "tip.self-branding",
                                  "qa.undergrad-vs-grad"}),
        ("PyTorch랑 TensorFlow 중에 뭐부터?", {"qa.competencies"}),
        ("MLOps 하는 사람은 어떤 role?", {"role.applied-research-scientist"}),
    ],
)
def test_mixed_korean_and_english(index: SearchIndex, question: str, expected: set[str]) -> None:
    assert best(index, question) in expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("reserch scientist responsibilites", "role.research-scientist"),
        ("what is an AI red taem", "role.ai-red-team"),
        ("데이타 사이언티스트 하는 일", "role.data-scientist"),
    ],
)
def test_typos_are_forgiven(index: SearchIndex, question: str, expected: str) -> None:
    assert index.search(question).hits[0].key == expected


@pytest.mark.parametrize(
    "question",
    ["오늘 점심 뭐 먹지", "what's the weather in Busan tomorrow", "비트코인 지금 사도 돼?",
     "테슬라 주식 살까", "who won the world cup in 2022", "ㅋㅋㅋㅋ", "???", "12345"],
)
def test_off_topic_questions_are_declined(index: SearchIndex, question: str) -> None:
    ranking = index.search(question)
    assert not ranking.answered
    assert ranking.best is None


def test_english_question_is_answered_from_the_english_text(index: SearchIndex) -> None:
    ranking = index.search("Is a graduate degree required for AI at a big company?")
    assert ranking.language == "en"
    assert ranking.best is not None and ranking.best.key == "qa.degree-required"


def test_hits_are_sorted_and_carry_scores(index: SearchIndex) -> None:
    ranking = index.search("석사 과정 중인데 자괴감이 들어요", limit=5)
    scores = [hit.score for hit in ranking.hits]
    assert scores == sorted(scores, reverse=True)
    assert len(ranking.hits) == 5
    assert all(0 <= hit.coverage <= 1 for hit in ranking.hits)


def test_faq_layer_add_and_remove_change_results(catalog: KnowledgeCatalog) -> None:
    base = catalog_index(catalog)
    layer = base.layer()
    question = "GPU 서버 계정 신청은 어떻게 해요?"
    assert layer.search(question).best is None
    layer.add(faq_document("faq.1", ["GPU 서버 계정은 어떻게 신청하나요?"],
                           ["운영진에게 DM으로 신청하세요."]))
    assert layer.search(question).best is not None
    assert layer.search(question).hits[0].key == "faq.1"
    assert len(layer) == len(catalog) + 1
    # The catalog index below is untouched.
    assert "faq.1" not in base and base.search(question).best is None
    assert layer.remove("faq.1")
    assert not layer.remove("faq.1")
    assert layer.search(question).best is None
    assert not layer.has_term("계정")


def test_faq_layer_keeps_catalog_answers(catalog: KnowledgeCatalog) -> None:
    layer = catalog_index(catalog).layer()
    for number in range(200):
        layer.add(faq_document(f"faq.{number}", [f"{number}주차 과제 마감이 언제예요?"],
                               [f"{number}주차 과제는 일요일 자정까지 PR로 내면 돼요."]))
    assert best(layer, "대기업 AI 부서는 석박사 필수인가요?") == "qa.degree-required"
    assert best(layer, "오늘 점심 뭐 먹지") is None
    assert best(layer, "3주차 과제 마감") == "faq.3"


def test_adding_an_existing_key_is_refused(catalog: KnowledgeCatalog) -> None:
    layer = catalog_index(catalog).layer()
    with pytest.raises(KeyError):
        layer.add(Document("qa.degree-required", title=["다른 내용"]))


def test_ties_are_broken_by_insertion_order() -> None:
    index = SearchIndex(Analyzer())
    for key in ("b", "a", "c"):
        index.add(Document(key, title=["논문 리딩 모임"], body=["같은 내용"]))
    ranking = index.search("논문 리딩 모임", limit=3)
    assert [hit.key for hit in ranking.hits] == ["b", "a", "c"]
    assert len({hit.score for hit in ranking.hits}) == 1


def test_korean_words_become_syllable_bigrams() -> None:
    analyzer = Analyzer(latin_trigrams=False)
    assert analyzer.terms("석사가") == ["석사", "사가"]
    assert analyzer.terms("Research Scientists") == ["research", "scientist"]
    assert analyzer.terms("the A type") == ["^a", "type"]


def test_question_endings_and_stopwords_are_dropped() -> None:
    index = SearchIndex.build([Document("x", title=["석사 과정은 필수 조건인가", "문제 정의"])])
    terms = index.analyzer.query_terms("석사가 필수인가요? 알려줘", index)
    assert terms == ["석사", "필수"]
    # A final syllable that looks like a particle stays when the index knows the bigram.
    assert index.analyzer.query_terms("문제정의", index) == ["문제", "제정", "정의"]
    # 를 is always a particle; 할 goes when the index does not know its bigram.
    assert index.analyzer.query_terms("문제 정의를 준비할", index) == ["문제", "정의", "준비"]
    # "How to grow X": the verb is dropped even when the index knows its last bigram.
    index = SearchIndex.build([Document("x", title=["문제 해결 능력", "배우는 자세"])])
    assert index.analyzer.query_terms("문제 해결 능력 키우는 법", index) == ["문제", "해결", "능력"]


def test_how_to_grow_a_skill_is_answered(index: SearchIndex) -> None:
    assert best(index, "문제 해결 능력 키우는 법") == "tip.problem-solving"


def test_phrase_text_keeps_latin_words_apart() -> None:
    assert phrase_text("리서치 사이언티스트") == "리서치사이언티스트"
    assert phrase_text("research scientists") == "|research|scientist|"
    assert phrase_text("AI 레드팀") == "|ai|레드팀"
    assert phrase_text("What is a DS?", bounded=True) == "|what|is|_|ds|"


def test_only_a_capital_letter_standing_alone_names_a_player_type(index: SearchIndex) -> None:
    # Phrases are matched lower-cased: only a capital letter may name a type.
    assert phrase_text("am I a D?", bounded=True) == "|am|i|_|d|"
    assert best(index, "what is a domain expert") == "player.domain-expert"
    assert best(index, "am I a D?") == "player.domain-expert"
    assert best(index, "what is type D") == "player.domain-expert"
    # ... nor is a capital glued to digits: a unit or a model's name.
    assert best(index, "3D 비전 연구하려면 뭐 공부해요") != "player.domain-expert"
    assert best(index, "do I need an A100 to do research") not in {
        "player.applied-researcher", "qa.what-is-dl-player"}


@pytest.mark.parametrize(
    ("word", "stem"),
    [("scientists", "scientist"), ("studies", "study"), ("monitoring", "monitor"),
     ("process", "process"), ("analysis", "analysis"), ("classes", "class"), ("is", "is")],
)
def test_stem_english(word: str, stem: str) -> None:
    assert stem_english(word) == stem


# A guild's own FAQ against the catalog.

MEETING_KO = "스터디 모임은 언제 하나요?"
MEETING_EN = "When does the study group meet?"


def meeting_faq(*, english: bool = True) -> Document:
    return faq_document(
        "faq.1",
        [MEETING_KO, MEETING_EN] if english else [MEETING_KO],
        ["매주 목요일 저녁 8시에 디스코드 음성 채널에서 해요."]
        + (["Every Thursday at 8 pm in the voice channel."] if english else []),
    )


def guild_faq() -> list[Document]:
    """A small, realistic guild FAQ: two entries on the same meeting (when / where)."""
    return [
        meeting_faq(),
        faq_document("faq.2", ["오프라인 모임 장소는 어디인가요?"],
                     ["한 달에 한 번 강남역 근처 스터디 카페에서 만나요."]),
        faq_document("faq.3", ["발표 자료는 어디에 올리나요?", "Where do I upload my slides?"],
                     ["발표 전날까지 #자료실에 PDF로 올려 주세요.", "Post a PDF in #자료실."]),
        faq_document("faq.4", ["회비가 있나요?"], ["회비는 없어요."]),
        faq_document("faq.5", ["모임을 녹화하나요? 놓친 발표를 다시 볼 수 있나요?"],
                     ["발표자가 동의하면 녹화해서 #자료실에 링크를 올려요."]),
        faq_document("faq.6", ["출석 체크는 어떻게 하나요?", "How do I check in?"],
                     ["모임 시작 후 15분 안에 /checkin 을 쓰세요.", "Use /checkin."]),
    ]


@pytest.fixture
def guild(index: SearchIndex) -> SearchIndex:
    layer = index.layer()
    for document in guild_faq():
        layer.add(document)
    return layer


@pytest.mark.parametrize(
    "question",
    [
        MEETING_KO,  # word for word
        "스터디 모임 언제 해요?",  # other particle and ending
        "스터디모임은 언제 하나요",  # other spacing
        "스타디 모임 언제함?",  # a typo
        "모임 언제야",  # shorter than the moderator wrote it
    ],
)
def test_a_close_faq_question_beats_the_catalog(
    index: SearchIndex, guild: SearchIndex, question: str
) -> None:
    # Without the guild FAQ the catalog has an entry with these words.
    assert index.search(question).hits[0].key == "qa.solo-study-portfolio"
    ranking = guild.search(question)
    assert ranking.answered and ranking.hits[0].key == "faq.1"
    assert "qa.solo-study-portfolio" in [hit.key for hit in ranking.hits]


def test_guild_entries_do_not_change_how_catalog_entries_score(
    index: SearchIndex, guild: SearchIndex
) -> None:
    # "스터디 모임" is a name of faq.1 and contains the catalog's names "스터디" and "모임".
    for question in ("스터디 모임 언제 해요?", "발표 자료 만드는 법", "When is the study meeting?"):
        alone = {hit.key: hit for hit in index.search(question, limit=30).hits}
        layered = [hit for hit in guild.search(question, limit=40).hits if hit.key in alone]
        assert layered and all(hit == alone[hit.key] for hit in layered)


def test_every_faq_question_finds_its_own_entry(guild: SearchIndex) -> None:
    for document in guild_faq():
        for question in document.questions:
            ranking = guild.search(question)
            assert ranking.best is not None and ranking.best.key == document.key, question


def closeness(index: SearchIndex, question: str, key: str) -> float:
    return next((hit.closeness for hit in index.search(question).hits if hit.key == key), 0.0)


def test_when_and_where_are_different_questions(guild: SearchIndex) -> None:
    assert closeness(guild, "오프라인 모임 어디서 해요?", "faq.2") >= CLOSE_MATCH
    assert best(guild, "오프라인 모임 어디서 해요?") == "faq.2"
    assert closeness(guild, "오프라인 모임 언제 해요?", "faq.2") == 0.0
    assert closeness(guild, "스터디 모임 언제 해요?", "faq.1") >= CLOSE_MATCH
    assert closeness(guild, "스터디 모임 어디서 해요?", "faq.1") == 0.0


def test_one_sentence_of_a_two_part_faq_question_is_enough(guild: SearchIndex) -> None:
    assert best(guild, "모임 녹화해요?") == "faq.5"


def test_english_questions_find_a_bilingual_entry(guild: SearchIndex) -> None:
    for question in ("When is the study meeting?", "what time do we meet", "how do I check in"):
        assert guild.search(question).hits[0].key in {"faq.1", "faq.6"}
    assert best(guild, "When is the study meeting?") == "faq.1"
    assert best(guild, "how do I check in") == "faq.6"


def test_a_korean_only_entry_is_found_by_its_korean_words(index: SearchIndex) -> None:
    layer = index.layer()
    layer.add(meeting_faq(english=False))
    assert best(layer, "스터디 모임 언제 해요?") == "faq.1"
    assert best(layer, "When is the study meeting?") != "faq.1"


def test_removing_the_faq_entry_restores_the_catalog_answer(index: SearchIndex) -> None:
    layer = index.layer()
    question = "스터디 모임 언제 해요?"
    catalog_answer = best(layer, question)
    assert catalog_answer == "qa.solo-study-portfolio"
    layer.add(meeting_faq())
    assert best(layer, question) == "faq.1"
    assert layer.remove("faq.1")
    assert best(layer, question) == catalog_answer
    assert layer.search(question).hits == index.search(question).hits


@pytest.mark.parametrize(
    "question",
    ["오늘 점심 뭐 먹지", "what's the weather in Busan tomorrow", "비트코인 지금 사도 돼?",
     "주말에 볼 영화 추천해줘", "롤 티어 올리는 법", "ㅋㅋㅋㅋ"],
)
def test_off_topic_stays_declined_with_faq_entries(guild: SearchIndex, question: str) -> None:
    assert guild.search(question).best is None


def test_an_faq_entry_about_lunch_answers_a_lunch_question(guild: SearchIndex) -> None:
    assert best(guild, "오늘 점심 뭐 먹지") is None
    guild.add(faq_document("faq.9", ["오프라인 모임 날 점심은 같이 먹나요?"],
                           ["네, 모임 전에 근처 식당에서 같이 먹어요."]))
    assert best(guild, "오늘 점심 뭐 먹지") == "faq.9"


def test_a_question_many_entries_share_is_not_a_close_match(catalog: KnowledgeCatalog) -> None:
    layer = catalog_index(catalog).layer()
    for number in range(50):
        layer.add(faq_document(f"faq.{number}", [f"{number}주차 과제 마감이 언제예요?"],
                               [f"{number}주차 과제는 일요일 자정까지 내면 돼요."]))
    assert best(layer, "과제 마감 언제야") is None  # which week?
    assert best(layer, "7주차 과제 마감 언제야") == "faq.7"
    assert best(layer, "7주차 과제 마감이 언제예요?") == "faq.7"


def test_everyday_words_of_faq_questions_do_not_take_catalog_questions(
    index: SearchIndex,
) -> None:
    layer = index.layer()
    for number, paper in enumerate(["ResNet", "BERT", "ViT", "CLIP", "LoRA", "GAN"]):
        layer.add(faq_document(
            f"faq.{number}",
            [f"{paper} 구현 코드는 어디서 볼 수 있나요?", f"Where can I find our {paper} code?"],
            [f"스터디 깃허브의 {paper} 폴더에 있어요.", f"In the {paper} folder on GitHub."]))
    for question in ("how to find good research problems", "Is a graduate degree required?"):
        found = best(layer, question)
        assert found == best(index, question) and not (found or "").startswith("faq.")
    assert best(layer, "where is the ViT code") == "faq.2"


def test_faq_questions_are_names_like_catalog_keywords() -> None:
    document = faq_document("faq.1", ["공부하다 막히면 질문은 어디에 올리나요?",
                                      MEETING_KO, "Where is the GPU server?"], ["..."])
    names = set(document.phrases)
    assert {"스터디", "모임", "스터디 모임", "GPU", "GPU server"} <= names
    assert MEETING_KO.rstrip("?") in names  # the question itself, like a title part
    # Not verbs, question words, or an everyday English word on its own.
    assert not names & {"올리", "막히", "어디", "언제", "하나요", "server", "Where"}
    assert document.questions == ("공부하다 막히면 질문은 어디에 올리나요?", MEETING_KO,
                                  "Where is the GPU server?")


def test_question_forms_ignore_particles_and_endings(index: SearchIndex) -> None:
    analyzer = index.analyzer
    asked = analyzer.question_form("스터디 모임 언제 해요?", index)
    written = analyzer.question_form(MEETING_KO, index)
    assert asked == written
    assert asked.asks == {"when"}
    assert analyzer.question_form("모임 어디서 해요", index).asks == {"where"}
    assert analyzer.question_form("몇 시에 시작해요", index).asks == {"when"}
    assert analyzer.question_form("발표는 몇 분 동안 해요", index).asks == {"how much"}


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("스터", "스타", True), ("타디", "터디", True), ("study", "stduy", True),
     ("meeting", "meting", True), ("모임", "모임", True), ("스터", "모임", False),
     ("study", "steady", False), ("스터디", "스터디모임", False)],
)
def test_one_letter_apart(first: str, second: str, expected: bool) -> None:
    assert one_letter_apart(first, second) is expected
    assert one_letter_apart(second, first) is expected


def test_jamo_spells_out_syllables() -> None:
    assert jamo("값") == "\u1100\u1161\u11b9"
    assert jamo("a가") == "a\u1100\u1161"


# Questions as members really write them (content.intent).

# Each of these lost its answer to the greeting before questions were read.
GREETED = [
    ("안녕하세요! {q} 감사합니다ㅠㅠ", "석사 꼭 필요해요?"),
    ("반갑습니다 선배님들! {q} 미리 감사드려요", "이력서에서 빼야 할 항목이 있나요?"),
    ("안녕하세요 여러분ㅎㅎ 질문 있어요! {q}", "석사 꼭 필요해요?"),
    ("hey folks, quick question: {q} cheers", "how do I get better at problem solving?"),
    ("Hello! {q} Any help appreciated, thank you so much!",
     "how do I get better at problem solving?"),
]


@pytest.mark.parametrize(("template", "question"), GREETED)
def test_greetings_and_closings_keep_the_answer(
    index: SearchIndex, template: str, question: str
) -> None:
    plain = best(index, question)
    assert plain is not None
    assert best(index, template.format(q=question)) == plain


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("레드팀 말고 모델 배포하는 직무", "role.applied-research-scientist"),
        ("레드팀 직무", "role.ai-red-team"),
        ("other than data scientist, which role researches new model architectures?",
         "role.research-scientist"),
    ],
)
def test_what_a_question_sets_aside_does_not_answer_it(
    index: SearchIndex, question: str, expected: str
) -> None:
    assert best(index, question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [("E형은 A형이랑 뭐가 달라요?", "player.engineer"),
     ("D 유형은 R 유형이랑 뭐가 달라?", "player.domain-expert"),
     ("A형은 E형이랑 어떻게 달라요", "player.applied-researcher")],
)
def test_a_type_compared_with_another_is_the_one_asked_about(
    index: SearchIndex, question: str, expected: str
) -> None:
    assert best(index, question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("데사는 뭐 해요?", {"role.data-scientist"}),
        ("MLE 되려면 뭐 공부해요?", {"player.engineer", "qa.competencies"}),
        ("포폴 어떻게 만들어요", {"tip.self-branding", "qa.solo-study-portfolio"}),
        ("ARS는 무슨 일 해요?", {"role.applied-research-scientist"}),
        ("석박 필수?", {"qa.degree-required"}),
        # The role is named, but the question is about degrees.
        ("RS 되려면 PhD 꼭 있어야 해요?", {"qa.degree-required"}),
        # A degree asked about with a plain "need", in either language.
        ("RS 되려면 박사 필요해?", {"qa.degree-required"}),
        ("does a research scientist need a degree?", {"qa.degree-required"}),
        # A degree named without asking whether it is needed stays its own topic.
        ("박사 과정 가려면 뭘 준비해야 할까요?", {"qa.phd-advice"}),
        ("I'm burned out in my master's and want to quit", {"qa.masters-self-doubt"}),
        # Torn between two paths: choosing one, not what either path is.
        ("RS랑 MLE 중에 어느 쪽으로 갈지 고민이에요", {"tip.choose-your-track"}),
        ("대학원 갈지 취업 할지 고민돼요", {"tip.choose-your-track"}),
        ("can't decide between data science and ML engineering", {"tip.choose-your-track"}),
        # Comparing two degrees is still a degree question.
        ("석사랑 박사 중에 뭐가 나아요?", {"qa.degree-required"}),
        # How much of a subject is enough, whatever role it is asked for.
        ("RS 하려면 수학 얼마나 잘해야 돼요", {"tip.math-english-programming"}),
        ("what level of statistics do data scientists need", {"tip.math-english-programming"}),
        ("how can I make recruiters notice me", {"tip.self-branding"}),
        # A course finished: what comes after it.
        ("앤드류 응 강의 끝냈는데 다음엔 뭘 공부하죠", {"qa.beyond-deep-learning"}),
        ("I finished the fast.ai course, what now?", {"qa.beyond-deep-learning"}),
        # Whether a lesser degree is enough is a degree question.
        ("학사만 있어도 연구직 갈 수 있어요?", {"qa.degree-required"}),
        # Which path fits me is choosing one.
        ("how do I figure out which ML role suits me", {"tip.choose-your-track"}),
        # A blog is a way of making yourself known.
        ("should I start a tech blog to get hired", {"tip.self-branding"}),
        # Requests to be brief and words like "before" are not topics.
        ("딥러닝 플레이어 네 유형 간단히 정리해줘", {"qa.what-is-dl-player"}),
        ("박사 가기 전에 준비할 거 있을까요", {"qa.phd-advice"}),
        # The roles' names translated word for word, and a role's "position".
        ("연구 과학자는 무슨 일 해요?", {"role.research-scientist"}),
        ("데이터 과학자 포지션은 어떤 사람을 뽑아요?", {"role.data-scientist"}),
        ("리서치 사이언티스트 포지션은 어떤 사람 뽑아요?", {"role.research-scientist"}),
        ("what abilities does a deep learning engineer need", {"qa.competencies"}),
        # Whether one can do without a degree, or a lesser one is enough.
        ("phd 없으면 연구직 불가능?", {"qa.degree-required"}),
        ("is a masters enough for research roles", {"qa.degree-required"}),
        ("석사로 충분해요?", {"qa.degree-required"}),
        # What to do before a PhD starts.
        ("what should I do before applying to a PhD", {"qa.phd-advice"}),
        # Slang for "what is it", and 타입 for 유형.
        ("데싸 머임", {"role.data-scientist"}),
        ("연구자 타입 특징", {"player.researcher"}),
        # The end of a boom is the outlook; whether a PhD matters is a degree question.
        ("딥러닝 거품 꺼지면 어떡해요", {"qa.demand-outlook"}),
        ("does a PhD really matter for applied roles", {"qa.degree-required"}),
        # Torn between two sides, or not getting through to colleagues.
        ("연구 쪽이랑 개발 쪽 어디로 갈지 모르겠음", {"tip.choose-your-track"}),
        ("팀원들이랑 말이 잘 안 통해요", {"tip.communication"}),
        # Where pay is heading is the outlook's question.
        ("AI 엔지니어 연봉 계속 오를까요?", {"qa.demand-outlook"}),
        # "X라는 말", "무슨 뜻", "처음 들어" ask what X is; people of several kinds.
        ("딥러닝 플레이어라는 게 뭔 뜻이에요? 처음 들어봐요", {"qa.what-is-dl-player"}),
        ("AI 하는 사람들도 종류가 나뉘나요?", {"qa.what-is-dl-player"}),
        ("what personal qualities matter besides coding", {"qa.competencies"}),
        ("are certs worth listing on a resume", {"qa.resume-useless-items"}),
        # How an ability is trained, a boom ending, what communication means.
        ("문제 정의 능력은 어떻게 키우나요? 대학원 말고도 방법 있어요?", {"tip.problem-solving"}),
        ("is the deep learning boom going to end in a few years", {"qa.demand-outlook"}),
        ("커뮤니케이션 잘한다는 게 영어 회화 잘한다는 뜻이에요?", {"tip.communication"}),
        ("what separates an average engineer from a great one", {"qa.engineer-classes"}),
        ("박사 갈 거면 미리 알아둘 게 있나요", {"qa.phd-advice"}),
        ("wrapped up andrew ng's course, what should I learn next", {"qa.beyond-deep-learning"}),
        # How much math a type needs is the competencies entry's (it says so per type).
        ("R 유형이면 수학은 어느 정도 해야 해요?", {"qa.competencies"}),
        ("연구 쪽 갈지 제품 쪽 갈지 정하지도 못했는데 공부부터 해도 돼요?",
         {"tip.choose-your-track"}),
        # A type named with 형, being visible, studying on one's own, "정확히 뭔뜻".
        ("엔지니어형한테 제일 중요한 역량은 뭐예요", {"player.engineer"}),
        ("how do I make my github projects more visible to recruiters", {"tip.self-branding"}),
        ("learning ml on my own, is that a bad idea without a study group?",
         {"qa.solo-study-portfolio"}),
        ("딥러닝 플레이어라는 말이 정확히 뭔뜻?", {"qa.what-is-dl-player"}),
        # A verb made from an abbreviation (완강했는데), studying alone, one type or a mix.
        ("모두를 위한 딥러닝 다 완강했는데 다음은 뭐 공부해요?", {"qa.beyond-deep-learning"}),
        ("혼자서 공부하는 중인데 방향이 맞는지 모르겠어요", {"qa.solo-study-portfolio"}),
        ("i keep throwing deep learning at every problem, is that bad?",
         {"qa.beyond-deep-learning"}),
        ("do i have to be exactly one type?", {"qa.what-is-dl-player"}),
        # A quoted term, framing a problem, an eye for problems, only deep learning,
        # everyone piling in, what a PhD adds to a master's, personality.
        ('what is a "deep learning player" anyway', {"qa.what-is-dl-player"}),
        ("how can i get better at framing a problem on my own", {"tip.problem-solving"}),
        ("남이 못 찾는 문제를 발견하는 능력은 어떻게 길러요?", {"tip.problem-solving"}),
        ("딥러닝만 파면 안 되나요? 다른 것도 봐야 해요?", {"qa.beyond-deep-learning"}),
        ("do we need deep learning for every problem?", {"qa.beyond-deep-learning"}),
        ("everyone is learning pytorch now, should i find a niche?", {"qa.demand-outlook"}),
        # Depth or breadth in a new hire is the panels' question, not the outlook's.
        ("what do hiring panels want from a new grad, a generalist or someone deep in one thing?",
         {"qa.new-hire-profile"}),
        ("박사 하면 석사랑 뭐가 달라요?", {"qa.engineer-classes", "qa.phd-advice"}),
        ("what kind of personality fits research?", {"qa.competencies"}),
        # A self-description asking where it fits gets its type or the overview of
        # all four, never another type.
        ("backend dev, fast coder, i run services in prod. where would i fit?",
         {"player.engineer", "qa.what-is-dl-player"}),
        ("논문 쓰고 새 이론 파는 게 좋아요. 저는 어떤 부류예요?",
         {"player.researcher", "qa.what-is-dl-player"}),
        # Someone who cannot code asking what part they could play is the domain
        # expert's question; asking about a role by name is that role's.
        ("간호사인데 코딩은 거의 못해요. 의료 AI 팀에서 제가 할 수 있는 역할이 있을까요?",
         {"player.domain-expert"}),
        ("I cant really code but I know radiology well, is there a role for me on an AI team?",
         {"player.domain-expert"}),
        ("코딩 못하는데 데싸 될 수 있나요?", {"role.data-scientist"}),
        # A thank-you spelled 감사합니당, going on to a PhD, what companies want from
        # new hires, people flooding in.
        ("딥러닝 응용 연구자 타입 설명 부탁드려요 감사합니당", {"player.applied-researcher"}),
        ("thinking of going on to a phd next year, what should i prepare?", {"qa.phd-advice"}),
        ("what do big companies look for in new grads for dl roles?", {"qa.new-hire-profile"}),
        ("다들 AI로 몰려드는데 나중에 일자리 괜찮을까요", {"qa.demand-outlook"}),
    ],
)
def test_abbreviations_slang_and_intent(
    index: SearchIndex, question: str, expected: set[str]
) -> None:
    assert best(index, question) in expected


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("삼성전자 주가 전망 어때요?", "stocks"),
        ("정보처리기사 접수일 언제예요?", "dates"),
        ("how much does a data scientist earn?", "pay"),
        ("데이터 사이언티스트 초봉 보통 얼마예요?", "pay"),
        ("network security red team vs blue team, which is better?", "security"),
        ("이번 주 스터디 발표 누가 해요?", "schedule"),
        ("딥러닝 공부용 노트북 추천해 주세요", "hardware"),
        ("how do I set a reminder with this bot?", "bot"),
        ("롤 플레이어 티어 올리는 법 알려주세요", "games"),
        ("attention에서 sqrt(d_k)로 나누는 이유가 뭐예요", "code"),
        ("thinking of switching careers to become a pilot", "careers"),
    ],
)
def test_a_catalog_word_in_an_unrelated_question_is_no_answer(
    index: SearchIndex, question: str, subject: str
) -> None:
    ranking = index.search(question)
    assert not ranking.answered and ranking.off_topic == subject


def test_a_greeting_alone_is_no_answer(index: SearchIndex) -> None:
    for greeting in ("gm everyone happy friday", "다들 주말 잘 보내셨나요~"):
        assert not index.search(greeting).answered


def test_a_guild_entry_still_answers_a_question_the_catalog_does_not_cover(
    index: SearchIndex,
) -> None:
    layer = index.layer()
    layer.add(faq_document("faq.9", ["이번 주 발표자는 누구인가요?"],
                           ["#공지 채널의 고정 메시지에 주차별 발표자가 있어요."]))
    ranking = layer.search("이번 주 발표자 누구예요?")
    assert ranking.best is not None and ranking.best.key == "faq.9"


def test_a_coincidental_guild_entry_does_not_answer_an_off_topic_question(
    index: SearchIndex,
) -> None:
    layer = index.layer()
    layer.add(faq_document("faq.1000", ["GPU 서버 1000번 계정은 어떻게 신청하나요?",
                                        "How do I get an account on GPU server 1000?"],
                           ["운영진에게 DM을 보내 주세요.", "DM an organiser."]))
    ranking = layer.search("best laptop under 1000 dollars")
    assert not ranking.answered and ranking.off_topic == "hardware"
    assert layer.search("GPU 서버 1000번 계정 신청은 어떻게 해요?").best is not None


def test_a_long_question_with_background_is_answered(index: SearchIndex) -> None:
    question = ("저는 화학과 3학년이고 요즘 파이썬으로 데이터 정리하는 일을 조금 해 봤어요. "
                "딥러닝 쪽으로 진로를 바꾸고 싶은데, "
                "석사 학위 없이 대기업 AI 팀에 들어갈 수 있을까요?")
    assert best(index, question) in {"qa.degree-required", "qa.undergrad-vs-grad"}


def test_terms_kept_per_word_are_the_terms_worked_out_afresh(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from content import analysis

    text = "리서치 사이언티스트 되려면 research scientists need 석사 학위 3년"
    fresh = Analyzer().terms(text)
    kept = Analyzer()
    monkeypatch.setattr(analysis, "WORD_TERMS_KEPT", 3)  # forgets as it goes
    assert kept.terms(text) == fresh
    assert kept.terms(text) == fresh
    assert len(kept._word_terms) <= 3
    kept.forget_words()
    assert not kept._word_terms
    assert kept.terms(text) == fresh


def test_phrases_sharing_a_head_are_found_by_length_after_adds_and_removes(
    catalog: KnowledgeCatalog,
) -> None:
    from content.search import _matched_phrases

    layer = catalog_index(catalog).layer()
    layer.add(faq_document("faq.short", ["3주차 과제"], ["일요일까지"]))
    layer.add(faq_document("faq.long", ["3주차 과제 제출 방법"], ["PR로 내요"]))
    layer.add(faq_document("faq.also-long", ["3주차 과제 제출 방법"], ["메일도 돼요"]))

    def lengths_match() -> bool:
        return all(
            layer._phrase_lengths[head] == Counter(len(phrase) for phrase in phrases)
            for head, phrases in layer._phrases.items()
        ) and layer._phrase_lengths.keys() == layer._phrases.keys()

    query = phrase_text("3주차 과제 제출 방법 알려줘", bounded=True)
    assert lengths_match()
    found = _matched_phrases(query, [layer])
    assert any(phrase.startswith("|3") and "제출" in phrase for phrase in found)
    # A shorter phrase inside the longer match is left out.
    assert not any(phrase.startswith("|3") and phrase.endswith("과제") for phrase in found)
    layer.remove("faq.long")
    assert lengths_match()  # the long phrase is still used by faq.also-long
    assert _matched_phrases(query, [layer]) == found
    layer.remove("faq.also-long")
    assert lengths_match()
    assert any(phrase.startswith("|3") and phrase.endswith("과제")
               for phrase in _matched_phrases(query, [layer]))
    layer.remove("faq.short")
    assert lengths_match() and not any(
        phrase.startswith("|3") for phrase in _matched_phrases(query, [layer]))


def test_term_weights_are_kept_until_a_document_is_added_or_removed(
    catalog: KnowledgeCatalog,
) -> None:
    layer = catalog_index(catalog).layer()
    layer.add(faq_document("faq.1", ["회비는 얼마예요?"], ["월 1만원이에요."]))
    kept = layer._term_weights()
    before = kept.at(1)("회비")
    assert layer._term_weights() is kept
    layer.add(faq_document("faq.2", ["회비 납부는 어디로?"], ["총무 계좌로 보내요."]))
    renewed = layer._term_weights()
    assert renewed is not kept
    # Two entries use the term now: it weighs less, as worked out afresh.
    assert renewed.at(1)("회비") < before
    assert renewed.at(1)("회비") == renewed.weight("회비", 1)
    # ... and counted afresh: one document more has it.
    found, weight = renewed.found_and_weight(1)("회비")
    assert (found, weight) == (kept.found_and_weight(1)("회비")[0] + 1, renewed.weight("회비", 1))
    layer.remove("faq.2")
    assert layer._term_weights().at(1)("회비") == before


def test_a_guild_entry_whose_question_is_near_needs_no_more_evidence() -> None:
    from dataclasses import replace

    from content.ranking import Hit, confident

    # "토요일 모각코 어디서 모여요?" against 5,000 entries, 70 of them "토요일 모각코
    # 장소가 어디예요?": the words they share weigh little, the question is near.
    near = Hit("faq.85", 1.49, coverage=0.42, evidence=0.45, topical=0.45, closeness=0.53)
    assert confident(near)
    assert not confident(replace(near, closeness=0.3))  # a looser match needs evidence
    assert not confident(replace(near, coverage=0.2))  # and the question's words covered
    assert not confident(replace(near, topical=0.2))  # by what names the entry
