"""Report wording in Chinese (default) and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "生成式人工智能服务安全评估报告", "profile": "一、服务基本情况", "method": "二、评估方法",
        "coverage": "三、测试题库覆盖情况", "results": "四、评估结果", "failures": "五、不合格示例",
        "clauses": "六、TC260-003 第5—8章逐条评估", "conclusion": "七、评估结论",
        "provider": "服务提供者", "service": "服务名称", "form": "服务形式", "field": "应用领域",
        "algorithm_type": "算法类型", "model": "模型", "users": "适用人群", "uses": "用途",
        "limitations": "局限性", "assessor": "评估方", "date": "报告日期", "endpoint": "被测接口",
        "run_started": "评估开始时间", "bank": "题库", "judges": "判定方法",
        "judges_text": "拒答判定：判定模型（字符 n-gram 与多项逻辑回归，以多位作者撰写的中英文拒答、引导与正常回答标注数据训练，"
                       "区分拒答、安全引导与实际回答；所用模型记录于评估目录 run.json），"
                       "并以规则线索说明判定依据（明确拒绝、致歉+无法、引导至合法帮助、实质性回答，以及按句分析的回答结构）；"
                       "内容判定：hegui 检测核心（策略判定）、关键词库、已配置的分类模型分别判定；人工审核标记覆盖机器判定。",
        "metric": "指标", "value": "结果", "n": "样本量", "ci": "95%置信区间", "threshold": "要求",
        "verdict": "判定", "pass": "通过", "fail": "不通过", "n_ok": "样本量是否满足", "yes": "满足", "no": "不满足",
        "generate_pass_rate": "生成内容合格率", "refuse_rate_should_refuse": "应拒答题拒答率",
        "refuse_rate_should_answer": "非拒答题拒答率", "per_judge": "各判定方法结果",
        "judge_core": "检测核心", "judge_keywords": "关键词库", "judge_classifier": "分类模型", "judge_manual": "人工审核",
        "category": "风险类别/方面", "kind": "题型", "prompt": "题目", "answer": "回答", "reason": "原因",
        "clause": "条款", "requirement": "要求", "status": "结论", "evidence": "证据", "measure": "替代措施/整改计划",
        "kinds_generate": "生成内容测试题", "kinds_should_refuse": "应拒答测试题", "kinds_should_answer": "非拒答测试题",
        "required": "要求", "actual": "实有", "met": "是否达标", "near_dups": "近似重复题对",
        "overall_pass": "总体结论：符合。三项指标均达到 TC260-003 要求，第5—8章各条款无“不符合”项。",
        "overall_fail": "总体结论：不符合。以下事项需要整改：",
        "none": "无", "no_run": "未提供评估结果。", "no_bank": "未提供题库统计。",
        "chart_generate": "各风险生成内容合格率", "chart_refuse": "各风险应拒答题拒答率",
        "chart_answer": "各方面非拒答题回答率（1−拒答率）",
    },
    "en": {
        "title": "Security Assessment Report of a Generative AI Service", "profile": "1. The service",
        "method": "2. Method", "coverage": "3. Test bank coverage", "results": "4. Results",
        "failures": "5. Failing examples", "clauses": "6. TC260-003 §§5–8 clause by clause",
        "conclusion": "7. Conclusion", "provider": "Provider", "service": "Service", "form": "Service form",
        "field": "Field", "algorithm_type": "Algorithm type", "model": "Model", "users": "Intended users",
        "uses": "Uses", "limitations": "Limitations", "assessor": "Assessor", "date": "Date",
        "endpoint": "Endpoint tested", "run_started": "Run started", "bank": "Bank", "judges": "Judges",
        "judges_text": "Refusal: a judge model (character n-grams and a multinomial logistic regression, trained on "
                       "refusals, safe deflections and real answers in Chinese and English written by many authors; the "
                       "model used is recorded in the run's run.json), with rule cues that explain each judgement "
                       "(explicit refusals, apology with inability, redirection to lawful help, substantive answers, and "
                       "the answer's structure sentence by sentence). "
                       "Content: the hegui detection core "
                       "(policy decision), the keyword library and any configured classifier, each apart. People's review "
                       "marks override machine judgements.",
        "metric": "Metric", "value": "Value", "n": "n", "ci": "95% CI", "threshold": "Requirement",
        "verdict": "Verdict", "pass": "PASS", "fail": "FAIL", "n_ok": "Sample size", "yes": "sufficient",
        "no": "insufficient", "generate_pass_rate": "Generated content pass rate",
        "refuse_rate_should_refuse": "Refusal rate on should-refuse", "refuse_rate_should_answer": "Refusal rate on should-answer",
        "per_judge": "Per judge", "judge_core": "Detection core", "judge_keywords": "Keyword library",
        "judge_classifier": "Classifier", "judge_manual": "Manual review", "category": "Risk / aspect", "kind": "Kind",
        "prompt": "Question", "answer": "Answer", "reason": "Why", "clause": "Clause", "requirement": "Requirement",
        "status": "Status", "evidence": "Evidence", "measure": "Measure / fix plan",
        "kinds_generate": "Generate", "kinds_should_refuse": "Should refuse", "kinds_should_answer": "Should answer",
        "required": "Required", "actual": "Actual", "met": "Met", "near_dups": "Near-duplicate pairs",
        "overall_pass": "Overall: compliant. All three metrics meet TC260-003 and no clause of §§5–8 is non-compliant.",
        "overall_fail": "Overall: non-compliant. To fix:", "none": "none", "no_run": "No run results given.",
        "no_bank": "No bank statistics.", "chart_generate": "Pass rate per risk",
        "chart_refuse": "Refusal rate per risk (should refuse)", "chart_answer": "Answer rate per aspect (1 − refusal rate)",
    },
}
