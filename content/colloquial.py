"""The word lists of how members really write (see ``content.intent``).

Everything here is general knowledge of Korean study-server chat and of the
field, not phrases of any evaluation set: greetings and closings, the
abbreviations and Hangul spellings of English terms people use for the roles
and degrees, and the subjects the catalog does not cover (pay, stocks, exam
dates, network security, code help, hardware, the server's own schedule).
"""

from __future__ import annotations

# Greetings, thanks and sign-offs: removed before a question is matched. Korean
# ones may carry any ending (안녕하세요, 안녕하십니까, 감사합니다, 감사해용).
KO_POLITE = (
    r"안녕(?:하세요|하십니까|하셨어요|하신가요)?요?|하이(?:요|루)?|헬로우?|반갑습니다|반가워요?|"
    r"처음\s*뵙겠습니다|좋은\s*(?:아침|오후|저녁|밤)(?:이에요|입니다|이요)?|"
    r"수고\s*(?:많으십니다|많으세요|하십니다|하세요|하셨습니다)|실례합니다|"
    r"감사(?:합니다|합니당|드립니다|드려요|드려용|해요|해용|해여|요|염|)|고맙습니다|고마워요?|땡큐|"
    r"미리\s*감사(?:드려요|드립니다|해요|합니다)?|"
    r"(?:답변|조언|도움|의견)\s*(?:좀\s*)?(?:부탁|주시면)\s*(?:드립니다|드려요|드릴게요|해요|감사하겠습니다)?|"
    r"부탁(?:드립니다|드려요|해요|합니다)|좋은\s*하루\s*(?:되세요|보내세요)|"
    r"(?:주말|휴일|연휴)\s*(?:은|도)?\s*잘\s*(?:보내셨나요|보내셨어요|보내세요|보냈어요|지내셨나요)|"
    r"질문\s*(?:하나\s*)?(?:있습니다|있어요|있는데요?|드립니다|드려요|드려도\s*될까요)|"
    r"궁금한\s*(?:게|것이|점이)\s*(?:있는데요?|있어서요?|있습니다)|"
    r"여쭤\s*(?:봅니다|볼게요|보고\s*싶어요|볼\s*게\s*있어요)|"
    r"(?:선배|고수|현직자|운영진)?님들?|여러분|다들"
)
EN_POLITE = (
    r"(?:hi|hello|hey)\s+(?:all|everyone|everybody|folks|guys|team|there)|"
    r"hi+|hello+|hey+|hiya|yo|howdy|greetings|good\s+(?:morning|afternoon|evening)|"
    r"thanks?(?:\s+(?:a\s+lot|so\s+much|in\s+advance|all|everyone))?|thank\s+you(?:\s+(?:so\s+much|"
    r"in\s+advance|all))?|thx|ty|tia|cheers|much\s+appreciated|appreciate\s+(?:it|any\s+help)|"
    r"any\s+(?:help|advice|tips?)\s+(?:is\s+|would\s+be\s+)?(?:much\s+)?appreciated|"
    r"gm|happy\s+(?:friday|monday|weekend|holidays|new\s+year)|quick\s+(?:q|question)|(?:i\s+have\s+)?a\s+question|sorry\s+(?:if\s+this\s+is\s+a\s+"
    r"(?:dumb|stupid|silly)\s+question|to\s+bother(?:\s+you)?)|newbie\s+here|noob\s+here"
)

