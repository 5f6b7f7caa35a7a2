//! What a line or a cell says about its role: unit lines, notes, titles, amounts, column
//! indexes. Patterns only; the geometry lives elsewhere.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::catalogue::{Catalogue, LineWords, TitleWords};

/// A year tag describing a table as a whole: `（2023年度）`.
static YEAR_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[（(]\s*\d{4}\s*年度?\s*[)）]$").expect("valid regex"));

/// An amount or a code as printed in a body cell: `866.53`, `4,431,000`, `(12.00)`, `-`, `2013150`.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[-−(（]?\s*\d[\d,，]*(?:\.\d+)?\s*[)）]?%?$").expect("valid regex")
});

/// A line printed where a page number goes: `8`, `- 3 -`, `— 1 0 —`, `第 3 页`.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-—–\s]*[\d\s]+[-—–\s]*|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)$")
        .expect("valid regex")
});

/// A numbered item (`一、`), which opens the body as a total row does.
static NUMBERED_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[一二三四五六七八九十]+、").expect("valid regex"));

/// Whether a line (or one part of a line) is a unit, amount-unit, table-number or year line.
pub(crate) fn is_context_line(text: &str) -> bool {
    let text = text.trim();
    is_labelled_context(text) || is_label(text)
}

/// A line without the continuation mark closing it (`一般公共预算支出表（续）` →
/// `一般公共预算支出表`; `续上表` → ``): the catalogue's `[titles].continuation_marks`.
pub(crate) fn without_continuation_mark(text: &str) -> &str {
    titles().without_continuation_mark(text)
}

/// Whether a line is a table number or year tag only (`表5`, `公开01表`, `（2026年度）`).
pub(crate) fn is_label(text: &str) -> bool {
    titles().is_number_line(text) || YEAR_TAG.is_match(text.trim())
}

/// The words of titles: the table stage reads the bundled catalogue.
pub(crate) fn titles() -> &'static TitleWords {
    Catalogue::standard().titles()
}

/// The words of the lines around tables: the table stage reads the bundled catalogue.
fn lines() -> &'static LineWords {
    Catalogue::standard().lines()
}

/// Whether a line is a labelled context line (单位名称：…, 单位：万元), which comes after a
/// table's title, never before it.
pub(crate) fn is_labelled_context(text: &str) -> bool {
    lines().is_labelled(text)
}

/// Whether a line under a table starts a note (注：…, 备注：…, 本表无数据).
pub(crate) fn is_note_line(text: &str) -> bool {
    lines().is_note(text)
}

/// Whether a line is only a page number.
pub(crate) fn is_page_number(text: &str) -> bool {
    PAGE_NUMBER.is_match(text.trim())
}

/// Whether a line can be a table's title: short, not a sentence, not a page number.
pub(crate) fn can_be_title(text: &str, max_chars: usize) -> bool {
    let text = text.trim();
    let chars = text.chars().count();
    chars >= 2
        && chars <= max_chars
        && !text.ends_with(['。', '；', ';', '，', ',', ':', '：'])
        && !is_page_number(text)
        && !is_number(text)
}

/// Whether a cell holds an amount or a code.
pub(crate) fn is_number(text: &str) -> bool {
    NUMBER.is_match(text)
}

/// Whether a cell opens the body: a total row's name (the catalogue's `total` item: 合计,
/// 本年收入合计) or a numbered item (一、…).
pub(crate) fn starts_body(text: &str) -> bool {
    Catalogue::standard().opens_with_total(text) || NUMBERED_ITEM.is_match(text)
}

