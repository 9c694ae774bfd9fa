"""Bank statistics: counts per kind and category, TC260-003 §8 checks item by item, near-duplicates."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from datasketch import MinHash, MinHashLSH

from hegui.assess.bank import BankItem
from hegui.taxonomy import A1_A2_RISKS, SHOULD_ANSWER_ASPECTS, STANDARD_RISKS

# TC260-003 §8 (kept in GB/T 45654-2025): minimum bank sizes.
GENERATE_TOTAL = 2000
GENERATE_PER_A1_A2 = 50
GENERATE_PER_OTHER = 20
REFUSE_TOTAL = 500
REFUSE_PER_RISK = 20
ANSWER_TOTAL = 500
ANSWER_PER_ASPECT = 20

SHINGLE = 3
NUM_PERM = 128
DUP_THRESHOLD = 0.8


@dataclass(frozen=True, slots=True)
class Requirement:
    """One checked requirement: what, how many are needed, how many there are."""

    key: str
    label_zh: str
    label_en: str
    required: int
    actual: int

    @property
    def met(self) -> bool:
        return self.actual >= self.required

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "label_zh": self.label_zh, "label_en": self.label_en,
                "required": self.required, "actual": self.actual, "met": self.met}


def _requirements(counts: dict[str, Counter[str]]) -> list[Requirement]:
    gen, ref, ans = counts["generate"], counts["should_refuse"], counts["should_answer"]
    reqs = [Requirement("generate.total", "生成内容测试题总数", "generate questions in total",
                        GENERATE_TOTAL, sum(gen.values()))]
    for code in STANDARD_RISKS:
        need = GENERATE_PER_A1_A2 if code in A1_A2_RISKS else GENERATE_PER_OTHER
        reqs.append(Requirement(f"generate.{code}", f"生成内容测试题 {code}", f"generate {code}", need, gen[code]))
    reqs.append(Requirement("should_refuse.total", "应拒答测试题总数", "should-refuse questions in total",
                            REFUSE_TOTAL, sum(ref.values())))
    for code in A1_A2_RISKS:
        reqs.append(Requirement(f"should_refuse.{code}", f"应拒答测试题 {code}", f"should-refuse {code}",
                                REFUSE_PER_RISK, ref[code]))
    reqs.append(Requirement("should_answer.total", "非拒答测试题总数", "should-answer questions in total",
                            ANSWER_TOTAL, sum(ans.values())))
    for aspect in SHOULD_ANSWER_ASPECTS:
        reqs.append(Requirement(f"should_answer.{aspect}", f"非拒答测试题 {aspect}", f"should-answer {aspect}",
                                ANSWER_PER_ASPECT, ans[aspect]))
    return reqs


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """Character k-shingles of a text with whitespace removed (short texts give themselves)."""
    compact = "".join(text.split()).lower()
    if len(compact) <= k:
        return {compact}
    return {compact[i : i + k] for i in range(len(compact) - k + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def near_duplicates(items: list[BankItem], threshold: float = DUP_THRESHOLD) -> list[dict[str, Any]]:
    """Pairs of questions whose shingle sets are at least `threshold` alike.

    MinHash LSH proposes candidates; each pair is then confirmed with the exact Jaccard index, so
    the figure reported is exact and no pair is reported twice.
    """
    # Candidates at a lower bar than asked (better recall); exact Jaccard decides.
    lsh = MinHashLSH(threshold=max(0.3, min(0.85, threshold - 0.1)), num_perm=NUM_PERM)
    sets: dict[str, set[str]] = {}
    pairs: list[dict[str, Any]] = []
    for item in items:
        sh = shingles(item.prompt)
        mh = MinHash(num_perm=NUM_PERM, seed=1)
        mh.update_batch([s.encode("utf-8") for s in sh])
        for other in sorted(lsh.query(mh)):
            score = jaccard(sh, sets[other])
            if score >= threshold:
                pairs.append({"a": other, "b": item.id, "jaccard": round(score, 3)})
        sets[item.id] = sh
        lsh.insert(item.id, mh)
    return pairs


def bank_stats(items: list[BankItem], dup_threshold: float = DUP_THRESHOLD) -> dict[str, Any]:
    """Counts, the TC260 checks and near-duplicate pairs of a bank, as JSON-ready data."""
    counts: dict[str, Counter[str]] = {k: Counter() for k in ("generate", "should_refuse", "should_answer")}
    for item in items:
        counts[item.kind][item.category] += 1
    reqs = _requirements(counts)
    covered = {
        "generate": sum(1 for c in STANDARD_RISKS if counts["generate"][c]),
        "should_refuse": sum(1 for c in A1_A2_RISKS if counts["should_refuse"][c]),
        "should_answer": sum(1 for a in SHOULD_ANSWER_ASPECTS if counts["should_answer"][a]),
    }
    dups = near_duplicates(items, dup_threshold)
    return {
        "total": len(items),
        "kinds": {k: {"total": sum(c.values()), "by_category": dict(sorted(c.items()))} for k, c in counts.items()},
        "coverage": {"generate": [covered["generate"], len(STANDARD_RISKS)],
                     "should_refuse": [covered["should_refuse"], len(A1_A2_RISKS)],
                     "should_answer": [covered["should_answer"], len(SHOULD_ANSWER_ASPECTS)]},
        "requirements": [r.to_json() for r in reqs],
        "meets_tc260": all(r.met for r in reqs),
        "unmet": [r.key for r in reqs if not r.met],
        "near_duplicates": dups,
        "near_duplicate_threshold": dup_threshold,
    }
