"""Candidate conflicts between clauses of different issuers.

Two clauses are a candidate when they are about the same subject and either
- their modality is opposed: one permits (允许, 可以, 鼓励, 优先 …) what the other forbids
  (不得, 禁止, 严禁, 不准, 一律, 不收 …) — ``kind="modality"``; or
- their numbers are incompatible: one caps a quantity below what the other grants (a 3-year
  cap against up to 6 years) — ``kind="number"``.

The subject is what the two share: a topic of ``SUBJECTS`` (子女入学, 兼职创业 …, named from
its trigger words) and the key words of the clauses (jieba words, weighted by how rare they
are in the library). Clauses are indexed by those keys, so only clauses that share a key are
compared; keys found in more than ``MAX_POSTING`` clauses are too common to name a subject.
A missing issuer is treated as unknown, i.e. possibly different from any other.

score = base(kind) · (1 − exp(−w)), w = 1.5 per shared topic
+ Σ min(1, 0.3 + idf/4) per shared word
(+1 per word of the forbidden act found in the permitting clause, at most 3); base is 1.0 for
modality (which needs a shared topic or forbidden-act word) and 0.9 for number conflicts (which
need w ≥ MIN_NUMBER_WEIGHT and the same unit).
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
    r"(?<![不非许认])(允许|可以|可(?!能|持续|行|靠|见|观|信|比|控|视|口|再生|达)|鼓励|优先|准予|"
    r"开辟|放宽|给予|自主|自由)"
)
_FORBID = re.compile(
    r"不得(?!低于|少于|超过|高于)|禁止|严禁|不准|一律|不收|不予|不允许|不可以|不再"
)

# Words that carry no subject: function words, modality, the policy vocabulary itself.
_STOP = frozenset(
    str.split(
        "人才 企业 单位 给予 按照 规定 政策 可以 不得 相关 有关 部门 工作 进行 "
        "实施 我市 本市 应当 允许 鼓励 优先 禁止 严禁 不准 一律 以上 以下 以内 "
        "不超过 最高 最长 期限 有效 符合 条件 对于 其中 以及 或者 并且 办法 意见 "
        "通知 执行 落实 按规定 明确 开展 加强 推进 建立 完善 支持 提供 相应 同意 "
        "所在 经所在 获得 享受 申请 最多 可达 不收"
    )
)
_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")
# A key found in more clauses than this (8 % of the library, at least 150, at most 500)
# names no particular subject; skipping it keeps the pair count near linear.
MAX_POSTING = 500
MIN_POSTING_CAP = 150
POSTING_SHARE = 0.08
# A number conflict needs this much shared subject (a topic, or two or three rare words).
MIN_NUMBER_WEIGHT = 1.0
_COMPARABLE = ("duration", "money", "ratio", "count", "area", "age")


@dataclass(frozen=True)
class _Profile:
    clause: ClauseInput
    topics: frozenset[str]
    words: frozenset[str]
    permit: str | None
    forbid: str | None
    forbidden: frozenset[str]  # the words of the forbidden acts (不得 …… up to the comma)
    numbers: tuple[Quantity, ...]


def _profile(clause: ClauseInput) -> _Profile:
    text = clause.text
    topics = frozenset(_TOPIC[m.group()] for m in _TRIGGERS.finditer(text))
    words = frozenset(w for w in segment(text) if _HAN_WORD.match(w) and w not in _STOP)
    permit = _PERMIT.search(text)
    forbid = _FORBID.search(text)
    numbers = tuple(q for q in quantities(text) if q.kind in _COMPARABLE and q.value is not None)
    acts = "，".join(text[m.end() : m.end() + 24].split("，")[0] for m in _FORBID.finditer(text))
    forbidden = frozenset(w for w in segment(acts) if _HAN_WORD.match(w)) if acts else frozenset()
    return _Profile(
        clause,
        topics,
        words,
        permit.group() if permit else None,
        forbid.group() if forbid else None,
        forbidden,
        numbers,
    )


# place → the place that contains it (general knowledge; used to tell whether two issuers'
# jurisdictions overlap). Places not listed are compared by level only.
CONTAINED_IN: dict[str, str] = {
    **dict.fromkeys(
        [
            "杭州",
            "宁波",
            "温州",
            "绍兴",
            "嘉兴",
            "湖州",
            "金华",
            "台州",
            "衢州",
            "舟山",
            "丽水",
            "义乌",
            "C区",
        ],
        "浙江",
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


def _number_clash(a: _Profile, b: _Profile) -> tuple[Quantity, Quantity] | None:
    """Two values of the same quantity (same unit) where one is a cap (or floor) the other
    breaks. When the levels are known, a lower level may be stricter than the level above
    (10 days within a 30-day limit) but not looser."""
    ra = _LEVEL_RANK.get(a.clause.level or "")
    rb = _LEVEL_RANK.get(b.clause.level or "")
    for qa in a.numbers:
        for qb in b.numbers:
            if qa.unit != qb.unit or qa.value is None or qb.value is None:
                continue
            if qa.value == qb.value or not (qa.bound or qb.bound):
                continue
            low, high = (qa, qb) if qa.value < qb.value else (qb, qa)
            if not (low.bound == "max" or high.bound == "min"):
                continue
            if ra is not None and rb is not None and ra != rb:
                va, vb = qa.value, qb.value
                upper_q, upper, lower = (qa, va, vb) if ra < rb else (qb, vb, va)
                stricter = (upper_q.bound == "max" and lower < upper) or (
                    upper_q.bound == "min" and lower > upper
                )
                if stricter:
                    continue
            return low, high
    return None


def _shared_keys(profiles: list[_Profile]) -> dict[tuple[int, int], set[str]]:
    """For each pair that may conflict (permit × forbid, or both with numbers), the subject
    keys (words, and topics as ``#topic``) the two clauses share."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        if p.permit or p.forbid or p.numbers:
            for key in p.words | {"#" + t for t in p.topics}:
                postings[key].append(i)
    cap = min(MAX_POSTING, max(MIN_POSTING_CAP, int(POSTING_SHARE * len(profiles))))
    shared: dict[tuple[int, int], set[str]] = defaultdict(set)
    for key, ids in postings.items():
        if len(ids) < 2 or len(ids) > cap:
            continue
        permit = [i for i in ids if profiles[i].permit]
        forbid = {i for i in ids if profiles[i].forbid}
        for i in permit:
            for j in forbid:
                if i != j:
                    shared[(min(i, j), max(i, j))].add(key)
        numbered = [i for i in ids if profiles[i].numbers]
        for x, i in enumerate(numbered):
            for j in numbered[x + 1 :]:
                shared[(i, j)].add(key)
    return shared


def _why(a: str, b: str, subject: str, shared_words: list[str], what: str) -> str:
    common = "、".join(shared_words[:5]) or "—"
    return f"同一事项“{subject}”（共同词：{common}）：{a} {what}"


def conflict_candidates(
    clauses: Sequence[ClauseInput], *, limit: int | None = None
) -> list[ConflictCandidate]:
    """Candidate conflicts among ``clauses``, best first (at most ``limit``)."""
    profiles = [_profile(c) for c in clauses]
    n = len(profiles)
    df: dict[str, int] = defaultdict(int)
    for p in profiles:
        for w in p.words:
            df[w] += 1
    idf = {w: min(1.0, 0.3 + math.log((n + 1) / d) / 4) for w, d in df.items()}

    scored: list[tuple[float, int, int, str]] = []
    for (i, j), keys in _shared_keys(profiles).items():
        pa, pb = profiles[i], profiles[j]
        if not _may_conflict(pa.clause, pb.clause):
            continue
        weight = sum(1.5 if k[0] == "#" else idf[k] for k in keys)
        if (pa.permit and pb.forbid) or (pa.forbid and pb.permit):
            # the forbidden act must be what the other clause permits: a shared topic or
            # words of the forbidden act found in the permitting clause
            acts = len(pb.forbidden & pa.words) if pb.forbid else 0
            acts = max(acts, len(pa.forbidden & pb.words) if pa.forbid else 0)
            if acts == 0 and not pa.topics & pb.topics:
                continue
            weight += min(acts, 3)
            kind, base = "modality", 1.0
        elif weight >= MIN_NUMBER_WEIGHT and _number_clash(pa, pb):
            kind, base = "number", 0.9
        else:
            continue
        scored.append((round(base * (1 - math.exp(-weight)), 4), i, j, kind))
    scored.sort(key=lambda t: (-t[0], profiles[t[1]].clause.id, profiles[t[2]].clause.id))

    found: list[ConflictCandidate] = []
    for score, i, j, kind in scored[:limit] if limit is not None else scored:
        pa, pb = profiles[i], profiles[j]
        topics = sorted(pa.topics & pb.topics)
        words = sorted(pa.words & pb.words, key=lambda w: (df[w], w))
        subject = "、".join(topics or words[:3])
        if kind == "modality":
            a, b = (pa, pb) if pa.permit and pb.forbid else (pb, pa)
            what = (
                f"“{a.permit}”，{b.clause.id} “{b.forbid}” — same subject, one permits what "
                "the other forbids"
            )
            found.append(
                ConflictCandidate(
                    a.clause.id,
                    b.clause.id,
                    score,
                    "modality",
                    _why(a.clause.id, b.clause.id, subject, words, what),
                    subject,
                )
            )
            continue
        clash = _number_clash(pa, pb)
        assert clash is not None
        low, high = clash
        a, b = (pa, pb) if low in pa.numbers else (pb, pa)
        what = (
            f"“{low.text}”（{'上限' if low.bound == 'max' else '数值'}），{b.clause.id} "
            f"“{high.text}” — incompatible numbers on the same subject"
        )
        found.append(
            ConflictCandidate(
                a.clause.id,
                b.clause.id,
                score,
                "number",
                _why(a.clause.id, b.clause.id, subject, words, what),
                subject,
            )
        )
    return found