/// Whether a row is a column-index row, printed under the header to number the columns
/// (`1 2 3 …`, `栏次 | 1 | 2`, `甲 | 乙 | 1 | 2`, `** | ** | 1 | 2`, `A | B | 1 | 2`): every
/// non-empty cell a column number (below 100), an index label (the catalogue's
/// `[headers].index_labels`), capital letters or asterisks,
/// with at least two numbers, increasing. The one definition: the table stage closes a header
/// with such a row, and the later stages read no amounts from it.
pub fn is_index_row(cells: &[String]) -> bool {
    let mut numbers = 0;
    let mut last = None;
    for cell in cells {
        let token: Cow<str> = if cell.contains(char::is_whitespace) {
            Cow::Owned(cell.chars().filter(|c| !c.is_whitespace()).collect())
        } else {
            Cow::Borrowed(cell)
        };
        match index_token(&token) {
            Some(IndexToken::Empty | IndexToken::Label) => {}
            Some(IndexToken::Number(n)) if last.is_none_or(|l| l < n) => {
                numbers += 1;
                last = Some(n);
            }
            Some(IndexToken::Number(_)) | None => return false,
        }
    }
    numbers >= 2
}

/// One cell of a column-index row.
enum IndexToken {
    Empty,
    Label,
    Number(u32),
}

/// What a cell (without whitespace) is in a column-index row, if it can be in one.
fn index_token(cell: &str) -> Option<IndexToken> {
    if cell.is_empty() {
        Some(IndexToken::Empty)
    } else if cell.bytes().all(|b| b.is_ascii_digit()) {
        cell.parse()
            .ok()
            .filter(|n| *n < 100)
            .map(IndexToken::Number)
    } else if cell.bytes().all(|b| b == b'*')
        || cell.bytes().all(|b| b.is_ascii_uppercase())
        || Catalogue::standard().headers().is_index_label(cell)
    {
        Some(IndexToken::Label)
    } else {
        None
    }
}

/// Whether a line introduces what follows it: a sentence (`单位详细情况见下表：`), a numbered
/// heading (`二、部门预算单位构成`, `（三）…`, `第二部分 …`) or prose too long for a title. A
/// short fragment (a cell's text outside the ruled area, a running page header) does not.
pub(crate) fn introduces(text: &str, max_title_chars: usize) -> bool {
    let text = text.trim();
    text.ends_with(['：', ':', '。', '；', ';'])
        || is_numbered(text)
        || text.chars().count() > max_title_chars
}

/// Whether a line opens with a heading's or item's number: `二、`, `（三）`, `第二部分`, `1.`.
pub(crate) fn is_numbered(text: &str) -> bool {
    static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十\d]+部分|\d{1,2}[、.．]\D)")
            .expect("valid regex")
    });
    NUMBERED.is_match(text.trim())
}

/// Whether a line states only the amount unit (`单位：万元`, `金额单位：元`, `（单位：万元）`).
pub(crate) fn is_amount_unit_line(text: &str) -> bool {
    lines().is_amount_unit_line(text)
}

