//! Rules: each change of the comparison becomes a [`Finding`] of one kind (cosmetic, addition, modification or
//! weakening) with a stable rule code and a one-sentence reason.
//!
//! A modified duty is read as a frame ([`frame`]): one file per field — [`modality`] (polarity, modal, effort),
//! [`time`] (deadlines, periods, frequencies, dates and their bounds), [`condition`] (hedges, conditions,
//! triggers and their evidentiary standard, who may ask), [`precedence`], [`bearer`], [`coverage`] (quantifiers,
//! items, alternatives, limits), [`threshold`] — and judged field by field. Added text is judged in
//! [`addition`], with [`relief`] reading what it says about the MOU's duties. Deletions and hidden text are
//! judged here. The words all of them read by are data: [`lexicon`].
//!
//! Reading is the fallback: a change inside a template sentence that no rule explains is a modification, never
//! silently cosmetic.

mod addition;
mod bearer;
mod condition;
mod coverage;
pub mod docs;
mod frame;
pub mod lexicon;
mod modality;
mod precedence;
mod relief;
mod threshold;
pub mod time;

use crate::compare::{Change, ChangeKind, Comparison};
use crate::document::{BlockKind, Document, TrickKind};
use crate::rules::lexicon::Word;
use frame::{Direction, Side};
use serde::Serialize;

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
fn classify_modified(change: &Change, heading: bool, in_duty: bool, base: &Document) -> (Kind, String, String) {
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
    let mut ctx = frame::ctx_of(change);
    ctx.old.obligation |= in_duty;
    if let Some(r) = frame::judge(&ctx) {
        let within = if change.slots.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> = change.slots.iter().map(|s| &**s).collect();
            format!(" (written where the template has {})", names.join(" and "))
        };
        // A definition that covers less weakens every duty that uses its term: the finding says so, and where. A
        // narrowed reach (fewer people, items, a shorter window, a higher threshold) is the definition's narrowing;
        // another weaker field keeps its own code.
        if r.direction == Direction::Weaker && ctx.old.definition {
            if let Some(term) = addition::defined_term(&change.base_tokens) {
                let used = addition::used_in(&addition::term_uses(&term, base));
                let reach = r.code.starts_with("scope-")
                    || matches!(r.code, "threshold-narrowed" | "period-shortened" | "definition-narrowed");
                let code = if reach { "definition-narrowed" } else { r.code };
                return (
                    Kind::Weakening,
                    code.into(),
                    format!("{}{within}: the term \"{term}\" now covers less{used}", r.message),
                );
            }
        }
        return match r.direction {
            Direction::Weaker => (Kind::Weakening, r.code.to_string(), format!("{}{within}", r.message)),
            Direction::Unknown => (Kind::Modification, r.code.to_string(), format!("{}{within}", r.message)),
            Direction::Stronger | Direction::Equal => (
                Kind::Modification,
                "strengthened".into(),
                format!("template text changed in a way that does not reduce the obligation: {}", r.message),
            ),
        };
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
        op.tag == similar::DiffTag::Insert
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
                let in_duty = c.base_block.is_some_and(|i| block_carries_duty(base, i, &mut duty));
                classify_modified(c, heading, in_duty, base)
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
            ChangeKind::Inserted => addition::classify(c, c.whole_block, base),
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
    out.extend(hidden_findings(cmp, base, edited));
    out.extend(fill_findings(cmp, base, edited));
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

/// What the parties wrote in the baseline's slots: party values that differ from the party file, and fill-ins
/// that name one thing filled two ways.
fn fill_findings(cmp: &Comparison, base: &Document, edited: &Document) -> Vec<Finding> {
    use crate::document::normalize::normalize;
    let mut out = Vec::new();
    // The first value of each fill-in that names one thing, with where it stands.
    let mut first: rustc_hash::FxHashMap<&str, (String, String, usize)> = rustc_hash::FxHashMap::default();
    for f in &cmp.fills {
        let Some(slot) = base.blocks.get(f.base_block).and_then(|b| b.slots.get(f.slot)) else { continue };
        let pos = edited.position(f.edit_offset);
        let value = normalize(&f.value);
        let finding = |rule: &str, kind: Kind, severity: Severity, message: String| Finding {
            rule: rule.to_string(),
            kind,
            severity,
            section: base.blocks[f.base_block].section.to_string(),
            line: pos.line,
            column: pos.column,
            end_line: pos.line,
            end_column: pos.column,
            template_text: slot.expected.as_deref().map_or_else(|| format!("[{}]", slot.label), str::to_string),
            edited_text: f.value.clone(),
            message,
            change: None,
        };
        if let Some(expected) = &slot.expected {
            if value != normalize(expected) {
                out.push(finding(
                    "party-data-differs",
                    Kind::Cosmetic,
                    Severity::Info,
                    format!(
                        "the party file gives \"{expected}\" here, and the draft has \"{}\": only party data differs; \
                         rebuild the draft with `mou build` to bring it in line with the party file",
                        f.value
                    ),
                ));
            }
            continue;
        }
        if !slot.single {
            continue;
        }
        match first.get(&*slot.label) {
            Some((v, shown, line)) if *v != value => out.push(finding(
                "fill-in-inconsistent",
                Kind::Modification,
                Severity::Warning,
                format!(
                    "the fill-in [{}] names one thing but is filled as \"{}\" here and as \"{shown}\" at line {line}",
                    slot.label, f.value
                ),
            )),
            Some(_) => {}
            None => {
                first.insert(&slot.label, (value, f.value.clone(), pos.line));
            }
        }
    }
    out
}

/// Hidden or disguised text in the edited document that the baseline does not have.
fn hidden_findings(cmp: &Comparison, base: &Document, edited: &Document) -> Vec<Finding> {
    use crate::compare::align::{dice, Unit};
    if edited.tricks.is_empty() {
        return Vec::new();
    }
    // Hidden text hides template text only where that text is missing from what shows: a baseline block the
    // edited file still has as it is hides nothing, so only the others are read word by word, once, when the
    // first hidden text long enough to be a provision asks.
    let mut shown = vec![false; base.blocks.len()];
    for r in &cmp.rows {
        if let (Some(i), Some(_), true) = (r.base, r.edit, r.same) {
            shown[i] = true;
        }
    }
    let mut missing: Option<Vec<Unit>> = None;
    let mut out = Vec::new();
    for t in &edited.tricks {
        if base.tricks.iter().any(|b| b.kind == t.kind && b.text == t.text) {
            continue;
        }
        let disguise = matches!(t.kind, TrickKind::ZeroWidth | TrickKind::Bidi | TrickKind::Homoglyph);
        let toks = crate::document::normalize::tokenize(&t.text);
        let words: Vec<&str> = toks.iter().filter(|x| x.word).map(|x| x.key.as_str()).collect();
        let hides_template = words.len() >= 3 && {
            let unit = Unit::new(0, words.clone());
            let missing = missing.get_or_insert_with(|| {
                base.blocks
                    .iter()
                    .zip(&shown)
                    .filter(|(_, shown)| !**shown)
                    .map(|(b, _)| {
                        let toks = crate::document::normalize::tokenize(b.body_text());
                        Unit::new(0, toks.iter().filter(|t| t.word).map(|t| t.key.as_str()).collect::<Vec<_>>())
                    })
                    .collect()
            });
            missing.iter().any(|u| dice(u, &unit) >= 0.5)
        };
        let lower: Vec<Word> = words.iter().map(|w| lexicon::lower(w)).collect();
        let lex = lexicon::get();
        // Hidden words that would negate or soften a duty ("need not", "may") change what the file says.
        let alters_duty = lower.iter().any(|w| lex.negators.has_word(w)) || !lex.modal_strengths(&lower).is_empty();
        let kind = if disguise || hides_template || alters_duty || (words.len() >= 3 && lex.is_obligation(&lower)) {
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
    // Blocks stand in the order of their text.
    let after = doc.blocks.partition_point(|b| b.source_offset(0) <= offset);
    after.checked_sub(1).map(|i| doc.blocks[i].section.to_string()).unwrap_or_default()
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
