//! Added text: sentences and provisions the template does not have.
//!
//! The parties may add provisions, so long as an addition neither conflicts with nor reduces either party's
//! obligations. An addition is attestable only when it provably only adds: a new duty, a new contact, more
//! meetings, a statement of shared aims, a defined term no template provision uses.
//!
//! **The invariant.** An added text that limits liability for performance, makes the MOU or a provision
//! non-binding, allows suspension, withholding or discretion over a template duty, subordinates the MOU to another
//! agreement or policy, excepts from or overrides a template section, redefines a template term, or conditions,
//! delays or shifts a template duty is a *weakening*. An added text whose relieving words the rules cannot tie to
//! the MOU's duties is a *modification* (a redline decides), never an attestable addition.

use super::relief;
use super::{lexicon, Kind};
use crate::compare::Change;
use crate::document::normalize::Token;
use crate::document::Document;
use lexicon::Word;

/// Classifies an inserted sentence or block. `base` is the baseline, to tell whether a new definition redefines a
/// term its provisions use.
pub(super) fn classify(change: &Change, whole: bool, base: &Document) -> (Kind, String, String) {
    let lex = lexicon::get();
    let all: Vec<Word> = change.edit_tokens.iter().map(|t| lexicon::lower(t.key.as_str())).collect();
    if let Some((term, sections)) = redefined_term(&change.edit_tokens, base) {
        return (
            Kind::Weakening,
            "definition-narrowed".into(),
            format!(
                "the addition defines \"{term}\", a term template provisions already use{}, which can narrow them",
                used_in(&sections)
            ),
        );
    }
    let read = relief::read(&all, lex);
    if let Some(op) = read.relieves() {
        return (Kind::Weakening, op.kind.code().into(), relief::describe(op));
    }
    if let Some(op) = read.strong().next() {
        // Relief the rules cannot tie to a duty of the MOU: the addition may conflict, so a redline decides.
        return (
            Kind::Modification,
            "addition-unclear".into(),
            format!(
                "the added text {} (\"{}\"), and the rules cannot tell whether that reduces a template obligation",
                op.kind.what_it_does(),
                op.phrase
            ),
        );
    }
    // A text about the MOU's duties, hedged, with no duty of its own or whose own duty is to perform them: "The
    // timeframes in Section 5 apply as staffing allows", "MCP will meet these duties as staffing allows".
    if read.refers && (!read.own_duty || read.restates) {
        let words: Vec<Word> = change.edit_tokens.iter().filter(|t| t.word).map(|t| lexicon::lower(&t.key)).collect();
        if let Some(h) = lex.hedges.added(&[], &words).first() {
            return (
                Kind::Weakening,
                "override-added".into(),
                format!("the added text qualifies the MOU's existing duties (\"{h}\")"),
            );
        }
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

/// ", used in sections 4.2 and 7.1" for a term's uses, or nothing.
pub(super) fn used_in(sections: &[String]) -> String {
    match sections.len() {
        0 => String::new(),
        1 => format!(", used in section {}", sections[0]),
        n if n <= 8 => format!(", used in sections {} and {}", sections[..n - 1].join(", "), sections[n - 1]),
        n => format!(", used in sections {} and {} others", sections[..6].join(", "), n - 6),
    }
}

/// The term a definition defines: the quoted words it opens with (`"Eligible Youth" means ...`).
pub(super) fn defined_term(tokens: &[Token]) -> Option<String> {
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
    Some(term.join(" "))
}

/// The sections of the baseline whose text uses a term, as a whole phrase in any case ("active tuberculosis" in a
/// duty is the term "Active tuberculosis", but "service coordinators" is a different word from "Service
/// Coordinator"), other than where it is defined.
pub(super) fn term_uses(term: &str, base: &Document) -> Vec<String> {
    let lower = term.to_lowercase();
    let quoted = format!("\"{lower}\"");
    let mut out: Vec<String> = Vec::new();
    for b in &base.blocks {
        let text = b.text.to_lowercase();
        if text.contains(&quoted) {
            continue;
        }
        let used = text.match_indices(&lower).any(|(i, _)| {
            let before = text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = text[i + lower.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            before && after
        });
        if used && !b.section.is_empty() && !out.iter().any(|s| **s == *b.section) {
            out.push(b.section.to_string());
        }
    }
    out
}

/// The term an added definition defines, when the baseline uses that term, with the sections that use it.
fn redefined_term(tokens: &[Token], base: &Document) -> Option<(String, Vec<String>)> {
    let term = defined_term(tokens)?;
    let lower = term.to_lowercase();
    let used = base.blocks.iter().any(|b| {
        let text = b.text.to_lowercase();
        text.match_indices(&lower).any(|(i, _)| {
            let before = text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = text[i + lower.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
    });
    used.then(|| {
        let sections = term_uses(&term, base);
        (term, sections)
    })
}
