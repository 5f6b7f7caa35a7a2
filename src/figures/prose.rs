//! Headline figures stated in sentences (情况说明): every amount of a paragraph gets a label
//! and a role (a figure, the previous year's figure, a change), labels name figures
//! ([`label::named`]), enumerations (其中, 包括) scope their parts, and comparisons (比上年…)
//! give the previous year's figure where the sentence states it unambiguously.

use std::collections::HashSet;
use std::ops::Range;

use rust_decimal::Decimal;

use super::Found;
use super::amount::{Amount, amounts};
use super::label::{self, Context, Label};
use super::text::{Paragraph, starts_item};
use crate::catalogue::figures::{FigureSpec, Vocabulary};
use crate::recognize::{item_name, squash};
use crate::report::{Figure, FigureSource};

/// Whether a document states a budget or its outturn: a label of the other stage is not one of
/// the document's figures (a 决算 restating 年初预算 …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// 预算: budgets (and documents of unknown kind).
    Budget,
    /// 决算: final accounts.
    Final,
}

/// The figures the paragraphs state, in order. `year` is the fiscal year of the document.
pub fn prose_figures(
    paragraphs: &[Paragraph],
    vocabulary: &Vocabulary,
    stage: Stage,
    year: Option<i32>,
) -> Vec<Found> {
    let reader = Reader {
        vocabulary,
        stage,
        year,
    };
    let found = paragraphs
        .iter()
        .enumerate()
        .flat_map(|(i, paragraph)| {
            let heading = i
                .checked_sub(1)
                .map(|h| paragraphs[h].text.as_str())
                .filter(|h| is_heading(h));
            reader.paragraph(paragraph, heading)
        })
        .collect();
    without_conflicts(found)
}

/// The figures stated with amounts that cannot both be right removed, all their statements:
/// a document that gives, say, several 项目支出 (one per subordinate unit, or a misprint)
/// leaves unclear which one is its own.
fn without_conflicts(found: Vec<Found>) -> Vec<Found> {
    let conflicting: HashSet<String> = found
        .iter()
        .flat_map(|a| found.iter().map(move |b| (a, b)))
        .filter(|(a, b)| {
            a.figure.figure == b.figure.figure
                && (a.figure.amount - b.figure.amount).abs() > a.half_unit + b.half_unit
        })
        .map(|(a, _)| a.figure.figure.clone())
        .collect();
    found
        .into_iter()
        .filter(|f| !conflicting.contains(&f.figure.figure))
        .collect()
}

struct Reader<'v> {
    vocabulary: &'v Vocabulary,
    stage: Stage,
    year: Option<i32>,
}

/// What an amount is in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Stated as such: a figure when its label names one.
    Stated,
    /// The previous year's value, inside a comparison (`比2025年年初预算数X万元增加…`).
    Previous,
    /// A change against the previous year.
    Change(Direction),
    /// Neither: a threshold, a rate, a comparison without direction.
    Aside,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
    /// `增加（减少）0万元`: a template that leaves the direction open.
    Open,
}

/// One amount of a paragraph being read.
struct Reading<'v> {
    amount: Amount,
    /// The text between the amount and the previous amount or clause mark.
    label: Range<usize>,
    sentence: usize,
    clause: usize,
    role: Role,
    figures: Vec<&'v FigureSpec>,
    /// Whether the figures were named by a title rather than the label.
    titled: Titled,
    previous: Option<Decimal>,
}

/// Clause marks: an amount's label never reaches back past one.
const CLAUSE_MARKS: [char; 6] = [',', ':', ';', '。', '!', '?'];
/// Sentence ends.
const SENTENCE_ENDS: [char; 3] = ['。', '!', '?'];

impl<'v> Reader<'v> {
    /// The figures of one paragraph; `heading` is the paragraph before it when that one is a
    /// numbered heading of its own (`（二）公务接待费`).
    fn paragraph(&self, paragraph: &Paragraph, heading: Option<&str>) -> Vec<Found> {
        let text = &paragraph.text;
        let found = amounts(text, self.vocabulary);
        if found.is_empty() {
            return Vec::new();
        }
        let sentences = spans(text, &SENTENCE_ENDS);
        let clauses = spans(text, &CLAUSE_MARKS);
        let mut readings: Vec<Reading> = Vec::with_capacity(found.len());
        for amount in found {
            let floor = readings.last().map_or(0, |r| r.amount.end);
            let reading = self.reading(text, amount, floor, &sentences, &clauses);
            readings.push(reading);
        }
        for i in 0..readings.len() {
            (readings[i].figures, readings[i].titled) =
                self.name(paragraph, heading, &readings, i, &sentences);
        }
        self.rule_out_by_parts(text, &mut readings, &sentences);
        self.compare(text, &mut readings, &clauses);
        readings
            .iter()
            .flat_map(|r| {
                r.figures
                    .iter()
                    .filter(|f| r.amount.measures(f.measure))
                    .map(|f| found_figure(paragraph, heading, &sentences, r, f))
            })
            .collect()
    }

