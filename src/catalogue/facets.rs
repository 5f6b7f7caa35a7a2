//! Titles read as facets: the parts a table title is made of (scope 部门/单位, fund 一般公共预算/
//! 政府性基金/…, subject 收支/支出/基本支出/三公/…, classification 功能/经济, stage 决算, …), and
//! the facet signatures by which the catalogue's kinds are named.
//!
//! A title is scanned left to right for the catalogue's facet words, the longest word at each
//! position winning (`不含上年结转` before `上年结转`, `基本支出` before `支出`); everything
//! else in it (years, unit names, 情况, 明细, 表) is residue that never decides a kind. A kind
//! names itself by one or more signatures; a title matches a signature when it carries every
//! required facet and nothing the signature does not allow, and the most specific match wins.

use std::collections::HashMap;

use regex::Regex;

use super::text::squash;

/// One facet value: the index of its facet and of the value within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FacetValue {
    pub(crate) facet: usize,
    pub(crate) value: usize,
}

/// One facet of titles (`fund`) and its values (`general_budget`, `gov_fund`, …).
#[derive(Debug, Clone)]
pub(crate) struct Facet {
    pub name: String,
    /// A neutral facet never decides a kind: every signature allows its values (部门/单位).
    pub neutral: bool,
    /// Whether the facet's words are read in header cells too (功能分类科目编码).
    pub in_header: bool,
    /// Whether a cover's title sets the facet for every table of the document that does not
    /// print it (决算).
    pub document: bool,
    pub values: Vec<String>,
    /// For each value, a pattern that a row code of that value matches (`^2\d\d…` for
    /// function codes): the facet can be read from a table's row codes.
    pub codes: Vec<Option<Regex>>,
}

/// The facets and the words that print them.
#[derive(Debug, Clone, Default)]
pub struct Facets {
    pub(crate) facets: Vec<Facet>,
    /// Every word, squashed, longest first.
    words: Vec<(String, FacetValue)>,
}

/// A set of facet values of one facet, one of which is meant (`subject:expenditure|revenue`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Alternatives {
    facet: usize,
    values: Vec<usize>,
}

impl Alternatives {
    fn contains(&self, value: FacetValue) -> bool {
        self.facet == value.facet && self.values.contains(&value.value)
    }
}

/// The facets by which a kind is named: those it requires and those it allows besides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    required: Vec<Alternatives>,
    optional: Vec<Alternatives>,
}

/// What went wrong reading a signature or a facet table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FacetError {
    /// `facet:value` names a facet or value the catalogue does not have.
    Unknown(String),
    /// A token is not `facet:value[|value…][?]`, or the signature is empty.
    Malformed(String),
    /// The same word prints two values.
    DuplicateWord(String),
}

impl Facets {
    /// Builds the vocabulary; each word belongs to one value only.
    pub(crate) fn new(
        facets: Vec<Facet>,
        words: Vec<(String, FacetValue)>,
    ) -> Result<Self, FacetError> {
        let mut seen: HashMap<String, FacetValue> = HashMap::new();
        let mut squashed = Vec::with_capacity(words.len());
        for (word, value) in words {
            let word = squash(&word);
            if word.is_empty() {
                return Err(FacetError::Malformed("an empty facet word".to_string()));
            }
            if seen.insert(word.clone(), value).is_some() {
                return Err(FacetError::DuplicateWord(word));
            }
            squashed.push((word, value));
        }
        squashed.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
        Ok(Facets {
            facets,
            words: squashed,
        })
    }

    /// The facet with this name.
    pub(crate) fn facet(&self, name: &str) -> Option<usize> {
        self.facets.iter().position(|f| f.name == name)
    }

    /// The value `facet:value` names, if the catalogue defines it.
    pub fn value(&self, name: &str) -> Option<FacetValue> {
        let (facet, value) = name.split_once(':')?;
        let f = self.facet(facet)?;
        let v = self.facets[f].values.iter().position(|v| v == value)?;
        Some(FacetValue { facet: f, value: v })
    }

    /// `facet:value` as the catalogue writes it.
    pub fn name(&self, value: FacetValue) -> String {
        let facet = &self.facets[value.facet];
        format!("{}:{}", facet.name, facet.values[value.value])
    }

