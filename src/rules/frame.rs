//! Obligations read as frames. A sentence that carries a duty is read into fields: who bears it and how strongly
//! (modality, and whether the duty is to act, to try or to ask), what it covers (quantifiers, listed items,
//! limits, alternatives, thresholds), when it starts and what sets it off (dates, triggers and their evidentiary
//! standard, conditions, who may ask), its deadline, frequency and duration with their bounds, its hedges and
//! exceptions, and which text wins when two conflict. The edited sentence is read the same way, and the change is
//! judged field by field, each with a direction:
//!
//! - a field that is weaker makes the change a weakening, and the rule code names the field;
//! - a field whose direction cannot be told makes it a modification;
//! - fields that are all stronger or equal make it a strengthening (still a modification: it needs a redline).
//!
//! Each field says which changed words it accounts for. What no field accounts for is read last by the scope
//! fields, which judge words removed or added in general (an item dropped from a list, a limit added).

use super::lexicon::{self, Lexicon, Word};
use crate::compare::Change;
use crate::document::normalize::Token;
use similar::DiffTag;

/// One side of a changed sentence, as the rules read it.
pub(crate) struct Side {
    /// Lower-case words.
    pub words: Vec<Word>,
    /// Lower-case tokens, punctuation included.
    pub all: Vec<Word>,
    /// The same tokens as written.
    pub orig: Vec<Word>,
    /// Whether it carries a duty.
    pub obligation: bool,
    /// Whether it defines a term.
    pub definition: bool,
}

impl Side {
    pub(crate) fn of(tokens: &[Token]) -> Side {
        let lex = lexicon::get();
        let all: Vec<Word> = tokens.iter().map(|t| lexicon::lower(t.key.as_str())).collect();
        let words: Vec<Word> = tokens.iter().zip(&all).filter(|(t, _)| t.word).map(|(_, w)| w.clone()).collect();
        let orig: Vec<Word> = tokens.iter().map(|t| t.key.clone()).collect();
        Side { obligation: lex.is_obligation(&words), definition: lex.is_definition(&words, &all), words, all, orig }
    }
}

/// What the rules see of a modified sentence.
pub(crate) struct Ctx {
    pub old: Side,
    pub new: Side,
    /// Lower-case words the edit inserted (in inserts and replaces).
    pub inserted: Vec<Word>,
    /// Lower-case words the edit removed.
    pub deleted: Vec<Word>,
    pub pure_deletion: bool,
    pub pure_insertion: bool,
    /// Index in `old.words` of the first word the edit changed.
    pub changed_at: usize,
    /// The lexicon of the run.
    pub lex: &'static Lexicon,
}

impl Ctx {
    /// Whether the edit inserted any word of `phrase` (a word with a wildcard matches as the lexicon does).
    pub fn touches(&self, phrase: &str) -> bool {
        phrase.split(' ').any(|p| self.inserted.iter().any(|x| word_like(p, x)))
    }

    /// Whether the edit removed any word of `phrase`.
    pub fn untouches(&self, phrase: &str) -> bool {
        phrase.split(' ').any(|p| self.deleted.iter().any(|x| word_like(p, x)))
    }

    /// The same context with the words `explained` taken out of what the edit inserted and removed, once each.
    fn without(&self, explained: &[Word]) -> Ctx {
        let take = |from: &[Word]| -> Vec<Word> {
            let mut left: Vec<&Word> = explained.iter().collect();
            from.iter()
                .filter(|w| match left.iter().position(|e| e == w) {
                    Some(p) => {
                        left.remove(p);
                        false
                    }
                    None => true,
                })
                .cloned()
                .collect()
        };
        Ctx {
            old: clone_side(&self.old),
            new: clone_side(&self.new),
            inserted: take(&self.inserted),
            deleted: take(&self.deleted),
            pure_deletion: self.pure_deletion,
            pure_insertion: self.pure_insertion,
            changed_at: self.changed_at,
            lex: self.lex,
        }
    }
}

fn clone_side(s: &Side) -> Side {
    Side {
        words: s.words.clone(),
        all: s.all.clone(),
        orig: s.orig.clone(),
        obligation: s.obligation,
        definition: s.definition,
    }
}

fn word_like(pattern: &str, word: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(stem) => !stem.is_empty() && word.starts_with(stem),
        None => pattern == word,
    }
}