    /// An amount with its label and role.
    fn reading(
        &self,
        text: &str,
        amount: Amount,
        floor: usize,
        sentences: &[Range<usize>],
        clauses: &[Range<usize>],
    ) -> Reading<'v> {
        let sentence = containing(sentences, amount.start);
        let clause = containing(clauses, amount.start);
        let start = floor
            .max(sentences[sentence].start)
            .max(clauses[clause].start);
        let label = start..amount.start;
        let role = self.role(&text[label.clone()], &text[amount.end..]);
        Reading {
            amount,
            label,
            sentence,
            clause,
            role,
            figures: Vec::new(),
            titled: Titled::No,
            previous: None,
        }
    }

    fn role(&self, label: &str, after: &str) -> Role {
        let prose = &self.vocabulary.prose;
        let key = squash(label);
        let has = |words: &[String]| words.iter().any(|w| key.contains(w.as_str()));
        let (up, down) = (has(&prose.increase), has(&prose.decrease));
        if up || down {
            return Role::Change(match (up, down) {
                (true, false) => Direction::Up,
                (false, true) => Direction::Down,
                _ => Direction::Open,
            });
        }
        let after = squash(after.get(..after.len().min(24)).unwrap_or(after));
        let starts_with = |words: &[String]| words.iter().any(|w| after.starts_with(w.as_str()));
        if self.compares(&key) {
            let direction_follows = starts_with(&prose.increase) || starts_with(&prose.decrease);
            return if direction_follows {
                Role::Previous
            } else {
                Role::Aside
            };
        }
        if starts_with(&prose.reject_after) {
            Role::Aside
        } else {
            Role::Stated
        }
    }

    fn compares(&self, key: &str) -> bool {
        self.vocabulary
            .prose
            .comparison
            .iter()
            .any(|p| p.is_match(key))
    }

    fn starts_comparing(&self, key: &str) -> bool {
        self.vocabulary
            .prose
            .comparison
            .iter()
            .any(|p| p.find(key).is_some_and(|m| m.start() == 0))
    }

    /// The figures the `i`-th amount states, and where the words naming them were read.
    fn name(
        &self,
        paragraph: &Paragraph,
        heading: Option<&str>,
        readings: &[Reading<'v>],
        i: usize,
        sentences: &[Range<usize>],
    ) -> (Vec<&'v FigureSpec>, Titled) {
        let reading = &readings[i];
        let text = &paragraph.text;
        if reading.role != Role::Stated || self.subset(text, reading) {
            return (Vec::new(), Titled::No);
        }
        let enumeration = self.enumeration(text, readings, i, sentences);
        let under: Option<Vec<&str>> = enumeration.map(|e| {
            e.whole
                .map_or_else(Vec::new, |g| keys(&readings[g].figures))
        });
        let context = Context {
            under: under.as_deref(),
            year: self.year,
        };
        let (mut figures, titled) = self.named_or_titled(text, heading, readings, i, context);
        if let (Some(enumeration), Some(under)) = (enumeration, &under) {
            retain_parts(&mut figures, under, enumeration.bracketed);
        }
        (figures, titled)
    }

    /// What the `i`-th amount's label names; for a label that says nothing, what the title of its
    /// item or the heading before it names (`（一）因公出国（境）费用。2026年预算数383.38万元`), or
    /// the subject of the amount before it (see [`Reader::elliptic_subject`]).
    fn named_or_titled(
        &self,
        text: &str,
        heading: Option<&str>,
        readings: &[Reading<'v>],
        i: usize,
        context: Context,
    ) -> (Vec<&'v FigureSpec>, Titled) {
        let reading = &readings[i];
        let label = Label::new(&text[reading.label.clone()]);
        let figures = self.named(&label, context);
        let generic = label::is_generic(self.vocabulary, &label) && !self.of_other_stage(&label);
        if !figures.is_empty() || !generic {
            return (figures, Titled::No);
        }
        // Only the first amount of a paragraph is the one its title speaks of.
        let title = match item_title(text, reading.amount.start) {
            Some(title) => Some((title, Titled::Item)),
            None => heading.map(|h| (h, Titled::Heading)),
        };
        if let Some((title, how)) = title.filter(|_| i == 0) {
            let figures = self.named(&Label::new(title), context);
            if !figures.is_empty() {
                return (figures, how);
            }
        }
        (
            self.elliptic_subject(text, readings, i, context),
            Titled::No,
        )
    }

    /// Takes from each amount the figures its own parts rule out: a part (listed after it, see
    /// [`Reader::own_whole`]) whose label holds one of a figure's `not_with_parts` words
    /// (`政府性基金预算收入380万元，…包括：…结转2025年下达的资金80万元` holds what was carried over:
    /// it is not the year's appropriation).
    fn rule_out_by_parts(
        &self,
        text: &str,
        readings: &mut [Reading<'v>],
        sentences: &[Range<usize>],
    ) {
        let parts: Vec<(usize, String)> = (0..readings.len())
            .filter(|&i| readings[i].role == Role::Stated)
            .filter_map(|i| {
                let whole = self.own_whole(text, readings, i, sentences)?;
                Some((whole, squash(&text[readings[i].label.clone()])))
            })
            .collect();
        for (whole, label) in parts {
            readings[whole]
                .figures
                .retain(|f| !f.not_with_parts.iter().any(|w| label.contains(w.as_str())));
        }
    }

    /// The amount the `i`-th is a part of, when no other can be: the one its brackets follow
    /// (`2,134.87万元（含上年结转750万元）`), or after 其中 or 包括 the only amount stated in its
    /// sentence before the marker. `收入为一般公共预算拨款A万元，政府性基金预算拨款B万元。其中：…上年
    /// 结转收入C万元` lists parts of A and B together, not of B.
    fn own_whole(
        &self,
        text: &str,
        readings: &[Reading],
        i: usize,
        sentences: &[Range<usize>],
    ) -> Option<usize> {
        let enumeration = self.enumeration(text, readings, i, sentences)?;
        let whole = enumeration.whole?;
        let stated = &readings[whole];
        let sole = if enumeration.bracketed {
            text[stated.amount.end..enumeration.marker]
                .trim()
                .is_empty()
        } else {
            readings
                .iter()
                .filter(|r| r.sentence == stated.sentence && r.role == Role::Stated)
                .take_while(|r| r.amount.end <= enumeration.marker)
                .count()
                == 1
        };
        sole.then_some(whole)
    }

    /// Whether a word before the amount in its part of the sentence (up to `;`) makes it a
    /// subset of something (`涉及一般公共预算拨款X万元，政府性基金预算拨款Y万元`).
    fn subset(&self, text: &str, reading: &Reading) -> bool {
        let before = &text[..reading.amount.start];
        let start = before
            .char_indices()
            .rev()
            .find(|(_, c)| [';', '。', '!', '?'].contains(c))
            .map_or(0, |(at, c)| at + c.len_utf8());
        let part = squash(&before[start..]);
        self.vocabulary
            .prose
            .reject_before
            .iter()
            .any(|w| part.contains(w.as_str()))
    }

    /// The figures a label names, given the document's stage and words that set it aside.
    fn named(&self, label: &Label, context: Context) -> Vec<&'v FigureSpec> {
        if self.of_other_stage(label) {
            return Vec::new();
        }
        label::named(self.vocabulary, label, context)
    }

    /// Whether a label states the other stage's figure (年初预算 in a final account …).
    fn of_other_stage(&self, label: &Label) -> bool {
        let prose = &self.vocabulary.prose;
        let other_stage = match self.stage {
            Stage::Budget => &prose.final_only,
            Stage::Final => &prose.budget_only,
        };
        other_stage.iter().any(|w| label.key.contains(w.as_str()))
    }

    /// `三公经费支出年初预算为2.85万元，支出决算为0.39万元`: the subject of the amount before,
    /// which was set aside as the other stage's, when the `i`-th amount's label names nothing.
    fn elliptic_subject(
        &self,
        text: &str,
        readings: &[Reading<'v>],
        i: usize,
        context: Context,
    ) -> Vec<&'v FigureSpec> {
        let Some(before) = i.checked_sub(1).map(|b| &readings[b]) else {
            return Vec::new();
        };
        if before.sentence != readings[i].sentence
            || before.role != Role::Stated
            || !before.figures.is_empty()
        {
            return Vec::new();
        }
        let subject = Label::new(&text[before.label.clone()]);
        if !self.of_other_stage(&subject) {
            return Vec::new();
        }
        label::named(self.vocabulary, &subject, context)
    }

    /// Whether the `i`-th amount is listed as a part of another: after 其中 or 包括, or inside
    /// brackets after it (`公务用车购置及运行维护费9.73万元（购置费0万元，运行费9.73万元）`).
    /// `None` when it is not.
    fn enumeration(
        &self,
        text: &str,
        readings: &[Reading],
        i: usize,
        sentences: &[Range<usize>],
    ) -> Option<Enumeration> {
        let reading = &readings[i];
        let sentence = &sentences[reading.sentence];
        let before = &text[sentence.start..reading.amount.start];
        // A marker inside brackets closed before the amount enumerates what is in them only:
        // `…运行费0.00万元（其中，购置费0.00万元），因公出国（境）费0.00万元`.
        let asides = closed_brackets(before);
        let marker = self
            .vocabulary
            .prose
            .parts
            .iter()
            .flat_map(|m| before.match_indices(m.as_str()).map(|(at, _)| at))
            .filter(|at| !asides.iter().any(|aside| aside.contains(at)))
            .max();
        let bracket = unclosed_bracket(before);
        let (marker, bracketed) = match (marker, bracket) {
            (Some(m), Some(b)) if b > m => (b, true),
            (Some(m), _) => (m, false),
            (None, Some(b)) => (b, true),
            (None, None) => return None,
        };
        let marker_at = sentence.start + marker;
        let stated_before = |r: &Reading| r.role == Role::Stated && r.amount.end <= marker_at;
        let in_sentence = whole_among(readings, i, |r| {
            r.sentence == reading.sentence && stated_before(r)
        });
        if in_sentence.is_some() {
            return Some(Enumeration {
                whole: in_sentence,
                bracketed,
                marker: marker_at,
            });
        }
        // `…总额707.6万元。其中：货物444.6万元…`: the whole closes the previous sentence.
        let opens_sentence = text[sentence.start..marker_at]
            .chars()
            .all(|c| !c.is_alphanumeric());
        let previous_sentence = whole_among(readings, i, |r| {
            r.sentence + 1 == reading.sentence && r.role == Role::Stated
        });
        Some(Enumeration {
            whole: previous_sentence.filter(|_| opens_sentence),
            bracketed,
            marker: marker_at,
        })
    }

    /// Gives each figure the previous year's value its sentence states: a comparison right after
    /// it (比上年增加X万元, 比2025年年初预算数Y万元增加X万元, 与上年持平) refers to it when it is the
    /// only amount stated before the comparison in its part of the sentence (up to `;`), or,
    /// when a sentence opens with the comparison, the only amount of the sentence before.
    fn compare(&self, text: &str, readings: &mut [Reading<'v>], clauses: &[Range<usize>]) {
        let sentence_of = clauses_by_sentence(text, clauses);
        for c in 0..clauses.len() {
            let comparison = self
                .comparison(text, readings, clauses, c)
                .or_else(|| self.named_change(text, readings, clauses, &sentence_of, c));
            let Some(comparison) = comparison else {
                continue;
            };
            // A subject naming several figures (`收、支总计各增加…`) compares each of them.
            let governing: Vec<usize> = match self.subject(text, readings, clauses, c) {
                Some(subject) => {
                    let mut each: Vec<usize> = subject
                        .iter()
                        .filter_map(|f| last_statement(readings, clauses[c].start, &[*f]))
                        .collect();
                    each.sort_unstable();
                    each.dedup();
                    each
                }
                None => self
                    .governing(text, readings, clauses, &sentence_of, c)
                    .into_iter()
                    .collect(),
            };
            for g in governing {
                if readings[g].previous.is_none() && !readings[g].figures.is_empty() {
                    readings[g].previous = previous_value(readings, g, &comparison);
                }
            }
        }
    }

    /// The figures a comparison in clause `c` names as its subject: before its comparison
    /// words and after any amount (`2019年本部门预算收入较上年增加…`, `收入比2025年减少…`), or,
    /// in a clause without comparison words, before the direction of its change
    /// (`其中因公出国（境）费增加0万元`); `None` when it names none.
    fn subject(
        &self,
        text: &str,
        readings: &[Reading],
        clauses: &[Range<usize>],
        c: usize,
    ) -> Option<Vec<&'v FigureSpec>> {
        let clause = &text[clauses[c].clone()];
        let start = clauses[c].start;
        let compared_at = self
            .vocabulary
            .prose
            .comparison
            .iter()
            .filter_map(|p| p.find(clause).map(|m| start + m.start()))
            .min();
        let subject = match compared_at {
            Some(at) => {
                let after_amounts = readings
                    .iter()
                    .filter(|r| r.amount.start >= start && r.amount.end <= at)
                    .map(|r| r.amount.end)
                    .max()
                    .unwrap_or(start);
                &text[after_amounts..at]
            }
            None => {
                let change = readings
                    .iter()
                    .find(|r| r.clause == c && matches!(r.role, Role::Change(_)))?;
                let label = &text[change.label.clone()];
                let direction_at = self
                    .vocabulary
                    .prose
                    .increase
                    .iter()
                    .chain(&self.vocabulary.prose.decrease)
                    .filter_map(|w| label.find(w.as_str()))
                    .min()?;
                &label[..direction_at]
            }
        };
        let context = Context {
            under: None,
            year: self.year,
        };
        let figures = label::subject_named(self.vocabulary, &Label::new(subject), context);
        (!figures.is_empty()).then_some(figures)
    }

    /// A change in clause `c` naming its subject, in a sentence that compares with the previous
    /// year before it (`与2025年预算相比增长16.75%，其中因公出国（境）费增加0万元`, `收入比2025年
    /// 减少…，主要是一般公共预算拨款减少…`): the previous year's figure of that subject.
    fn named_change(
        &self,
        text: &str,
        readings: &[Reading],
        clauses: &[Range<usize>],
        sentence_of: &[usize],
        c: usize,
    ) -> Option<Comparison> {
        let change = readings
            .iter()
            .enumerate()
            .find_map(|(r, reading)| match reading.role {
                Role::Change(direction) if reading.clause == c => Some((r, direction)),
                _ => None,
            })?;
        let sentence_start = (0..c)
            .rev()
            .take_while(|&k| sentence_of[k] == sentence_of[c])
            .last()
            .map_or(clauses[c].start, |k| clauses[k].start);
        let compared_before = self.compares(&squash(&text[sentence_start..clauses[c].start]));
        let named = self.subject(text, readings, clauses, c).is_some();
        (compared_before && named).then_some(Comparison {
            explicit: None,
            change: Some(change),
            unchanged: false,
        })
    }

    /// The comparison with the previous year clause `c` makes, if it makes one: a comparison
    /// word in it (or in the clause before, `与上年相比，…增加X万元`) and a previous amount, a
    /// change or a word of no change.
    fn comparison(
        &self,
        text: &str,
        readings: &[Reading],
        clauses: &[Range<usize>],
        c: usize,
    ) -> Option<Comparison> {
        let key = squash(&text[clauses[c].clone()]);
        let has = |words: &[String]| words.iter().any(|w| key.contains(w.as_str()));
        let in_clause: Vec<usize> = (0..readings.len())
            .filter(|&r| readings[r].clause == c)
            .collect();
        let comparison = Comparison {
            explicit: in_clause
                .iter()
                .copied()
                .find(|&r| readings[r].role == Role::Previous),
            change: in_clause.iter().find_map(|&r| match readings[r].role {
                Role::Change(direction) => Some((r, direction)),
                _ => None,
            }),
            unchanged: in_clause.is_empty()
                && has(&self.vocabulary.prose.unchanged)
                && !has(&self.vocabulary.prose.roughly_unchanged),
        };
        let marker_before = c > 0
            && !ends_subsentence(text, clauses[c - 1].end)
            && self.compares(&squash(&text[clauses[c - 1].clone()]))
            && !readings.iter().any(|r| r.clause == c - 1);
        let says_something =
            comparison.explicit.is_some() || comparison.change.is_some() || comparison.unchanged;
        ((self.compares(&key) || marker_before) && says_something).then_some(comparison)
    }

    /// The amount a comparison in clause `c` refers to (see [`Reader::compare`]).
    fn governing(
        &self,
        text: &str,
        readings: &[Reading],
        clauses: &[Range<usize>],
        sentence_of: &[usize],
        c: usize,
    ) -> Option<usize> {
        // `X万元（…。）比上年增加Y万元`: a comparison right after the brackets following an
        // amount compares that amount.
        if let Some(whole) = bracketed_whole(text, readings, clauses[c].start) {
            return Some(whole);
        }
        // The clauses of the same part of the sentence (up to `;`) before the comparison.
        let mut first = c;
        while first > 0
            && sentence_of[first - 1] == sentence_of[c]
            && !ends_subsentence(text, clauses[first - 1].end)
        {
            first -= 1;
        }
        let span = clauses[first].start..clauses[c].start;
        // After an enumeration marker, only the parts listed count: `…0.00万元，其中：运行费
        // 0.00万元，与上年持平` compares the part; so does a bracket still open, when it lists
        // an amount: `…74.1万元（公务用车购置费0万元，比上年减少18万元；…`.
        let marker = self
            .vocabulary
            .prose
            .parts
            .iter()
            .filter_map(|m| {
                text[span.clone()]
                    .rfind(m.as_str())
                    .map(|at| span.start + at)
            })
            .max()
            .unwrap_or(0);
        let bracket = unclosed_bracket(&text[span.clone()]).map(|at| span.start + at);
        let stated_from = |from: usize| -> Vec<usize> {
            (0..readings.len())
                .filter(|&r| {
                    let clause = readings[r].clause;
                    clause >= first
                        && clause < c
                        && readings[r].role == Role::Stated
                        && readings[r].amount.start >= from
                })
                .collect()
        };
        let in_bracket = bracket
            .map(|b| stated_from(b.max(marker)))
            .filter(|stated| !stated.is_empty());
        let stated = in_bracket.unwrap_or_else(|| stated_from(marker));
        match stated.as_slice() {
            [only] => return Some(*only),
            [] => {}
            _ => return None,
        }
        // `…9312.9万元。与上年相比增加1435.14万元`: a sentence that opens with the comparison
        // compares the amount of the sentence before.
        let opens_sentence = first > 0
            && sentence_of[first - 1] != sentence_of[c]
            && self.starts_comparing(&item_name(&squash(&text[clauses[first].clone()])));
        if !opens_sentence {
            return None;
        }
        let before = sentence_of[first - 1];
        let stated: Vec<usize> = (0..readings.len())
            .filter(|&r| {
                sentence_of[readings[r].clause] == before && readings[r].role == Role::Stated
            })
            .collect();
        match stated.as_slice() {
            [only] => Some(*only),
            _ => None,
        }
    }
}

/// The last amount stated before byte `before` that states one of `figures`.
fn last_statement(readings: &[Reading], before: usize, figures: &[&FigureSpec]) -> Option<usize> {
    readings
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, r)| r.amount.end <= before && r.role == Role::Stated)
        .find(|(_, r)| {
            r.figures
                .iter()
                .any(|f| figures.iter().any(|s| s.key == f.key))
        })
        .map(|(g, _)| g)
}

