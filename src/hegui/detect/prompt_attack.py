"""Prompt attacks (risk X1): instruction override, role-play jailbreaks, system-prompt extraction.

The patterns are data (`FAMILIES`), in Chinese and English, written against the normalised
text: lower case, half-width, simplified, invisible characters gone and separators between
Chinese characters removed, so `忽 略·之前的所有指令` and `ＩＧＮＯＲＥ previous instructions`
are matched like their plain forms. Spans are mapped back to the caller's text.

Every pattern names its anchors: words one of which any match must contain. One Hyperscan pass
over the anchors of all patterns tells which regexes can match at all; only those run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hegui.detect.prefilter import Prefilter
from hegui.text.normalize import Normalized
from hegui.types import Finding

RISK = "X1"


@dataclass(frozen=True, slots=True)
class AttackPattern:
    anchors: tuple[str, ...]
    """Literal words at least one of which every match of `regex` contains."""
    regex: str


@dataclass(frozen=True, slots=True)
class AttackFamily:
    """One kind of prompt attack: its patterns, a score and a bilingual description."""

    name: str
    score: float
    description: str
    patterns: tuple[AttackPattern, ...]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _alt(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


# Word lists (normalised text: lower case, simplified, no separators between CJK characters).
OV_VERB = _words(
    "忽略 无视 忽视 忘记 忘掉 忘了 抛开 抛弃 丢弃 丢掉 放弃 不要理会 别理会 不用理会 "
    "不要管 别管 不要遵守 不必遵守 不用遵守 不再遵守 停止遵守 跳过 绕过 覆盖 清除 清空 作废"
)
OV_SCOPE = _words(
    "之前 此前 先前 以前 前面 上面 上述 以上 上文 刚才 原有 原来 原先 原始 你的 所有 "
    "全部 一切 系统 开发者 预设 默认"
)
OV_NOUN = _words(
    "指令 指示 命令 规则 设定 设置 要求 提示词 提示 约束 限制 规定 准则 守则 指引 "
    "安全策略 策略 政策 条款 上下文 身份 角色"
)
VOID = _words("失效 作废 无效 被取消 取消 不再适用 不再有效")
EN_OV_VERB = _words("ignore disregard forget override bypass skip discard abandon drop")
LIMIT_ZH = _words("限制 约束 审查 过滤 道德 伦理 规则 底线 束缚 规范 安全策略 政策")
UNBOUND_ZH = _words(
    "无限制 无约束 无审查 无过滤 不受限制 没有限制 无道德 没有道德 无底线 没有底线 无所不能"
)
LIMIT_EN = _words(
    "restrictions limitations limits filters rules censorship ethics ethical moral "
    "morals morality guidelines boundaries policy policies safeguards"
)
UNBOUND_EN = _words("unrestricted unfiltered uncensored unbound unlimited amoral jailbroken")
GRANNY_ZH = _words("奶奶 外婆 祖母 姥姥")
GRANNY_EN = _words("grandma grandmother granny nana")
SYS_ZH = _words(
    "系统提示词 系统提示 系统指令 系统消息 系统设定 系统prompt systemprompt 初始指令 "
    "初始提示 初始设定 原始指令 原始提示 预设指令 预设提示 隐藏指令 隐藏提示 内部指令 "
    "开发者指令 底层指令 后台指令"
) + ("system prompt",)
SHOW_ZH = _words(
    "输出 打印 显示 告诉我 告诉 透露 泄露 泄漏 重复 复述 给我看 展示 列出 说出 念出 写出 "
    "公开 分享 发给我 贴出"
)
YOUR_PROMPT_ZH = _words("提示词 prompt 指令 设定 规则")
SYS_EN = _words("system initial hidden original secret developer internal prompt")

_EN_OV_SCOPE = (
    r"(?:previous|prior|preceding|above|earlier|former|foregoing|initial|original|old|existing|"
    r"system|developer|safety)"
)
_EN_OV_NOUN = (
    r"(?:instructions?|prompts?|rules|directives?|guidelines|constraints|restrictions|"
    r"polic(?:y|ies)|commands?|messages?|context|programming|guardrails|filters)"
)
_LIMIT_EN_RX = (
    r"(?:restrictions|limitations|limits|filters|rules|censorship|ethics|ethical\s+guidelines|"
    r"morals?|morality|guidelines|boundaries|polic(?:y|ies)|safeguards)"
)
_SHOW_EN = (
    r"(?:show|print|reveal|output|repeat|display|tell\s+me|give\s+me|leak|dump|echo|share|"
    r"disclose|write\s+out|list|recite|spell\s+out)"
)
_SYS_EN_RX = (
    r"(?:system\s+prompt|system\s+message|system\s+instructions|(?:initial|hidden|original|"
    r"secret|developer|internal)\s+(?:prompt|instructions|message)|pre-?prompt)"
)
_YOU_ZH = "(?:你|您)(?:现在|从现在开始|从现在起|接下来|今后|此后)?(?:将|要|需要|必须|就)?"
_BECOME_ZH = "(?:是|扮演|成为|变成|作为|充当|化身为?|假装(?:是|成)?)(?:一个|一位|一名|一款)?"
_MODES = _words("开发者模式 开发人员模式 调试模式 上帝模式 管理员模式 越狱模式")

P = AttackPattern
FAMILIES: tuple[AttackFamily, ...] = (
    AttackFamily(
        "instruction_override",
        0.9,
        "忽略先前指令 / instruction override",
        (
            P(OV_VERB, f"{_alt(OV_VERB)}.{{0,6}}?{_alt(OV_SCOPE)}.{{0,8}}?{_alt(OV_NOUN)}"),
            P(
                VOID,
                "(?:之前|此前|先前|以上|上面|上述|你的|所有)的?(?:指令|规则|限制|设定|约束)"
                f"(?:都|全部|统统)?(?:已经?)?{_alt(VOID)}",
            ),
            P(
                EN_OV_VERB,
                rf"\b{_alt(EN_OV_VERB)}\s+(?:(?:all|any|every|each|the|of|your|my|these|those|"
                rf"that)\s+)*{_EN_OV_SCOPE}\s+(?:\w+\s+){{0,2}}?{_EN_OV_NOUN}\b",
            ),
            P(
                ("ignore", "disregard", "forget"),
                r"\b(?:ignore|disregard|forget)\s+(?:all\s+|everything\s+)+(?:you\s+(?:were|have\s+been)"
                r"\s+told|above|before|said\s+before)\b",
            ),
        ),
    ),
    AttackFamily(
        "roleplay_jailbreak",
        0.85,
        "角色扮演越狱 / role-play jailbreak (DAN, developer mode, unrestricted AI, grandma)",
        (
            P(
                LIMIT_ZH,
                f"{_YOU_ZH}{_BECOME_ZH}.{{0,12}}?(?:没有|不受|无|不存在|摆脱了?|解除了?|"
                f"突破了?|不用遵守|不遵守)(?:任何)?.{{0,4}}?{_alt(LIMIT_ZH)}",
            ),
            P(
                UNBOUND_ZH,
                f"{_alt(UNBOUND_ZH)}的?(?:ai|人工智能|模型|助手|机器人|gpt|chatgpt|版本|模式)",
            ),
            P(("dan",), "(?<![a-z])dan(?![a-z]) ?(?:模式|mode)"),
            P(("越狱",), "越狱(?:模式|版本|版)"),
            P(("dan",), "(?:扮演|成为|你是|你现在是|进入|开启|启用|激活)(?:一个)?dan(?![a-z])"),
            P(("anything",), r"\bdo\s*anything\s*now\b"),
            P(
                ("dan",),
                r"\b(?:you\s+are|you're|act\s+as|pretend\s+to\s+be|become|play|enable|activate|"
                r"enter|switch\s+to)\s+(?:now\s+)?(?:a\s+|the\s+)?dan\b",
            ),
            P(("jailbr",), r"\bjailbr(?:ea|o)k(?:en)?\s+mode\b"),
            P(
                _MODES,
                "(?:你|您|ai|助手|模型)(?:现在|已经|已)?(?:进入|开启|启用|激活|切换到|切换至|处于|"
                f"运行在)了?{_alt(_MODES)}",
            ),
            P(
                _MODES,
                f"{_alt(_MODES)}.{{0,20}}?(?:不受|没有|无|不再|解除|忽略|无视).{{0,6}}?"
                f"{_alt(LIMIT_ZH)}",
            ),
            P(_MODES, f"模拟{_alt(_MODES)}"),
            P(("developer",), r"\bdeveloper\s+mode\s+(?:enabled|output|response)"),
            P(
                ("developer",),
                r"\b(?:chatgpt|ai|you|assistant|model)\s+(?:with|in)\s+developer\s+mode\b",
            ),
            P(
                ("developer",),
                r"\bdeveloper\s+mode\b.{0,60}?\b(?:no|without|ignore|bypass)\s+(?:any\s+)?"
                f"{_LIMIT_EN_RX}",
            ),
            P(("developer",), r"\b(?:simulate|act\s+as|pretend)\b.{0,30}?\bdeveloper\s+mode\b"),
            P(
                UNBOUND_EN,
                r"\b(?:you\s+are|you're|act\s+as|pretend\s+(?:to\s+be|you\s+are)|role-?play\s+as|"
                r"behave\s+(?:as|like)|become)\s+(?:now\s+)?(?:an?\s+)?(?:\w+\s+){0,3}?"
                rf"{_alt(UNBOUND_EN)}\s+(?:ai|assistant|model|chatbot|bot|version|llm|gpt)\b",
            ),
            P(
                LIMIT_EN,
                r"\b(?:pretend|act|behave|respond|answer|role-?play|you\s+are|you're|you\s+will|"
                r"from\s+now\s+on)\b.{0,60}?\b(?:without|with\s+no|free\s+(?:from|of)|"
                rf"(?:not|no\s+longer)\s+bound\s+by)\s+(?:any\s+)?{_LIMIT_EN_RX}\b",
            ),
            P(
                GRANNY_ZH,
                "(?:扮演|假装|假扮|当|作为|充当|模仿)(?:成|是)?我(?:的)?(?:已故|去世|过世|死去|"
                f"逝去|已经去世)?的?老?{_alt(GRANNY_ZH)}",
            ),
            P(
                GRANNY_ZH,
                f"{_alt(GRANNY_ZH)}.{{0,30}}?(?:哄我睡觉|睡前|讲故事|念给我).{{0,30}}?"
                "(?:序列号|激活码|密钥|秘钥|配方|制作方法|制造方法|合成方法|步骤)",
            ),
            P(
                GRANNY_EN,
                r"\b(?:act|pretend|play|role-?play|behave)\s+(?:as|like|to\s+be)\s+my\s+"
                rf"(?:(?:late|dead|deceased|dear|sweet|beloved|old)\s+)*{_alt(GRANNY_EN)}\b",
            ),
            P(
                GRANNY_EN,
                rf"\bmy\s+(?:late|dead|deceased)\s+{_alt(GRANNY_EN)}\s+(?:who\s+)?"
                r"(?:used\s+to|would)\b",
            ),
        ),
    ),
    AttackFamily(
        "system_prompt_extraction",
        0.85,
        "套取系统提示词 / system-prompt extraction",
        (
            P(SYS_ZH, f"{_alt(SHOW_ZH)}.{{0,10}}?{_alt(SYS_ZH)}"),
            P(SYS_ZH, f"把.{{0,6}}?{_alt(SYS_ZH)}.{{0,8}}?{_alt(SHOW_ZH)}"),
            P(
                YOUR_PROMPT_ZH,
                "把(?:你的|你们的|给你的|你收到的)(?:提示词|prompt|指令|设定|规则).{0,8}?"
                "(?:输出|打印|显示|发给我|写出来|说出来|复述|重复|告诉我)",
            ),
            P(
                YOUR_PROMPT_ZH,
                f"{_alt(SHOW_ZH)}.{{0,6}}?(?:你的|你们的|给你的|你收到的|你被给予的|你最初的|"
                "你最开始的).{0,4}?(?:提示词|prompt|指令|设定|规则)",
            ),
            P(
                (*YOUR_PROMPT_ZH, "系统提示"),
                "(?:你的|你们的)(?:系统提示词?|系统指令|初始指令|提示词|prompt|设定)(?:是|有)"
                "(?:什么|啥|哪些)",
            ),
            P(
                ("重复", "复述", "输出", "打印", "显示", "逐字"),
                "(?:重复|复述|输出|打印|显示|逐字)(?:一遍|一下|一次)?你?(?:上面|以上|上方|前面|之前|最开始|开头)"
                "(?:的|所有的?|全部的?)*(?:内容|文字|文本|话|指令|消息|段落)",
            ),
            P(
                SYS_EN,
                rf"\b(?:what\s+(?:is|are|was|were)|{_SHOW_EN})\s+(?:me\s+)?(?:all\s+)?(?:of\s+)?"
                rf"(?:your|the)\s+(?:\w+\s+){{0,2}}?{_SYS_EN_RX}\b",
            ),
            P(
                ("instructions", "prompt", "rules"),
                rf"\b(?:what\s+(?:is|are|were)|{_SHOW_EN})\s+(?:me\s+)?your\s+(?:exact\s+|original\s+|"
                r"initial\s+|full\s+|complete\s+)?(?:instructions|prompt|rules)\b",
            ),
            P(
                ("repeat",),
                r"\brepeat\s+(?:all\s+of\s+|everything\s+in\s+)?(?:the\s+)?(?:text|words|content|"
                r"messages?|instructions|prompt)\s+(?:above|before\s+(?:this|my))\b",
            ),
            P(
                ("above", "before"),
                r"\b(?:repeat|print|output|reproduce)\s+(?:everything|all(?:\s+the\s+text)?|"
                r"the\s+text|the\s+words)\s+(?:above|before\s+(?:this|my))\b",
            ),
            P(
                ("starting",),
                r"\b(?:repeat|print|output)\s+the\s+(?:text|words)\s+(?:above\s+)?starting\s+with\b",
            ),
        ),
    ),
)
del P


class PromptAttackDetector:
    """Finds prompt attacks; one finding per match, with the family in its reason."""

    name = "prompt_attack"

    def __init__(self, families: tuple[AttackFamily, ...] = FAMILIES) -> None:
        self._patterns: list[tuple[AttackFamily, re.Pattern[str]]] = []
        anchors: list[str] = []
        ids: list[int] = []
        for family in families:
            for pattern in family.patterns:
                pid = len(self._patterns)
                self._patterns.append((family, re.compile(pattern.regex)))
                anchors.extend(pattern.anchors)
                ids.extend([pid] * len(pattern.anchors))
        self._gate = Prefilter(anchors, ids, literal=True)

    def detect(self, norm: Normalized) -> list[Finding]:
        hits = self._gate.hits(norm.text)
        if not hits:
            return []
        spans: dict[str, list[tuple[int, int]]] = {}
        for pid in sorted(hits):
            family, regex = self._patterns[pid]
            spans.setdefault(family.name, []).extend(m.span() for m in regex.finditer(norm.text))
        out: list[Finding] = []
        for family in {f.name: f for f, _ in self._patterns}.values():
            for s, e in _merge(spans.get(family.name, [])):
                out.append(self._finding(norm, family, s, e))
        return out

    def _finding(self, norm: Normalized, family: AttackFamily, s: int, e: int) -> Finding:
        start, end = norm.to_raw(s, e)
        return Finding(
            detector=self.name,
            risk=RISK,
            start=start,
            end=end,
            score=family.score,
            reason=f"{family.name}: {family.description}",
            text=norm.raw[start:end],
        )


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping matches of one family become one span (one attack, one finding)."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged
