//! Title normalization: the part of a printed title that names the kind of table.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::text::squash;

/// A title reduced to what names its kind, with and without bracketed qualifiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleKey {
    /// With brackets: `项目支出预算表(上年结转)`.
    pub full: String,
    /// Without brackets: `项目支出预算表`.
    pub bare: String,
}

/// Table numbers printed with the title: `预算01表`, `公开01表`, `部门公开表1`, `表一`, `一、`.
static TABLE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[\p{Han}\s]{0,6}\d+\s*表|[\p{Han}\s]{0,6}表\s*[一二三四五六七八九十\d]+|[一二三四五六七八九十]+、|\d+[.、])")
        .expect("valid regex")
});

/// The year and everything before it (often the unit's name): `长治市…2023年度`.
static YEAR_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:.*?\d{4}年度?|\d{4})").expect("valid regex"));

/// Who the table belongs to, printed before the kind: `部门`, `预算单位`, `区级部门综合预算`.
static OWNER_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[区市省县]级)?(?:预算单位|预算部门|部门综合预算|部门|单位|本级)+")
        .expect("valid regex")
});

static BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】").expect("valid regex"));

/// Reduces a printed title to its [`TitleKey`]. The table number is cut while the spaces that
/// end it are still there (`表1 2022年…`); year and owner prefixes come in any order
/// (`2025年预算单位…`, `部门2025年…`), so they are stripped until none is left.
pub fn title_key(title: &str) -> TitleKey {
    let title: String = title.nfkc().collect();
    let numberless = TABLE_NUMBER
        .find(&title)
        .filter(|m| m.end() < title.len())
        .map_or(title.as_str(), |m| &title[m.end()..]);
    let mut full = squash(numberless);
    loop {
        let before = full.len();
        for prefix in [&*YEAR_PREFIX, &*OWNER_PREFIX] {
            if let Some(m) = prefix.find(&full)
                && m.end() < full.len()
            {
                full = full[m.end()..].to_string();
            }
        }
        if full.len() == before {
            break;
        }
    }
    let bare = BRACKETED.replace_all(&full, "").into_owned();
    TitleKey { full, bare }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_numbers_years_owners_in_any_order() {
        let key = title_key("表1 2022年部门综合预算收支总表");
        assert_eq!(key.full, "收支总表");
        let key = title_key("2023年一般公共预算支出预算表（不含上年结转）");
        assert_eq!(key.full, "一般公共预算支出预算表(不含上年结转)");
        assert_eq!(key.bare, "一般公共预算支出预算表");
        assert_eq!(title_key("预算01表 收支总表").full, "收支总表");
        assert_eq!(title_key("公开 01 表 收入总表").full, "收入总表");
        assert_eq!(
            title_key("部门公开表 5 一般公共预算支出表").full,
            "一般公共预算支出表"
        );
        assert_eq!(
            title_key("上海市普陀区2024年预算单位财务收支预算总表").full,
            "财务收支预算总表"
        );
        assert_eq!(
            title_key("2026 年财政拨款 “三公 ” 经费支出情况表").full,
            "财政拨款三公经费支出情况表"
        );
    }
}
