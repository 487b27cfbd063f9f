"""Candidate conflicts between clauses of different issuers.

Two clauses are a candidate when they are about the same subject and either
- their modality is opposed: one permits (允许, 可以, 鼓励, 优先 …) what the other forbids
  (不得, 禁止, 严禁, 不准, 一律, 不收 …) — ``kind="modality"``; or
- their numbers are incompatible: one caps a quantity below what the other grants (a 3-year
  cap against up to 6 years) — ``kind="number"``.

Subject: topics of ``SUBJECTS`` and jieba words shared, weighted by inverse document
frequency over the library (rare words name a subject). Modality: the act a modal governs is
the text from the modal to the end of its clause segment; a pair needs the permitted and the
forbidden act to share rare character bigrams (robust to segmentation: 配备专车 / 人员配备) or
a topic. Numbers are compared by normalised unit (年/个月/工作日, 万元/元, %/成) and direction
(a cap or floor word governs the next number of its segment) and need shared words around
the two numbers. weight = act or number-context overlap + 0.5·subject + 0.5 if the levels
differ; score = 1 − exp(−weight/2) (× 0.95 for numbers). Only clauses sharing an index key
are compared; keys in more than ``MAX_POSTING`` clauses are too common to name a subject.
A missing issuer is treated as unknown, i.e. possibly different from any other.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from luodi.text.model import ClauseInput, ConflictCandidate
from luodi.text.numbers import Quantity, quantities
from luodi.text.vague import segment

__all__ = ["MAX_POSTING", "SUBJECTS", "conflict_candidates"]

# topic → trigger words: different wordings of the same subject
SUBJECTS: dict[str, tuple[str, ...]] = {
    "子女入学": ("入学", "择校", "就读", "中小学", "学位", "转学", "子女教育", "插班"),
    "兼职创业": ("兼职", "在职创业", "离岗创业", "任职", "创办企业", "领办企业", "持股"),
    "落户": ("落户", "户口", "户籍"),
    "人才住房": ("人才公寓", "人才房", "住房", "购房", "租房", "安居"),
    "科研经费": ("科研经费", "项目经费", "经费管理", "横向课题", "间接费用"),
    "税收": ("所得税", "税前扣除", "个人所得税", "减免税"),
    "外籍人才居留": ("居留", "签证", "出入境", "外籍"),
    "职称评审": ("职称", "评审", "破格"),
    "编制岗位": ("编制", "岗位设置", "专业技术岗位"),
    "薪酬报酬": ("报酬", "薪酬", "绩效工资", "奖励性"),
    "创业资助": ("创业资助", "扶持资金", "启动资金", "创业扶持", "贴息", "创业补贴"),
}
_TRIGGERS = re.compile(
    "|".join(sorted({w for ws in SUBJECTS.values() for w in ws}, key=len, reverse=True))
)
_TOPIC = {w: topic for topic, ws in SUBJECTS.items() for w in ws}

_PERMIT = re.compile(
    r"(?<![不非许认])(允许|准许|可以|可(?!能|持续|行|靠|见|观|信|比|控|视|口|再生|达)|鼓励|支持|"
    r"优先|准予|开辟|放宽|给予|自主|自由)"
)
_FORBID = re.compile(
    r"不得(?!低于|少于|超过|高于)|禁止|严禁|不准|一律|不收|不予|不允许|不可以|不再|不售"
)
# a cap or floor word governs the next number of its clause segment (最多不超过年薪的1倍)
_CAP = re.compile(r"最高|最多|最长|不超过|不高于|不得超过|上限|至多|封顶|以内|以下|延至|延长至")
_FLOOR = re.compile(r"不低于|不少于|不得低于|最低|至少|下限|以上")
_SEGMENT_END = re.compile(r"[，。；：,;]")
_CHENG = re.compile(r"([一二两三四五六七八九]|[1-9])成")

# Words that carry no subject: function words, modality, the policy vocabulary itself.
_STOP = frozenset(
    str.split(
        "人才 企业 单位 给予 按照 规定 政策 可以 不得 相关 有关 部门 工作 进行 "
        "实施 我市 本市 应当 允许 鼓励 优先 禁止 严禁 不准 一律 以上 以下 以内 "
        "不超过 最高 最长 期限 有效 符合 条件 对于 其中 以及 或者 并且 办法 意见 "
        "通知 执行 落实 按规定 明确 开展 加强 推进 建立 完善 支持 提供 相应 同意 "
        "所在 经所在 获得 享受 申请 最多 可达 不收 准许 不予 不允许 任何 名义 标准 "
        "每人 每年 每人每年 每人每天 作为 用于 安排 按照 比例"
    )
)
_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_STOP_CHARS = frozenset("的和与及或对为其等在了是由按将以可不得予准许止严禁律一")
# A key found in more clauses than this (8 % of the library, at least 150, at most 500)
# names no particular subject; skipping it keeps the pair count near linear.
MAX_POSTING = 500
MIN_POSTING_CAP = 150
POSTING_SHARE = 0.08
# A number conflict needs this much shared subject around the two numbers.
MIN_NUMBER_WEIGHT = 1.0
# A modality conflict needs this much overlap between the permitted and the forbidden act.
MIN_ACT_WEIGHT = 0.9
_COMPARABLE = ("duration", "money", "ratio", "count", "area", "age")


@dataclass(frozen=True)
class _Number:
    quantity: Quantity
    value: float
    bound: str | None
    dimension: str  # the kind; for counts the unit too (2倍 is not 2次)
    context: frozenset[str]  # words of the number's clause segment


@dataclass(frozen=True)
class _Profile:
    clause: ClauseInput
    topics: frozenset[str]
    words: frozenset[str]
    permit: str | None
    forbid: str | None
    permitted: frozenset[str]  # bigrams of the acts the permits govern (modal … segment end)
    forbidden: frozenset[str]  # bigrams of the forbidden acts
    act_topics: tuple[
        frozenset[str], frozenset[str]
    ]  # topics named in the permitted/forbidden acts
    numbers: tuple[_Number, ...]


def _bigrams(text: str) -> frozenset[str]:
    grams = set()
    for run in _HAN_RUN.findall(text):
        for k in range(len(run) - 1):
            gram = run[k : k + 2]
            if not (gram[0] in _STOP_CHARS and gram[1] in _STOP_CHARS):
                grams.add(gram)
    return frozenset(grams)


def _scope(text: str, pattern: re.Pattern[str]) -> str:
    """The acts a modal governs: from the modal to the end of its clause segment."""
    acts = []
    for m in pattern.finditer(text):
        rest = text[m.end() :]
        stop = _SEGMENT_END.search(rest)
        acts.append(rest[: stop.start() if stop else len(rest)])
    return "，".join(acts)


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in segment(text) if _HAN_WORD.match(w) and w not in _STOP)


def _percent(m: re.Match[str]) -> str:
    """三成 → 百分之三十, 3成 → 30% (a tenth is ten per cent)."""
    digit = m.group(1)
    return f"{int(digit) * 10}%" if digit.isdigit() else f"百分之{digit.replace('两', '二')}十"


def _numbers(text: str) -> tuple[_Number, ...]:
    text = _CHENG.sub(_percent, text)
    found = []
    for q in quantities(text):
        if q.kind not in _COMPARABLE or q.value is None:
            continue
        seg_start = max((m.end() for m in _SEGMENT_END.finditer(text, 0, q.start)), default=0)
        stop = _SEGMENT_END.search(text, q.end)
        seg_end = stop.start() if stop else len(text)
        bound = q.bound
        if bound is None:
            before, after = text[seg_start : q.start], text[q.end : q.end + 3]
            if _CAP.search(before) or _CAP.match(after):
                bound = "max"
            elif _FLOOR.search(before) or _FLOOR.match(after):
                bound = "min"
        dimension = q.kind + (":" + q.unit if q.kind == "count" else "")
        context = _words(text[seg_start:seg_end]) | _words(text[max(0, seg_start - 12) : q.start])
        found.append(_Number(q, q.value, bound, dimension, context))
    return tuple(found)


def _topics(text: str) -> frozenset[str]:
    return frozenset(_TOPIC[m.group()] for m in _TRIGGERS.finditer(text))


def _profile(clause: ClauseInput) -> _Profile:
    text = clause.text
    topics = _topics(text)
    permit = _PERMIT.search(text)
    forbid = _FORBID.search(text)
    permitted = _scope(text, _PERMIT) if permit else ""
    forbidden = _scope(text, _FORBID) if forbid else ""
    return _Profile(
        clause,
        topics,
        _words(text),
        permit.group() if permit else None,
        forbid.group() if forbid else None,
        _bigrams(permitted),
        _bigrams(forbidden),
        (_topics(permitted), _topics(forbidden)),
        _numbers(text),
    )


# place → the place that contains it (general knowledge; used to tell whether two issuers'
# jurisdictions overlap). Places not listed are compared by level only.
CONTAINED_IN: dict[str, str] = {
    **dict.fromkeys(
        str.split("杭州 宁波 温州 绍兴 嘉兴 湖州 金华 台州 衢州 舟山 丽水 义乌 C区"), "浙江"
    ),
    **dict.fromkeys(["广州", "深圳", "珠海", "佛山", "东莞"], "广东"),
    **dict.fromkeys(["南京", "苏州", "无锡", "常州"], "江苏"),
    **dict.fromkeys(["武汉", "宜昌", "襄阳"], "湖北"),
    **dict.fromkeys(["成都", "绵阳"], "四川"),
    **dict.fromkeys(["西安", "咸阳"], "陕西"),
    **dict.fromkeys(["海口", "三亚"], "海南"),
    **dict.fromkeys(["滨江", "西湖", "余杭", "上城", "拱墅", "萧山", "钱塘", "临平"], "杭州"),
    **dict.fromkeys(["天河", "越秀", "海珠", "黄埔", "番禺"], "广州"),
    **dict.fromkeys(["南山", "福田", "罗湖", "宝安"], "深圳"),
    **dict.fromkeys(["浦东", "徐汇", "黄浦", "静安", "闵行", "临港"], "上海"),
    **dict.fromkeys(["海淀", "朝阳", "东城", "西城", "丰台"], "北京"),
}
_PLACE = re.compile(r"^([A-Z]|[\u4e00-\u9fff]{1,4}?)(?:省|市|区|县|新区)")


def _places(issuer: str) -> list[str]:
    """The issuer's place and the places containing it, innermost first ([] if unknown)."""
    m = _PLACE.match(issuer)
    if not m:
        return []
    chain = [m.group(1) if m.group(1) != "C" else "C区"]
    while chain[-1] in CONTAINED_IN and len(chain) < 4:
        chain.append(CONTAINED_IN[chain[-1]])
    return chain


