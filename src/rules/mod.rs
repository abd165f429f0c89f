//! Rules: each change of the comparison becomes a [`Finding`] of one kind (cosmetic, addition, modification or
//! weakening) with a stable rule code and a one-sentence reason. One file per family of weakening:
//! [`modal`] (modal and verb downgrades, polarity), [`deadline`] (deadlines, periods, frequencies, dates),
//! [`hedge`] (hedges, conditions, overrides), [`scope`] (quantifiers, lists, limits, definitions, shifted
//! duties). Deletions, additions and hidden text are judged here.
//!
//! Reading is the fallback: a change inside a template sentence that no rule explains is a modification, never
//! silently cosmetic.

pub mod deadline;
pub mod docs;
mod hedge;
pub mod lexicon;
mod modal;
mod scope;

use crate::compare::{Change, ChangeKind, Comparison};
use crate::document::{BlockKind, Document, TrickKind};
use crate::rules::lexicon::Word;
use lexicon::{added_phrases, is_definition, is_obligation, HEDGES, OVERRIDES, REFERS_TO_DUTIES, SCOPED_OVERRIDES};
use serde::Serialize;
use similar::DiffTag;

/// The class of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Only the form changed.
    Cosmetic,
    /// New text that leaves template text alone.
    Addition,
    /// Template text changed without reducing an obligation (strengthening included).
    Modification,
    /// An obligation of either party reduced or removed.
    Weakening,
}

impl Kind {
    /// The name used in every output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Cosmetic => "cosmetic",
            Kind::Addition => "addition",
            Kind::Modification => "modification",
            Kind::Weakening => "weakening",
        }
    }

    /// How serious a finding of this kind is.
    #[must_use]
    pub fn severity(self) -> Severity {
        match self {
            Kind::Cosmetic => Severity::None,
            Kind::Addition => Severity::Info,
            Kind::Modification => Severity::Warning,
            Kind::Weakening => Severity::Error,
        }
    }
}

/// How serious a finding is: errors fail a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Cosmetic: nothing to do.
    None,
    /// An addition: allowed, listed in the attestation.
    Info,
    /// A modification: needs a redline approved by DHCS.
    Warning,
    /// A weakening: DHCS will not approve it.
    Error,
}

impl Severity {
    /// The name used in every output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::None => "none",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What a file's findings add up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Only cosmetic changes and non-conflicting additions: the MCP may attest and file.
    Attestable,
    /// Template text changed, no obligation reduced: a redline must be approved before signing.
    RedlineRequired,
    /// An obligation was reduced: DHCS will not approve it.
    WeakensRequiredProvisions,
}

impl Verdict {
    /// The verdict of a set of findings.
    #[must_use]
    pub fn of(findings: &[Finding]) -> Verdict {
        if findings.iter().any(|f| f.kind == Kind::Weakening) {
            Verdict::WeakensRequiredProvisions
        } else if findings.iter().any(|f| f.kind == Kind::Modification) {
            Verdict::RedlineRequired
        } else {
            Verdict::Attestable
        }
    }

    /// The name used in every output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Attestable => "attestable",
            Verdict::RedlineRequired => "redline-required",
            Verdict::WeakensRequiredProvisions => "weakens-required-provisions",
        }
    }
}

/// One classified change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable rule code, such as `modal-downgrade`.
    pub rule: String,
    /// Cosmetic, addition, modification or weakening.
    pub kind: Kind,
    /// None, info, warning or error.
    pub severity: Severity,
    /// Section path of the template text ("7.3", "Exhibit F").
    pub section: String,
    /// Line in the edited file, 1-based.
    pub line: usize,
    /// Column in the edited file, 1-based.
    pub column: usize,
    /// Line where the changed text ends.
    pub end_line: usize,
    /// Column where the changed text ends.
    pub end_column: usize,
    /// The template's text (a sentence or block), empty for an addition.
    pub template_text: String,
    /// The edited text, empty for a deletion.
    pub edited_text: String,
    /// The reason, in one sentence.
    pub message: String,
    /// The change this finding classifies, by index in the comparison; none for hidden text.
    #[serde(skip)]
    pub change: Option<usize>,
}

/// The result of a rule: the change weakens or strengthens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    Weaker(&'static str, String),
    Stronger(String),
}

/// One side of a changed sentence, as the rules read it.
pub(crate) struct Side {
    /// Lower-case words.
    pub words: Vec<Word>,
    /// Lower-case tokens, punctuation included.
    pub all: Vec<Word>,
    /// The same tokens as written.
    pub orig: Vec<Word>,
    pub obligation: bool,
    pub definition: bool,
}