/// Splits a cell or line holding two context items side by side (`单位名称：X 单位：万元`).
pub(crate) fn split_context(text: &str) -> Vec<String> {
    let text = text.trim();
    match lines().amount_unit_at(text) {
        Some(at) if at > 0 => vec![text[..at].trim().to_string(), text[at..].trim().to_string()],
        _ => vec![text.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_lines_are_recognised() {
        for line in [
            "单位名称：长治市上党区社会治安综合治理中心",
            "单位：万元",
            "单位:万元",
            "金额单位：元",
            "（单位：万元）",
            "编制部门：上海市普陀区商务委员会",
            "部门： 佛山市轨道交通局",
            "部门(单位): 烟台市统计局",
            "预算主管部门：上海市普陀区XX局",
            "预算部门：某某市某某局",
            "填报单位（盖章）：某某中心",
            "预算公开表1",
            "公开 01表",
            "部门公开表7",
            "表一",
            "表12",
            "预算01表",
            "（2023年度）",
            "(2026 年度)",
        ] {
            assert!(is_context_line(line), "{line}");
        }
        for line in [
            "2023年预算收支总表",
            "收支总表",
            "一、本单位职责",
            "单位资金",
        ] {
            assert!(!is_context_line(line), "{line}");
        }
    }

    #[test]
    fn notes_titles_and_page_numbers() {
        assert!(is_note_line("注：本表无数据"));
        assert!(is_note_line(
            "备注：本部门 2026 年没有使用政府性基金预算拨款安排的支出。"
        ));
        assert!(is_note_line(
            "（注：2026年国家信访局部门预算中没有使用政府性基金预算拨款安排的支出。）"
        ));
        assert!(!is_note_line("2023年预算收支总表"));
        for page in ["8", "- 3 -", "— 1 0 —", "1 0", "第 3 页"] {
            assert!(is_page_number(page), "{page}");
        }
        assert!(can_be_title("2023年预算收支总表", 60));
        assert!(!can_be_title("我中心正科级建制，属区委直属事业单位。", 60));
        assert!(!can_be_title("- 3 -", 60));
    }

    #[test]
    fn numbers_and_index_rows() {
        for n in [
            "866.53",
            "4,431,000",
            "(12.00)",
            "2013150",
            "0",
            "-5.00",
            "12%",
        ] {
            assert!(is_number(n), "{n}");
        }
        assert!(!is_number("2023年"));
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert!(is_index_row(&row(&["1", "2", "3", "4"])));
        assert!(is_index_row(&row(&["栏次", "", "1", "2"])));
        assert!(is_index_row(&row(&["甲", "乙", "1", "2", "3"])));
        assert!(is_index_row(&row(&["**", "**", "1", "2", "3"])));
        assert!(is_index_row(&row(&["A", "B", "1 0", "1 1"])));
        assert!(!is_index_row(&row(&["201", "838.21"])));
        assert!(!is_index_row(&row(&["1", ""])));
        assert!(!is_index_row(&row(&["合计", "1", "2"])));
        // A body row of whole amounts under a year is no index row.
        assert!(!is_index_row(&row(&["", "2021", "10", "0", "0", "10"])));
        assert!(!is_index_row(&row(&["", "1", "3", "2"])));
    }

    #[test]
    fn introducing_lines() {
        for line in [
            "单位详细情况见下表：",
            "二、部门预算单位构成",
            "（三）机构设置",
            "第七部分 重点项目预算绩效情况说明",
            "1.项目支出绩效目标表",
        ] {
            assert!(introduces(line, 60), "{line}");
        }
        for line in [
            "质量指标",
            "2026年部门预算",
            "6年预算单位收入预算总表",
            "1.5",
        ] {
            assert!(!introduces(line, 60), "{line}");
        }
    }

    #[test]
    fn continuation_marks() {
        for (line, rest) in [
            ("一般公共预算支出表（续）", "一般公共预算支出表"),
            ("一般公共预算支出表(续表)", "一般公共预算支出表"),
            ("收支总表 续表", "收支总表"),
            ("续表", ""),
            ("（续表1）", ""),
            ("续上表", ""),
            ("接上表", ""),
            ("表5（续）", "表5"),
            ("一般公共预算支出表", "一般公共预算支出表"),
            ("部门预算手续费收入表", "部门预算手续费收入表"),
        ] {
            assert_eq!(without_continuation_mark(line), rest, "{line}");
        }
    }

    #[test]
    fn amount_unit_lines() {
        for line in [
            "单位：万元",
            "金额单位:元",
            "（单位：万元）",
            "单位：人民币元",
        ] {
            assert!(is_amount_unit_line(line), "{line}");
        }
        assert!(!is_amount_unit_line("单位名称：某局"));
        assert!(!is_amount_unit_line("表1"));
    }

    #[test]
    fn side_by_side_context_lines_split() {
        assert_eq!(
            split_context("单位名称：长沙职业教育基地综合协调办公室单位：万元"),
            vec!["单位名称：长沙职业教育基地综合协调办公室", "单位：万元"]
        );
        assert_eq!(split_context("单位：万元"), vec!["单位：万元"]);
        assert_eq!(
            split_context("编制单位：上海市财政局"),
            vec!["编制单位：上海市财政局"]
        );
    }
}
