"""Texts of /ask, /role and /faq: labels, answers and validation messages."""

MESSAGES = {
    # Commands and options
    "cmd.ask.name": {"ko": "질문", "en": "ask"},
    "cmd.ask.description": {
        "ko": "딥러닝 진로에 대해 물어보세요",
        "en": "Ask about a career in deep learning",
    },
    "cmd.ask.question": {"ko": "궁금한 것 (500자 이내)", "en": "Your question (up to 500 characters)"},
    "cmd.role.name": {"ko": "직무", "en": "role"},
    "cmd.role.description": {
        "ko": "AI 직무나 딥러닝 플레이어 유형 하나를 자세히 봅니다",
        "en": "Look at one AI job role or deep-learning player type",
    },
    "cmd.role.role": {"ko": "직무 또는 유형", "en": "Role or type"},
    "cmd.faq.name": {"ko": "faq", "en": "faq"},
    "cmd.faq.description": {"ko": "자주 묻는 질문", "en": "Frequently asked questions"},
    "cmd.faq.list.name": {"ko": "목록", "en": "list"},
    "cmd.faq.list.description": {"ko": "주제와 서버 FAQ 목록", "en": "List topics and this server's FAQ"},
    "cmd.faq.list.page": {"ko": "페이지", "en": "Page"},
    "cmd.faq.show.name": {"ko": "보기", "en": "show"},
    "cmd.faq.show.description": {"ko": "주제 하나를 봅니다", "en": "Show one topic"},
    "cmd.faq.topic": {"ko": "주제", "en": "Topic"},
    "cmd.faq.add.name": {"ko": "추가", "en": "add"},
    "cmd.faq.add.description": {
        "ko": "서버 FAQ에 항목을 추가합니다 (운영진)",
        "en": "Add an entry to this server's FAQ (moderators)",
    },
    "cmd.faq.edit.name": {"ko": "수정", "en": "edit"},
    "cmd.faq.edit.description": {
        "ko": "서버 FAQ 항목을 고칩니다 (운영진)",
        "en": "Edit an entry of this server's FAQ (moderators)",
    },
    "cmd.faq.remove.name": {"ko": "삭제", "en": "remove"},
    "cmd.faq.remove.description": {
        "ko": "서버 FAQ 항목을 지웁니다 (운영진)",
        "en": "Remove an entry from this server's FAQ (moderators)",
    },
    "cmd.faq.question_ko": {"ko": "질문 (한국어)", "en": "Question (Korean)"},
    "cmd.faq.answer_ko": {"ko": "답변 (한국어)", "en": "Answer (Korean)"},
    "cmd.faq.question_en": {"ko": "질문 (영어)", "en": "Question (English)"},
    "cmd.faq.answer_en": {"ko": "답변 (영어)", "en": "Answer (English)"},
    # Labels of the answer embed
    "knowledge.label.related": {"ko": "관련 주제", "en": "Related topics"},
    "knowledge.label.original": {"ko": "원문 보기", "en": "Read the original"},
    "knowledge.label.source": {"ko": "출처", "en": "Source"},
    "knowledge.label.thin": {"ko": "원문에 내용이 적은 항목", "en": "thinly sourced"},
    "knowledge.label.thin_note": {
        "ko": "원문에 내용이 적은 항목이라 일반적인 설명으로 보충했어요.",
        "en": "This entry is thinly sourced; general background fills the gaps.",
    },
    "knowledge.label.added_by": {"ko": "추가한 사람", "en": "Added by"},
    "knowledge.label.research_questions": {
        "ko": "예시 연구 질문",
        "en": "Example research questions",
    },
    "knowledge.label.guild_faq": {"ko": "서버 FAQ", "en": "Server FAQ"},
    "knowledge.label.other_language": {
        "ko": "이 항목은 영어로만 작성되어 있어요.",
        "en": "This entry is only written in Korean.",
    },
    "knowledge.kind.role": {"ko": "직무", "en": "Job role"},
    "knowledge.kind.player": {"ko": "플레이어 유형", "en": "Player type"},
    "knowledge.kind.tip": {"ko": "팁", "en": "Tip"},
    "knowledge.kind.qa": {"ko": "Q&A", "en": "Q&A"},
    "knowledge.kind.faq": {"ko": "서버 FAQ", "en": "Server FAQ"},
    # /ask
    "knowledge.no_answer": {
        "ko": "그 질문에 맞는 내용은 찾지 못했어요. `/faq 목록`에서 다룰 수 있는 주제를 확인해 보세요.",
        "en": "I couldn't find anything that answers that. See `/faq list` for the topics I know.",
    },
    "knowledge.no_answer.topics": {
        "ko": "답할 수 있는 직무와 유형: {topics}",
        "en": "Roles and types I can tell you about: {topics}",
    },
    "knowledge.about_bot": {
        "ko": "봇 사용법은 `/도움말`에서 볼 수 있어요. `/질문`은 딥러닝 진로와 직무에 대한 질문에 답해요.",
        "en": "See `/help` for how to use the bot. `/ask` answers questions about deep-learning "
              "careers and roles.",
    },
    "knowledge.support": {
        "ko": "마음이 많이 힘들다면 혼자 견디지 않아도 괜찮아요. 믿을 수 있는 사람이나 학교·회사의 "
              "상담 창구에 이야기해 보세요. 급할 때는 정신건강 위기상담 전화(1577-0199)가 24시간 "
              "열려 있어요.",
        "en": "If things feel heavy, you don't have to carry them alone: talk to someone you trust "
              "or to a counselling service at your school or workplace, and if you need help right "
              "now, call a local crisis line.",
    },
    "knowledge.question_empty": {
        "ko": "질문을 입력해 주세요.",
        "en": "Please type a question.",
    },
    "knowledge.question_too_long": {
        "ko": "질문은 {limit}자 이내로 써 주세요.",
        "en": "Please keep the question to {limit} characters.",
    },
    # /role
    "knowledge.roles.title": {
        "ko": "AI 직무와 딥러닝 플레이어 유형",
        "en": "AI job roles and deep-learning player types",
    },
    "knowledge.roles.jobs": {"ko": "직무", "en": "Job roles"},
    "knowledge.roles.players": {"ko": "플레이어 유형 (R/A/E/D)", "en": "Player types (R/A/E/D)"},
    "knowledge.roles.footer": {
        "ko": "`/직무`로 하나를 자세히 볼 수 있어요.",
        "en": "Use `/role` to look at one in detail.",
    },
    "knowledge.role_not_found": {
        "ko": "'{name}'(이)라는 직무나 유형은 없어요. 이름 없이 `/직무`를 쓰면 목록을 볼 수 있어요.",
        "en": "There is no role or type called '{name}'. Use `/role` without a name for the list.",
    },
    # /faq
    "knowledge.faq.list_title": {"ko": "주제와 서버 FAQ", "en": "Topics and server FAQ"},
    "knowledge.faq.page": {"ko": "{page} / {pages} 페이지 (전체 {total}개)",
                           "en": "Page {page} of {pages} ({total} in all)"},
    "knowledge.topic_not_found": {
        "ko": "'{topic}' 주제를 찾지 못했어요. `/faq 목록`에서 확인해 보세요.",
        "en": "There is no topic '{topic}'. See `/faq list`.",
    },
    "knowledge.faq.not_editable": {
        "ko": "'{topic}'{은} 기본 주제라 고치거나 지울 수 없어요. 서버 FAQ 항목(`faq.번호`)만 가능해요.",
        "en": "'{topic}' is a built-in topic; only server FAQ entries (faq.<number>) can be "
              "changed.",
    },
    "knowledge.faq.empty": {
        "ko": "한국어나 영어 중 적어도 한 언어로 질문과 답변을 함께 써 주세요.",
        "en": "Give a question and its answer in Korean, English, or both.",
    },
    "knowledge.faq.pair_incomplete_ko": {
        "ko": "한국어 질문과 한국어 답변은 함께 써야 해요.",
        "en": "The Korean question needs its Korean answer, and the other way round.",
    },
    "knowledge.faq.pair_incomplete_en": {
        "ko": "영어 질문과 영어 답변은 함께 써야 해요.",
        "en": "The English question needs its English answer, and the other way round.",
    },
    "knowledge.faq.question_too_long": {
        "ko": "질문은 {limit}자 이내로 써 주세요.",
        "en": "Please keep each question to {limit} characters.",
    },
    "knowledge.faq.answer_too_long": {
        "ko": "답변은 {limit}자 이내로 써 주세요.",
        "en": "Please keep each answer to {limit} characters.",
    },
    "knowledge.faq.full": {
        "ko": "서버 FAQ는 {limit}개까지 저장할 수 있어요. 오래된 항목을 지우고 다시 시도해 주세요.",
        "en": "A server FAQ holds up to {limit} entries. Remove an old one and try again.",
    },
    "knowledge.faq.added": {"ko": "서버 FAQ에 `{id}`{을} 추가했어요.",
                            "en": "Added `{id}` to the server FAQ."},
    "knowledge.faq.edited": {"ko": "`{id}`{을} 고쳤어요.", "en": "Updated `{id}`."},
    "knowledge.faq.removed": {"ko": "`{id}`{을} 지웠어요.", "en": "Removed `{id}`."},
    "knowledge.faq.unknown_author": {"ko": "(알 수 없음)", "en": "(unknown)"},
}
