"""The 31 risks of TC260-003 Appendix A (kept in GB/T 45654-2025), plus X1 for prompt attacks.

Data, not logic. Articles refer to the Interim Measures for the Management of Generative AI
Services (生成式人工智能服务管理暂行办法) unless noted.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Risk:
    code: str
    group: str
    name_zh: str
    name_en: str
    articles: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "group": self.group,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "articles": list(self.articles),
        }


@dataclass(frozen=True, slots=True)
class RiskGroup:
    code: str
    name_zh: str
    name_en: str


GROUPS: tuple[RiskGroup, ...] = (
    RiskGroup("A1", "包含违反社会主义核心价值观的内容", "Content violating the core socialist values"),
    RiskGroup("A2", "包含歧视性内容", "Discriminatory content"),
    RiskGroup("A3", "商业违法违规", "Commercial violations"),
    RiskGroup("A4", "侵犯他人合法权益", "Infringement of others' lawful rights and interests"),
    RiskGroup("A5", "无法满足特定服务类型的安全需求", "Failing the security needs of specific service types"),
    RiskGroup("X1", "提示词攻击", "Prompt attacks"),
)

_A1 = ("Art. 4(1)",)
_A2 = ("Art. 4(2)",)
_A3 = ("Art. 4(3)",)
_A4 = ("Art. 4(4)",)
_A5 = ("Art. 4(5)",)

RISKS: tuple[Risk, ...] = (
    Risk("A1.1", "A1", "煽动颠覆国家政权、推翻社会主义制度",
         "Inciting subversion of state power or overthrow of the socialist system", _A1),
    Risk("A1.2", "A1", "危害国家安全和利益、损害国家形象",
         "Endangering national security and interests, harming the national image", _A1),
    Risk("A1.3", "A1", "煽动分裂国家、破坏国家统一和社会稳定",
         "Inciting secession, undermining national unity and social stability", _A1),
    Risk("A1.4", "A1", "宣扬恐怖主义、极端主义", "Promoting terrorism or extremism", _A1),
    Risk("A1.5", "A1", "宣扬民族仇恨", "Promoting ethnic hatred", _A1),
    Risk("A1.6", "A1", "宣扬暴力、淫秽色情", "Promoting violence, obscenity or pornography", _A1),
    Risk("A1.7", "A1", "传播虚假有害信息", "Spreading false and harmful information", _A1 + _A5),
    Risk("A1.8", "A1", "其他法律、行政法规禁止的内容",
         "Other content prohibited by laws and administrative regulations", _A1),
    Risk("A2.1", "A2", "民族歧视", "Ethnic discrimination", _A2),
    Risk("A2.2", "A2", "信仰歧视", "Religious discrimination", _A2),
    Risk("A2.3", "A2", "国别歧视", "Discrimination by nationality", _A2),
    Risk("A2.4", "A2", "地域歧视", "Regional discrimination", _A2),
    Risk("A2.5", "A2", "性别歧视", "Gender discrimination", _A2),
    Risk("A2.6", "A2", "年龄歧视", "Age discrimination", _A2),
    Risk("A2.7", "A2", "职业歧视", "Occupational discrimination", _A2),
    Risk("A2.8", "A2", "健康歧视", "Health discrimination", _A2),
    Risk("A2.9", "A2", "其他方面歧视", "Other discrimination", _A2),
    Risk("A3.1", "A3", "侵犯他人知识产权", "Infringing intellectual property rights",
         _A3 + ("Art. 7(2)",)),
    Risk("A3.2", "A3", "违反商业道德", "Violating business ethics", _A3),
    Risk("A3.3", "A3", "泄露他人商业秘密", "Disclosing others' trade secrets", _A3),
    Risk("A3.4", "A3", "利用算法、数据、平台等优势实施垄断和不正当竞争行为",
         "Monopoly or unfair competition using algorithm, data or platform advantages", _A3),
    Risk("A3.5", "A3", "其他商业违法违规行为", "Other commercial violations", _A3),
    Risk("A4.1", "A4", "危害他人身心健康", "Endangering others' physical or mental health",
         _A4 + ("Art. 10",)),
    Risk("A4.2", "A4", "侵害他人肖像权", "Infringing portrait rights", _A4),
    Risk("A4.3", "A4", "侵害他人名誉权", "Infringing reputation rights", _A4),
    Risk("A4.4", "A4", "侵害他人荣誉权", "Infringing honour rights", _A4),
    Risk("A4.5", "A4", "侵害他人隐私权", "Infringing privacy rights", _A4 + ("Art. 11",)),
    Risk("A4.6", "A4", "侵害他人个人信息权益", "Infringing personal information rights",
         _A4 + ("Art. 7(3)", "Art. 11")),
    Risk("A4.7", "A4", "侵犯他人其他合法权益", "Infringing other lawful rights and interests", _A4),
    Risk("A5.1", "A5", "内容不准确，严重不符合科学常识或主流认知",
         "Inaccurate content seriously contrary to science or mainstream understanding", _A5),
    Risk("A5.2", "A5", "内容不可靠，虽不含严重错误但无法对使用者形成帮助",
         "Unreliable content that, without serious errors, cannot help the user", _A5),
    Risk("X1", "X1", "提示词攻击（指令注入、越狱、系统提示词窃取）",
         "Prompt attacks (instruction injection, jailbreak, system-prompt extraction)",
         ("Art. 9", "Art. 14")),
)

RISK_BY_CODE: dict[str, Risk] = {r.code: r for r in RISKS}
GROUP_BY_CODE: dict[str, RiskGroup] = {g.code: g for g in GROUPS}
STANDARD_RISKS: tuple[str, ...] = tuple(r.code for r in RISKS if r.group != "X1")
"""The 31 risks of TC260-003 (X1 excluded)."""
A1_A2_RISKS: tuple[str, ...] = tuple(r.code for r in RISKS if r.group in ("A1", "A2"))
"""The 17 risks the keyword library and the should-refuse bank must cover."""

# The 13 aspects of the should-answer bank (TC260-003 §9).
SHOULD_ANSWER_ASPECTS: tuple[str, ...] = (
    "制度", "信仰", "形象", "文化", "习俗", "民族", "地理", "历史", "英烈",
    "性别", "年龄", "职业", "健康",
)


def is_risk_code(code: str) -> bool:
    """True for a risk code (`A1.4`, `X1`) or a group code (`A1`)."""
    return code in RISK_BY_CODE or code in GROUP_BY_CODE


def group_of(code: str) -> str:
    """The group code of a risk or group code."""
    if code in RISK_BY_CODE:
        return RISK_BY_CODE[code].group
    if code in GROUP_BY_CODE:
        return code
    raise KeyError(f"unknown risk code: {code!r}")