def _may_conflict(a: ClauseInput, b: ClauseInput) -> bool:
    """Different issuers whose jurisdictions may overlap: a missing issuer or a body without
    a place (国务院, 公安部) may overlap anything; places overlap when one contains the other,
    and are disjoint when they are different places within one known province, in different
    known provinces, or different unlisted places of the same level."""
    if a.issuer is None or b.issuer is None:
        return True
    if a.issuer == b.issuer:
        return False
    pa, pb = _places(a.issuer), _places(b.issuer)
    if not pa or not pb or pa[0] in pb or pb[0] in pa:
        return True
    known = set(CONTAINED_IN.values())
    if pa[-1] == pb[-1] or (pa[-1] in known and pb[-1] in known):
        return False
    return a.level != b.level and (pa[-1] not in known or pb[-1] not in known)


_LEVEL_RANK = {"central": 0, "province": 1, "provincial": 1, "city": 2, "district": 3, "county": 3}


def _clashes(a: _Profile, b: _Profile) -> list[tuple[_Number, _Number]]:
    """Pairs (low, high) of values of the same dimension (normalised unit) where one is a cap
    the other exceeds or a floor the other falls below. When the levels are known, a lower
    level may be stricter than the level above (10 days within a 30-day limit) but not
    looser."""
    ra = _LEVEL_RANK.get(a.clause.level or "")
    rb = _LEVEL_RANK.get(b.clause.level or "")
    found = []
    for qa in a.numbers:
        for qb in b.numbers:
            if qa.dimension != qb.dimension or qa.value == qb.value:
                continue
            low, high = (qa, qb) if qa.value < qb.value else (qb, qa)
            if not (low.bound == "max" or high.bound == "min"):
                continue
            if ra is not None and rb is not None and ra != rb:
                upper, lower = (qa, qb) if ra < rb else (qb, qa)
                if (upper.bound == "max" and lower.value < upper.value) or (
                    upper.bound == "min" and lower.value > upper.value
                ):
                    continue
            found.append((low, high))
    return found