/// What one clause says of the previous year.
struct Comparison {
    /// The previous year's amount, printed (`比2025年年初预算数211,138.66万元增加…`).
    explicit: Option<usize>,
    /// The change and its direction.
    change: Option<(usize, Direction)>,
    /// No change (与上年持平).
    unchanged: bool,
}

/// The previous year's value of the `g`-th amount by `comparison`: the printed one, else the
/// amount less its increase or plus its decrease; an open direction (`增加（减少）`) only for a
/// change of zero.
fn previous_value(readings: &[Reading], g: usize, comparison: &Comparison) -> Option<Decimal> {
    let stated = &readings[g].amount;
    let same_measure = |r: usize| {
        let other = &readings[r].amount;
        other.measure.is_none() || stated.measure.is_none() || other.measure == stated.measure
    };
    match (comparison.explicit, comparison.change) {
        (Some(p), _) => same_measure(p).then(|| readings[p].amount.value),
        (None, Some((r, direction))) if same_measure(r) => {
            let delta = readings[r].amount.value;
            match direction {
                Direction::Up => Some(stated.value - delta),
                Direction::Down => Some(stated.value + delta),
                Direction::Open => delta.is_zero().then_some(stated.value),
            }
        }
        (None, None) if comparison.unchanged => Some(stated.value),
        _ => None,
    }
}

