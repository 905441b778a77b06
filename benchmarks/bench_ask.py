"""/ask quality and speed: top-1 accuracy, recall@3, off-topic declined, latency.

Runs the dev questions (``shared/eval/qa-dev.yaml``), the realistic questions
(``shared/eval/qa-dev-realistic.yaml``: greetings, background, slang,
abbreviations, code-switching, and off-topic questions that contain a catalog
word), ``benchmarks/qa_extra.yaml`` and ``benchmarks/qa_members.yaml`` (674
questions by writers who had not seen the catalog) against the shipped catalog, then again
with 5,000 synthetic guild FAQ entries layered on top (as a guild's FAQ is at
run time), and with the realistic guild FAQ of ``benchmarks/qa_guild_faq.yaml``
layered on top (its entries must not capture catalog questions). That file's
own member questions run against it too: they must find the guild's entries,
in the members' words, ahead of the catalog.

The "faq topics" row asks questions about the 5,000 synthetic FAQ entries'
own topics, written as members would (not the entries' questions), in Korean
and English; several entries share a question (a paper's reading time), and
any of them counts as the answer. Its p99 target is 3 ms.

The "greeting robustness" row asks every dev question again with a greeting
or a closing added (several, in the question's language) and counts how many
keep the answer the plain question gets.

Targets: top-1 >= 0.92, recall@3 >= 0.97, off-topic declined >= 0.90 on the
realistic set (>= 0.90 top-1 on the others; the faq topics row: top-1 >= 0.90,
recall@3 >= 0.95), greeting robustness >= 0.97, and p99 < 5 ms everywhere, also
with 5,000 FAQ entries (< 3 ms on the faq topics row).

    python -m benchmarks.bench_ask [DEV_YAML] [--realistic YAML] [--smoke] [--compare]

``--compare`` also measures the tokenizer alternatives the ranking was chosen
from (Hangul syllable 2+3-grams, no Latin trigrams, no whole-phrase terms, no
question reading (``content.intent``), and the Kiwi morphological analyzer if
kiwipiepy is installed). On dev + realistic + extra together (263 questions)
they measured top-1 / recall@3 / declined: chosen (2-grams + Latin trigrams +
phrases + question reading) 0.933 / 0.986 / 1.000; 2+3-grams 0.929 / 0.981 /
1.000; no Latin trigrams 0.905 / 0.967 / 1.000; no phrases 0.871 / 0.938 /
1.000; no question reading 0.895 / 0.976 / 0.679. Earlier, on dev + extra
alone, Kiwi measured 0.908 / 0.969 / 0.864 against the bigrams' 0.939 / 0.985
/ 0.909, and costs ~3 s and ~500 MB resident at start-up.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from benchmarks._measure import percentile
from content import search
from content.analysis import Analyzer
from content.documents import Document, faq_document
from content.intent import ReadQuestion, forget_words
from content.language import detect_language
from content.loader import load_catalog
from content.search import SearchIndex, catalog_index

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DEV = REPO.parent / "shared" / "eval" / "qa-dev.yaml"
DEFAULT_REALISTIC = REPO.parent / "shared" / "eval" / "qa-dev-realistic.yaml"
EXTRA = Path(__file__).resolve().parent / "qa_extra.yaml"
MEMBERS = Path(__file__).resolve().parent / "qa_members.yaml"
GUILD_FAQ = Path(__file__).resolve().parent / "qa_guild_faq.yaml"
TARGETS = {"top1": 0.90, "recall3": 0.97, "declined": 0.90}
REALISTIC_TARGETS = {"top1": 0.92, "recall3": 0.97, "declined": 0.90}
GREETING_TARGET = 0.97
P99_TARGET_MS = 5.0
# Questions on a 5,000-entry guild FAQ's own topics (issue 17): p99 under 3 ms.
FAQ_TOPIC_P99_TARGET_MS = 3.0
FAQ_TOPIC_TARGETS = {"top1": 0.90, "recall3": 0.95}
# Greetings and closings members add around a question, per language.
GREETINGS = {
    "ko": ("안녕하세요! {q}", "{q} 감사합니다!", "안녕하세요 여러분ㅎㅎ {q}",
           "{q} 답변 부탁드려요ㅠㅠ", "반가워요~ 질문 있어요! {q}", "{q} 미리 감사드립니다 :)"),
    "en": ("Hi! {q}", "{q} Thanks!", "Hey folks, {q}", "{q} thanks in advance",
           "Hello everyone, quick question: {q}", "{q} Cheers!"),
}


@dataclass(frozen=True)
class Question:
    text: str
    expect: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    label: str
    top1: float
    recall3: float
    declined: float
    p50_ms: float
    p99_ms: float
    misses: tuple[str, ...]
    # The same, in CPU time of this process: on a busy machine the wall-clock
    # tail is mostly waiting for a core, which this leaves out.
    cpu_p99_ms: float = 0.0

    def line(self) -> str:
        return (f"{self.label:<38} top1={self.top1:.3f} recall@3={self.recall3:.3f} "
                f"declined={self.declined:.3f} p50={self.p50_ms:.3f} ms p99={self.p99_ms:.3f} ms "
                f"(cpu p99={self.cpu_p99_ms:.3f} ms)")


def load_questions(path: Path) -> list[Question]:
    """Questions and their acceptable ids from an eval YAML file."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Question(str(item["q"]), tuple(item.get("expect") or ())) for item in raw]