def _shared_keys(profiles: list[_Profile]) -> dict[tuple[int, int], set[str]]:
    """For each pair that may conflict (permit × forbid, or both with numbers), the keys they
    share: words, topics (``#topic``) and bigrams of a permitted and a forbidden act
    (``~gram``)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        if p.permit or p.forbid or p.numbers:
            for key in p.words | {"#" + t for t in p.topics}:
                postings[key].append(i)
        for act in p.permitted | p.forbidden:
            postings["~" + act].append(i)
    cap = min(MAX_POSTING, max(MIN_POSTING_CAP, int(POSTING_SHARE * len(profiles))))
    shared: dict[tuple[int, int], set[str]] = defaultdict(set)
    for key, ids in postings.items():
        if len(ids) < 2 or len(ids) > cap:
            continue
        gram = key[1:] if key[0] == "~" else None
        permit = [
            i for i in ids if profiles[i].permit and (gram is None or gram in profiles[i].permitted)
        ]
        forbid = {
            i for i in ids if profiles[i].forbid and (gram is None or gram in profiles[i].forbidden)
        }
        for i in permit:
            for j in forbid:
                if i != j:
                    shared[(min(i, j), max(i, j))].add(key)
        if gram is None:
            numbered = [i for i in ids if profiles[i].numbers]
            for x, i in enumerate(numbered):
                for j in numbered[x + 1 :]:
                    shared[(i, j)].add(key)
    return shared


def _why(a: str, b: str, subject: str, shared_words: list[str], what: str) -> str:
    common = "、".join(shared_words[:5]) or "—"
    return f"同一事项“{subject}”（共同词：{common}）：{a} {what}"


def _weight(terms: frozenset[str], idf: dict[str, float]) -> float:
    return sum(idf.get(t, 0.0) for t in terms)


def _act(permits: _Profile, forbids: _Profile, gram_idf: dict[str, float]) -> float:
    """How much of what ``permits`` permits ``forbids`` forbids: rare shared bigrams of the two
    acts, and 1 per topic both acts name."""
    same = permits.permitted & forbids.forbidden
    return _weight(same, gram_idf) + len(permits.act_topics[0] & forbids.act_topics[1])


def conflict_candidates(
    clauses: Sequence[ClauseInput], *, limit: int | None = None
) -> list[ConflictCandidate]:
    """Candidate conflicts among ``clauses``, best first (at most ``limit``)."""
    profiles = [_profile(c) for c in clauses]
    n = len(profiles)
    df: dict[str, int] = defaultdict(int)
    for p in profiles:
        for w in p.words | {"~" + g for g in p.permitted | p.forbidden}:
            df[w] += 1
    idf = {w: min(1.0, 0.3 + math.log((n + 1) / d) / 4) for w, d in df.items() if w[0] != "~"}
    gram_idf = {
        w[1:]: min(1.0, 0.2 + math.log((n + 1) / d) / 4)
        for w, d in df.items()
        if w[0] == "~" and w[1:] not in _STOP
    }

    scored: list[tuple[float, int, int, str]] = []
    for i, j in _shared_keys(profiles):
        pa, pb = profiles[i], profiles[j]
        if not _may_conflict(pa.clause, pb.clause):
            continue
        subject = _weight(pa.words & pb.words, idf) + 1.0 * len(pa.topics & pb.topics)
        levels = 0.5 if pa.clause.level and pb.clause.level != pa.clause.level else 0.0
        # modality: what one permits (the words its modal governs) the other forbids
        # (or name the same topic: 在职创业 / 兼职)
        act = max(
            _act(pa, pb, gram_idf) if pa.permit and pb.forbid else 0.0,
            _act(pb, pa, gram_idf) if pb.permit and pa.forbid else 0.0,
        )
        if act >= MIN_ACT_WEIGHT:
            weight = act + 0.5 * subject + levels
            scored.append((round(1 - math.exp(-weight / 2), 4), i, j, "modality"))
            continue
        # number: the two values describe the same quantity (shared words around them)
        near = max(
            (_weight(lo.context & hi.context, idf) for lo, hi in _clashes(pa, pb)), default=0.0
        )
        if near >= MIN_NUMBER_WEIGHT:
            weight = near + 0.5 * subject + levels
            scored.append((round(0.95 * (1 - math.exp(-weight / 2)), 4), i, j, "number"))
    scored.sort(key=lambda t: (-t[0], profiles[t[1]].clause.id, profiles[t[2]].clause.id))

    found: list[ConflictCandidate] = []
    for score, i, j, kind in scored[:limit] if limit is not None else scored:
        pa, pb = profiles[i], profiles[j]
        topics = sorted(pa.topics & pb.topics)
        words = sorted(pa.words & pb.words, key=lambda w: (df[w], w))
        subject_text = "、".join(topics or words[:3])
        if kind == "modality":
            a, b = (pa, pb) if pa.permit and pb.forbid else (pb, pa)
            what = (
                f"“{a.permit}”，{b.clause.id} “{b.forbid}” — same subject, one permits what "
                "the other forbids"
            )
        else:
            low, high = max(
                _clashes(pa, pb), key=lambda c: _weight(c[0].context & c[1].context, idf)
            )
            a, b = (pa, pb) if low in pa.numbers else (pb, pa)
            what = (
                f"“{low.quantity.text}”（{'上限' if low.bound == 'max' else '数值'}），"
                f"{b.clause.id} “{high.quantity.text}” — incompatible numbers on the same subject"
            )
        found.append(
            ConflictCandidate(
                a.clause.id,
                b.clause.id,
                score,
                "modality" if kind == "modality" else "number",
                _why(a.clause.id, b.clause.id, subject_text, words, what),
                subject_text,
            )
        )
    return found