/// The amount an enumeration lists parts of, among the amounts before the `i`-th that `fits`
/// keeps: the last one naming a figure, else the last one (`三公经费162.53万元…国内服务费3.2万元…。
/// 其中：因公出国（境）费86.47万元` lists parts of the 三公经费).
fn whole_among(readings: &[Reading], i: usize, fits: impl Fn(&Reading) -> bool) -> Option<usize> {
    let candidates: Vec<usize> = (0..i).filter(|&g| fits(&readings[g])).collect();
    candidates
        .iter()
        .rev()
        .find(|&&g| !readings[g].figures.is_empty())
        .or(candidates.last())
        .copied()
}

/// Where the words naming an amount's figures were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Titled {
    /// Its label.
    No,
    /// The title of the numbered item its paragraph is.
    Item,
    /// A heading printed as a paragraph of its own before its paragraph.
    Heading,
}

/// How long a numbered heading printed on a line of its own may be.
const HEADING_CHARS: usize = 30;

/// Whether a paragraph is a numbered heading and nothing else (`（二）公务接待费`, no amount).
fn is_heading(text: &str) -> bool {
    starts_item(text)
        && text.chars().count() <= HEADING_CHARS
        && !text.contains(CLAUSE_MARKS)
        && !text.contains(['元', '%'])
}

