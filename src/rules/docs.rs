//! What each rule code means, in a sentence, for reports that describe their rules as well as their findings:
//! SARIF's rule metadata, which GitHub code scanning shows beside every alert. The README's table of rule codes
//! documents the same codes; a test keeps the two in step.

use super::Kind;

/// The description of one rule code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleDoc {
    /// The rule code, as findings carry it.
    pub code: &'static str,
    /// What the rule finds, in a few words.
    pub summary: &'static str,
    /// What the rule finds, in a sentence or two.
    pub description: &'static str,
}

const fn doc(code: &'static str, summary: &'static str, description: &'static str) -> RuleDoc {
    RuleDoc { code, summary, description }
}

/// Every rule code `mou` reports.
pub const RULES: &[RuleDoc] = &[
    doc("modal-downgrade", "A binding modal became permissive", "A duty's \"shall\" or \"must\" became \"may\", \"should\", \"is expected to\" or another word that leaves the act optional."),
    doc("duty-to-effort", "A duty to act became a duty to try", "A duty to do something became a duty to seek, endeavour or participate in doing it, which is met without the result."),
    doc("duty-to-request", "A duty to require became a duty to ask", "A duty to require, train or ensure became a duty to ask, offer or encourage, which the other side may decline."),
    doc("polarity", "An obligation was negated", "The edit turned a duty into its negation, or released a party from it (\"shall\" to \"shall not be required to\")."),
    doc("deadline-longer", "A deadline got longer", "A period within which something must be done is longer than the template's, or counted in longer units."),
    doc("frequency-reduced", "Something must happen less often", "A recurring duty (a meeting, a report, a review) must now happen less often than the template requires."),
    doc("period-shortened", "A period that protects a party got shorter", "A notice period, retention period or other span that protects a party or a Member is shorter than the template's."),
    doc("deadline-removed", "A deadline was removed", "A duty lost its deadline, or its deadline became vague (\"as soon as reasonably possible\")."),
    doc("start-later", "An obligation starts later", "The date or event from which a duty applies, or from which its deadline runs, is later than the template's."),
    doc("hedge-added", "A duty is now qualified", "A qualifier such as \"commercially reasonable efforts\", \"to the extent feasible\" or \"subject to staffing\" was added to a duty."),
    doc("condition-added", "A duty now applies only on a condition", "A condition was added that a duty depends on, so it no longer applies in every case the template covers."),
    doc("scope-quantifier", "A duty covers fewer cases", "A quantifier such as \"every\", \"all\" or \"each\" was narrowed, so the duty covers fewer people or cases."),
    doc("scope-item-removed", "An item was removed from a list a duty covers", "One of the things, people or places a duty covers was removed from its list."),
    doc("scope-and-or", "\"and\" became \"or\"", "A list joined by \"and\" (all of them) is now joined by \"or\" (any one of them), which lets a party do less."),
    doc("scope-limited", "A duty was limited to fewer people", "A qualifier was added that limits whom a duty covers, such as residence, enrolment or eligibility."),
    doc("definition-narrowed", "A defined term covers less", "A definition was narrowed, so every duty that uses the term covers less."),
    doc("threshold-narrowed", "A threshold changed to cover fewer cases", "A numeric threshold (an age, a count, an amount) changed so that fewer cases meet it."),
    doc("obligation-shifted", "A duty moved to another party", "The party that bears a duty changed, or a duty to act became a duty of the other party to ask for it."),
    doc("provision-deleted", "A provision with a duty or definition was deleted", "A clause, sentence or list item that carries a duty or a definition was removed."),
    doc("override-added", "An addition overrides the template", "An added sentence carves out, overrides, suspends or disclaims template text, or declares a lesser act sufficient."),
    doc("hidden-html-comment", "Text hidden in an HTML comment", "Template text stands inside an HTML comment, which a reader of the rendered MOU never sees; it counts as removed."),
    doc("hidden-link-reference-comment", "Text hidden in a link-reference comment", "Template text stands inside a Markdown link-reference definition used as a comment, which a reader never sees."),
    doc("hidden-strikethrough", "Text struck through", "Template text is struck through, which a reader takes as deleted; it counts as removed."),
    doc("hidden-styled-html", "Text in HTML styled not to display", "Text stands in HTML styled so that it does not display; hidden template text counts as removed."),
    doc("hidden-zero-width", "Zero-width characters inside words", "Zero-width characters or soft hyphens inside the text make words look the same to a reader while reading differently."),
    doc("hidden-bidi-control", "Bidirectional control characters", "Bidirectional control characters change the order in which text displays, so it reads differently from what it says."),
    doc("hidden-homoglyph", "Letters from another script that look Latin", "Letters of another script that look like Latin ones (Cyrillic \"а\" for \"a\") disguise a changed word."),
    doc("hidden-vanish", "Text formatted as hidden in Word", "Word text formatted as hidden does not display or print; hidden template text counts as removed."),
    doc("hidden-white-text", "White or near-white text in Word", "Word text coloured white or nearly so cannot be seen on the page; it counts as absent."),
    doc("hidden-tiny-text", "Tiny text in Word", "Word text of two points or smaller cannot be read on the page; it counts as absent."),
    doc("strengthened", "Template text changed without reducing an obligation", "Template text changed in a way that keeps or strengthens every obligation (a shorter deadline, \"may\" to \"shall\"); it still needs a redline."),
    doc("case-changed", "The case of a word changed", "The case of a word of template text changed; a capitalised term is often a defined term, so this is not cosmetic."),
    doc("punctuation-changed", "Punctuation changed", "Punctuation in template text was added, removed or changed."),
    doc("text-changed", "Template text changed", "Template text changed in a way no more specific rule explains."),
    doc("text-deleted", "Template text without a duty was deleted", "Template text that carries no duty or definition was deleted."),
    doc("heading-changed", "A heading changed", "The words of a template heading changed."),
    doc("heading-deleted", "A heading was deleted", "A template heading was removed."),
    doc("moved", "A provision moved", "A template provision was moved to another place in the MOU."),
    doc("added-provision", "A provision was added", "A new clause or section was added that leaves template text alone."),
    doc("added-text", "A sentence was added inside a template clause", "A new sentence was added inside a template clause, leaving the template's own text alone."),
    doc("cosmetic-format", "Only the form changed", "Wrapping, spacing, quotes, dashes, emphasis, list markers or heading style changed; the text is the same."),
    doc("renumbered", "Only the numbering changed", "A provision's number changed and its text did not."),
];