/// The context a modified sentence gives the rules.
pub(crate) fn ctx_of(change: &Change) -> Ctx {
    let words_in = |toks: &[Token], r: std::ops::Range<usize>| -> Vec<Word> {
        toks[r].iter().filter(|t| t.word).map(|t| lexicon::lower(t.key.as_str())).collect()
    };
    let mut inserted = Vec::new();
    let mut deleted = Vec::new();
    for op in &change.ops {
        inserted.extend(words_in(&change.edit_tokens, op.new.clone()));
        deleted.extend(words_in(&change.base_tokens, op.old.clone()));
    }
    Ctx {
        old: Side::of(&change.base_tokens),
        new: Side::of(&change.edit_tokens),
        inserted,
        deleted,
        pure_deletion: !change.ops.is_empty() && change.ops.iter().all(|o| o.tag == DiffTag::Delete),
        pure_insertion: !change.ops.is_empty() && change.ops.iter().all(|o| o.tag == DiffTag::Insert),
        changed_at: change
            .ops
            .first()
            .map_or(0, |o| change.base_tokens[..o.old.start].iter().filter(|t| t.word).count()),
        lex: lexicon::get(),
    }
}

/// Which way a field moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Direction {
    /// The field was read on both sides and did not move: the reading only accounts for words.
    Equal,
    /// The field binds the bearer more, or covers more.
    Stronger,
    /// The field changed in a way the rules cannot order.
    Unknown,
    /// The field binds the bearer less, or covers less.
    Weaker,
}

/// One field's reading of a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reading {
    pub direction: Direction,
    /// The rule code, named after the field ("deadline-longer", "trigger-harder").
    pub code: &'static str,
    /// The reason, in one sentence.
    pub message: String,
    /// The changed words this reading accounts for, so the scope fields do not read them again.
    pub explains: Vec<Word>,
}

impl Reading {
    pub fn weaker(code: &'static str, message: impl Into<String>) -> Reading {
        Reading { direction: Direction::Weaker, code, message: message.into(), explains: Vec::new() }
    }

    pub fn stronger(code: &'static str, message: impl Into<String>) -> Reading {
        Reading { direction: Direction::Stronger, code, message: message.into(), explains: Vec::new() }
    }

    /// A field read on both sides that did not move; it accounts for the words it read.
    pub fn equal(code: &'static str) -> Reading {
        Reading { direction: Direction::Equal, code, message: String::new(), explains: Vec::new() }
    }

    pub fn unknown(code: &'static str, message: impl Into<String>) -> Reading {
        Reading { direction: Direction::Unknown, code, message: message.into(), explains: Vec::new() }
    }

    /// Records the words of these phrases as accounted for.
    pub fn explaining<'a>(mut self, phrases: impl IntoIterator<Item = &'a str>) -> Reading {
        for p in phrases {
            self.explains.extend(p.split(' ').filter(|w| !w.is_empty()).map(Word::from));
        }
        self
    }
}

/// A field of a frame: how to read a change of it.
pub(crate) type Field = fn(&Ctx) -> Option<Reading>;

/// The fields of a frame, most specific first; the first weaker one names the weakening.
const FIELDS: &[Field] = &[
    super::relief::in_sentence,
    super::modality::polarity,
    super::modality::removed_duty,
    super::modality::modal,
    super::time::check,
    super::condition::trigger,
    super::condition::requester,
    super::condition::hedge,
    super::modality::effort,
    super::precedence::check,
    super::bearer::shifted,
    super::coverage::alternatives,
    super::coverage::and_or,
    super::threshold::check,
];

/// The scope fields, which read the words no other field accounted for.
const RESIDUAL: &[Field] = &[
    super::coverage::removed_qualifier,
    super::coverage::quantifier,
    super::coverage::removed_words,
    super::coverage::limited,
];

/// Reads a modified sentence field by field: the verdict of the fields, if any field moved.
pub(crate) fn judge(ctx: &Ctx) -> Option<Reading> {
    let mut readings: Vec<Reading> = FIELDS.iter().filter_map(|f| f(ctx)).collect();
    let explained: Vec<Word> = readings.iter().flat_map(|r| r.explains.iter().cloned()).collect();
    let rest = ctx.without(&explained);
    if !rest.inserted.is_empty() || !rest.deleted.is_empty() {
        // Of the scope fields, the first reading of the words stands.
        if let Some(r) = RESIDUAL.iter().find_map(|f| f(&rest)) {
            readings.push(r);
        }
    }
    // The weakest direction wins; among equals, the most specific field. Fields that did not move decide nothing.
    let worst = readings.iter().map(|r| r.direction).max().filter(|d| *d != Direction::Equal)?;
    let first = readings.iter().find(|r| r.direction == worst)?.clone();
    if worst == Direction::Stronger {
        let why: Vec<&str> =
            readings.iter().filter(|r| r.direction == Direction::Stronger).map(|r| r.message.as_str()).collect();
        return Some(Reading { message: why.join("; "), ..first });
    }
    Some(first)
}