# Abbreviations, slang and Hangul spellings of English words, with what they
# stand for (the catalog's own words). Applied longest first; Latin keys match
# whole words (any case for the ones marked in ``LATIN_ANY_CASE``), Hangul keys
# match at the start of a word, whatever particle follows.
EXPANSIONS: dict[str, str] = {
    # roles
    "ARS": "applied research scientist 어플라이드 리서치 사이언티스트",
    "RS": "research scientist 리서치 사이언티스트",
    "DS": "data scientist 데이터 사이언티스트",
    "DA": "data analyst 데이터 분석가",
    "MLE": "ML engineer 딥러닝 엔지니어",
    "DLE": "DL engineer 딥러닝 엔지니어",
    "ML 엔지니어": "ML engineer 딥러닝 엔지니어",
    "ML엔지니어": "ML engineer 딥러닝 엔지니어",
    "머신러닝엔지니어": "딥러닝 엔지니어",
    "머신러닝 엔지니어": "딥러닝 엔지니어",
    "엠엘엔지니어": "딥러닝 엔지니어",
    "AI엔지니어": "딥러닝 엔지니어",
    "데싸": "데이터 사이언티스트",
    "데사": "데이터 사이언티스트",
    "데이터싸이언티스트": "데이터 사이언티스트",
    "리서치싸이언티스트": "리서치 사이언티스트",
    # The roles' names translated word for word.
    "응용 연구 과학자": "어플라이드 리서치 사이언티스트",
    "응용연구과학자": "어플라이드 리서치 사이언티스트",
    "연구 과학자": "리서치 사이언티스트",
    "연구과학자": "리서치 사이언티스트",
    "데이터 과학자": "데이터 사이언티스트",
    "데이터과학자": "데이터 사이언티스트",
    "싸이언티스트": "사이언티스트",
    "애플라이드": "어플라이드",
    "어플라이드사이언티스트": "어플라이드 사이언티스트",
    "레드티머": "레드팀",
    "리서쳐": "리서처",
    "리서쳐들": "리서처",
    "엔지니어링": "엔지니어",
    "익스퍼트": "전문가",
    # degrees and school
    "석박사": "석사 박사",
    "석박": "석사 박사",
    "학석박": "학사 석사 박사",
    "PhD": "박사 PhD",
    "Ph.D": "박사 PhD",
    "닥터": "박사",
    "박사학위": "박사 학위",
    "석사학위": "석사 학위",
    "마스터": "석사",
    "디그리": "학위",
    "컴과": "컴공 전산학과",
    "컴퓨터공학": "컴공 전산학과",
    "비전공": "노베이스",
    "노베": "노베이스",
    # job hunting
    "포폴": "포트폴리오",
    "레쥬메": "이력서",
    "레주메": "이력서",
    "자소서": "자기소개서 이력서",
    "깃헙": "깃허브",
    "정처기": "정보처리기사 자격증",
    "자격증들": "자격증",
    "네카라쿠배": "네이버 카카오 대기업",
    "네카라": "네이버 카카오 대기업",
    "네카": "네이버 카카오 대기업",
    "빅테크": "대기업 big tech",
    "FAANG": "big tech 대기업",
    "MAANG": "big tech 대기업",
    "인터뷰": "면접",
    "주니어": "신입",
    "뉴그래드": "신입",
    "new grad": "new hire 신입",
    "entry level": "entry-level 신입",
    "스펙업": "스펙",
    "certs": "certificates",
    "cert": "certificate",
    # skills and study
    "모두딥": "모두를 위한 딥러닝",
    "모딥": "모두를 위한 딥러닝",
    "모두의딥러닝": "모두를 위한 딥러닝",
    "수영프": "수학 영어 프로그래밍",
    "매스": "수학",
    "매쓰": "수학",
    "잉글리시": "영어",
    "스킬": "역량 스킬",
    "스킬셋": "역량",
    "skillset": "skills",
    "소프트스킬": "커뮤니케이션",
    "soft skill": "communication soft skills",
    "리스폰서빌리티": "책임 responsibility",
    "리스판서빌리티": "책임 responsibility",
    "포지션": "직무",
    "타입": "유형",
    "커리어패스": "커리어 진로",
    "트랙": "직군 진로",
    "프로블럼": "문제",
    "프라블럼": "문제",
    "솔빙": "해결",
    "프로덕트": "제품",
    "디플로이": "배포",
    "아웃룩": "전망",
    "연봉": "연봉 몸값",
    "디맨드": "수요",
    "퍼스널브랜딩": "셀프 브랜딩",
    "셀프브랜딩": "셀프 브랜딩",
    "멘붕": "멘탈 자괴감",
    "캐글": "캐글 Kaggle",
    "자존감": "자신감 자괴감",
    # concepts the catalog names in other words
    "말주변": "소통 커뮤니케이션",
    "말솜씨": "소통 커뮤니케이션",
    "말빨": "소통 커뮤니케이션",
    "낯가림": "소통 커뮤니케이션",
    "내성적": "소통 커뮤니케이션",
    "소심": "소통 커뮤니케이션",
    "의사소통": "소통 커뮤니케이션",
    "대인관계": "소통 협업",
    "토론": "소통 설득",
    "논쟁": "소통 설득",
    "설득력": "설득",
    "팀플": "협업 팀워크",
    "introvert": "communication",
    "introverted": "communication",
    "argue": "persuade",
    "debate": "persuasion",
    "convince": "persuade",
    "persuasive": "persuasion",
    "interpersonal": "communication",
    "people skills": "communication soft skills",
    "어필": "어필 자기 PR",
    "눈에 띄": "어필 자기 PR",
    "존재감": "어필 자기 PR",
    "인지도": "브랜딩",
    "홍보": "자기 PR",
    "블로그": "블로그 자기 PR",
    "blog": "blog self-promotion",
    "blogging": "blog self-promotion",
    "알릴": "어필 자기 PR",
    "알리는": "어필 자기 PR",
    "알리기": "어필 자기 PR",
    "알려야": "어필 자기 PR",
    "visibility": "stand out",
    "visible": "stand out",
    "get seen": "stand out",
    "get noticed": "stand out",
    "notice me": "stand out",
    "showcase": "stand out portfolio",
    "market myself": "promote myself",
    "자질": "역량 자질",
    "소양": "역량",
    "적성": "역량 자질",
    "traits": "competencies",
    "abilities": "skills competencies",
    "capabilities": "skills competencies",
    "aptitude": "competencies",
    "personality": "competencies qualities",
    "qualities": "qualities competencies",
    "학벌": "학력 학위",
    "졸업장": "학위",
    "diploma": "degree",
    "선대": "선형대수",
    "확통": "확률 통계",
    "미적분": "미분",
    "stats": "statistics",
    "calc": "calculus",
    "완강": "입문 강의 다음 단계",
    "실서비스": "실제 서비스 프로덕션",
    "실데이터": "실제 데이터",
    "현업 데이터": "실제 데이터",
    "LLM": "AI 모델",
    "burned out": "burnout",
    "burnt out": "burnout",
    "burn out": "burnout",
    "챗봇": "AI 모델",
    "DL": "deep learning 딥러닝",
    "ML": "machine learning 딥러닝",
    "머신러닝": "딥러닝",
    "인공지능": "AI",
    "에이아이": "AI",
    "딥러닝플레이어": "딥러닝 플레이어",
    "R/A/E/D": "RAED",
    # A type named by its player and 형 ("type"): 엔지니어형은, 연구자형 인간.
    "연구자형": "연구자 R 유형",
    "응용연구자형": "응용연구자 A 유형",
    "엔지니어형": "엔지니어 E 유형",
    "도메인전문가형": "도메인 전문가 D 유형",
    "전문가형": "전문가 D 유형",
    "problem framing": "problem definition",
    "framing problems": "problem definition",
    "frame problems": "problem definition",
    "on my own": "self-study studying alone",
    "혼자": "혼자 독학",
    "혼자서": "혼자 독학",
    "by myself": "self-study studying alone",
    "self-taught": "self-study",
    "people side": "communication soft skills",
    "R A E D": "RAED",
}
# What a question asks, in words no entry uses, with the words the entry that
# answers it uses (added to the question, not replacing anything).
INTENT_CUES: tuple[tuple[str, str], ...] = (
    (r"(?:어떤|무슨|어느)\s*(?:유형|타입|스타일|플레이어|부류)|(?<![A-Za-z])[RAED]\s*형(?:이야|인가|일까|인지)|"
     r"(?:which|what)\s+(?:type|kind of player)\s+(?:am i|are you|fits me|suits me|is that|would i be|"
     r"does that make me)|"
     # Where someone like me fits, asked without naming a type.
     # (Look-behinds, literal spaces and case-sensitive "fit" keep "where", "what",
     # "which" and a lone "f" out of the literal gate: see content.literal_gate.)
     r"(?:(?<=where would i )|(?<=where do i )|(?<=where should i )|(?<=where could i )|"
     r"(?<=where might i )|(?<=where would someone like me )|(?<=where does someone like me ))(?-i:fit)|"
     r"what bucket|(?:(?<=what )|(?<=which ))(?-i:kind of )(?:dl|deep learning|ml|ai) (?:person|people|player)|"
     r"(?:(?<=어디에)|(?<=어디에 )|(?<=쪽에)|(?<=쪽에 ))(?:속하|해당하|가까운|가깝)",
     "나는 어떤 유형 which type am I"),
    (r"(?:필수|꼭\s*(?:있어야|필요)|없으면\s*(?:안|못)|required|mandatory|must\s+have)",
     "필수 required"),
    # Whether a degree is needed, asked with a plain "need" (박사 필요해?, 석사 있어야 돼?).
    (r"(?:학위|석사|박사|석박|PhD|degree).{0,6}(?:필요|있어야|요구|need)|"
     r"need(?:s|ed)?\s+(?:an?\s+)?(?:degree|PhD|master)|"
     # or whether a lesser one is enough (학사만 있어도, 학부만으로).
     r"(?:학사|학부|석사)\s*(?:만|만으로|만으로도|만\s*있어도|졸업만으로)(?![가-힣])|"
     r"(?:only|just)\s+(?:an?\s+)?(?:bachelor|undergrad|master)|"
     r"(?:학사|학부|석사)\S{0,2}\s*(?:면|로|로도)\s*충분|"
     # ("enough to compete with PhDs" asks how to compete, another entry's question)
     r"(?:bachelor|master)(?:'?s)?\s+(?:degree\s+)?(?:is\s+)?enough(?!\s+to\s+compete)|"
     # or whether one can do without it (박사 없으면, without a PhD).
     r"(?:학위|석사|박사|석박|PhD|degree)\S{0,2}\s*(?:없으면|없이|없어도|안\s*하면)|"
     r"without\s+(?:an?\s+)?(?:degree|PhD|master)|"
     r"(?:does|do)\s+(?:an?\s+|the\s+)?(?:degree|PhD|master'?s?)\s+(?:really\s+)?matter",
     "학위 필수 degree required"),
    (r"(?:일자리|수요|일감|자리).{0,10}(?:줄|없어|사라|끝)|(?:dry up|disappear|go away|saturat|oversupply)|"
     # (Look-behinds: the gate then looks for 붐, 거품, ..., not for the "a" of "ai".)
     r"(?:(?<=ai)|(?<=딥러닝)|(?<=인공지능))\s*(?:붐|거품|버블|열풍|호황)|"
     r"(?:AI|deep learning|ML)\s+(?:bubble|hype|boom)|"
     r"(?:수요|일자리|전망|취업\s*시장).{0,12}(?:있을까|계속|유지|남아|될까|어때|괜찮)|"
     r"(?:붐|거품|버블|열풍)\S{0,2}\s*(?:꺼지|꺼질|끝나|끝날|빠지|사라)|"
     r"\b(?:boom|bubble|hype|craze)\b.{0,25}\b(?:over|end|burst|pop|last|die|fade|crash)|"
     r"(?:\d+|몇|십)\s*년\s*(?:뒤|후)|in\s+(?:like\s+|about\s+|maybe\s+|another\s+)?"
     r"(?:\d+|a few|ten|five)\s+years",
     "수요 전망 job outlook"),
    # Everyone piling in: the outlook's advice is to specialise. (Generalist or
    # specialist alone is also what panels ask of new hires: no cue.)
    (r"everyone\s+(?:and\s+their\s+\w+\s+)?(?:is|are)\s+(?:learning|doing|getting\s+into)|"
     r"너도\s*나도|개나\s*소나|몰려(?:들|드)|사람\S{0,2}\s*(?:넘쳐|넘치|너무\s*많아지)",
     "포화 특화 market saturation specialize"),
    # Getting ready for a PhD: what to do before it starts.
    (r"(?:박사|PhD)\S{0,4}\s*(?:과정\s*)?(?:가기|진학|들어가기|시작하기)?\s*전에|"
     r"before\s+(?:[\w'-]+\s+){0,4}?(?:PhD|doctora)|"
     # or going for one at all (박사 갈 거면, if I go for a PhD).
     r"(?:박사|PhD)\S{0,4}\s*(?:과정\s*)?(?:을\s*|를\s*)?(?:갈|할|밟을|진학할)\s*(?:거면|꺼면|거라면|생각이면)|"
     r"(?:if|when|once)\s+i\s+(?:do|go\s+for|pursue|start|decide\s+on)\s+(?:a\s+|the\s+)?"
     r"(?:PhD|doctorate)|"
     r"(?:go(?:ing)?\s+on\s+to\s+|thinking\s+(?:about|of)\s+(?:doing\s+)?)(?:a\s+)?(?:PhD|doctorate)",
     "박사 진학 준비"),
    # What a PhD gives beyond a master's: the classes of engineers each is trained for.
    (r"(?:박사|phd).{0,20}(?:석사|master).{0,20}(?:차이|다르|달라|differ)|"
     r"(?:석사|master).{0,20}(?:박사|phd).{0,20}(?:차이|다르|달라|differ)",
     "석사 박사 차이 박사 과정 의미"),
    # Torn between two paths: which to take, not what either one is.
    (r"중(?:에서?)?\s*(?:뭘|뭐를?|무엇을?|어느\s*(?:쪽|것|걸)|어떤\s*(?:쪽|것|걸))\s*(?:으로|로)?\s*"
     r"(?:해야\s*)?(?:할지|갈지|고를지|골라야|선택|정할지|정해야)|"
     r"(?:할지|갈지)\s+(?:\S+\s+){0,2}?\S*(?:할지|갈지)|"
     # or which way to aim at all (어떤 직무 노릴지, which role to aim for).
     r"(?:(?<=어떤)|(?<=어느)|(?<=무슨))\s*(?:직무|직군|진로|분야|방향|포지션)\S{0,2}\s*"
     r"(?:노릴지|갈지|할지|정할지|택할지|고를지|정해야|골라야|잡을지|잡아야)|"
     # (The look-behinds keep "what", in nearly every English question, out of
     # this pattern's literal gate: see content.literal_gate.)
     r"(?:(?<=which )|(?<=what ))(?:role|path|track|direction|career|field)\s+"
     r"(?:to|should\s+i|i\s+should)\s+(?:aim|go|pick|take|choose|target|focus)|"
     r"(?:torn|decide|deciding|choose|choosing|pick|picking)\s+between|"
     r"can'?t\s+decide\s+(?:between|which|whether)|"
     r"(?:이랑|랑|하고|vs\.?)\s+\S+(?:\s+\S+)?\s+(?:어디로|어느\s*쪽으로?)\s*(?:가야\s*할지|갈지)|"
     # or which one fits me.
     r"(?:role|job|track|path|career)\s+(?:would\s+)?(?:suits?|fits?)\s+me|"
     r"(?:나한테|저한테|나에게|저에게|제게)\s*(?:맞는|어울리는|맞을)\s*(?:직무|직군|진로|분야|길)",
     "진로 고민 직무 선택 career path choose a role"),
    # How the ability to define and solve problems is trained, not where it counts.
    (r"(?:문제\s*(?:정의|해결)|문제해결|문제정의)\S{0,6}.{0,20}"
     r"(?:키우|키워|키움|기르|길러|늘리|늘려|훈련|연습|배우|배울|단련)|"
     r"problem[- ]?(?:solving|definition|defining).{0,90}"
     r"\b(?:train|trained|training|learn|develop|build|improve|get\s+better|practi[cs]e)|"
     r"\b(?:train|learn|develop|build|improve|get\s+(?:better|good)\s+at|practi[cs]e)\s+"
     r"(?:\S+\s+){0,3}?"
     r"(?:problem[- ]?(?:solving|definition)|fram(?:e|ing)\s+(?:the\s+|an?\s+|my\s+own\s+)?problems?)|"
     # or the eye for problems others have not seen.
     r"문제\S{0,2}\s*(?:를|을)?\s*(?:찾|발견|발굴)\S*.{0,20}(?:키우|키워|기르|길러|늘리|훈련|연습|어떻게)|"
     # or finding what to solve oneself rather than being handed it.
     r"(?:뭘|무엇을|어떤\s*문제를?)\s*풀어야\s*(?:할지|하는지|될지)|"
     r"(?:문제|주제)\S{0,2}\s*(?:를|을)?\s*(?:스스로|직접|혼자)\s*(?:정하|찾|정의|만들)|"
     r"(?:스스로|직접)\s*(?:문제|주제)\S{0,2}\s*(?:를|을)?\s*(?:정하|찾|정의|만들)|"
     r"(?:figure\s+out|decide|find|come\s+up\s+with)\s+(?:on\s+my\s+own\s+)?"
     r"(?:what|which)\s+problems?\s+(?:to|i\s+should|is\s+worth)",
     "문제 해결 능력 문제해결능력 problem solving define problems"),
    # What a deep-learning player is, or whether such people come in kinds at all.
    (r"딥러닝\s*플레이어\s*(?:라는\s*(?:말|게|건|개념|단어|용어)\S{0,2}|이란|란|가|는|이)?\s*"
     r"(?:정확히|도대체|대체|그러니까|즉)?\s*(?:뭐|뭔|무슨|머|뜻|의미|정의|어떤\s*사람)|"
     # or a mix of types written as a ratio (2:5:2:1).
     r"(?<![\d:])\d\s*:\s*\d\s*:\s*\d\s*:\s*\d(?![\d:])|"
     r"(?:딥러닝|인공지능|AI|ML)\s*(?:하는|쪽)?\s*사람\S{0,2}\s*(?:도|은|는|들도|들은)?\s*"
     r"(?:종류|유형|부류)|"
     r"(?:what(?:'s|\s+is|\s+are|\s+does)|meaning\s+of|define|definition\s+of)\s+(?:an?\s+|the\s+)?"
     r"['\"‘“]?(?:deep[- ]?learning|dl)\s+players?|"
     r"(?:kinds|types|sorts)\s+of\s+(?:dl|deep[- ]?learning|ml|ai)\s+"
     r"(?:people|folks|practitioners|players)",
     "플레이어 유형 types of deep learning roles"),
    # Reaching for deep learning whatever the problem: it is not everything.
    (r"(?:throw|throwing|using|apply|applying|need|needed)\s+(?:dl|deep\s+learning|ml|neural\s+nets?)\s+"
     r"(?:at|to|on|for)\s+(?:literally\s+)?(?:every problem|all problems|any problem)|"
     r"(?:모든|무슨)\s*문제(?:든|를|에|마다)?\s*(?:다\s*)?(?:딥러닝|DL|AI)|"
     r"딥러닝\s*(?:만|으로만)\s*(?:파|하|공부|붙잡)",
     "딥러닝이 전부가 아니다 deep learning isn't everything"),
    # Whether one must be exactly one type: the types mix, in a ratio.
    (r"(?:exactly|just|only) one (?:type|category|box|bucket)|"
     r"(?:한\s*가지|하나의?|한)\s*(?:유형|타입)\S{0,2}\s*(?:에|으로|로|만)?\s*"
     r"(?:속해|정해|들어가|맞춰|딱)",
     "성향 비율 mix of types ratio"),
    # Someone who cannot code asking what part they could play: the domain expert's.
    (r"(?:코딩|프로그래밍|개발)\S{0,2}\s*(?:은|는|을|를)?\s*(?:잘|거의|전혀|하나도|아예)?\s*(?:못|모르|안\s*해)"
     r".{0,40}(?:자리|역할|낄|할\s*수\s*있는|기여)|"
     r"(?:can'?t|cannot|don'?t|barely|hardly)\s+(?:really\s+)?(?:code|program)\b.{0,60}"
     r"\b(?:role|place|fit|contribute|useful|part)|"
     r"\bnot\s+(?:a\s+)?(?:coder|programmer)\b.{0,60}\b(?:role|place|fit|contribute|useful|part)",
     "도메인 전문가 D형 현업 전문가 domain expert"),
    # How engineers rank, from ordinary to outstanding.
    (r"(?:엔지니어|개발자)\S{0,2}\s*(?:등급|레벨|급수|클래스|계급|티어)|"
     r"(?:평범한|그저\s*그런|보통|흔한|일반)\s*(?:엔지니어|개발자)\S{0,3}\s*.{0,20}"
     r"(?:뛰어난|잘하는|대단한|탑|최고|인정받는)|"
     r"\b(?:levels?|class(?:es)?|tiers?|grades?|ranks?)\s+of\s+engineers?|"
     r"\bengineers?\s+(?:levels?|class(?:es)?|tiers?)\b|"
     r"\b(?:mediocre|meh|average|ordinary|okay|decent|bad|good|great|top|best|strong|weak|"
     r"exceptional|outstanding|valuable|10x)\s+engineers?\s+(?:from|and|vs\.?|versus)\b",
     "엔지니어 등급 engineer classes"),
    # What companies want from a new hire.
    (r"(?:want|look(?:ing)?\s+for|expect)\s+(?:from|in)\s+(?:an?\s+)?(?:new\s+grads?|new\s+hires?|"
     r"entry[- ]level|juniors?|freshers?)|"
     r"신입(?:한테|에게|에게서|은|을)?\s*(?:뭘|무엇을?|어떤\s*걸)?\s*(?:원하|기대|보나|보는지|뽑)",
     "회사가 원하는 인재 what companies look for"),
    # A course or book finished: what comes after it.
    (r"(?:강의|강좌|인강|코스|책|교재)\S{0,2}\s*(?:(?:다|전부|모두|끝까지)\s*(?:들었|봤|읽었)|"
     r"(?:다\s*)?(?:끝냈|끝났|뗐|마쳤|수료))|"
     r"(?:finished|completed|done\s+with|went\s+through|wrapped\s+up|got\s+through|"
     r"(?:just|already)\s+(?:did|took))\s+(?:the\s+|an?\s+|my\s+)?"
     r"(?:[\w'’.-]+\s+){0,4}(?:course|lectures?|class|book|mooc|specialization)",
     "입문 이후 다음 단계 next step after intro course"),
    # Finding it hard to explain one's ideas, or to get through to others.
    (r"설명(?:하는|하기|을|를)?\s*(?:게|것이|거|데)?\s*(?:너무\s*|좀\s*|잘\s*)?(?:어려|힘들|못하|서툴|서툰)|"
     r"(?:대화|말)(?:이|가)?\s*(?:잘\s*)?안\s*통|"
     r"(?:hard|struggle|difficult|trouble)\s+(?:to\s+|with\s+|at\s+)?explain|"
     # Whether communication means speaking English well: that entry says it does not.
     r"(?:커뮤니케이션|소통|communication).{0,40}(?:영어|회화|스피킹|english|speaking|fluen)|"
     r"(?:영어|회화|스피킹|english|speaking|fluen).{0,40}(?:커뮤니케이션|소통|communication)",
     "소통 커뮤니케이션 communication"),
    # How much math a type of player needs: the competencies entry says it per type.
    # (Cues read the lower-cased question: a type letter is told from the article
    # "a" by the Korean particle glued to it.)
    (r"(?<![A-Za-z])[RAE]\s*(?:형|유형|타입)?\s*(?:지망\S*|(?:이면|이라면|라면|은|는|쪽|이나|나)(?![가-힣]))"
     r".{0,30}(?:수학|math)|(?:수학|math).{0,30}(?<![A-Za-z])[RAE]\s*(?:형|유형|타입)?\s*"
     r"(?:이면|라면|은|는|나|이나)(?![가-힣])",
     "필요한 역량 기초 지식 competencies skills needed"),
    # How much of a subject is enough: the basics' entry says what each level needs.
    (r"(?:수학|선형대수|미적분|통계|영어|코딩|프로그래밍)\S{0,2}\s*"
     r"(?:어디까지|얼마나|어느\s*(?:정도|수준|레벨)|몇\s*학년)|"
     r"(?:how\s+much|how\s+deep|how\s+good|what\s+level\s+of)\s+(?:at\s+)?"
     r"(?:math|maths|mathematics|linear\s+algebra|statistics|calculus|english|coding|programming)",
     "기본기 fundamentals"),
)
LATIN_ANY_CASE = frozenset({"phd", "ph.d", "new grad", "entry level", "skillset", "soft skill",
                            "faang", "maang"})

