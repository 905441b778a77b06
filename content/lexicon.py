"""The word lists of question analysis: Korean endings, particles and stopwords,
English stopwords, and the question words of both languages with what they ask
for (see ``content.analysis``)."""

from __future__ import annotations

from collections.abc import Mapping

# Verb endings, copulas and particles that a question's words end in. A
# question word loses one before its bigrams are taken (준비하면 -> 준비,
# 석사들이랑 -> 석사들), so the ending neither matches by chance nor counts
# as an unmatched part of the question. Of the one-syllable particles only 를
# is here: no noun ends in it (for the others see ``KO_SUFFIX_SYLLABLES``).
KO_ENDINGS: tuple[str, ...] = tuple(sorted(set("""
하려면 하려고 하면 하는데 하는 하고 하기 하게 해야 해요 해서 했는데 했어요 하나요 할까요 할까
합니다 됩니다 되나요 되는 돼요 됐어요 인가요 인데 인지 이에요 예요 에요 이야 나요 까요 어요 아요
워요 세요 네요 습니다 니다 는데 은데 으면 려면 을까요 을까 는지 은지 는게 는거 에서 에게 한테
으로 이랑 부터 까지 처럼 보다 해도 어도 아도
건데 건가 는데요 인데요 다고 라고 냐고 지만 던데 더라 잖아요 잖아 어서 아서 어야 아야 되려면 되면
하는지 하는게 되는게 질까요 을까요 을게요 할게요 습니까 인가 인지요 는지요 이라 이라서 이라고
를 라는 이라는 이란
""".split()), key=len, reverse=True))
# The particles and copulas among those: what they follow is a noun.
KO_PARTICLES = frozenset("""
은 는 이 가 을 를 의 에 도 만 로 와 과 랑 에서 에게 한테 으로 이랑 부터 까지 처럼 보다
인가요 인데 인지 이에요 예요 에요 이야
""".split())
# One-syllable particles and endings: only dropped when the word's last bigram is
# unknown to the index, since many nouns end in them (정의, 결과, 진로, 평가).
KO_SUFFIX_SYLLABLES = frozenset("은는이가을를의에도만로와과랑나야요임함됨지죠까게기고서면할인란")

# Sentence endings that make a two-syllable word a verb unless the index knows
# it as a noun (필요, 수요).
KO_VERB_ENDS = frozenset("요죠까")

# Words that make a question a question but say nothing about its topic.
KO_STOPWORDS = frozenset("""
뭐 뭔가요 뭐예요 뭐에요 뭐야 뭐임 뭔지 뭘 무엇 무엇인가요 무슨 어떤 어떻게 어떡해 왜 언제
알려줘 알려주세요 알려줄래 설명 설명해줘 설명해주세요 궁금 궁금해요 궁금함 질문 있나요 있어요
하나요 해야 해요 해야돼 해야됨 돼 되나요 돼요 좀 진짜 그냥 근데 혹시 제가 저는 나는 내가 저
우리 이거 그거 정말 요즘 많이 너무 하면 하는 할까 할까요 있을까 있을까요 인가요 건가요 거야
추천 추천해줘 추천해주세요 방법 좋아요 좋을까요 좋은 괜찮 괜찮아요 괜찮을까요 가능 가능해요
어때 어때요 같아요 해주세요 하세요 싶어요 있 없 되 하 해 돼 좋 하고 어떡하 이번
중에 중 할지 모르겠 모르겠어요 모르겠음 싶은데 싶다 싶음 싶 고민 고민중 고민이에요 생각 생각중
지금 현재 저희 제 저도 나도 하는데 있는데 없는데 같은데 같아서 그래서 그런데 그리고 아니면 혹은
이런 저런 그런 어느 얼마나 정도 쪽 쪽으로 부분 관련 경우 때문 위해 위한 대해 대한 관해 둘다 또 더
잘 못 안 꼭 딱 막 엄청 되게 완전 조금 약간 아직 이미 계속 보통 원래 뭐가 뭔가 어떤가요 어떤지 어떰
맞나요 맞아요 맞음 건지 걸까 걸까요 될까 될까요 되는지 되죠 있죠 있음 없음 했어요 했는데 해봤는데
아는 알고 싶어서 궁금합니다 궁금한데 궁금해서 여쭤 여쭙니다 문의 부탁 말씀 말해 주세요 주실
법 키우 기르 늘리 돕 돕는 돕고 정리 정리해줘 정리해주세요 간단히 간단하게 요약 요약해줘
뜻 뜻임 뜻이 뭔뜻 무슨뜻 말이 처음 들어봄 들어봤 들었 들어봐 정확히 도대체 대체
그게 그건 이름 머 머임 머야 머에요 머예요 머지 머냐 뭐냐 뭐지 뭔데
""".split())
EN_STOPWORDS = frozenset("""
a an the and or but if of to in on at for from by with about as into than then so
is are was were be been being am do does did doing done have has had having can could
should would will shall may might must i me my mine you your we our us it its this that
these those there here what which who whom whose when where why how tell explain please
any some all just really very much many more most also too not no yes get got s t
im ive dont make want need like know think thing way good best better new one time go
use take look see come day actually still even ever anyone someone something
guys folks everyone anybody somebody people ppl kinda sorta maybe basically literally
honestly wondering wonder curious question questions asking ask im i'm currently right now
lol lmao haha btw tbh imo idk pls plz
mean means meant meaning suppose supposed
""".split())

# What a question asks for, from its question word. Two questions about the same
# thing that ask different things ("모임 언제 해요" / "모임 어디서 해요") are different
# questions. (How and what are left out: "어떻게 해요" asks almost anything.)
# "몇" asks for a number: "몇 시" is a time, any other count is "how much".
KO_ASKS: tuple[tuple[str, str], ...] = (
    ("언제", "when"), ("몇시", "when"), ("어디", "where"), ("어딨", "where"), ("누가", "who"),
    ("누구", "who"), ("왜", "why"), ("얼마", "how much"), ("몇", "how much"),
)
KO_ASK_STARTS = frozenset(word[0] for word, _ in KO_ASKS)
EN_ASKS: Mapping[str, str] = {
    "when": "when", "where": "where", "who": "who", "whom": "who", "why": "why",
}
EN_ASKS_PAIRS: Mapping[tuple[str, str], str] = {
    ("what", "time"): "when", ("how", "long"): "how much", ("how", "many"): "how much",
    ("how", "much"): "how much",
}
