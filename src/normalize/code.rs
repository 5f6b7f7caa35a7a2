//! Subject codes (科目编码): one cell, split 类|款|项 cells, or fused with the name.

use std::sync::LazyLock;

use regex::Regex;

use crate::pdf::nfkc;

/// A code and the name printed with it: `[30101]基本工资`, `2130201-行政运行`, `2010101 行政运行`.
static FUSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\[?(?P<code>[235]\d{2}(?:\d{2}){0,2})\]?\s*[-:\s]?\s*(?P<name>\D.*)$")
        .expect("valid regex")
});

static CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[235]\d{2}(?:\d{2}){0,2}$").expect("valid regex"));

/// The cell's text as a code, if it is one (3, 5 or 7 digits, function 2xx or economic 3xx/5xx).
pub fn as_code(cell: &str) -> Option<String> {
    let cleaned: String = nfkc(cell).chars().filter(|c| !c.is_whitespace()).collect();
    CODE.is_match(&cleaned).then_some(cleaned)
}

/// Splits a fused `code name` cell into its code and name.
pub fn split_fused(cell: &str) -> Option<(String, String)> {
    let cleaned = nfkc(cell);
    let cleaned = cleaned.trim();
    let captures = FUSED.captures(cleaned)?;
    Some((
        captures["code"].to_string(),
        captures["name"].trim().to_string(),
    ))
}

/// Joins split 类|款|项 cells, a row by row. An empty part is the parent's part, carried from
/// the rows above, when a deeper part is printed (`| 13 | 01` under `201`); a child that
/// repeats its parent's 类 (`201 | 13 | 01`) needs no carrying.
#[derive(Debug, Default)]
pub struct SplitCodeJoiner {
    parts: [String; 3],
}

impl SplitCodeJoiner {
    /// The full code of a row whose 类, 款, 项 cells are `cells` (any of them may be empty).
    pub fn join(&mut self, cells: [&str; 3]) -> Option<String> {
        let cells = cells.map(|c| {
            nfkc(c)
                .chars()
                .filter(|ch| ch.is_ascii_digit())
                .collect::<String>()
        });
        let depth = cells.iter().rposition(|c| !c.is_empty())?;
        for (i, cell) in cells.iter().enumerate().take(depth + 1) {
            if !cell.is_empty() {
                self.parts[i] = cell.clone();
            }
        }
        for part in self.parts.iter_mut().skip(depth + 1) {
            part.clear();
        }
        let code: String = self.parts[..=depth].concat();
        as_code(&code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fused_forms() {
        assert_eq!(
            split_fused("[30101]基本工资"),
            Some(("30101".into(), "基本工资".into()))
        );
        assert_eq!(
            split_fused("2130201-行政运行"),
            Some(("2130201".into(), "行政运行".into()))
        );
        assert_eq!(
            split_fused("2010101 行政运行"),
            Some(("2010101".into(), "行政运行".into()))
        );
        assert_eq!(split_fused("96196电梯应急处置服务平台"), None);
        assert_eq!(split_fused("行政运行"), None);
        assert_eq!(split_fused("2023年"), None);
    }

    #[test]
    fn split_codes_carry_the_parent() {
        let mut joiner = SplitCodeJoiner::default();
        assert_eq!(joiner.join(["201", "", ""]).as_deref(), Some("201"));
        assert_eq!(joiner.join(["", "13", ""]).as_deref(), Some("20113"));
        assert_eq!(joiner.join(["", "", "01"]).as_deref(), Some("2011301"));
        assert_eq!(joiner.join(["201", "13", "50"]).as_deref(), Some("2011350"));
        assert_eq!(joiner.join(["", "", ""]), None);
    }
}