impl Side {
    fn of(tokens: &[crate::document::normalize::Token]) -> Side {
        let all: Vec<Word> = tokens.iter().map(|t| lexicon::lower(t.key.as_str())).collect();
        let words: Vec<Word> = tokens.iter().zip(&all).filter(|(t, _)| t.word).map(|(_, w)| w.clone()).collect();
        let orig: Vec<Word> = tokens.iter().map(|t| t.key.clone()).collect();
        Side { obligation: is_obligation(&words), definition: is_definition(&words, &all), words, all, orig }
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
}

impl Ctx {
    /// Whether the edit inserted any word of `phrase`.
    pub fn touches(&self, phrase: &str) -> bool {
        phrase.split(' ').any(|w| self.inserted.iter().any(|x| x == w))
    }
}

fn ctx_of(change: &Change) -> Ctx {
    let words_in = |toks: &[crate::document::normalize::Token], r: std::ops::Range<usize>| -> Vec<Word> {
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
    }
}

type Rule = fn(&Ctx) -> Option<Outcome>;

/// The weakening families that read a specific feature (a modal, a period, a hedge, a party), most specific
/// first.
const SPECIFIC: &[Rule] = &[
    modal::polarity,
    scope::removed_duty,
    modal::modal,
    deadline::check,
    hedge::check,
    modal::duty_verb,
    hedge::overrides,
    scope::shifted,
    scope::and_or,
    scope::threshold,
];

/// Families that read words removed or added in general. They run only when no specific family explained the
/// change, so a stricter deadline whose edit drops a word ("every other month" to "every month") is not also a
/// "removed word".
const GENERAL: &[Rule] = &[scope::removed_qualifier, scope::quantifier, scope::removed_words, scope::limited];

/// Whether the block a sentence stands in carries a duty: another of its sentences does, or, for a list item or
/// table row, the sentence that introduces the list. `known` remembers each block's own answer, so a long list
/// with many changes is read once.
fn block_carries_duty(doc: &Document, i: usize, known: &mut [Option<bool>]) -> bool {
    let mut carries = |k: usize| {
        *known[k].get_or_insert_with(|| {
            let toks = crate::document::normalize::tokenize(doc.blocks[k].body_text());
            let s = Side::of(&toks);
            s.obligation || s.definition
        })
    };
    let b = &doc.blocks[i];
    if carries(i) {
        return true;
    }
    // A table row is content in its own right (a definition, a contact, a duty in a grid). A list item carries
    // the duty of the item or sentence that introduces it: walk back through its list.
    if matches!(b.kind, BlockKind::TableRow) {
        return true;
    }
    if !is_item(b) {
        return false;
    }
    for k in (0..i).rev() {
        if carries(k) {
            return true;
        }
        if !is_item(&doc.blocks[k]) {
            return false;
        }
    }
    false
}

/// A list item, a table row, or a paragraph that opens with an item label such as "(a)".
fn is_item(b: &crate::document::Block) -> bool {
    matches!(b.kind, BlockKind::ListItem | BlockKind::TableRow)
        || b.label.as_deref().is_some_and(|l| l.starts_with('('))
}

/// Classifies a modified sentence. `in_duty` says whether the block around it carries a duty.
fn classify_modified(change: &Change, heading: bool, in_duty: bool) -> (Kind, String, String) {
    if heading {
        let same_words = change.ops.iter().all(|op| {
            let o: Vec<Word> =
                change.base_tokens[op.old.clone()].iter().map(|t| lexicon::lower(t.key.as_str())).collect();
            let n: Vec<Word> =
                change.edit_tokens[op.new.clone()].iter().map(|t| lexicon::lower(t.key.as_str())).collect();
            o == n
        });
        if same_words {
            return (Kind::Cosmetic, "cosmetic-format".into(), "only the form changed: the case of a heading".into());
        }
        return (Kind::Modification, "heading-changed".into(), "a heading of the template was changed".into());
    }
    let mut ctx = ctx_of(change);
    ctx.old.obligation |= in_duty;
    let mut stronger = None;
    for (k, family) in [SPECIFIC, GENERAL].into_iter().enumerate() {
        if k == 1 && stronger.is_some() {
            break;
        }
        for rule in family {
            match rule(&ctx) {
                Some(Outcome::Weaker(code, msg)) => return (Kind::Weakening, code.to_string(), msg),
                Some(Outcome::Stronger(msg)) => {
                    stronger.get_or_insert(msg);
                    // Among the general families the first reading of the words stands.
                    if k == 1 {
                        break;
                    }
                }
                None => {}
            }
        }
    }
    if let Some(msg) = stronger {
        return (
            Kind::Modification,
            "strengthened".into(),
            format!("template text changed in a way that does not reduce the obligation: {msg}"),
        );
    }
    let changed = |tag_words: &dyn Fn(&crate::compare::words::WordOp) -> (String, String)| {
        change.ops.iter().map(tag_words).collect::<Vec<_>>()
    };
    let pairs = changed(&|op| {
        let o: Vec<&str> = change.base_tokens[op.old.clone()].iter().map(|t| t.key.as_str()).collect();
        let n: Vec<&str> = change.edit_tokens[op.new.clone()].iter().map(|t| t.key.as_str()).collect();
        (o.join(" "), n.join(" "))
    });
    if pairs.iter().all(|(o, n)| o.to_lowercase() == n.to_lowercase()) {
        let (o, n) = &pairs[0];
        return (
            Kind::Modification,
            "case-changed".into(),
            format!("\"{o}\" became \"{n}\": a change of case can change a defined term's meaning"),
        );
    }
    // Only the punctuation that joins list items changed ("." to "; and" when an item is added after this one).
    let joining = change.ops.iter().all(|op| {
        change.base_tokens[op.old.clone()]
            .iter()
            .chain(&change.edit_tokens[op.new.clone()])
            .all(|t| matches!(t.key.as_str(), "." | ";" | "," | "and" | "or"))
            && op.old.end + 1 >= change.base_tokens.len()
    });
    if joining {
        return (Kind::Cosmetic, "cosmetic-format".into(), "only the punctuation that joins list items changed".into());
    }
    // A whole item added to a list inside a sentence ("...; to designate a referral coordinator; and ..."), which
    // no rule found to limit anything: an addition that leaves the template's words alone.
    let list_item_added = change.ops.iter().all(|op| {
        let ins = &change.edit_tokens[op.new.clone()];
        op.tag == DiffTag::Insert
            && ins.iter().filter(|t| t.word).count() >= 3
            && (ins.first().is_some_and(|t| t.key == ";") || ins.last().is_some_and(|t| t.key == ";"))
    });
    if list_item_added {
        return (
            Kind::Addition,
            "added-text".into(),
            "an item was added to a list in a template provision without changing its words".into(),
        );
    }
    let punct = change.ops.iter().all(|op| {
        change.base_tokens[op.old.clone()].iter().chain(&change.edit_tokens[op.new.clone()]).all(|t| !t.word)
    });
    if punct {
        return (
            Kind::Modification,
            "punctuation-changed".into(),
            "punctuation in template text was changed, which can change how it reads".into(),
        );
    }
    let (o, n) = &pairs[0];
    let what = match (o.is_empty(), n.is_empty()) {
        (true, _) => format!("\"{n}\" was inserted into template text"),
        (_, true) => format!("\"{o}\" was removed from template text"),
        _ => format!("\"{o}\" became \"{n}\""),
    };
    (
        Kind::Modification,
        "text-changed".into(),
        format!("{what}; no rule shows it reduces an obligation, but the template text changed"),
    )
}

/// Classifies an inserted sentence or block. `base` is the baseline, to tell whether a new definition redefines
/// a term its provisions use.
fn classify_inserted(change: &Change, whole: bool, base: &Document) -> (Kind, String, String) {
    let new = Side::of(&change.edit_tokens);
    let none: Vec<Word> = Vec::new();
    if let Some(p) = added_phrases(&none, &new.words, OVERRIDES).first() {
        return (
            Kind::Weakening,
            "override-added".into(),
            format!("the added text overrides, carves out or excuses template obligations (\"{p}\")"),
        );
    }
    // An addition that imposes a binding duty of its own may limit that duty ("only for care coordination"); one
    // that only speaks about the MOU's existing duties ("The timeframes in Section 5 are targets") changes them.
    let own_duty = lexicon::modal_strengths(&new.words).iter().any(|&m| m >= 5);
    let refers = !added_phrases(&none, &new.words, REFERS_TO_DUTIES).is_empty();
    // "No Party is responsible for ...", "MCP is not bound by ...": a duty disclaimed.
    let negated_duty = new.words.windows(4).any(|w| {
        lexicon::NEGATORS.contains(&w[0].as_str())
            && w[1..].iter().any(|x| {
                matches!(
                    x.as_str(),
                    "responsible"
                        | "required"
                        | "obligated"
                        | "obliged"
                        | "liable"
                        | "bound"
                        | "obligation"
                        | "obligations"
                        | "duty"
                        | "duties"
                        | "binding"
                        | "enforceable"
                )
            })
    });
    if negated_duty {
        return (
            Kind::Weakening,
            "override-added".into(),
            "the added text says a party is not responsible, required or bound to do something".into(),
        );
    }
    // A limit the addition itself negates ("does not extend any timeframe") protects the duty.
    let scoped = added_phrases(&none, &new.words, SCOPED_OVERRIDES)
        .into_iter()
        .filter(|p| {
            let first = p.split(' ').next().unwrap_or(p);
            !new.words.iter().enumerate().any(|(i, w)| {
                w == first && new.words[i.saturating_sub(2)..i].iter().any(|x| lexicon::NEGATORS.contains(&x.as_str()))
            })
        })
        .collect::<Vec<_>>();
    if refers && !own_duty {
        if let Some(p) = scoped.first() {
            return (
                Kind::Weakening,
                "override-added".into(),
                format!("the added text limits or carves out the MOU's existing duties (\"{p}\")"),
            );
        }
        if let Some(h) = added_phrases(&none, &new.words, HEDGES).first() {
            return (
                Kind::Weakening,
                "override-added".into(),
                format!("the added text qualifies the MOU's existing duties (\"{h}\")"),
            );
        }
    }
    if let Some(term) = redefined_term(&change.edit_tokens, base) {
        return (
            Kind::Weakening,
            "definition-narrowed".into(),
            format!("the addition defines \"{term}\", a term template provisions already use, which can narrow them"),
        );
    }
    if whole {
        (Kind::Addition, "added-provision".into(), "a provision was added; it does not change template text".into())
    } else {
        (
            Kind::Addition,
            "added-text".into(),
            "text was added to a template provision without changing its words".into(),
        )
    }
}

/// The term an added definition defines (`"Active tuberculosis" means ...`), when the baseline uses that term.
fn redefined_term(tokens: &[crate::document::normalize::Token], base: &Document) -> Option<String> {
    let open = tokens.iter().position(|t| t.key == "\"")?;
    let close = open + 1 + tokens[open + 1..].iter().position(|t| t.key == "\"")?;
    let term: Vec<&str> = tokens[open + 1..close].iter().map(|t| t.key.as_str()).collect();
    let after: Vec<Word> = tokens[close + 1..].iter().take(3).map(|t| lexicon::lower(t.key.as_str())).collect();
    if term.is_empty()
        || term.len() > 6
        || !matches!(after.first().map(Word::as_str), Some("means" | "includes" | "refers" | "shall" | "has"))
    {
        return None;
    }
    // The term as a whole phrase, in any case: "active tuberculosis" in a duty is the term "Active tuberculosis",
    // but "service coordinators" is a different word from "Service Coordinator".
    let term = term.join(" ");
    let lower = term.to_lowercase();
    let used = base.blocks.iter().any(|b| {
        let text = b.text.to_lowercase();
        text.match_indices(&lower).any(|(i, _)| {
            let before = text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = text[i + lower.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
    });
    used.then_some(term)
}

/// Classifies every change and every hidden-text trick of a comparison.
#[must_use]
pub fn classify(cmp: &Comparison, base: &Document, edited: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut duty = vec![None; base.blocks.len()];
    for (idx, c) in cmp.changes.iter().enumerate() {
        let heading = c
            .base_block
            .map(|i| base.blocks[i].is_heading())
            .or(c.edit_block.map(|j| edited.blocks[j].is_heading()))
            .unwrap_or(false);
        let (kind, rule, message) = match c.kind {
            ChangeKind::Cosmetic => {
                let reason = c.reason.unwrap_or("formatting");
                let rule = if reason == "renumbered" { "renumbered" } else { "cosmetic-format" };
                (Kind::Cosmetic, rule.to_string(), format!("only the form changed: {reason}"))
            }
            ChangeKind::Moved => {
                let from = c.base_block.map(|i| heading_before(base, i)).unwrap_or_default();
                let to = c.edit_block.map(|j| heading_before(edited, j)).unwrap_or_default();
                let place =
                    if from == to { format!("within \"{to}\"") } else { format!("from \"{from}\" to \"{to}\"") };
                (Kind::Modification, "moved".into(), format!("a template provision was moved {place}"))
            }
            ChangeKind::Modified => {
                classify_modified(c, heading, c.base_block.is_some_and(|i| block_carries_duty(base, i, &mut duty)))
            }
            ChangeKind::Deleted => {
                let side = Side::of(&c.base_tokens);
                // A list item or table row carries the duty of the sentence that introduces it.
                let inherited = c.base_block.is_some_and(|i| block_carries_duty(base, i, &mut duty));
                if heading {
                    (Kind::Modification, "heading-deleted".into(), "a heading of the template was removed".into())
                } else if side.obligation || side.definition || inherited {
                    let what = if c.whole_block { "a template provision" } else { "a template sentence" };
                    (
                        Kind::Weakening,
                        "provision-deleted".into(),
                        format!("{what} that carries a duty or definition was removed"),
                    )
                } else {
                    (Kind::Modification, "text-deleted".into(), "template text was removed".into())
                }
            }
            ChangeKind::Inserted => classify_inserted(c, c.whole_block, base),
        };
        let (start, end) = (edited.position(c.edit_offset), edited.position(c.edit_end.max(c.edit_offset)));
        out.push(Finding {
            rule,
            kind,
            severity: kind.severity(),
            section: c.section.clone(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            template_text: c.base_text.clone(),
            edited_text: c.edit_text.clone(),
            message,
            change: Some(idx),
        });
    }
    out.extend(hidden_findings(base, edited));
    out.sort_by(|a, b| {
        (a.line, a.column, b.kind, &a.rule, &a.template_text).cmp(&(
            b.line,
            b.column,
            a.kind,
            &b.rule,
            &b.template_text,
        ))
    });
    out
}

/// Hidden or disguised text in the edited document that the baseline does not have.
fn hidden_findings(base: &Document, edited: &Document) -> Vec<Finding> {
    if edited.tricks.is_empty() {
        return Vec::new();
    }
    let base_units: Vec<crate::compare::align::Unit> = base
        .blocks
        .iter()
        .map(|b| {
            let toks = crate::document::normalize::tokenize(b.body_text());
            crate::compare::align::Unit::new(
                0,
                toks.iter().filter(|t| t.word).map(|t| t.key.as_str()).collect::<Vec<_>>(),
            )
        })
        .collect();
    let mut out = Vec::new();
    for t in &edited.tricks {
        if base.tricks.iter().any(|b| b.kind == t.kind && b.text == t.text) {
            continue;
        }
        let disguise = matches!(t.kind, TrickKind::ZeroWidth | TrickKind::Bidi | TrickKind::Homoglyph);
        let toks = crate::document::normalize::tokenize(&t.text);
        let words: Vec<&str> = toks.iter().filter(|x| x.word).map(|x| x.key.as_str()).collect();
        let unit = crate::compare::align::Unit::new(0, words.clone());
        let hides_template =
            words.len() >= 3 && base_units.iter().any(|u| crate::compare::align::dice(u, &unit) >= 0.5);
        let lower: Vec<Word> = words.iter().map(|w| lexicon::lower(w)).collect();
        // Hidden words that would negate or soften a duty ("need not", "may") change what the file says.
        let alters_duty = lower.iter().any(|w| lexicon::NEGATORS.contains(&w.as_str()))
            || !lexicon::modal_strengths(&lower).is_empty();
        let kind = if disguise || hides_template || alters_duty || (words.len() >= 3 && is_obligation(&lower)) {
            Kind::Weakening
        } else {
            Kind::Modification
        };
        let consequence = if disguise {
            "the provision it appears in counts as removed"
        } else if hides_template {
            "it hides template text, which counts as removed"
        } else {
            "it does not count as part of the MOU"
        };
        let pos = edited.position(t.source_offset);
        out.push(Finding {
            rule: format!("hidden-{}", t.kind.code()),
            kind,
            severity: kind.severity(),
            section: section_at(edited, t.source_offset),
            line: pos.line,
            column: pos.column,
            end_line: pos.line,
            end_column: pos.column,
            template_text: String::new(),
            edited_text: t.text.clone(),
            message: format!("{}: {consequence}", capitalize(t.kind.describe())),
            change: None,
        });
    }
    out
}

/// The text of the last heading before block `i`, or "the beginning".
fn heading_before(doc: &Document, i: usize) -> String {
    doc.blocks[..i]
        .iter()
        .rev()
        .find(|b| b.is_heading())
        .map_or_else(|| "the beginning".to_string(), |h| h.text.to_string())
}

fn section_at(doc: &Document, offset: usize) -> String {
    doc.blocks
        .iter()
        .take_while(|b| b.source_offset(0) <= offset)
        .last()
        .map(|b| b.section.to_string())
        .unwrap_or_default()
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