/// The description of a rule code, if `mou` knows it.
#[must_use]
pub fn rule_doc(code: &str) -> Option<&'static RuleDoc> {
    RULES.iter().find(|d| d.code == code)
}

/// What to do about a finding of this kind, in a sentence.
#[must_use]
pub fn advice(kind: Kind) -> &'static str {
    match kind {
        Kind::Weakening => {
            "DHCS will not approve a change that reduces an obligation: restore the template text, or record the \
             exception DHCS approved as a waiver."
        }
        Kind::Modification => {
            "A change to template text needs a redline approved by DHCS before the MOU is signed (mou redline)."
        }
        Kind::Addition => {
            "An addition that neither conflicts with nor reduces an obligation needs no approval; the MOU can still \
             be attested."
        }
        Kind::Cosmetic => "No action is needed.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_documents_exactly_these_rule_codes() {
        let readme = include_str!("../../README.md");
        let table = readme.split("### Rule codes").nth(1).and_then(|s| s.split("\n\n").nth(2)).unwrap_or_default();
        let mut documented: Vec<&str> = table
            .lines()
            .filter_map(|l| l.strip_prefix("| "))
            .filter_map(|l| l.split(" | ").next())
            .flat_map(|cell| cell.split(", "))
            .filter_map(|c| c.strip_prefix('`')?.strip_suffix('`'))
            .collect();
        documented.extend(["hidden-vanish", "hidden-white-text", "hidden-tiny-text"]);
        documented.sort_unstable();
        let mut known: Vec<&str> = RULES.iter().map(|d| d.code).collect();
        known.sort_unstable();
        assert_eq!(documented, known);
        for d in RULES {
            assert!(d.description.ends_with('.') && !d.summary.ends_with('.'), "{}", d.code);
        }
    }
}
