//! Text normalization every stage compares printed text with the catalogue's words after:
//! every comparison goes through [`squash`], so that full-width forms, stray spaces inside CJK
//! words and curly or straight quotes never decide a match; item names lose their numbering
//! with [`item_name`].

use std::sync::LazyLock;

use regex::Regex;

use crate::pdf::nfkc;

/// A year as texts print it, `2026年`: 19xx or 20xx, other four-digit counts followed by 年 are
/// not years.
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})年").expect("valid regex"));

/// The years `text` names (`2026年`, 1900–2099), in order, each with the byte offset it starts
/// at.
pub fn years(text: &str) -> impl Iterator<Item = (usize, i32)> + '_ {
    YEAR.captures_iter(text).filter_map(|c| {
        let digits = c.get(1)?;
        Some((digits.start(), digits.as_str().parse().ok()?))
    })
}

/// NFKC, whitespace removed, quotation marks removed.
///
/// `“三公”经费` and `"三公"经费` and `三 公 经费` all become `三公经费`; full-width brackets
/// and colons become ASCII ones.
pub fn squash(text: &str) -> String {
    nfkc(text)
        .chars()
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
    let squashed = nfkc(uncircled);
    if let Some(m) = NUMBERING.find(&squashed) {
        let rest = &squashed[m.end()..];
        let is_decimal =
            m.as_str().ends_with('.') && rest.starts_with(|c: char| c.is_ascii_digit());
        if !is_decimal {
            return rest.to_string();
        }
    }
    squashed.into_owned()
}

/// How an item is numbered, from the outermost style to the innermost as Chinese documents
/// number their lists: `一、` over `（一）` over `1.`/`1、` over `（1）` over `①`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NumberingStyle {
    /// `一、`, `二十、`.
    Chinese,
    /// `（一）`.
    ChineseInBrackets,
    /// `1.`, `1、`, `1)`.
    Arabic,
    /// `（1）`.
    ArabicInBrackets,
    /// `①`.
    Circled,
}

/// The numbering an item is printed with: its style (its outline level) and its ordinal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Numbering {
    /// The style.
    pub style: NumberingStyle,
    /// The number: `二十、` is 20, `（3）` is 3.
    pub ordinal: u32,
}

/// The numbering an item is printed with, if any (`1.5吨` is not numbered). `其中：` opening a
/// numbered item (`其中：（一）因公出国费`) introduces the list the item is the first of.
pub fn numbering(text: &str) -> Option<Numbering> {
    let spaceless: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let spaceless = spaceless
        .strip_prefix("其中")
        .map_or(spaceless.as_str(), |rest| {
            rest.trim_start_matches([':', '：'])
        });
    if let Some(c) = spaceless.chars().next().filter(|c| ('①'..='⑳').contains(c)) {
        return Some(Numbering {
            style: NumberingStyle::Circled,
            ordinal: c as u32 - '①' as u32 + 1,
        });
    }
    let squashed = nfkc(spaceless);
    let found = NUMBERING.find(&squashed)?;
    let mark = found.as_str();
    let rest = &squashed[found.end()..];
    if mark.ends_with('.') && rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits: String = mark
        .chars()
        .filter(|c| c.is_ascii_digit() || "一二三四五六七八九十百".contains(*c))
        .collect();
    let chinese = !digits.chars().any(|c| c.is_ascii_digit());
    let ordinal = if chinese {
        chinese_number(&digits)?
    } else {
        digits.parse().ok()?
    };
    let style = match (mark.starts_with('('), chinese) {
        (false, true) => NumberingStyle::Chinese,
        (true, true) => NumberingStyle::ChineseInBrackets,
        (false, false) => NumberingStyle::Arabic,
        (true, false) => NumberingStyle::ArabicInBrackets,
    };
    Some(Numbering { style, ordinal })
}

/// `一` … `九十九`, `一百`: the number a Chinese numeral writes.
fn chinese_number(text: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let chars: Vec<char> = text.chars().collect();
    match chars[..] {
        ['百'] => Some(100),
        [a, '百'] => Some(digit(a)? * 100),
        ['十'] => Some(10),
        ['十', b] => Some(10 + digit(b)?),
        [a, '十'] => Some(digit(a)? * 10),
        [a, '十', b] => Some(digit(a)? * 10 + digit(b)?),
        [a] => digit(a),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_19xx_or_20xx_before_年_with_where_they_start() {
        let found: Vec<(usize, i32)> = years("2025年12月，共3000年，1999年度").collect();
        assert_eq!(found, [(0, 2025), ("2025年12月，共3000年，".len(), 1999)]);
        assert_eq!(years("2026预算").count(), 0);
    }

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

    #[test]
    fn numbering_styles_and_ordinals() {
        let n = |text: &str| numbering(text).map(|n| (n.style, n.ordinal));
        use NumberingStyle::*;
        assert_eq!(n("一、一般公共预算"), Some((Chinese, 1)));
        assert_eq!(n("二十六、抗疫特别国债安排的支出"), Some((Chinese, 26)));
        assert_eq!(n("十、节能环保支出"), Some((Chinese, 10)));
        assert_eq!(n("（三）其他"), Some((ChineseInBrackets, 3)));
        assert_eq!(n("2.政府性基金"), Some((Arabic, 2)));
        assert_eq!(n("12、资金"), Some((Arabic, 12)));
        assert_eq!(n("(3)差旅费"), Some((ArabicInBrackets, 3)));
        assert_eq!(n("②公务用车购置费"), Some((Circled, 2)));
        assert_eq!(n("其中：（一）因公出国费"), Some((ChineseInBrackets, 1)));
        assert_eq!(n("其中：专项资金"), None);
        assert_eq!(n("1.5吨以下"), None);
        assert_eq!(n("本年收入合计"), None);
    }
}