/// Keeps of `figures` those that may be listed as parts of a whole naming `under`: a figure that
/// is a part of one of them; outside brackets, also a figure that is no part of anything. In
/// brackets, `一般公共预算2,134.87万元（含上年结转750万元）` is about a project, not the document's
/// carry-over.
fn retain_parts(figures: &mut Vec<&FigureSpec>, under: &[&str], bracketed: bool) {
    figures.retain(|f| {
        let belongs = f.within.iter().any(|w| under.contains(&w.as_str()));
        belongs || (f.within.is_empty() && !bracketed)
    });
}

/// An amount listed as a part of another.
#[derive(Debug, Clone, Copy)]
struct Enumeration {
    /// The index of the amount it is a part of, when that is an amount read here.
    whole: Option<usize>,
    /// Whether it is listed in brackets.
    bracketed: bool,
    /// The byte offset of the marker (其中, 包括) or the bracket it is listed after.
    marker: usize,
}

/// The byte ranges of the bracketed groups of `text` that close in it, brackets included.
fn closed_brackets(text: &str) -> Vec<Range<usize>> {
    let mut open = Vec::new();
    let mut closed = Vec::new();
    for (at, c) in text.char_indices() {
        match c {
            '(' => open.push(at),
            ')' => {
                if let Some(start) = open.pop() {
                    closed.push(start..at + c.len_utf8());
                }
            }
            _ => {}
        }
    }
    closed
}

/// The amount a bracket closing at the start of `text[start..]` follows (`74.1万元（…。）`
/// before `比上年增加…`), when the bracket opens right after a stated amount.
fn bracketed_whole(text: &str, readings: &[Reading], start: usize) -> Option<usize> {
    if !text[start..].trim_start().starts_with(')') {
        return None;
    }
    let open = unclosed_bracket(&text[..start])?;
    readings.iter().rposition(|r| {
        r.role == Role::Stated && r.amount.end <= open && text[r.amount.end..open].trim().is_empty()
    })
}

/// The byte offset of the last `(` of `text` that no `)` closes.
fn unclosed_bracket(text: &str) -> Option<usize> {
    let mut open = Vec::new();
    for (at, c) in text.char_indices() {
        match c {
            '(' => open.push(at),
            ')' => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop()
}

fn keys<'a>(figures: &[&'a FigureSpec]) -> Vec<&'a str> {
    figures.iter().map(|f| f.key.as_str()).collect()
}

/// The spans of `text` ended by one of `marks` (each span includes its mark); together they
/// cover the text.
fn spans(text: &str, marks: &[char]) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if marks.contains(&c) {
            let end = at + c.len_utf8();
            spans.push(start..end);
            start = end;
        }
    }
    if start < text.len() || spans.is_empty() {
        spans.push(start..text.len());
    }
    spans
}

/// The index of the span containing byte `offset`.
fn containing(spans: &[Range<usize>], offset: usize) -> usize {
    spans
        .partition_point(|span| span.end <= offset)
        .min(spans.len() - 1)
}

/// For each clause, the index of its sentence.
fn clauses_by_sentence(text: &str, clauses: &[Range<usize>]) -> Vec<usize> {
    let mut sentence = 0;
    clauses
        .iter()
        .map(|clause| {
            let this = sentence;
            if text[..clause.end].ends_with(SENTENCE_ENDS) {
                sentence += 1;
            }
            this
        })
        .collect()
}

/// Whether the clause ending at `end` ends a part of a sentence (`;` or a sentence end).
fn ends_subsentence(text: &str, end: usize) -> bool {
    text[..end].ends_with([';', '。', '!', '?'])
}

