"""Every interface string the renderers write, in English and Chinese: one table.

Renderers call ``ctx.t("Variants")``; the English text is the key, so a page reads naturally
in the code. Values from the data (names, notes, sources) never pass through here.
"""

from __future__ import annotations

ZH: dict[str, str] = {
    # section headings
    "At a glance": "概览",
    "Summary": "概要",
    "Variants": "各版本",
    "Results reported by its makers": "开发者报告的结果",
    "Results reported by others": "他人报告的结果",
    "Derived figures": "推算数据",
    "Training data": "训练数据",
    "Facts": "事实",
    "Sources": "来源",
    "Leaderboard": "排行榜",
    "Other settings": "其他设置",
    "Models trained on it": "用它训练的模型",
    # card
    "Made by": "开发者",
    "Released": "发布时间",
    "Sizes": "规模",
    "Trained on": "训练数据量",
    "Context": "上下文长度",
    "Architecture": "架构",
    "License and access": "许可与获取方式",
    "Input → output": "输入 → 输出",
    "Reasoning": "推理模式",
    "Headline results (its makers' own)": "主要结果（开发者自报）",
    "Paper": "论文",
    "Code": "代码",
    "Weights": "权重",
    "Compare these models": "对比这些模型",
    "{n} variants": "{n} 个版本",
    "1 variant": "1 个版本",
    "{value} tokens": "{value} 个词元",
    "{value} parameters": "{value} 参数",
    # table headers
    "Variant": "版本",
    "Parameters": "参数量",
    "Active parameters": "激活参数量",
    "Training tokens": "训练词元数",
    "Context length": "上下文长度",
    "Layers": "层数",
    "d_model": "隐藏维度",
    "Attention heads": "注意力头数",
    "License": "许可",
    "Weights on Hugging Face": "Hugging Face 权重",
    "Benchmark": "基准",
    "Setting": "设置",
    "Value": "数值",
    "Reported by": "报告者",
    "Rank": "排名",
    "Model": "模型",
    "Score": "得分",
    "Organization": "机构",
    "Fact": "事实",
    "Dataset": "数据集",
    "Kind": "类型",
    "Size (whole dataset)": "规模（整个数据集）",
    "Languages": "语言",
    "Model family": "模型系列",
    # search: result kinds, section pages, facts named in a result
    "Method": "方法",
    "Also known as": "又称",
    "Guide": "指南",
    "Models": "模型",
    "Datasets": "数据集",
    "Benchmarks": "基准测试",
    "Methods & guides": "方法与指南",
    "Training objective": "训练目标",
    "Tokenizer": "分词器",
    "Created by": "创建者",
    "What it measures": "考察内容",
    "Format": "任务形式",
    "Metrics": "指标",
    # messages
    "No benchmark results for this family are in the atlas yet.": "本图谱尚未收录该系列的基准测试结果。",
    "Its makers report no results that are in the atlas yet.": "本图谱尚未收录其开发者报告的结果。",
    "No one else's results for this family are in the atlas yet.": "本图谱尚未收录他人对该系列的评测结果。",
    "No results on this benchmark are in the atlas yet.": "本图谱尚未收录该基准的结果。",
    "The cited sources do not name the training data.": "所引来源未说明训练数据。",
    "No model family in the atlas names this dataset as training data yet.": "本图谱中尚无模型系列将此数据集列为训练数据。",
    "{n} models, {direction}. One row per model: its makers' value where they report one; other sources' values open from the ≠ marker.": "共 {n} 个模型，{direction}。每个模型一行：优先采用开发者报告的数值；其他来源的数值可通过 ≠ 标记展开。",
    "higher is better": "越高越好",
    "lower is better": "越低越好",
    "Only results with exactly this setting are ranked together.": "只有设置完全相同的结果才会一起排名。",
    "{n} results": "{n} 个结果",
    "1 result": "1 个结果",
    "makers": "开发者",
    "others": "他人",
    "not reported in the cited sources": "所引来源未报告",
    "(estimate)": "（估计值）",
    "Source of this list": "此列表的来源",
}


def text(lang: str, key: str, **values) -> str:
    """The interface string ``key`` in ``lang`` ("en" or "zh"), with ``values`` filled in."""
    s = key if lang == "en" else ZH[key]
    return s.format(**values) if values else s