# Words before which a term is set aside ("데싸 말고 RS", "other than coding").
KO_NEGATORS = r"말고|말구|빼고|아니고|아니라|대신에?|제외하고"
EN_NEGATORS = (r"other\s+than|besides|apart\s+from|instead\s+of|rather\s+than|not\s+just|"
               r"don'?t\s+care\s+(?:much\s+)?(?:for|about)")

# Subjects the catalog does not cover, as (kind, pattern) pairs; a question that
# matches one is declined whatever catalog words it contains. Patterns run on
# the lower-cased question with its greetings removed, with ASCII word
# boundaries (``\b`` ends "nan" in "nan으로").
OFF_TOPIC: tuple[tuple[str, str], ...] = (
    ("pay", r"(?:연봉|초봉|월급|급여|인건비|성과급|보너스|스톡옵션|처우|salary|salaries|"
            r"\bpay\b|\bpaid\b|compensation|\bwage|\bincome|\btc\b)"
            r".{0,60}(?:얼마|몇|평균|보통|수준|정도|범위|how much|average|typical|range|what)|"
            r"(?:얼마|how much|average|typical|평균|보통)"
            r".{0,60}(?:연봉|초봉|월급|급여|인건비|벌어|벌까|받아|받나|받을|salary|\bpay|\bmake\b|"
            r"\bmakes\b|\bearn|\btc\b|\brsus?\b|compensation)|"
            # Which pays more (a level, not where pay is heading: that is the outlook's).
            r"(?:연봉|초봉|월급|급여)\S{0,2}\s*(?:제일|가장|더|젤)?\s*(?:높은|높아(?!질)|높나|높을까|센|쎈|많이\s*주)|"
            r"(?:highest|best|better)[-\s]paid|pays?\s+(?:the\s+)?(?:most|best|more)|"
            r"highest\s+(?:salary|salaries|pay)"),
    ("stocks", r"(?<![가-힣])주가(?!\s*되)|주식|코인|비트코인|가상화폐|(?<![가-힣])상장|매수|매도|(?<![가-힣])배당|\bstocks?\b|share price|"
               r"\bcrypto|bitcoin|\binvest"),
    ("dates", r"접수일|접수\s*기간|원서\s*접수|시험\s*(?:날짜|일정|일)|시험일|마감일|데드라인|deadline|"
              r"(?:공고|공채|채용|모집|접수|시험|마감|원서|서류).{0,15}언제(?!까지\s*(?:있|이어|갈|유지))|"
              r"언제.{0,10}(?:공고|공채|채용|모집|접수|시험|마감|원서)|"
              r"(?:몇\s*명|티오|\bto\b).{0,10}(?:뽑|채용)|"
              r"when\s+(?:is|are|do|does)\s+.{0,40}(?:due|open|deadline|announced|exam|application)"),
    ("security", r"모의\s*해킹|해킹|침투\s*테스트|펜테스트|보안\s*관제|(?<![가-힣])관제|네트워크\s*보안|정보\s*보안|"
                 r"시스템\s*보안|웹\s*해킹|리버싱|포렌식|악성\s*코드|블루\s*팀|\bctf\b|\bsoc\b|"
                 r"pen\s*test|penetration|cyber\s*security|cybersecurity|infosec|blue\s*team|"
                 r"malware|firewall|\boscp\b|\bcissp\b|network security"),
    # Help with code, errors and speed; "속도" or "계산" alone is not enough
    # ("연구 속도가 느려서", "계산 능력이 필요해요?" are career questions).
    ("code", r"에러|오류|버그|트레이스백|(?<![가-힣])설치|코드\s*(?:좀\s*)?(?:예시|짜|작성|만들어|써\s*줘|알려)|짜\s*주세요|"
             r"짜\s*줘|구현해\s*(?:줘|주세요)|(?:추론|학습|실행|훈련|inference|training)\s*(?:속도|speed)|"
             r"(?:어느|뭐|어떤)\s*(?:게|것이|쪽이)\s*(?:더\s*)?(?:빠르|빠름|빨라|느려)|빠른지|"
             r"메모리\s*(?:부족|에러|터|사용량)|\berror|\bexception|"
             r"traceback|\bbug|\binstall|out of memory|\boom\b|\bcuda\b|\bnan\b|"
             r"write (?:me )?(?:the |some |a )?code|\bfaster\b|\blatency|throughput|"
             r"(?:계산|수식)\s*(?:공식|방법|하는\s*법|해\s*줘|해\s*주세요)|formula|calculate|compute the|"
             # a function by name (type(), isinstance()), a checkpoint, or how to do
             # something in a library.
             r"[a-z_][a-z0-9_.]*\(\)|체크포인트|checkpoint|resume\s+training|typehint|type hint|타입힌트|타입 힌트|"
             r"timing out|timed out|times out|timeout|세션\S{0,2}\s*(?:끊|만료|종료)|session\s+alive|"
             r"[a-z0-9_]\.(?:json|yaml|yml|csv|ipynb)\b|[a-z0-9_]\.py\b|api\s*(?:키|토큰|key|token)|"
             r"rebase|cherry-?pick|merge\s*conflict|리베이스|머지\s*충돌|"
             # a training setting, and a formula's terms (sqrt(d_k)) or "이 식에서"
             r"\blr\s+schedul|\bscheduler\b|스케줄러|"
             r"\([a-z0-9_.,\s]*[_\d][a-z0-9_.,\s]*\)|(?<![가-힣])(?:수식에서|식에서)|"
             r"write\s+(?:me\s+)?(?:an?\s+|the\s+|some\s+)?(?:[\w-]+\s+){0,3}?"
             r"(?:code|loop|function|script|snippet)\b|"
             # (Library names of five letters or more: the gate looks for them, not "how".)
             r"how\s+(?:do|can|to|would)\s+(?:i\s+|you\s+|we\s+)?.{0,60}\bin\s+"
             r"(?:numpy|pandas|pytorch|torch|tensorflow|keras|sklearn|scikit|python|matplotlib)\b"),
    ("hardware", r"arduino|raspberry|아두이노|라즈베리|(?<!주피터)(?<!주피터 )(?<!jupyter )노트북|랩탑|맥북|그래픽\s*카드|그래픽카드|글카|(?<![가-힣])사양|(?<![가-힣])모니터(?!링)|키보드|laptop|macbook|"
                 r"graphics card|which gpu|gpu (?:should|to) buy|buy a gpu|gpu 추천|gpu 뭐"),
    ("schedule", r"발표자|발표\s*(?:누가|순서)|누가\s*발표|스터디\s*(?:몇\s*시|언제|시간)|"
                 r"(?:오늘|이번\s*주|다음\s*주|내일)\s*(?:스터디|모임|발표)|모임\s*(?:몇\s*시|시간|장소)|"
                 r"who(?:'s| is)? present|who presents|study (?:session|meeting) (?:time|today)|"
                 r"what time is"),
    ("shopping", r"(?<![가-힣])학원|과외|강남|gangnam|맛집|최저가|어디서\s*(?:사|구매|구입)|cheapest|"
                 r"where\s+(?:can\s+i|to|do\s+i|should\s+i)\s+buy|domain name|registrar|"
                 r"web\s*hosting|호스팅"),
    ("tasks", r"예측해\s*(?:줘|주세요|줄)|번역해|요약해\s*(?:줘|주세요)|predict .{0,30} for me|"
              # a paper to read on some subject (not whether reading papers helps)
              r"논문\s*(?:좀\s*)?추천해\s*(?:줘|주세요|주실)|recommend\s+(?:me\s+)?(?:a\s+|some\s+)?papers?|"
              r"good (?:arxiv )?papers? (?:on|about)|"
              r"translate this|summari[sz]e this"),
    # Other careers, unless the question brings AI into them anywhere.
    ("careers", r"^(?!.*(?:\bai\b|딥러닝|머신러닝|인공지능|데이터|모델|연구|\bml\b|\bdl\b|"
                r"deep\s*learning|machine\s*learning|\bdata\b|\bmodel|research|"
                r"이\s*쪽|이\s*분야|이\s*바닥|this\s+field))"
                r".*(?:게임\s*기획|게임\s*개발|웹\s*디자|디자이너|마케터|회계사|세무사|변호사|"
                r"로스쿨|법대|공무원|승무원|유니티|언리얼|프론트\s*엔드|퍼블리셔|파일럿|조종사|game design|"
                r"game dev|unity|unreal engine|accountant|lawyer|law school|flight attendant|"
                r"pilot|flight hours|switch(?:ing)?\s+(?:careers?\s+)?to\s+nursing)"),
    # Games, whose players and tiers are not the catalog's.
    ("games", r"롤\s*(?:티어|랭크|랭겜)|롤 플레이어|롤플레이어|티어\s*올리|리그\s*오브\s*레전드|발로란트|오버워치|"
              r"롤토체스|valorant|overwatch|league\s+of\s+legends|\brank(?:ed)?\s+games?"),
)

# Questions about using the bot itself (or naming one of its slash commands):
# declined with a pointer to /help.
ABOUT_BOT = (r"(?<![가-힣])(?:이|그|저|스터디)?\s*봇(?:이|은|을|으로|에서|한테|의|아|야|님|\s|$)|명령어|커맨드|슬래시|"
             r"\bbot\b|\bcommands?\b|slash command|this bot|(?:^|\s)/[a-z]{2,}")

# Words of distress: the answer stays, and one gentle line about support is added.
DISTRESS = (r"우울|번아웃|그만두고\s*싶|포기하고\s*싶|때려치고\s*싶|죽고\s*싶|살기\s*싫|너무\s*힘들|"
            r"버티기\s*힘들|공황|불안해|무기력|자살|depress|burn(?:ed|t)?\s*out|burnout|"
            r"want to (?:quit|give up)|wanna quit|hopeless|can't cope|cannot cope|panic attack|"
            r"suicid|mental health")
