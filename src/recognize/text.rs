//! Text normalization shared by recognition and normalization: every comparison of printed
//! text goes through [`squash`], so that full-width forms, stray spaces inside CJK words and
//! curly or straight quotes never decide a match.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// NFKC, whitespace removed, quotation marks removed.
///
/// `“三公”经费` and `"三公"经费` and `三 公 经费` all become `三公经费`; full-width brackets
/// and colons become ASCII ones.
pub fn squash(text: &str) -> String {
    text.nfkc()
        .filter(|c| !c.is_whitespace() && !is_quote(*c))
        .collect()
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' | '〝' | '〞'
    )
}

/// Leading item numbering after NFKC: `一、`, `(一)`, `(1)`, `1.`, `1、`, `1)`.
static NUMBERING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[一二三四五六七八九十百]+[、.]|\([一二三四五六七八九十百\d]+\)[、.]?|\d{1,2}[、.)])",
    )
    .expect("valid regex")
});

/// An item name as it goes into a record: NFKC, spaces removed, numbering (`一、`, `（一）`,
/// `1.`, `①`) stripped. `1.5吨` keeps its digits: a digit after the dot is not numbering.
pub fn item_name(text: &str) -> String {
    // NFKC turns ① into 1, so circled numbers go first.
    let spaceless: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let uncircled = spaceless.trim_start_matches(|c| ('①'..='⑳').contains(&c));
    let squashed: String = uncircled.nfkc().collect();
    if let Some(m) = NUMBERING.find(&squashed) {
        let rest = &squashed[m.end()..];
        let is_decimal =
            m.as_str().ends_with('.') && rest.starts_with(|c: char| c.is_ascii_digit());
        if !is_decimal {
            return rest.to_string();
        }
    }
    squashed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squash_unifies_width_spaces_and_quotes() {
        assert_eq!(squash("“三公” 经费（单位）"), "三公经费(单位)");
        assert_eq!(squash("政府性 基金预 算"), "政府性基金预算");
        assert_eq!(squash("单位：万元"), "单位:万元");
    }

    #[test]
    fn item_name_strips_numbering_only() {
        assert_eq!(item_name("一、一般公共预算"), "一般公共预算");
        assert_eq!(item_name("（一）其他"), "其他");
        assert_eq!(item_name("①公务用车购置费"), "公务用车购置费");
        assert_eq!(item_name("1、一般公共预算资金"), "一般公共预算资金");
        assert_eq!(item_name("2.政府性基金"), "政府性基金");
        assert_eq!(item_name("二十、住房保障支出"), "住房保障支出");
        assert_eq!(item_name("本年收入合计"), "本年收入合计");
        assert_eq!(item_name("1.5吨以下"), "1.5吨以下");
    }
}
