//! What a label names: the figure (or figures) whose cue ends it, by the rules of the
//! vocabulary (see the head of the `[figures]` sections of the catalogue). A label that names nothing for sure names
//! nothing.

use std::sync::LazyLock;

use regex::Regex;

use crate::catalogue::figures::{FigureSpec, Vocabulary};
use crate::recognize::{item_name, squash};

/// A label prepared for matching: numbering, quotes, spaces and years removed; the years it
/// named kept aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The words left (`财政拨款三公经费预算`).
    pub key: String,
    /// The years the label named (`2026年` → 2026).
    pub years: Vec<i32>,
}

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})年度?").expect("valid regex"));

impl Label {
    /// Prepares the printed label `text`.
    pub fn new(text: &str) -> Label {
        let trimmed = text.trim_start_matches([',', ':', ';', '、', '。', '!', '?']);
        let key = without_asides(&squash(&item_name(trimmed)));
        let years = YEAR
            .captures_iter(&key)
            .filter_map(|c| c[1].parse().ok())
            .collect();
        Label {
            key: YEAR.replace_all(&key, "").into_owned(),
            years,
        }
    }
}

static ASIDE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([^()]{2,}\)").expect("valid regex"));

/// A label without the remarks it holds in brackets (`政府采购金额(以合同签订为准)为`); a single
/// character in brackets is part of a word (`因公出国(境)费`).
fn without_asides(key: &str) -> String {
    ASIDE.replace_all(key, "").into_owned()
}

/// Where a label stands, which decides the cues it may use.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The figures of the amount an enumeration (其中, 包括) lists parts of, when the label is
    /// inside one.
    pub under: Option<&'a [&'a str]>,
    /// The fiscal year of the document, when known.
    pub year: Option<i32>,
}

/// The figures a label names, all by the same cue; empty when it names none or its meaning is
/// unclear.
pub fn named<'v>(
    vocabulary: &'v Vocabulary,
    label: &Label,
    context: Context,
) -> Vec<&'v FigureSpec> {
    let label = &Label {
        key: vocabulary.standard_spelling(&label.key),
        years: label.years.clone(),
    };
    // A cue that starts earlier takes what follows it as its tails (`三公经费支出预算` is the
    // 三公经费's budget, not an 支出预算); among cues starting at the same place, the longest.
    let mut best: Vec<(&FigureSpec, CueMatch)> = Vec::new();
    for figure in &vocabulary.figures {
        let Some(found) = best_cue(vocabulary, figure, label, context) else {
            continue;
        };
        match best.first().map(|(_, b)| found.rank().cmp(&b.rank())) {
            None | Some(std::cmp::Ordering::Equal) => best.push((figure, found)),
            Some(std::cmp::Ordering::Greater) => best = vec![(figure, found)],
            Some(std::cmp::Ordering::Less) => {}
        }
    }
    let same_cue = best.windows(2).all(|pair| pair[0].1.cue == pair[1].1.cue);
    if same_cue {
        best.into_iter().map(|(figure, _)| figure).collect()
    } else {
        Vec::new()
    }
}

/// The figures the subject of a comparison names (`2019年本部门预算收入` in `2019年本部门预算收入
/// 较上年增加…`): what it names as a label, else what its `subject_cues` name when nothing but
/// lead words precede them (`收入` in `收入较去年增加…`).
pub fn subject_named<'v>(
    vocabulary: &'v Vocabulary,
    subject: &Label,
    context: Context,
) -> Vec<&'v FigureSpec> {
    let named = named(vocabulary, subject, context);
    if !named.is_empty() {
        return named;
    }
    let prose = &vocabulary.prose;
    vocabulary
        .figures
        .iter()
        .filter(|figure| {
            figure.subject_cues.iter().any(|cue| {
                subject.key.match_indices(cue.as_str()).any(|(at, _)| {
                    is_made_of(&subject.key[..at], &prose.lead, &[])
                        && is_made_of(&subject.key[at + cue.len()..], &prose.tails, &figure.tails)
                })
            })
        })
        .collect()
}