/// The title of the numbered item a paragraph is (`（一）因公出国（境）费用。…` → `（一）因公出国
/// （境）费用`), when it is one and its title comes before `amount_start`.
fn item_title(text: &str, amount_start: usize) -> Option<&str> {
    if !starts_item(text) {
        return None;
    }
    let end = text
        .find(|c: char| CLAUSE_MARKS.contains(&c))
        .unwrap_or(text.len())
        .min(amount_start);
    Some(&text[..end])
}

fn found_figure(
    paragraph: &Paragraph,
    heading: Option<&str>,
    sentences: &[Range<usize>],
    reading: &Reading,
    figure: &FigureSpec,
) -> Found {
    let amount = &reading.amount;
    let sentence = &sentences[reading.sentence];
    // A figure named by a title is shown with the title.
    let evidence_start = match reading.titled {
        Titled::Item => 0,
        Titled::No | Titled::Heading => sentence.start,
    };
    let heading = match reading.titled {
        Titled::Heading => heading.map_or(String::new(), |h| format!("{h} ")),
        Titled::No | Titled::Item => String::new(),
    };
    Found {
        figure: Figure {
            figure: figure.key.clone(),
            amount: amount.value,
            unit_of_measure: figure.measure.unit_of_measure().to_string(),
            source: FigureSource::Prose,
            page: paragraph.page_at(amount.start),
            table: None,
            previous: reading.previous,
            evidence: format!(
                "{heading}{}",
                paragraph.text[evidence_start..sentence.end]
                    .trim_start_matches([',', ':', ';', '、', '。', '!', '?'])
            ),
            raw: amount.raw.clone(),
        },
        half_unit: amount.half_unit,
        row: None,
        column: None,
        side: None,
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn yuan(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// `(figure, amount in yuan, previous)` of each figure stated by `paragraphs`.
    fn read(paragraphs: &[&str], stage: Stage) -> Vec<(String, Decimal, Option<Decimal>)> {
        let paragraphs: Vec<Paragraph> = paragraphs.iter().map(|p| Paragraph::new(p, 1)).collect();
        prose_figures(&paragraphs, Vocabulary::standard(), stage, Some(2026))
            .into_iter()
            .map(|f| (f.figure.figure, f.figure.amount, f.figure.previous))
            .collect()
    }

    fn budget(paragraph: &str) -> Vec<(String, Decimal, Option<Decimal>)> {
        read(&[paragraph], Stage::Budget)
    }

    fn keys(found: &[(String, Decimal, Option<Decimal>)]) -> Vec<&str> {
        found.iter().map(|(k, _, _)| k.as_str()).collect()
    }

    #[test]
    fn a_stated_previous_year_and_its_change() {
        let found = budget(
            "2026 年度收入预算 213,895.03 万元，比 2025 年年初预算数 211,138.66 万元增加 2,756.37 万元，增长 1.31%。",
        );
        assert_eq!(
            found,
            [(
                "revenue_total".to_string(),
                yuan("2138950300"),
                Some(yuan("2111386600"))
            )]
        );
        let found =
            budget("2026年财政拨款“三公”经费预算589.19万元，比2025年减少20.43万元，下降3.35%。");
        assert_eq!(found[0].2, Some(yuan("6096200")));
        let found = budget("(2)公务用车运行维护费预算支出183.6万元，比上年预算增加（减少）0万元。");
        assert_eq!(found[0].2, Some(yuan("1836000")));
        let found = budget("公务接待费121.07万元，与上年持平。");
        assert_eq!(found[0].2, Some(yuan("1210700")));
        let found = budget("公务接待费3.4万元，与上年基本持平。");
        assert_eq!(found[0].2, None);
        // 西安: nothing either year.
        let found = budget(
            "本部门当年一般公共预算“三公”经费预算支出10.20万元，较上年减少1.80万元。其中：因公出国（境）经费0.00万元，上年及本年度，本部门均无因公出国（境）经费预算；公务接待费2.00万元，较上年无增减；",
        );
        assert_eq!(
            found[1..],
            [
                ("abroad".to_string(), yuan("0"), Some(yuan("0"))),
                ("reception".to_string(), yuan("20000"), Some(yuan("20000"))),
            ]
        );
        let found = budget(
            "公务用车购置费0万元，较上年没有发生增减变化，2021年和2022年，本部门无公务用车购置费预算。",
        );
        assert_eq!(found[0].2, Some(yuan("0")));
        // A percentage alone never gives the previous year's figure.
        let found = budget("机关运行经费预算836.07万元，增长5%。");
        assert_eq!(found[0].2, None);
    }

    #[test]
    fn a_comparison_after_several_amounts_refers_to_none() {
        let found = budget(
            "2026年度预算收入总计866.53万元，其中：本年收入866.53万元，上年结转0.00万元，比上年增加759.59万元。",
        );
        assert_eq!(
            keys(&found),
            ["revenue_total", "revenue_current", "carryover"]
        );
        assert!(found.iter().all(|(_, _, previous)| previous.is_none()));
    }

    #[test]
    fn a_comparison_naming_its_subject_compares_that_figure() {
        let found = read(
            &[
                "2026年部门预算收入203091.65万元，其中一般公共预算拨款收入203091.65万元，2026年本部门预算收入较上年增加69010.99万元，主要原因是增加了一个二级预算单位。",
            ],
            Stage::Budget,
        );
        assert_eq!(
            found,
            [
                (
                    "revenue_total".to_string(),
                    yuan("2030916500"),
                    Some(yuan("1340806600"))
                ),
                (
                    "general_budget_appropriation".to_string(),
                    yuan("2030916500"),
                    None
                )
            ]
        );
        let found = budget(
            "2026年本单位收入预算656.73万元，其中，一般公共预算拨款656.73万元，上年结转0.00万元。收入较去年增加24.17万元，上升3.82%。",
        );
        assert_eq!(found[0].2, Some(yuan("6325600")));
        assert!(found[1..].iter().all(|(_, _, previous)| previous.is_none()));
    }

    #[test]
    fn a_change_naming_its_subject_after_a_comparison() {
        let found = budget(
            "2026年一般公共预算“三公”经费支出预算为21.50万元，其中：因公出国（境）费用3万元，公务用车运行维护费15.50万元，公务接待费3万元。与2025年预算相比增长7.5%，其中因公出国（境）费增加0万元，公务用车运行维护费增加1.50万元，公务接待费减少0万元。",
        );
        assert_eq!(
            found,
            [
                ("three_public_total".to_string(), yuan("215000"), None),
                ("abroad".to_string(), yuan("30000"), Some(yuan("30000"))),
                (
                    "vehicle_operation".to_string(),
                    yuan("155000"),
                    Some(yuan("140000"))
                ),
                ("reception".to_string(), yuan("30000"), Some(yuan("30000"))),
            ]
        );
        // A change without a comparison before it in its sentence says nothing of the year.
        let found = budget("公务接待费3万元。公务接待费减少1万元。");
        assert_eq!(found, [("reception".to_string(), yuan("30000"), None)]);
    }

    #[test]
    fn spelling_variants_and_more_tails() {
        let found = budget(
            "（二）、公务车购置及运行费21.56万元，其中：公务用车购置费0万元，比2025年预算持平；公务车用车运行费21.56万元，比2025年预算持平。",
        );
        assert_eq!(
            keys(&found),
            [
                "vehicle_purchase_and_operation",
                "vehicle_purchase",
                "vehicle_operation"
            ]
        );
        let found = budget(
            "2026年我部门政府采购预算总金额为2889.8万元。其中拟购买货物334万元；拟购买工程0万元；拟购买服务2555.8万元。",
        );
        assert_eq!(
            keys(&found),
            [
                "procurement_total",
                "procurement_goods",
                "procurement_works",
                "procurement_services"
            ]
        );
    }

    #[test]
    fn comparisons_inside_and_after_the_brackets_listing_parts() {
        // 广州's 三公 paragraph: the parts in brackets with their own comparisons, the whole's
        // comparison after them.
        let found = budget(
            "公务用车购置及运行维护费74.1万元（公务用车购置费0万元，比上年减少18万元；公务用车运行维护费74.1万元，比上年增加57.2万元。）比上年增加39.2万元，增长112.3%，主要原因是公车运行维护费增加；公务接待费22.21万元，比上年减少0.3万元。",
        );
        assert_eq!(
            found,
            [
                (
                    "vehicle_purchase_and_operation".to_string(),
                    yuan("741000"),
                    Some(yuan("349000"))
                ),
                (
                    "vehicle_purchase".to_string(),
                    yuan("0"),
                    Some(yuan("180000"))
                ),
                (
                    "vehicle_operation".to_string(),
                    yuan("741000"),
                    Some(yuan("169000"))
                ),
                (
                    "reception".to_string(),
                    yuan("222100"),
                    Some(yuan("225100"))
                ),
            ]
        );
        // A bracket listing no amount leaves the comparison to the amount before it.
        let found = budget("一般公共预算拨款收入866.53万元（占比100%，比上年增加759.59万元）。");
        assert_eq!(found[0].2, Some(yuan("1069400")));
    }

    #[test]
    fn two_subjects_share_their_amount_and_its_comparison() {
        let found = budget(
            "某某厅2026年度收入、支出预算总计10,150.48万元，与上年相比收、支预算总计各增加1,003.69万元，增长10.97%。",
        );
        assert_eq!(
            found,
            [
                (
                    "revenue_total".to_string(),
                    yuan("101504800"),
                    Some(yuan("91467900"))
                ),
                (
                    "expenditure_total".to_string(),
                    yuan("101504800"),
                    Some(yuan("91467900"))
                ),
            ]
        );
        // … or each its own amount, compared in the next sentence (决算).
        let found = read(
            &[
                "某某局2026年度收入总计1,234.56万元、支出总计1,230.00万元。与2025年度相比，收、支总计各增加34.56万元，增长2.9%。",
            ],
            Stage::Final,
        );
        assert_eq!(
            found,
            [
                (
                    "revenue_total".to_string(),
                    yuan("12345600"),
                    Some(yuan("12000000"))
                ),
                (
                    "expenditure_total".to_string(),
                    yuan("12300000"),
                    Some(yuan("11954400"))
                ),
            ]
        );
    }

    #[test]
    fn a_sentence_opening_with_the_comparison_compares_the_one_before() {
        let found =
            budget("此外，基本支出预算数为9312.9万元。与上年相比增加1435.14万元，增长18.22%。");
        assert_eq!(found[0].2, Some(yuan("78777600")));
    }

    #[test]
    fn item_titles_and_headings_name_generic_amounts() {
        let found = budget(
            "（三）公务用车购置和运行维护费。2026 年预算数 198.40 万元，包括公务用车购置费预算 138.77 万元、公务用车运行维护费预算 59.63 万元。",
        );
        assert_eq!(
            keys(&found),
            [
                "vehicle_purchase_and_operation",
                "vehicle_purchase",
                "vehicle_operation"
            ]
        );
        let found = read(
            &[
                "（二）公务接待费",
                "2026 年预算安排 5.00 万元，与上年持平。",
            ],
            Stage::Budget,
        );
        assert_eq!(
            found,
            [("reception".to_string(), yuan("50000"), Some(yuan("50000")))]
        );
        // A generic amount that is not the first of its paragraph takes no title.
        assert!(budget("（一）因公出国（境）费用。另有10万元，2026 年预算数 5 万元。").is_empty());
    }

    #[test]
    fn parts_count_only_under_the_whole_they_belong_to() {
        let found = budget(
            "2026年一般公共预算财政拨款支出101,833.84万元，比2025年减少7,885.67万元。其中：基本支出43,436.09万元；项目支出58,397.75万元。",
        );
        assert!(found.is_empty(), "{found:?}");
        let found = budget(
            "政府采购预算总额707.6万元。其中：政府采购货物预算444.6万元、政府采购工程预算0万元、政府采购服务预算263万元。",
        );
        assert_eq!(found.len(), 4);
        let found = budget(
            "公务用车购置及运行维护费9.73万元（公务用车购置费0万元；公务用车运行维护费9.73万元）。",
        );
        assert_eq!(
            keys(&found),
            [
                "vehicle_purchase_and_operation",
                "vehicle_purchase",
                "vehicle_operation"
            ]
        );
        assert!(
            budget("2026年拟安排该项目一般公共预算2,134.87万元（含上年结转750.00万元）。")
                .is_empty()
        );
    }

    #[test]
    fn subsets_thresholds_other_years_and_the_other_stage_name_nothing() {
        assert!(
            budget("本部门绩效目标管理全覆盖，涉及当年一般公共预算拨款9216.51万元，政府性基金预算拨款0万元。")
                .is_empty()
        );
        assert_eq!(
            keys(&budget(
                "共有车辆72台，单位价值100万元以上的设备78台（套）。"
            )),
            ["vehicles"]
        );
        assert!(budget("2025年财政拨款“三公”经费预算609.62万元。").is_empty());
        assert!(budget("三公经费支出决算为0.39万元。").is_empty());
        let final_account = read(
            &["“三公”经费财政拨款支出年初预算为2.85万元，支出决算为0.39万元，完成预算的13.68%。"],
            Stage::Final,
        );
        assert_eq!(
            final_account,
            [("three_public_total".to_string(), yuan("3900"), None)]
        );
    }

    #[test]
    fn a_revenue_whose_parts_include_a_carry_over_is_not_the_appropriation() {
        // 深圳: the 380 is this year's 300 and last year's 80 together.
        let found = budget(
            "2026年本部门政府性基金预算收入380.00万元，较2025年年初预算增加380.00万元，主要原因包括：1.根据上级单位安排，2026年下达转移支付资金300.00万元到我部，纳入部门年初预算并由我部代拨给申报单位；2.结转2025年下达的资金80.00万元。",
        );
        assert!(found.is_empty(), "{found:?}");
        let found = budget("一般公共预算拨款收入2,134.87万元（含上年结转750.00万元）。");
        assert!(found.is_empty(), "{found:?}");
        // A carry-over listed beside it is a part of the total, not of it.
        let found = budget(
            "2026年收入预算1,000.00万元，其中：一般公共预算拨款收入600.00万元，政府性基金预算收入300.00万元，上年结转100.00万元。",
        );
        assert_eq!(
            found,
            [
                ("revenue_total".to_string(), yuan("10000000"), None),
                (
                    "general_budget_appropriation".to_string(),
                    yuan("6000000"),
                    None
                ),
                ("gov_fund_appropriation".to_string(), yuan("3000000"), None),
                ("carryover".to_string(), yuan("1000000"), None),
            ]
        );
        // … and so is one listed under several amounts together (长治).
        let found = budget(
            "收入为一般公共预算拨款866.53万元，政府性基金预算拨款0.00万元，国有资本经营预算拨款0.00万元。其中：当年拨款收入866.53万元，上年结转收入0.00万元。",
        );
        assert_eq!(
            keys(&found),
            [
                "general_budget_appropriation",
                "gov_fund_appropriation",
                "state_capital_appropriation"
            ]
        );
        // A carry-over in the reasons of a change is no part of it.
        let found = budget(
            "2026年政府性基金预算财政拨款收入41,534.73万元，比2025年减少80,165.27万元，主要原因是结转次年金额相应减少。",
        );
        assert_eq!(keys(&found), ["gov_fund_appropriation"]);
    }

    #[test]
    fn parts_in_closed_brackets_do_not_scope_what_follows_them() {
        let found = budget(
            "“三公”经费预算数为0.50万元，其中，公务接待费0.50万元，公务用车购置及运行费0.00万元（其中，公务用车购置费0.00万元，公务用车运行费0.00万元），因公出国（境）费0.00万元。",
        );
        assert_eq!(
            keys(&found),
            [
                "three_public_total",
                "reception",
                "vehicle_purchase_and_operation",
                "vehicle_purchase",
                "vehicle_operation",
                "abroad"
            ]
        );
    }

    #[test]
    fn a_whole_named_by_new_words_scopes_its_parts() {
        let found = budget(
            "深圳市统计局（本级）纳入2026年部门预算的政府采购项目共有94.28万元，其中：货物类项目8.00万元、工程类项目0.00万元、服务类项目86.28万元。",
        );
        assert_eq!(
            keys(&found),
            [
                "procurement_total",
                "procurement_goods",
                "procurement_works",
                "procurement_services"
            ]
        );
        let found = read(
            &["佛山市轨道交通局2026年度总收入1668.14万元，其中本年收入1668.14万元。"],
            Stage::Final,
        );
        assert_eq!(keys(&found), ["revenue_total", "revenue_current"]);
        let found = budget(
            "截至2026年1月31日，本部门固定资产金额10,884.06万元，分布构成情况为：房屋2,411.16平方米，车辆4辆，单价在100万元以上的设备12台等。",
        );
        assert_eq!(found, [("vehicles".to_string(), yuan("4"), None)]);
    }

    #[test]
    fn a_figure_stated_with_two_amounts_is_left_out() {
        let found = read(
            &[
                "（五）项目支出170,390.31万元，具体包括：",
                "（五）项目支出2,150.38万元，具体包括：",
            ],
            Stage::Budget,
        );
        assert!(found.is_empty());
        let found = read(
            &[
                "（三）上年结转结余 15,107.25 万元",
                "10.上年结转结余 15,107.25 万元。",
            ],
            Stage::Budget,
        );
        assert_eq!(found.len(), 2);
        // Vehicles counted at the start of the year before are another count, not a conflict.
        let found = read(
            &[
                "2025年年初本部门共有公务用车9辆，2026年计划购置0辆。",
                "截至2025年10月，深圳市建筑工务署共有车辆5辆，其中：机要通信用车1辆、其他用车4辆。",
            ],
            Stage::Budget,
        );
        assert_eq!(found, [("vehicles".to_string(), yuan("5"), None)]);
    }

    #[test]
    fn odd_text_never_panics() {
        let sentence = "（一）因公出国（境）费用。2026年预算数383.38万元，比上年减少（增加）0万元；其中：为0，（含上年结转5万元";
        for (end, _) in sentence.char_indices() {
            let _ = budget(&sentence[..end]);
        }
        for text in [
            "",
            "。。；；",
            "((((",
            "))))万元",
            "比上年增加",
            "其中:",
            "为0",
            "0万元(",
            "万元",
        ] {
            let _ = budget(text);
        }
    }
}
