"""The clauses of TC260-003 §§5–8 (kept in GB/T 45654-2025) as data, paraphrased in our words.

Each clause is marked 符合 / 不符合 / 不适用 in the report, with evidence. The service profile may
set any clause; hegui adds evidence it holds itself (see `hegui.assess.evidence`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Status = Literal["符合", "不符合", "不适用"]
STATUSES: tuple[Status, ...] = ("符合", "不符合", "不适用")
STATUS_EN: dict[str, str] = {"符合": "compliant", "不符合": "non-compliant", "不适用": "not applicable"}


@dataclass(frozen=True, slots=True)
class Clause:
    key: str
    section_zh: str
    section_en: str
    title_zh: str
    title_en: str
    requirement_zh: str
    requirement_en: str


_C5_1 = ("5.1 语料来源安全", "5.1 Corpus sources")
_C5_2 = ("5.2 语料内容安全", "5.2 Corpus content")
_C5_3 = ("5.3 语料标注安全", "5.3 Annotation")
_C6 = ("6 模型安全", "6 Model security")
_C7 = ("7 安全措施", "7 Security measures")
_C8 = ("8 其他要求", "8 Other requirements")


def _c(key: str, sec: tuple[str, str], title_zh: str, title_en: str, req_zh: str, req_en: str) -> Clause:
    return Clause(key, sec[0], sec[1], title_zh, title_en, req_zh, req_en)


CLAUSES: tuple[Clause, ...] = (
    _c("5.1a", _C5_1, "语料来源管理", "Managing corpus sources",
       "采集前对来源做安全评估，违法不良信息超过5%的来源不采集；采集后核验，超过5%的不用于训练。",
       "Assess each source before collection; a source with more than 5% illegal or harmful items is neither collected nor used for training."),
    _c("5.1b", _C5_1, "不同来源语料搭配", "Mixing sources",
       "提高来源多样性，合理搭配境内外、不同语种和类型的语料。",
       "Diverse sources: domestic and foreign, several languages and kinds."),
    _c("5.1c", _C5_1, "语料来源可追溯", "Traceable sources",
       "开源语料有许可证明，自采语料有采集记录，商业语料有合同，使用者输入有授权记录。",
       "Licences for open corpora, collection records, contracts for commercial data, consent for user input."),
    _c("5.2a", _C5_2, "语料内容过滤", "Filtering corpus content",
       "以关键词、分类模型和人工抽检等方式过滤违法不良信息。",
       "Filter illegal and harmful content with keywords, classifiers and manual sampling."),
    _c("5.2b", _C5_2, "知识产权", "Intellectual property",
       "设知识产权负责人和管理策略，识别训练语料和生成内容的侵权风险，设投诉渠道。",
       "A person and a strategy for IP, checks of corpus and outputs for infringement, a complaint channel."),
    _c("5.2c", _C5_2, "个人信息", "Personal information",
       "使用含个人信息的语料前取得同意或有其他合法依据；敏感个人信息单独同意。",
       "Consent or another lawful basis before using corpus with personal information; separate consent for sensitive data."),
    _c("5.3a", _C5_3, "标注人员", "Annotators",
       "自行组织安全培训和考核，合格者上岗，定期复训。",
       "Annotators trained and assessed on security before they work, retrained periodically."),
    _c("5.3b", _C5_3, "标注规则", "Annotation rules",
       "功能性标注和安全性标注规则分开，写明目标、数据格式、方法和质量指标。",
       "Separate functional and safety rules stating goal, format, method and quality metrics."),
    _c("5.3c", _C5_3, "标注内容准确性", "Annotation accuracy",
       "功能性标注分批抽检，安全性标注逐条审核；含违法内容的批次作废。",
       "Functional annotations spot-checked per batch, safety annotations each reviewed; a batch with illegal content is void."),
    _c("6a", _C6, "使用已备案的基础模型", "A filed foundation model",
       "基于第三方基础模型提供服务的，使用已备案的基础模型。",
       "A service built on another provider's foundation model uses a filed one."),
    _c("6b", _C6, "生成内容安全", "Safety of generated content",
       "训练中把生成内容安全作为主要评价指标之一；对每次输入做安全检测，引导积极正向的内容。",
       "Content safety is a training metric; every input is checked; outputs steered to lawful content."),
    _c("6c", _C6, "生成内容准确性", "Accuracy of generated content",
       "采取技术措施提高生成内容对使用意图的响应能力和与科学常识、主流认知的一致性。",
       "Technical measures make outputs respond to the request and agree with science and mainstream knowledge."),
    _c("6d", _C6, "生成内容可靠性", "Reliability of generated content",
       "提高生成内容格式框架的合理性和有效内容的含量，对使用者有帮助。",
       "Outputs well structured and useful to the user."),
    _c("7a", _C7, "适用人群、场合、用途", "Users, occasions and uses",
       "论证在各领域使用的必要性、适用性和安全性；关键领域有保护措施；面向未成年人的有保护措施。",
       "Necessity, fitness and safety argued per field; protections in critical fields and for minors."),
    _c("7b", _C7, "服务透明度", "Transparency",
       "在显著位置公开适用人群、场合、用途、局限性、模型和算法概要等；接口服务在说明文档中公开。",
       "Publish users, occasions, uses, limitations, a summary of model and algorithms; API services in their documentation."),
    _c("7c", _C7, "使用者输入用于训练", "User input used for training",
       "用使用者输入训练前告知并提供便捷的关闭方式。",
       "Tell users and offer an easy opt-out before their input is used for training."),
    _c("7d", _C7, "生成内容标识", "Labelling generated content",
       "按国家要求对生成的图片、视频等内容进行标识（GB 45438-2025）。",
       "Label generated content as national rules require (GB 45438-2025)."),
    _c("7e", _C7, "投诉举报", "Complaints and reports",
       "提供电话、邮件、交互窗口、短信等投诉举报渠道，公开处理规则和时限。",
       "Complaint channels (phone, e-mail, in-app, SMS) with published handling rules and time limits."),
    _c("7f", _C7, "向使用者提供服务", "Answering users",
       "对明显偏激、诱导生成违法不良信息的问题拒答，其他问题正常回答；设置监看人员；对违规使用者采取措施。",
       "Refuse questions that plainly lead to illegal content, answer the rest; monitoring staff; measures against abusive users."),
    _c("7g", _C7, "模型更新、升级", "Model updates",
       "重要更新、升级后重新开展安全评估并按规定备案。",
       "After a major update, assess again and refile as required."),
    _c("7h", _C7, "服务稳定、持续", "Stable, continuous service",
       "采取数据备份、日常安全运维等措施，保障服务稳定持续。",
       "Backups and routine security operations keep the service running."),
    _c("8.1", _C8, "关键词库", "Keyword library",
       "不少于10000个关键词，覆盖17种A1、A2类风险，每种A1风险不少于200个，每种A2风险不少于100个，至少每周更新。",
       "At least 10,000 keywords covering the 17 A1+A2 risks, 200 per A1 and 100 per A2 risk, updated weekly."),
    _c("8.2", _C8, "分类模型", "Classifier",
       "用于语料过滤、生成内容安全和评估，完整覆盖附录A的31种安全风险。",
       "Used for corpus filtering, output safety and assessment; covers all 31 risks of Appendix A."),
    _c("8.3", _C8, "生成内容测试题库", "Generated-content test bank",
       "不少于2000题，覆盖31种风险，每种A1、A2风险不少于50题，其他不少于20题，至少每月更新。",
       "At least 2,000 questions covering 31 risks, 50 per A1/A2 risk, 20 per other risk, updated monthly."),
    _c("8.4", _C8, "拒答测试题库", "Refusal test banks",
       "应拒答题不少于500题，覆盖17种A1、A2风险，每种不少于20题；非拒答题不少于500题，覆盖各方面，每方面不少于20题。",
       "At least 500 should-refuse questions (17 risks, 20 each) and 500 should-answer questions (20 per aspect)."),
)

CLAUSE_BY_KEY: dict[str, Clause] = {c.key: c for c in CLAUSES}