/// Where in a label a cue matched.
#[derive(Debug, Clone, Copy)]
struct CueMatch<'v> {
    cue: &'v str,
    at: usize,
}

impl CueMatch<'_> {
    /// Earlier first, then longer.
    fn rank(&self) -> (std::cmp::Reverse<usize>, usize) {
        (std::cmp::Reverse(self.at), self.cue.len())
    }
}

/// Whether a label consists of words that say nothing of what it measures (`2026年预算数`).
pub fn is_generic(vocabulary: &Vocabulary, label: &Label) -> bool {
    is_made_of(&label.key, &vocabulary.prose.generic, &[])
}

/// The best cue of `figure` (see [`named`]) that ends `label` as the rules allow.
fn best_cue<'v>(
    vocabulary: &Vocabulary,
    figure: &'v FigureSpec,
    label: &Label,
    context: Context,
) -> Option<CueMatch<'v>> {
    if !year_fits(vocabulary, figure, label, context.year) {
        return None;
    }
    let scoped = context
        .under
        .is_some_and(|under| figure.within.iter().any(|w| under.contains(&w.as_str())));
    let scoped_cues = if scoped { &figure.scoped_cues[..] } else { &[] };
    figure
        .cues
        .iter()
        .chain(&figure.bare_cues)
        .chain(scoped_cues)
        .filter_map(|cue| {
            let at = cue_start(vocabulary, figure, &label.key, cue)?;
            Some(CueMatch { cue, at })
        })
        .max_by_key(CueMatch::rank)
}

/// A label naming another year than the document's speaks of that year, except for figures
/// stated at another year's end (stocks), but not at an earlier year's start.
fn year_fits(
    vocabulary: &Vocabulary,
    figure: &FigureSpec,
    label: &Label,
    year: Option<i32>,
) -> bool {
    let Some(year) = year else {
        return true;
    };
    if !figure.any_year {
        return label.years.iter().all(|y| *y == year);
    }
    let at_start = vocabulary
        .prose
        .year_start
        .iter()
        .any(|w| label.key.contains(w.as_str()));
    !(at_start && label.years.iter().any(|y| *y < year))
}

/// The first occurrence of `cue` in `key` followed only by tails and preceded by nothing that
/// changes its meaning.
fn cue_start(vocabulary: &Vocabulary, figure: &FigureSpec, key: &str, cue: &str) -> Option<usize> {
    let prose = &vocabulary.prose;
    let fits = |at: usize| {
        let before = &key[..at];
        let after = &key[at + cue.len()..];
        is_made_of(after, &prose.tails, &figure.tails)
            && !figure
                .not_after
                .iter()
                .any(|q| before.ends_with(q.as_str()))
            && !figure.not_before.iter().any(|q| after.contains(q.as_str()))
            && !prose
                .coordinated
                .iter()
                .any(|c| before.ends_with(c.as_str()))
            && (figure.any_year
                || !prose
                    .previous_year
                    .iter()
                    .any(|w| before.contains(w.as_str()) || after.contains(w.as_str())))
            && (!figure.bare_cues.iter().any(|b| b == cue) || is_made_of(before, &prose.lead, &[]))
    };
    // Most cues are not in the label at all: a search for the cue's first character (a byte
    // search) rules them out without building a substring searcher for each.
    if let Some(first) = cue.chars().next()
        && !key.contains(first)
    {
        return None;
    }
    key.match_indices(cue)
        .map(|(at, _)| at)
        .find(|&at| fits(at))
}