def load_guild_faq(path: Path) -> tuple[list[Document], list[Question]]:
    """A guild's FAQ entries (as documents) and the member questions about them."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    documents = [
        faq_document(
            str(item["id"]),
            [str(item[lang]["q"]) for lang in ("ko", "en") if lang in item],
            [str(item[lang]["a"]) for lang in ("ko", "en") if lang in item],
        )
        for item in raw["entries"]
    ]
    questions = [Question(str(item["q"]), tuple(item.get("expect") or ()))
                 for item in raw["questions"]]
    return documents, questions


def greeting_robustness(
    index: SearchIndex, questions: Sequence[Question]
) -> tuple[float, list[str]]:
    """The share of (question, greeting) pairs whose answer (or decline) stays
    what the plain question gets, and the pairs that changed."""
    kept = total = 0
    changed: list[str] = []
    for question in questions:
        plain = index.search(question.text).best
        for template in GREETINGS[detect_language(question.text)]:
            greeted = template.format(q=question.text)
            best = index.search(greeted).best
            total += 1
            if (best.key if best else None) == (plain.key if plain else None):
                kept += 1
            else:
                changed.append(f"{greeted!r}: {best.key if best else None}, "
                               f"plain {plain.key if plain else None}")
    return (kept / total if total else 1.0), changed


def guild_layer(base: SearchIndex, documents: Sequence[Document]) -> SearchIndex:
    """A guild layer over ``base`` holding ``documents``."""
    layer = base.layer()
    for document in documents:
        layer.add(document)
    return layer


def evaluate(label: str, index: SearchIndex, questions: Sequence[Question], repeats: int) -> Report:
    """Score ``index`` on ``questions``; each is timed ``repeats`` times."""
    latencies: list[float] = []
    cpu: list[float] = []
    top1 = recall3 = declined = on_topic = off_topic = 0
    misses: list[str] = []
    for question in questions:
        ranking = index.search(question.text)
        for _ in range(repeats):
            # Timed as if none of its words had been seen before (a running bot
            # keeps each word's terms; its members reuse most of their words).
            index.analyzer.forget_words()
            forget_words()
            start, start_cpu = time.perf_counter(), time.thread_time()
            index.search(question.text)
            latencies.append(time.perf_counter() - start)
            cpu.append(time.thread_time() - start_cpu)
        best = ranking.best.key if ranking.best else None
        if question.expect:
            on_topic += 1
            top1 += best in question.expect
            top3 = [hit.key for hit in ranking.hits[:3]] if ranking.answered else []
            recall3 += any(key in question.expect for key in top3)
            if best not in question.expect:
                expected = list(question.expect[:3]) + (
                    [f"... {len(question.expect)} in all"] if len(question.expect) > 3 else [])
                misses.append(f"{question.text!r}: expected {expected}, got {best}")
        else:
            off_topic += 1
            declined += best is None
            if best is not None:
                misses.append(f"{question.text!r}: off-topic, but answered {best}")
    return Report(
        label,
        top1 / on_topic if on_topic else 1.0,
        recall3 / on_topic if on_topic else 1.0,
        declined / off_topic if off_topic else 1.0,
        percentile(latencies, 50) * 1000,
        percentile(latencies, 99) * 1000,
        tuple(misses),
        percentile(cpu, 99) * 1000,
    )


# Realistic guild FAQ material: the logistics a study group answers again and again.
_PAPERS = ["Attention Is All You Need", "ResNet", "BERT", "ViT", "CLIP", "DDPM", "GPT-3", "LoRA",
           "Adam", "Batch Normalization", "U-Net", "YOLO", "Word2Vec", "GAN", "Chinchilla"]
_TOOLS = ["PyTorch", "CUDA", "Docker", "conda", "JupyterLab", "Weights & Biases", "Hugging Face",
          "Colab", "VS Code", "Git"]
_DAYS_KO = ["월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"]
_DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_CHANNELS = ["공지", "질문방", "자료실", "잡담", "논문리딩", "모각코"]
_TEMPLATES: list[tuple[str, str, str, str]] = [
    ("{n}기 스터디 모집은 언제 하나요?",
     "{n}기 모집은 {m}월 {d}일부터 #{ch} 채널에서 받아요. 선착순이 아니라 지원서를 보고 뽑습니다.",
     "When does recruiting for cohort {n} open?",
     "Applications for cohort {n} open on {m}/{d} in #{ch}. We select from the applications."),
    ("{paper} 논문 리딩은 몇 시에 시작해요?",
     "{paper} 리딩은 {day} 저녁 {h}시에 음성 채널에서 시작합니다. "
     "발제자는 전날까지 자료를 올려 주세요.",
     "What time does the {paper} reading session start?",
     "The {paper} session starts {day_en} at {h} pm in the voice channel. Presenters upload slides "
     "the day before."),
    ("{tool} 설치하다 오류가 나면 어디에 물어봐요?",
     "{tool} 관련 오류는 #{ch} 채널에 에러 메시지 전체와 실행한 명령을 같이 올려 주세요.",
     "Where do I ask when installing {tool} fails?",
     "Post {tool} errors in #{ch} with the full error message and the command you ran."),
    ("GPU 서버 {n}번 계정은 어떻게 신청하나요?",
     "운영진에게 DM으로 이름과 사용 목적을 보내 주세요. "
     "서버 {n}번은 한 번에 {h}시간까지 쓸 수 있어요.",
     "How do I get an account on GPU server {n}?",
     "DM an organiser with your name and what you need it for. Server {n} can be booked for "
     "{h} hours at a time."),
    ("{n}주차 과제 마감이 언제예요?",
     "{n}주차 과제는 {day} 자정까지 깃허브 저장소에 PR로 제출하면 됩니다. "
     "늦으면 #{ch}에 말해 주세요.",
     "When is the week {n} assignment due?",
     "Week {n} is due {day_en} at midnight as a pull request to the GitHub repository. Tell us in "
     "#{ch} if you will be late."),
    ("{day} 모각코 장소가 어디예요?",
     "{day} 모각코는 강남역 근처 스터디 카페 {n}층에서 {h}시부터 해요. "
     "못 오면 온라인으로 참여해도 돼요.",
     "Where is the {day_en} co-working session?",
     "The {day_en} session is on floor {n} of the study cafe near Gangnam station from {h}. You "
     "can join online instead."),
    ("멘토링 {n}차 신청은 어떻게 해요?",
     "{n}차 멘토링은 #{ch} 채널 고정 메시지의 폼으로 신청합니다. "
     "원하는 주제와 시간대를 적어 주세요.",
     "How do I sign up for mentoring round {n}?",
     "Use the form pinned in #{ch} for round {n}. Write the topic and times that suit you."),
    ("{paper} 구현 코드는 어디서 볼 수 있나요?",
     "{paper} 구현은 스터디 깃허브 조직의 {tool} 폴더에 있어요. 이슈로 질문 남겨도 됩니다.",
     "Where can I find our {paper} implementation?",
     "Our {paper} implementation is in the {tool} folder of the study group's GitHub organisation. "
     "Questions are welcome as issues."),
    ("발표 자료는 어디에 올리나요? ({n}회차)",
     "{n}회차 발표 자료는 #{ch} 채널에 PDF로 올려 주세요. 파일 이름은 날짜_이름 형식이에요.",
     "Where do I upload slides for session {n}?",
     "Upload session {n} slides as PDF to #{ch}, named date_name."),
    ("출석 체크는 어떻게 하나요? {n}월에도 같은가요?",
     "{n}월에도 모임 시작 {h}분 안에 /checkin 명령을 쓰면 출석으로 기록돼요.",
     "How does attendance work? Is it the same in month {n}?",
     "In month {n} too, use /checkin within {h} minutes of the start and you are marked present."),
]


# How members ask about each template's entries, in words of their own (not the
# entry's question), one Korean and one English per template, same slots.
_MEMBER_ASKS: list[tuple[str, str]] = [
    ("혹시 {n}기 모집 언제부터 받는지 아시는 분?", "when can I apply for cohort {n}"),
    ("{paper} 리딩 몇시에 해요??", "what time do we read {paper}"),
    ("{tool} 깔다가 에러 났는데 어디다 물어보면 돼요",
     "got an error installing {tool}, where to ask"),
    ("GPU 서버 {n}번 쓰고 싶은데 계정 신청 어떻게 해요", "how can I get access to gpu server {n}"),
    ("{n}주차 과제 언제까지 내야 돼요?", "week {n} assignment deadline?"),
    ("{day} 모각코 어디서 모여요?", "where do we meet for the {day_en} co-working"),
    ("멘토링 {n}차 신청하고 싶은데 어떻게 하면 돼요", "sign up for mentoring round {n} how"),
    ("{paper} 구현 코드 어디 있어요?", "where is the {paper} implementation code"),
    ("{n}회차 발표 자료 어디에 올려요?", "where should I upload my slides for session {n}"),
    ("{n}월 출석은 어떻게 찍어요?", "how do I check in for attendance in month {n}"),
]


def _faq_slots(count: int, seed: int) -> Iterator[tuple[int, dict[str, Any]]]:
    rng = random.Random(seed)
    for number in range(1, count + 1):
        day = rng.randrange(7)
        yield number, {
            "n": number, "m": rng.randint(1, 12), "d": rng.randint(1, 28), "h": rng.randint(1, 9),
            "ch": rng.choice(_CHANNELS), "paper": rng.choice(_PAPERS), "tool": rng.choice(_TOOLS),
            "day": _DAYS_KO[day], "day_en": _DAYS_EN[day],
        }


def synthetic_faq(count: int, seed: int = 7) -> Iterator[Document]:
    """``count`` distinct, realistic Korean/English FAQ entries."""
    for number, slots in _faq_slots(count, seed):
        q_ko, a_ko, q_en, a_en = _TEMPLATES[number % len(_TEMPLATES)]
        yield faq_document(
            f"faq.{number}",
            (q_ko.format(**slots), q_en.format(**slots)),
            (a_ko.format(**slots), a_en.format(**slots)),
        )


def faq_topic_questions(count: int, asked: int, seed: int = 7) -> list[Question]:
    """Member questions about ``asked`` of the ``count`` entries of ``synthetic_faq``
    (in Korean and in English), each expecting any entry with that entry's question
    (several entries share one, such as a paper's reading time)."""
    entries = list(_faq_slots(count, seed))
    same_question: dict[str, list[str]] = {}
    for number, slots in entries:
        template = _TEMPLATES[number % len(_TEMPLATES)]
        for question in (template[0], template[2]):
            same_question.setdefault(question.format(**slots), []).append(f"faq.{number}")
    questions: list[Question] = []
    for number, slots in random.Random(seed).sample(entries, min(asked, len(entries))):
        template = _TEMPLATES[number % len(_TEMPLATES)]
        member = _MEMBER_ASKS[number % len(_TEMPLATES)]
        for entry_question, asked_as in ((template[0], member[0]), (template[2], member[1])):
            expect = same_question[entry_question.format(**slots)]
            questions.append(Question(asked_as.format(**slots), tuple(expect)))
    return questions


def with_faq(base: SearchIndex, count: int) -> tuple[SearchIndex, float, float]:
    """A guild layer over ``base`` with ``count`` FAQ entries; also the build
    time in seconds and the layer's memory in MiB."""
    tracemalloc.start()
    start = time.perf_counter()
    layer = base.layer()
    for document in synthetic_faq(count):
        layer.add(document)
    seconds = time.perf_counter() - start
    memory = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    return layer, seconds, memory


def _variants() -> list[tuple[str, Callable[[], Analyzer]]]:
    variants: list[tuple[str, Callable[[], Analyzer]]] = [
        ("hangul 2-grams + latin trigrams", Analyzer),
        ("hangul 2+3-grams", lambda: Analyzer(hangul_ngrams=(2, 3))),
        ("no latin trigrams", lambda: Analyzer(latin_trigrams=False)),
    ]
    try:
        from benchmarks._kiwi_analyzer import KiwiAnalyzer
    except ImportError:
        print("(kiwipiepy not installed: the Kiwi variant is skipped)")
    else:
        variants.append(("kiwi morphemes", KiwiAnalyzer))
    return variants


def compare(questions: Sequence[Question], repeats: int) -> None:
    """Accuracy, build time and memory of each tokenizer alternative."""
    catalog = load_catalog()
    print("\n== tokenizer alternatives (all question sets together) ==")
    for label, make in _variants():
        tracemalloc.start()
        start = time.perf_counter()
        index = catalog_index(catalog, make())
        seconds = time.perf_counter() - start
        memory = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        report = evaluate(label, index, questions, repeats)
        print(f"{report.line()}  build={seconds * 1000:.0f} ms peak={memory:.1f} MiB")
    original = search._is_name
    search._is_name = lambda text, analyzer: False
    try:
        report = evaluate("no whole-phrase terms", catalog_index(catalog), questions, repeats)
        print(report.line())
    finally:
        search._is_name = original
    reading = search.read_question
    search.read_question = lambda text: ReadQuestion(text, None, False, False)
    try:
        report = evaluate("no question reading", catalog_index(catalog), questions, repeats)
        print(report.line())
    finally:
        search.read_question = reading


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev", nargs="?", type=Path, default=DEFAULT_DEV,
                        help="the dev questions (default: ../shared/eval/qa-dev.yaml)")
    parser.add_argument("--realistic", type=Path, default=DEFAULT_REALISTIC,
                        help="the realistic questions (default: "
                             "../shared/eval/qa-dev-realistic.yaml)")
    parser.add_argument("--smoke", action="store_true", help="small sizes, for CI")
    parser.add_argument("--compare", action="store_true", help="also measure the alternatives")
    args = parser.parse_args(argv)
    repeats, faq_count = (2, 300) if args.smoke else (20, 5000)

    sets: list[tuple[str, list[Question], dict[str, float]]] = []
    for name, path, targets in (("dev", args.dev, TARGETS),
                                ("realistic", args.realistic, REALISTIC_TARGETS)):
        if path.exists():
            sets.append((name, load_questions(path), targets))
        else:
            print(f"(no {name} questions at {path}; skipped)")
    sets.append(("extra", load_questions(EXTRA), TARGETS))
    sets.append(("members", load_questions(MEMBERS), TARGETS))
    guild_documents, guild_questions = load_guild_faq(GUILD_FAQ)

    start = time.perf_counter()
    index = catalog_index(load_catalog())
    print(f"catalog loaded and indexed in {(time.perf_counter() - start) * 1000:.0f} ms "
          f"({len(index)} entries)")
    layered, seconds, memory = with_faq(index, faq_count)
    print(f"{faq_count} FAQ entries indexed in {seconds * 1000:.0f} ms, "
          f"layer memory {memory:.1f} MiB")

    guild = guild_layer(index, guild_documents)
    runs: list[tuple[str, SearchIndex, list[Question], dict[str, float]]] = []
    for name, questions, targets in sets:
        runs += [(f"{name}: catalog", index, questions, targets),
                 (f"{name}: catalog + {faq_count} FAQ", layered, questions, TARGETS),
                 (f"{name}: catalog + guild FAQ", guild, questions, targets)]
    runs.append((f"guild: catalog + {len(guild_documents)} guild FAQ", guild,
                 guild_questions, TARGETS))
    faq_topics = faq_topic_questions(faq_count, 30 if args.smoke else 200)
    faq_topic_label = f"faq topics: catalog + {faq_count} FAQ"
    runs.append((faq_topic_label, layered, faq_topics, FAQ_TOPIC_TARGETS))

    failed: list[str] = []
    for label, searched, questions, targets in runs:
        report = evaluate(label, searched, questions, repeats)
        print(report.line())
        for miss in report.misses:
            print(f"    miss {miss}")
        for metric, target in targets.items():
            if getattr(report, metric) < target:
                failed.append(f"{label}: {metric} {getattr(report, metric):.3f} < {target}")
        p99_target = FAQ_TOPIC_P99_TARGET_MS if label == faq_topic_label else P99_TARGET_MS
        if report.p99_ms >= p99_target:
            failed.append(f"{label}: p99 {report.p99_ms:.2f} ms >= {p99_target} ms")
    dev = next((questions for name, questions, _ in sets if name == "dev"), None)
    if dev is not None:
        share, changed = greeting_robustness(index, dev)
        print(f"{'greeting robustness (dev + greeting)':<38} kept={share:.3f} "
              f"({len(changed)} of {len(dev) * len(GREETINGS['ko'])} changed)")
        for change in changed:
            print(f"    changed {change}")
        if share < GREETING_TARGET:
            failed.append(f"greeting robustness {share:.3f} < {GREETING_TARGET}")
    if args.compare:
        compare([q for _, questions, _ in sets for q in questions], repeats)
    print("\nall targets met" if not failed else "\ntargets missed:\n  " + "\n  ".join(failed))
    # --smoke only proves the benchmark runs (its sizes say nothing about speed).
    return 0 if not failed or args.smoke else 1


if __name__ == "__main__":
    sys.exit(main())