    /// The facet values a text prints, in order, each word read once (longest first at each
    /// position).
    pub fn read(&self, text: &str) -> Vec<FacetValue> {
        self.read_at(&squash(text))
            .into_iter()
            .map(|(_, value)| value)
            .collect()
    }

    /// The facet values a squashed text prints, each with the byte offset where its word
    /// starts.
    pub(crate) fn read_at(&self, squashed: &str) -> Vec<(usize, FacetValue)> {
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(c) = squashed[at..].chars().next() {
            let rest = &squashed[at..];
            match self
                .words
                .iter()
                .find(|(w, _)| rest.starts_with(w.as_str()))
            {
                Some((word, value)) => {
                    found.push((at, *value));
                    at += word.len();
                }
                None => at += c.len_utf8(),
            }
        }
        found
    }

    /// The values of facets read in headers (`in_header`) that a header's text prints.
    pub fn read_header(&self, header_text: &str) -> Vec<FacetValue> {
        self.read(header_text)
            .into_iter()
            .filter(|v| self.facets[v.facet].in_header)
            .collect()
    }

    /// The value of a facet with code patterns that most of `codes` match, when one value
    /// has a clear majority (two thirds) of the codes that match any.
    pub fn read_codes<'a>(
        &self,
        codes: impl Iterator<Item = &'a str> + Clone,
    ) -> Option<FacetValue> {
        for (f, facet) in self.facets.iter().enumerate() {
            let counts: Vec<usize> = facet
                .codes
                .iter()
                .map(|pattern| {
                    pattern
                        .as_ref()
                        .map_or(0, |p| codes.clone().filter(|c| p.is_match(c)).count())
                })
                .collect();
            let total: usize = counts.iter().sum();
            if let Some((v, &best)) = counts.iter().enumerate().max_by_key(|(_, n)| **n)
                && total > 0
                && best * 3 >= total * 2
            {
                return Some(FacetValue { facet: f, value: v });
            }
        }
        None
    }

    /// Whether a value belongs to a facet a document's cover sets for its tables.
    pub fn is_document(&self, value: FacetValue) -> bool {
        self.facets[value.facet].document
    }

    /// Whether a value belongs to a neutral facet.
    pub fn is_neutral(&self, value: FacetValue) -> bool {
        self.facets[value.facet].neutral
    }

    /// Reads a signature: space-separated `facet:value` tokens, `facet:a|b` for one of several
    /// values, a trailing `?` for an allowed rather than required facet.
    pub(crate) fn signature(&self, text: &str) -> Result<Signature, FacetError> {
        let mut signature = Signature {
            required: Vec::new(),
            optional: Vec::new(),
        };
        for token in text.split_whitespace() {
            let (body, optional) = match token.strip_suffix('?') {
                Some(body) => (body, true),
                None => (token, false),
            };
            let (facet, values) = body
                .split_once(':')
                .ok_or_else(|| FacetError::Malformed(token.to_string()))?;
            let f = self
                .facet(facet)
                .ok_or_else(|| FacetError::Unknown(token.to_string()))?;
            let values = values
                .split('|')
                .map(|v| {
                    self.facets[f]
                        .values
                        .iter()
                        .position(|x| x == v)
                        .ok_or_else(|| FacetError::Unknown(format!("{facet}:{v}")))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let alternatives = Alternatives { facet: f, values };
            if optional {
                signature.optional.push(alternatives);
            } else {
                signature.required.push(alternatives);
            }
        }
        if signature.required.is_empty() {
            return Err(FacetError::Malformed(format!("{text:?} requires no facet")));
        }
        Ok(signature)
    }

    /// How specifically `signature` names a title printing `values`: the number of required
    /// facets, when the title carries all of them and (unless `open`) nothing the signature
    /// does not allow. `open` signatures (forms whose titles begin with a project's name)
    /// ignore the rest of the title.
    pub(crate) fn score(
        &self,
        signature: &Signature,
        values: &[FacetValue],
        open: bool,
    ) -> Option<usize> {
        let carries_required = signature
            .required
            .iter()
            .all(|alternatives| values.iter().any(|v| alternatives.contains(*v)));
        let allowed = |v: &FacetValue| {
            self.is_neutral(*v)
                || signature
                    .required
                    .iter()
                    .chain(&signature.optional)
                    .any(|a| a.contains(*v))
        };
        (carries_required && (open || values.iter().all(allowed)))
            .then_some(signature.required.len())
    }

    /// Whether the signature requires a value of a facet the document's cover sets (a 决算's
    /// stage): the kind belongs to one kind of document.
    pub(crate) fn requires_document_facet(&self, signature: &Signature) -> bool {
        signature
            .required
            .iter()
            .any(|a| self.facets[a.facet].document)
    }

    /// Whether the signature mentions a facet at all (required or allowed).
    pub(crate) fn mentions(signature: &Signature, facet: usize) -> bool {
        signature
            .required
            .iter()
            .chain(&signature.optional)
            .any(|a| a.facet == facet)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facets() -> Facets {
        let facet = |name: &str, neutral: bool, values: &[&str]| Facet {
            name: name.to_string(),
            neutral,
            in_header: false,
            document: false,
            values: values.iter().map(|v| v.to_string()).collect(),
            codes: values.iter().map(|_| None).collect(),
        };
        let word = |w: &str, f: usize, v: usize| (w.to_string(), FacetValue { facet: f, value: v });
        Facets::new(
            vec![
                facet("scope", true, &["department"]),
                facet("subject", false, &["expenditure", "basic"]),
                facet("basis", true, &["excluding_carryover"]),
                facet("carryover", false, &["carryover"]),
            ],
            vec![
                word("部门", 0, 0),
                word("支出", 1, 0),
                word("基本支出", 1, 1),
                word("不含上年结转", 2, 0),
                word("上年结转", 3, 0),
            ],
        )
        .unwrap()
    }

    #[test]
    fn the_longest_word_wins_at_each_position() {
        let f = facets();
        let names = |t: &str| f.read(t).into_iter().map(|v| f.name(v)).collect::<Vec<_>>();
        assert_eq!(
            names("部门基本支出表（不含上年结转）"),
            [
                "scope:department",
                "subject:basic",
                "basis:excluding_carryover"
            ]
        );
        assert_eq!(
            names("项目支出预算表（上年结转）"),
            ["subject:expenditure", "carryover:carryover"]
        );
    }

    #[test]
    fn words_are_read_with_where_they_start() {
        let f = facets();
        let at: Vec<(usize, String)> = f
            .read_at("某中心部门基本支出表")
            .into_iter()
            .map(|(at, v)| (at, f.name(v)))
            .collect();
        let bytes = "某中心".len();
        assert_eq!(
            at,
            [
                (bytes, "scope:department".to_string()),
                (bytes + "部门".len(), "subject:basic".to_string())
            ]
        );
    }

    #[test]
    fn signatures_require_and_allow() {
        let f = facets();
        let sig = f.signature("subject:basic carryover:carryover?").unwrap();
        assert_eq!(f.score(&sig, &f.read("部门基本支出表"), false), Some(1));
        assert_eq!(
            f.score(&sig, &f.read("基本支出表(上年结转)"), false),
            Some(1)
        );
        assert_eq!(f.score(&sig, &f.read("支出表"), false), None);
        let sig = f.signature("subject:expenditure").unwrap();
        assert_eq!(f.score(&sig, &f.read("支出表(上年结转)"), false), None);
        assert_eq!(f.score(&sig, &f.read("支出表(上年结转)"), true), Some(1));
    }

    #[test]
    fn malformed_and_unknown_tokens_are_errors() {
        let f = facets();
        assert_eq!(
            f.signature("subject:income"),
            Err(FacetError::Unknown("subject:income".into()))
        );
        assert_eq!(
            f.signature("fund:x"),
            Err(FacetError::Unknown("fund:x".into()))
        );
        assert!(matches!(
            f.signature("subject"),
            Err(FacetError::Malformed(_))
        ));
        assert!(matches!(
            f.signature("scope:department?"),
            Err(FacetError::Malformed(_))
        ));
        let duplicate = Facets::new(
            f.facets.clone(),
            vec![
                ("支出".into(), FacetValue { facet: 1, value: 0 }),
                ("支 出".into(), FacetValue { facet: 1, value: 1 }),
            ],
        );
        assert_eq!(
            duplicate.err(),
            Some(FacetError::DuplicateWord("支出".into()))
        );
    }
}