/// Whether `text` is a sequence of the given words (in any order, any repeated), or empty.
pub(super) fn is_made_of(text: &str, words: &[String], more: &[String]) -> bool {
    if text.is_empty() {
        return true;
    }
    words.iter().chain(more).filter(|w| !w.is_empty()).any(|w| {
        text.strip_prefix(w.as_str())
            .is_some_and(|rest| is_made_of(rest, words, more))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(label: &str) -> Vec<String> {
        keys_in(
            label,
            Context {
                under: None,
                year: Some(2026),
            },
        )
    }

    fn keys_in(label: &str, context: Context) -> Vec<String> {
        named(Vocabulary::standard(), &Label::new(label), context)
            .into_iter()
            .map(|f| f.key.clone())
            .collect()
    }

    #[test]
    fn labels_are_stripped_of_numbering_quotes_and_years() {
        let label = Label::new("、(一)2026年度财政拨款“三公”经费预算");
        assert_eq!(label.key, "财政拨款三公经费预算");
        assert_eq!(label.years, [2026]);
    }

    #[test]
    fn each_cue_names_its_figure() {
        for (label, key) in [
            ("2026年度收入预算", "revenue_total"),
            ("2026年度预算收入总计", "revenue_total"),
            ("其中:本年收入", "revenue_current"),
            ("1.一般公共预算拨款收入", "general_budget_appropriation"),
            ("(1)一般公共预算收入预算", "general_budget_appropriation"),
            ("2.政府性基金预算拨款收入", "gov_fund_appropriation"),
            ("3.国有资本经营预算拨款收入", "state_capital_appropriation"),
            ("10.上年结转结余", "carryover"),
            ("4.上年结转资金预算数为", "carryover"),
            (
                "2026年通过一般公共预算财政拨款安排的三公经费预算共",
                "three_public_total",
            ),
            ("2026年支出预算", "expenditure_total"),
            ("本年支出预算合计", "expenditure_current"),
            ("基本支出预算", "basic_expenditure"),
            ("此外基本支出预算数为", "basic_expenditure"),
            ("项目支出预算", "project_expenditure"),
            ("(三)年终结转结余资金", "carry_forward"),
            ("2026年财政拨款“三公”经费预算", "three_public_total"),
            ("1.因公出国(境)费预算支出", "abroad"),
            ("其中:因公出国 (境)费用", "abroad"),
            ("公务接待费", "reception"),
            ("公务用车购置及运行费支出", "vehicle_purchase_and_operation"),
            (
                "(三)公务用车购置和运行维护费",
                "vehicle_purchase_and_operation",
            ),
            ("包括公务用车购置费预算", "vehicle_purchase"),
            ("(1)公务用车购置预算支出", "vehicle_purchase"),
            ("公务用车运行维护费预算", "vehicle_operation"),
            (
                "2026年北京市公安局机关运行经费财政拨款预算",
                "operating_expenses",
            ),
            ("2026年北京市财政局政府采购预算总额", "procurement_total"),
            ("本部门政府采购支出预算总额", "procurement_total"),
            ("其中:政府采购货物预算", "procurement_goods"),
            ("拟采购货物支出", "procurement_goods"),
            ("政府采购工程预算", "procurement_works"),
            ("政府采购服务预算", "procurement_services"),
            ("截至2025年底,北京市财政局共有车辆", "vehicles"),
            ("公务用车保有量", "vehicles"),
            ("本单位共有公务用车", "vehicles"),
            ("截至2025年底,本部门现有车辆", "vehicles"),
            ("本单位拥有公务用车", "vehicles"),
            ("公务用车购置经费", "vehicle_purchase"),
            ("公务用车运行维护经费", "vehicle_operation"),
            ("公务用车运行经费", "vehicle_operation"),
            (
                "公务用车购置及运行维护经费",
                "vehicle_purchase_and_operation",
            ),
            ("车辆", "vehicles"),
            ("佛山市轨道交通局2026年度总收入", "revenue_total"),
            ("佛山市轨道交通局2026年度总支出", "expenditure_total"),
            ("本部门当年预算收入", "revenue_total"),
            ("本部门当年预算支出", "expenditure_total"),
            ("2026年因公出国预算", "abroad"),
            ("其中:(一)因公出国(境)支出", "abroad"),
            (
                "公务用车购置及运行维护支出",
                "vehicle_purchase_and_operation",
            ),
            ("纳入2026年部门预算的政府采购项目共有", "procurement_total"),
            ("2026年本部门政府采购安排", "procurement_total"),
            ("2026年本部门政府采购支出总额", "procurement_total"),
            (
                "2026年度政府采购金额(以合同签订为准)为",
                "procurement_total",
            ),
            ("其中:货物采购金额", "procurement_goods"),
            ("服务采购金额", "procurement_services"),
        ] {
            assert_eq!(keys(label), [key], "{label}");
        }
    }

    #[test]
    fn qualified_coordinated_or_unclear_labels_name_nothing() {
        for label in [
            "(一)本年财政拨款收入",
            "本年其他资金收入",
            "1.财政拨款收入预算总计",
            "一般公共预算财政拨款支出",
            "2023年度一般公共预算基本支出",
            "财政拨款基本支出预算",
            "森林防火项目支出",
            "上年结转结余的一般公共预算收入",
            "上年结转财政拨款",
            "2025年财政拨款三公经费预算",
            "上年三公经费预算",
            "公务用车运行维护费增加",
            "2026年预算数",
            "其中:一般公共预算拨款政府采购",
            "一般公务用车",
            "购买服务",
            "2026年部门预算安排购置车辆",
            "其中:执法执勤车辆",
            "局机关行政运行经费预算",
            "其中一般公共预算拨款政府采购",
            "该项目其中政府采购",
            "货物类项目",
            "2026年本部门上级专项转移支付支出预算",
            "上级专项转移支付收入预算",
            "人员支出预算",
        ] {
            assert!(keys(label).is_empty(), "{label}: {:?}", keys(label));
        }
    }

    #[test]
    fn one_cue_may_name_two_figures_and_scoped_cues_need_their_enumeration() {
        for label in [
            "2026年度收入支出总计",
            "江苏省委办公厅2026年度收入、支出预算总计",
            "国家信访局2026年收支总预算",
        ] {
            assert_eq!(
                keys(label),
                ["revenue_total", "expenditure_total"],
                "{label}"
            );
        }
        assert!(keys("2026年度财政拨款收、支总预算").is_empty());
        let under_procurement = Context {
            under: Some(&["procurement_total"]),
            year: Some(2019),
        };
        assert_eq!(
            keys_in("拟购买服务支出", under_procurement),
            ["procurement_services"]
        );
        assert!(keys("拟购买服务支出").is_empty());
        assert_eq!(
            keys_in("其中:货物类项目", under_procurement),
            ["procurement_goods"]
        );
    }

    #[test]
    fn remarks_in_brackets_are_no_part_of_a_label() {
        assert_eq!(
            Label::new("政府采购金额（以合同签订为准）为").key,
            "政府采购金额为"
        );
        assert_eq!(Label::new("因公出国（境）费").key, "因公出国(境)费");
    }

    #[test]
    fn vehicles_may_be_counted_at_the_previous_years_end() {
        assert_eq!(keys("截至2025年12月31日,本单位共有车辆"), ["vehicles"]);
        assert_eq!(keys("截至2026年1月31日,本部门共有车辆"), ["vehicles"]);
        // … not at its start, a year before the budget's.
        assert!(keys("2025年年初本部门共有公务用车").is_empty());
    }

    #[test]
    fn generic_labels() {
        let vocabulary = Vocabulary::standard();
        for label in ["2026年预算数", "2026年年初预算数", "", "合计"] {
            assert!(is_generic(vocabulary, &Label::new(label)), "{label}");
        }
        assert!(!is_generic(
            vocabulary,
            &Label::new("2026年一般公共预算财政拨款运行经费")
        ));
    }
}
