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
    /// An example: template text, and the edited text the rule finds.
    pub example: (&'static str, &'static str),
    /// What the change the other way is, when it is not the same rule (empty otherwise).
    pub reverse: &'static str,
    /// The kind of the findings the rule gives.
    pub kind: Kind,
}

/// Every rule code `mou` reports.
pub const RULES: &[RuleDoc] = &[
    RuleDoc {
        code: "modal-downgrade",
        summary: "A binding modal became permissive",
        description: "A duty's \"shall\" or \"must\" became \"may\", \"should\", \"is expected to\" or another word that leaves the act optional.",
        example: ("MCP must cover breast pumps", "MCP may cover breast pumps"),
        reverse: "the reverse, \"may\" to \"must\", is a strengthening",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "duty-to-effort",
        summary: "A duty to act became a duty to try",
        description: "A duty to do something became a duty to seek, endeavour or participate in doing it, which is met without the result.",
        example: ("MCP has the duty of notifying County", "MCP has the duty of endeavoring to notify County"),
        reverse: "an effort made a duty again is a strengthening",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "duty-to-request",
        summary: "A duty to require became a duty to ask",
        description: "A duty to require, train or ensure became a duty to ask, offer or encourage, which the other side may decline.",
        example: ("MCP shall require its providers to report", "MCP shall ask its providers to report"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "polarity",
        summary: "An obligation was negated",
        description: "The edit turned a duty into its negation, or released a party from it (\"shall\" to \"shall not be required to\").",
        example: ("Each Party shall keep performing its duties", "Neither Party shall be required to keep performing its duties"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "deadline-longer",
        summary: "A deadline got longer",
        description: "A period within which something must be done is longer than the template's, or counted in longer units.",
        example: ("within ten (10) Working Days", "within thirty (30) Working Days"),
        reverse: "a shorter deadline is a strengthening",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "frequency-reduced",
        summary: "Something must happen less often",
        description: "A recurring duty (a meeting, a report, a review) must now happen less often than the template requires.",
        example: ("report at every quarterly meeting", "report at one meeting each year"),
        reverse: "more often is a strengthening",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "period-shortened",
        summary: "A period that protects a party got shorter",
        description: "A notice period, retention period or other span that protects a party or a Member is shorter than the template's.",
        example: ("at least ninety (90) days' written notice", "at least thirty (30) days' written notice"),
        reverse: "a longer protecting period is a strengthening",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "bound-flipped",
        summary: "A bound turned from the side that protects",
        description: "A period or amount lost the bound that protects the duty: \"for at least ten years\" became \"for up to ten years\", or \"within\" became \"no sooner than\".",
        example: ("keep the records for no fewer than ten (10) years", "keep the records for not more than ten (10) years"),
        reverse: "a bound turned to the protecting side is a strengthening",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "deadline-removed",
        summary: "A deadline was removed",
        description: "A duty lost its deadline, or its deadline became vague (\"as soon as reasonably possible\").",
        example: ("within two (2) days", "as soon as reasonably possible"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "start-later",
        summary: "An obligation starts later",
        description: "The date or event from which a duty applies, or from which its deadline runs, is later than the template's.",
        example: ("effective as of January 1, 2025", "effective as of January 1, 2025, except that Section 7 takes effect on January 1, 2026"),
        reverse: "an earlier start is a strengthening",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "trigger-harder",
        summary: "A duty now starts on a harder standard",
        description: "The evidentiary standard that sets a duty off is harder to meet (suspicion, reason to believe, good-faith belief, knowledge, confirmation, substantiation, adjudication), so the duty applies in fewer cases.",
        example: ("notify County when it has a good-faith belief that a breach occurred", "notify County when it has written confirmation that a breach occurred"),
        reverse: "an easier standard (\"confirmed\" to \"suspects\") is a strengthening",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "request-narrowed",
        summary: "A duty owed on request is owed less often",
        description: "A duty owed on request now needs a written, formal or signed request, or a request by one officer, so it is owed in fewer cases.",
        example: ("on County's request", "on the written request of County's director"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "hedge-added",
        summary: "A duty is now qualified",
        description: "A qualifier such as \"commercially reasonable efforts\", \"to the extent feasible\" or \"subject to staffing\" was added to a duty.",
        example: ("MCP shall respond to each inquiry", "MCP shall use commercially reasonable efforts to respond to each inquiry"),
        reverse: "a hedge removed is a strengthening",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "condition-added",
        summary: "A duty now applies only on a condition",
        description: "A condition was added that a duty depends on, so it no longer applies in every case the template covers.",
        example: ("(c) attend each case conference;", "(c) attend each case conference, when resources allow;"),
        reverse: "a condition removed is a strengthening",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "precedence-flipped",
        summary: "Another text now wins a conflict",
        description: "In a conflict between this MOU (or the law, DHCS or the MCP Contract) and another text, the other text now wins, so the MOU's duties give way.",
        example: ("if they conflict, this MOU prevails", "if they conflict, County's policy prevails"),
        reverse: "the MOU made to prevail is a strengthening",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "alternative-added",
        summary: "An easier way to meet a duty was added",
        description: "An alternative was added to what a duty requires (\"complete or initiate\"), so the bearer may meet it the easier way.",
        example: ("must complete the screening within ten days", "must complete or initiate the screening within ten days"),
        reverse: "an alternative removed is a strengthening; an alternative added to a condition on who is covered covers more",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "scope-quantifier",
        summary: "A duty covers fewer cases",
        description: "A quantifier such as \"every\", \"all\" or \"each\" was narrowed, so the duty covers fewer people or cases.",
        example: ("train every staff member", "train designated staff members"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "scope-item-removed",
        summary: "An item was removed from a list a duty covers",
        description: "One of the things, people or places a duty covers was removed from its list.",
        example: ("a hospital or a skilled nursing facility", "a hospital"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "scope-and-or",
        summary: "\"and\" became \"or\"",
        description: "A list joined by \"and\" (all of them) is now joined by \"or\" (any one of them), which lets a party do less.",
        example: ("administrative, physical, and technical safeguards", "administrative, physical, or technical safeguards"),
        reverse: "\"or\" to \"and\" in a list of duties is a strengthening",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "scope-limited",
        summary: "A duty was limited to fewer people",
        description: "A qualifier was added that limits whom a duty covers, such as residence, enrolment or eligibility.",
        example: ("every pregnant Member", "every pregnant Member who resides in the county"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "definition-narrowed",
        summary: "A defined term covers less",
        description: "A definition was narrowed, so every duty that uses the term covers less.",
        example: ("\"Eligible Youth\" means a Member under twenty-six (26)", "\"Eligible Youth\" means a Member under twenty-one (21)"),
        reverse: "a definition widened is a strengthening",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "threshold-narrowed",
        summary: "A threshold changed to cover fewer cases",
        description: "A numeric threshold (an age, a count, an amount) changed so that fewer cases meet it.",
        example: ("Members with two or more emergency visits in a year", "Members with four or more emergency visits in a year"),
        reverse: "lowering such a floor covers more Members, a strengthening",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "obligation-shifted",
        summary: "A duty moved to another party",
        description: "The party that bears a duty changed, or a duty to act became a duty of the other party to ask for it.",
        example: ("MCP shall send Regional Center a list", "Regional Center shall request from MCP a list"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "provision-deleted",
        summary: "A provision with a duty or definition was deleted",
        description: "A clause, sentence or list item that carries a duty or a definition was removed.",
        example: ("7.3 MCP must contact the Member within ten days.", "(the clause deleted)"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "override-added",
        summary: "An addition overrides the template",
        description: "An added sentence carves out, overrides, suspends or disclaims template text, or declares a lesser act sufficient.",
        example: ("(no text)", "Notwithstanding Section 4.4, MCP is excused from ..."),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "duty-disclaimed",
        summary: "An addition says a party is not bound",
        description: "An added sentence says a party is not responsible, liable, required or bound, or that a provision does not apply or creates no obligation.",
        example: ("(no text)", "Neither Party is responsible for any consequence of a missed deadline under this MOU."),
        reverse: "\"Nothing in this MOU relieves either Party of a duty\" preserves duties and is an addition",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "non-binding",
        summary: "The text was made non-binding",
        description: "Text was added that makes a provision, a signature or the MOU non-binding (\"for acknowledgment only\", \"non-binding\", \"a statement of intent\").",
        example: ("Title: [Title]", "Title: Chief Executive Officer, signing for acknowledgment only"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "hidden-html-comment",
        summary: "Text hidden in an HTML comment",
        description: "Template text stands inside an HTML comment, which a reader of the rendered MOU never sees; it counts as removed.",
        example: ("Section 5.02. ...", "<!-- Section 5.02. ... -->"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "hidden-link-reference-comment",
        summary: "Text hidden in a link-reference comment",
        description: "Template text stands inside a Markdown link-reference definition used as a comment, which a reader never sees.",
        example: ("Section 5.02. ...", "[//]: # (Section 5.02. ...)"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "hidden-strikethrough",
        summary: "Text struck through",
        description: "Template text is struck through, which a reader takes as deleted; it counts as removed.",
        example: ("Section 5.02. ...", "~~Section 5.02. ...~~"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "hidden-styled-html",
        summary: "Text in HTML styled not to display",
        description: "Text stands in HTML styled so that it does not display; hidden template text counts as removed.",
        example: ("MCP must act now.", "MCP must act <span style=\"display:none\">unless it declines</span> now."),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "hidden-zero-width",
        summary: "Zero-width characters inside words",
        description: "Zero-width characters or soft hyphens inside the text make words look the same to a reader while reading differently.",
        example: ("shall", "sh\u{200B}all"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "hidden-bidi-control",
        summary: "Bidirectional control characters",
        description: "Bidirectional control characters change the order in which text displays, so it reads differently from what it says.",
        example: ("MCP shall appoint", "MCP \u{202E}may\u{202C} appoint"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "hidden-homoglyph",
        summary: "Letters from another script that look Latin",
        description: "Letters of another script that look like Latin ones (Cyrillic \"а\" for \"a\") disguise a changed word.",
        example: ("shall", "\u{0455}h\u{0430}ll (Cyrillic letters)"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "hidden-vanish",
        summary: "Text formatted as hidden in Word",
        description: "Word text formatted as hidden does not display or print; hidden template text counts as removed.",
        example: ("Section 5.02. ...", "Section 5.02. ... formatted as hidden text in Word"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "hidden-white-text",
        summary: "White or near-white text in Word",
        description: "Word text coloured white or nearly so cannot be seen on the page; it counts as absent.",
        example: ("Section 5.02. ...", "Section 5.02. ... in white text in Word"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "hidden-tiny-text",
        summary: "Tiny text in Word",
        description: "Word text of two points or smaller cannot be read on the page; it counts as absent.",
        example: ("Section 5.02. ...", "Section 5.02. ... in one-point text in Word"),
        reverse: "",
        kind: Kind::Weakening,
    },
    RuleDoc {
        code: "strengthened",
        summary: "Template text changed without reducing an obligation",
        description: "Template text changed in a way that keeps or strengthens every obligation (a shorter deadline, \"may\" to \"shall\"); it still needs a redline.",
        example: ("within fifteen (15) Working Days", "within five (5) Working Days"),
        reverse: "",
        kind: Kind::Modification,
    },
    RuleDoc {
        code: "start-changed",
        summary: "A period now runs from another event",
        description: "What a deadline or period runs from changed to an event the rules cannot place before or after the template's.",
        example: ("within five (5) days of the referral", "within five (5) days of the Member's call"),
        reverse: "",
        kind: Kind::Modification,
    },
    RuleDoc {
        code: "precedence-changed",
        summary: "The text that wins a conflict changed",
        description: "The text that wins a conflict changed between two texts the rules cannot order.",
        example: ("if they conflict, the MCP Contract controls", "if they conflict, the County's contract controls"),
        reverse: "",
        kind: Kind::Modification,
    },
    RuleDoc {
        code: "addition-unclear",
        summary: "An addition may relieve a duty",
        description: "An added sentence relieves, disclaims or overrides something, and the rules cannot tell whether it reduces a template obligation; a redline decides.",
        example: ("(no text)", "MCP is not responsible for transportation costs."),
        reverse: "",
        kind: Kind::Modification,
    },
    RuleDoc {
        code: "fill-in-inconsistent",
        summary: "A fill-in is filled two ways",
        description: "A fill-in that names one thing (the MCP's name, the effective date) is filled differently in two places.",
        example: ("[MCP Name] in the preamble and in the signature block", "Golden Poppy Health Plan / Poppy Health, Inc."),
        reverse: "",
        kind: Kind::Modification,
    },
    RuleDoc {
        code: "case-changed",
        summary: "The case of a word changed",
        description: "The case of a word of template text changed; a capitalised term is often a defined term, so this is not cosmetic.",
        example: ("each Member's plan", "each member's plan"),
        reverse: "",
        kind: Kind::Modification,
    },
    RuleDoc {
        code: "punctuation-changed",
        summary: "Punctuation changed",
        description: "Punctuation in template text was added, removed or changed.",
        example: ("A, B and C", "A, B, and C"),
        reverse: "",
        kind: Kind::Modification,
    },
    RuleDoc {
        code: "text-changed",
        summary: "Template text changed",
        description: "Template text changed in a way no more specific rule explains.",
        example: ("may be amended", "may be changed"),
        reverse: "",
        kind: Kind::Modification,
    },
    RuleDoc {
        code: "text-deleted",
        summary: "Template text without a duty was deleted",
        description: "Template text that carries no duty or definition was deleted.",
        example: ("The Parties value their partnership.", "(deleted)"),
        reverse: "",
        kind: Kind::Modification,
    },
    RuleDoc {
        code: "heading-changed",
        summary: "A heading changed",
        description: "The words of a template heading changed.",
        example: ("## 7. Referrals", "## 7. Referral Pathways"),
        reverse: "",
        kind: Kind::Modification,
    },
    RuleDoc {
        code: "heading-deleted",
        summary: "A heading was deleted",
        description: "A template heading was removed.",
        example: ("## 7. Referrals", "(deleted)"),
        reverse: "",
        kind: Kind::Modification,
    },
    RuleDoc {
        code: "moved",
        summary: "A provision moved",
        description: "A template provision was moved to another place in the MOU.",
        example: ("Section 8.1 (in Article 8)", "the same Section 8.1 in Article 3"),
        reverse: "",
        kind: Kind::Modification,
    },
    RuleDoc {
        code: "added-provision",
        summary: "A provision was added",
        description: "A new clause or section was added that leaves template text alone.",
        example: ("(no text)", "8.6 MCP must assign a care coordinator to each pregnant Member."),
        reverse: "",
        kind: Kind::Addition,
    },
    RuleDoc {
        code: "added-text",
        summary: "A sentence was added inside a template clause",
        description: "A new sentence was added inside a template clause, leaving the template's own text alone.",
        example: ("... raised by either Party.", "... raised by either Party. Either Party may invite a CDPH representative."),
        reverse: "",
        kind: Kind::Addition,
    },
    RuleDoc {
        code: "party-data-differs",
        summary: "Only party data differs",
        description: "A value the party file gives (a name, title, address, date) differs in the draft; no template text changed. Rebuild the draft with mou build.",
        example: ("Name: [the party file's signer]", "Name: the signer the draft was built with"),
        reverse: "",
        kind: Kind::Cosmetic,
    },
    RuleDoc {
        code: "cosmetic-format",
        summary: "Only the form changed",
        description: "Wrapping, spacing, quotes, dashes, emphasis, list markers or heading style changed; the text is the same.",
        example: ("\"Member\"", "\u{201C}Member\u{201D}"),
        reverse: "",
        kind: Kind::Cosmetic,
    },
    RuleDoc {
        code: "renumbered",
        summary: "Only the numbering changed",
        description: "A provision's number changed and its text did not.",
        example: ("Section 4.02. MCP must ...", "Section 4.03. MCP must ..."),
        reverse: "",
        kind: Kind::Cosmetic,
    },
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

    /// Every rule code the checker's source can give a finding: the hyphenated string literals it hands to a
    /// reading, a finding or a kind, and the codes of hidden text.
    fn emitted_codes() -> Vec<String> {
        let sources = [
            include_str!("mod.rs"),
            include_str!("addition.rs"),
            include_str!("bearer.rs"),
            include_str!("condition.rs"),
            include_str!("coverage.rs"),
            include_str!("frame.rs"),
            include_str!("modality.rs"),
            include_str!("precedence.rs"),
            include_str!("relief.rs"),
            include_str!("threshold.rs"),
            include_str!("time.rs"),
        ];
        // Kinds, severities and verdicts are not rule codes.
        const NOT_RULES: &[&str] = &[
            "cosmetic",
            "addition",
            "modification",
            "weakening",
            "none",
            "info",
            "warning",
            "error",
            "attestable",
            "redline-required",
            "weakens-required-provisions",
        ];
        let code_like = |s: &str| {
            s.len() >= 4
                && !NOT_RULES.contains(&s)
                && s.split('-').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        };
        let mut out = Vec::new();
        for src in sources {
            let src = src.split("#[cfg(test)]").next().unwrap_or(src);
            for (i, _) in src.match_indices('"') {
                let rest = &src[i + 1..];
                let Some(end) = rest.find('"') else { continue };
                let lit = &rest[..end];
                let before = &src[i.saturating_sub(60)..i];
                let after = &rest[end + 1..];
                let emits = after.starts_with(".into()")
                    || before.trim_end().ends_with("=>")
                    || ["Reading::weaker(", "Reading::stronger(", "Reading::unknown(", "rule = if", "finding("]
                        .iter()
                        .any(|m| before.contains(m));
                if code_like(lit) && emits && !out.iter().any(|c| c == lit) {
                    out.push(lit.to_string());
                }
            }
        }
        for kind in [
            crate::document::TrickKind::HtmlComment,
            crate::document::TrickKind::LinkReferenceComment,
            crate::document::TrickKind::Strikethrough,
            crate::document::TrickKind::HiddenHtml,
            crate::document::TrickKind::ZeroWidth,
            crate::document::TrickKind::Bidi,
            crate::document::TrickKind::Homoglyph,
            crate::document::TrickKind::Vanish,
            crate::document::TrickKind::WhiteText,
            crate::document::TrickKind::TinyText,
        ] {
            out.push(format!("hidden-{}", kind.code()));
        }
        out
    }

    #[test]
    fn every_rule_code_the_checker_gives_is_explained() {
        let codes = emitted_codes();
        // The scan itself must see the rules: a few codes from each kind of place they are given.
        for known in ["deadline-longer", "trigger-harder", "duty-disclaimed", "added-provision", "party-data-differs"] {
            assert!(codes.iter().any(|c| c == known), "the scan missed {known}: {codes:?}");
        }
        let missing: Vec<&String> = codes.iter().filter(|c| rule_doc(c).is_none()).collect();
        assert!(missing.is_empty(), "rule codes without an explanation: {missing:?}");
        for d in RULES {
            assert!(!d.example.0.is_empty() && !d.example.1.is_empty(), "{} has no example", d.code);
        }
    }

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
