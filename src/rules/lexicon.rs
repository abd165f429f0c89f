//! The words the rules read obligations by. Every list is a family of phrasings, not a list of the sentences
//! any one template uses, so the rules hold for any MOU text.

/// A word of a sentence the rules read, most often in lower case (most words are short enough to be held without
/// an allocation).
pub type Word = compact_str::CompactString;

/// A word in lower case.
#[must_use]
pub fn lower(s: &str) -> Word {
    if s.is_ascii() {
        let mut w = Word::from(s);
        w.as_mut_str().make_ascii_lowercase();
        w
    } else {
        Word::from(s.to_lowercase())
    }
}

/// The number of words of `phrase` (lower-case words separated by single spaces) when it stands in `words` at
/// `at`.
#[must_use]
pub fn phrase_at(words: &[Word], at: usize, phrase: &str) -> Option<usize> {
    let mut n = 0;
    for p in phrase.split(' ') {
        if words.get(at + n)? != p {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// Phrases of a list by their first word, each with a value, in list order.
type ByFirstWord<T> = rustc_hash::FxHashMap<&'static str, Vec<(&'static str, T)>>;

/// Indexes a phrase list by first word, so that only the phrases that can start at a word are tried there.
fn by_first_word<T>(list: impl IntoIterator<Item = (&'static str, T)>) -> ByFirstWord<T> {
    let mut map: ByFirstWord<T> = rustc_hash::FxHashMap::default();
    for (phrase, value) in list {
        map.entry(phrase.split(' ').next().unwrap_or(phrase)).or_default().push((phrase, value));
    }
    map
}

/// The phrases of an index that stand in `words` at `at`, in list order, with their lengths in words.
fn phrases_at<'a, T: Copy>(
    index: &'a ByFirstWord<T>,
    words: &'a [Word],
    at: usize,
) -> impl Iterator<Item = (usize, T)> + 'a {
    index
        .get(words[at].as_str())
        .into_iter()
        .flatten()
        .filter_map(move |&(phrase, value)| phrase_at(words, at, phrase).map(|len| (len, value)))
}

/// Counts the occurrences of a phrase (lower-case words separated by single spaces) in a word list.
#[must_use]
pub fn count_phrase(words: &[Word], phrase: &str) -> usize {
    (0..words.len()).filter(|&i| phrase_at(words, i, phrase).is_some()).count()
}

/// The phrases of a list that occur more often in `new` than in `old`.
#[must_use]
pub fn added_phrases(old: &[Word], new: &[Word], list: &[&'static str]) -> Vec<&'static str> {
    let present = word_set(new);
    list.iter().copied().filter(|p| may_occur(&present, p) && count_phrase(new, p) > count_phrase(old, p)).collect()
}

/// The distinct words of a word list, so that phrases whose first word is not among them are ruled out at once.
fn word_set(words: &[Word]) -> rustc_hash::FxHashSet<&str> {
    words.iter().map(Word::as_str).collect()
}

/// Whether a phrase can occur in the words of `present`: its first word is one of them.
fn may_occur(present: &rustc_hash::FxHashSet<&str>, phrase: &str) -> bool {
    present.contains(phrase.split(' ').next().unwrap_or(phrase))
}

/// Modal expressions and how strongly they bind: 6 binds; 5 expects; 4 and 3 encourage or ask; 2 permits;
/// 1 merely allows for.
#[rustfmt::skip]
pub const MODALS: &[(&str, u8)] = &[
    ("shall", 6), ("must", 6), ("will", 6), ("is required to", 6), ("are required to", 6), ("be required to", 6),
    ("is obligated to", 6), ("are obligated to", 6), ("is obliged to", 6), ("agrees to", 6), ("agree to", 6),
    ("is responsible for", 6), ("are responsible for", 6), ("is responsible to", 6), ("are responsible to", 6),
    ("has the duty to", 6), ("have the duty to", 6), ("is to", 6), ("are to", 6), ("commits to", 6),
    ("commit to", 6), ("undertakes to", 6), ("undertake to", 6), ("covenants to", 6), ("is committed to", 6),
    ("are committed to", 6),
    ("should", 5), ("ought to", 5), ("is expected to", 5), ("are expected to", 5),
    ("is strongly encouraged to", 4), ("are strongly encouraged to", 4),
    ("is encouraged to", 3), ("are encouraged to", 3), ("is urged to", 3), ("are urged to", 3),
    ("is asked to", 3), ("are asked to", 3), ("is requested to", 3), ("are requested to", 3), ("is invited to", 3),
    ("are invited to", 3),
    ("may", 2), ("can", 2), ("is permitted to", 2), ("are permitted to", 2), ("is allowed to", 2),
    ("are allowed to", 2), ("has the option to", 2), ("has discretion to", 2), ("is free to", 2), ("is welcome to", 2),
    ("could", 1), ("might", 1), ("would", 1),
];

/// The strength of a binding modal in [`MODALS`].
pub const BINDING: u8 = 6;

/// Strengths of the modal expressions in a sentence, in order. Longer expressions win over their parts.
#[must_use]
pub fn modal_strengths(words: &[Word]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    static BY_FIRST: std::sync::LazyLock<ByFirstWord<u8>> =
        std::sync::LazyLock::new(|| by_first_word(MODALS.iter().copied()));
    'outer: while i < words.len() {
        // The longest expression standing here; of two as long, the first listed.
        let best = phrases_at(&BY_FIRST, words, i).fold(None, |best: Option<(usize, u8)>, (len, s)| {
            if best.is_none_or(|(l, _)| len > l) {
                Some((len, s))
            } else {
                best
            }
        });
        if let Some((len, s)) = best {
            // "will" as a noun ("the Member's will") or "may" as a month are rare in MOUs; "shall be required to"
            // is one binding expression, not two.
            if let Some(prev) = out.last_mut() {
                if *prev == BINDING
                    && s == BINDING
                    && i > 0
                    && matches!(words[i - 1].as_str(), "be" | "shall" | "must" | "will")
                {
                    i += len;
                    continue 'outer;
                }
            }
            out.push(s);
            i += len;
        } else {
            i += 1;
        }
    }
    out
}

/// Words and phrases that negate. Comparators such as "no later than" are removed before counting.
pub const NEGATORS: &[&str] = &[
    "not", "no", "never", "neither", "nor", "none", "cannot", "nothing", "won't", "can't", "shan't", "isn't", "aren't",
    "doesn't", "don't", "needn't",
];

/// Phrases with a negation word that compare rather than negate.
pub const COMPARATORS: &[&str] = &[
    "no later than",
    "not later than",
    "no earlier than",
    "not earlier than",
    "no less than",
    "not less than",
    "no more than",
    "not more than",
    "no fewer than",
    "not fewer than",
    "no less frequently than",
    "not less frequently than",
    "not to exceed",
    "no longer than",
    "not limited to",
    "whether or not",
];

/// The number of negations in a sentence, comparators excluded.
#[must_use]
pub fn negations(words: &[Word]) -> usize {
    static BY_FIRST: std::sync::LazyLock<ByFirstWord<()>> =
        std::sync::LazyLock::new(|| by_first_word(COMPARATORS.iter().map(|&c| (c, ()))));
    let (mut count, mut i) = (0, 0);
    while i < words.len() {
        if let Some((len, ())) = phrases_at(&BY_FIRST, words, i).next() {
            i += len;
            continue;
        }
        count += usize::from(NEGATORS.contains(&words[i].as_str()));
        i += 1;
    }
    count
}

/// Turning a duty into an effort: "shall seek to ensure", "shall endeavor to".
pub const EFFORT: &[&str] = &[
    "seek to",
    "seeks to",
    "try to",
    "tries to",
    "attempt to",
    "attempts to",
    "endeavor to",
    "endeavors to",
    "endeavour to",
    "endeavours to",
    "strive to",
    "strives to",
    "aim to",
    "aims to",
    "work to",
    "works to",
    "work toward",
    "work towards",
    "make efforts",
    "make every effort",
    "make an effort",
    "use efforts",
    "hope to",
    "hopes to",
    "intend to",
    "intends to",
    "plan to",
    "plans to",
    "aspire to",
    "aspires to",
    "look to",
    "explore",
    "consider",
    "considers",
    "contemplate",
    "be prepared to",
    "be willing to",
    "is willing to",
    "participate",
    "participates",
    "participate in",
    "take part",
    "contribute",
    "contributes",
    "cooperate",
    "cooperates",
    "collaborate",
    "collaborates",
    "engage",
    "be involved",
    "join",
    "joins",
];

/// Turning a duty into a request, an offer or support: "shall require" to "shall ask", "shall train" to "shall
/// offer training".
pub const REQUEST: &[&str] = &[
    "ask",
    "asks",
    "request",
    "requests",
    "encourage",
    "encourages",
    "invite",
    "invites",
    "suggest",
    "suggests",
    "recommend",
    "recommends",
    "urge",
    "urges",
    "offer",
    "offers",
    "propose",
    "proposes",
    "support",
    "supports",
    "assist",
    "assists",
    "facilitate",
    "facilitates",
    "help",
    "helps",
    "promote",
    "promotes",
    "make available",
    "be available",
    "permit",
    "permits",
    "allow",
    "allows",
    "welcome",
    "welcomes",
    "advise",
    "advises",
    "remind",
    "reminds",
    "negotiate",
    "negotiates",
    "discuss",
    "discusses",
    "record",
    "records",
    "log",
    "logs",
    "acknowledge",
    "acknowledges",
    "inform",
    "informs",
    "tell",
    "tells",
    "available",
    "attempt",
    "attempts",
];

/// Effort standards, qualifiers and conditions that make a duty less than absolute.
pub const HEDGES: &[&str] = &[
    "reasonable efforts",
    "commercially reasonable",
    "best efforts",
    "good faith efforts",
    "diligent efforts",
    "reasonable endeavors",
    "reasonably practicable",
    "reasonably possible",
    "reasonably able",
    "as reasonably",
    "where reasonable",
    "if reasonable",
    "to the extent",
    "if feasible",
    "where feasible",
    "when feasible",
    "as feasible",
    "feasible",
    "practicable",
    "practical",
    "if possible",
    "where possible",
    "when possible",
    "as possible",
    "as appropriate",
    "where appropriate",
    "if appropriate",
    "when appropriate",
    "appropriate",
    "as needed",
    "if needed",
    "where needed",
    "when needed",
    "as necessary",
    "if necessary",
    "where necessary",
    "when necessary",
    "necessary",
    "subject to",
    "resources permit",
    "resources permitting",
    "resources allow",
    "staffing",
    "available resources",
    "availability",
    "funding",
    "budget",
    "appropriation",
    "discretion",
    "deems",
    "deem",
    "considers",
    "judgment",
    "judgement",
    "determines",
    "in its opinion",
    "believes",
    "upon request",
    "on request",
    "if requested",
    "when requested",
    "if asked",
    "when asked",
    "at the request",
    "generally",
    "typically",
    "usually",
    "normally",
    "ordinarily",
    "time permits",
    "time permitting",
    "when able",
    "if able",
    "where able",
    "as able",
    "capacity",
    "unless",
    "except",
    "provided that",
    "provided however",
    "so long as",
    "as long as",
    "in the event",
    "only if",
    "only when",
    "if",
    "when",
    "whenever",
    "where",
    "in most cases",
    "where applicable",
    "if applicable",
    "as applicable",
    "to the degree",
    "insofar",
    "if any",
    "mutually agreed",
    "mutually agree",
    "by agreement",
    "if agreed",
    "good cause",
    "absent",
    "barring",
    "extenuating",
    "exigent",
    "circumstances permit",
    "where circumstances",
    "if circumstances",
    "reasonably",
];

/// Words that carve out, override, suspend, disclaim, or declare some lesser act sufficient.
pub const OVERRIDES: &[&str] = &[
    "notwithstanding",
    "supersede",
    "supersedes",
    "superseded",
    "override",
    "overrides",
    "overridden",
    "prevail",
    "prevails",
    "shall control",
    "will control",
    "controls over",
    "take precedence",
    "takes precedence",
    "in lieu of",
    "instead of",
    "deemed",
    "deem",
    "deems",
    "satisfied by",
    "satisfies",
    "sufficient",
    "suffices",
    "suffice",
    "waive",
    "waives",
    "waived",
    "suspend",
    "suspends",
    "suspended",
    "suspension",
    "excuse",
    "excused",
    "excuses",
    "relieve",
    "relieved",
    "relieves",
    "not required",
    "not be required",
    "no obligation",
    "no duty",
    "not obligated",
    "not be obligated",
    "not liable",
    "not be liable",
    "not responsible",
    "not be responsible",
    "need not",
    "does not need",
    "not have to",
    "disclaim",
    "disclaims",
    "disclaimed",
    "exempt",
    "exempted",
    "exemption",
    "does not apply",
    "do not apply",
    "not apply",
    "shall not apply",
    "inapplicable",
    "carve out",
    "carved out",
    "sole discretion",
    "nothing in this",
    "unenforceable",
    "non-binding",
    "nonbinding",
    "not binding",
    "aspirational",
    "conflicts with",
    "in conflict",
    "inconsistent with",
    "order of precedence",
    "precedence",
    "clock",
    "tolled",
    "tolling",
    "courtesy",
    "best practice",
    "shall satisfy",
    "will satisfy",
    "constitutes compliance",
    "constitute compliance",
    "count as",
    "counts as",
    "treated as meeting",
    "treated as satisfying",
    "substitute for",
];

/// Words that carve out or limit only when the added text is about the MOU's existing duties: "This section
/// applies only to ..." conflicts, while "MCP will share only the minimum necessary" in a new duty does not.
pub const SCOPED_OVERRIDES: &[&str] = &[
    "except",
    "exception",
    "exceptions",
    "excluding",
    "excluded",
    "excludes",
    "exclusion",
    "limited to",
    "only",
    "solely",
    "limitation",
    "at most",
    "no more than",
    "reduce",
    "reduced",
    "reduces",
    "deferred",
    "postpone",
    "postponed",
    "may decline",
    "may elect",
    "opt out",
    "instead",
    "meets its obligation",
    "meets its obligations",
    "fulfills",
    "fulfill",
    "fulfil",
    "fulfils",
    "discharges",
    "target",
    "targets",
    "goal",
    "goals",
    "guideline",
    "guidelines",
    "extend",
    "extends",
    "extended",
    "extension",
    "govern",
    "governs",
    "control",
    "controls",
    "begins",
    "begin",
    "starts",
    "start",
    "runs",
    "stops",
    "pauses",
];

/// Phrases that refer to the MOU's existing duties: an addition that mentions them and hedges them conflicts.
pub const REFERS_TO_DUTIES: &[&str] = &[
    "this mou",
    "obligation",
    "obligations",
    "section",
    "sections",
    "duty",
    "duties",
    "requirement",
    "requirements",
    "provision",
    "provisions",
    "responsibilities",
    "responsibility",
    "article",
    "exhibit",
    "above",
    "herein",
    "hereunder",
];

/// Universal quantifiers: dropping one narrows who or what a duty covers.
pub const UNIVERSALS: &[&str] = &[
    "all",
    "every",
    "each",
    "any",
    "always",
    "whenever",
    "wherever",
    "entire",
    "whole",
    "both",
    "everyone",
    "anyone",
    "everything",
    "full",
    "fully",
];

/// Words that limit who or what a duty covers when inserted into it.
pub const LIMITERS: &[&str] = &[
    "only",
    "solely",
    "exclusively",
    "limited",
    "except",
    "excluding",
    "other than",
    "designated",
    "certain",
    "some",
    "selected",
    "specific",
    "specified",
    "eligible",
    "approved",
    "qualified",
    "primary",
    "particular",
    "who",
    "whose",
    "if",
    "when",
    "where",
    "unless",
    "provided",
    "to the extent",
    "residing",
    "enrolled",
    "continuously",
    "aged",
    "older",
    "younger",
    "over",
    "under",
    "at least",
    "more than",
    "fewer than",
    "less than",
    "first",
    "initial",
    "current",
    "active",
    "existing",
    "new",
    "adult",
    "minor",
    "high-risk",
    "identified",
    "referred",
    "assigned",
    "participating",
    "contracted",
    "in-network",
    "local",
    "named",
    "listed",
    "covered",
    "reside",
    "resides",
    "live",
    "lives",
    "living",
    "located",
    "domiciled",
    "attributed",
    "registered",
    "same",
    "documented",
    "diagnosed",
    "confirmed",
    "serious",
    "severe",
    "chronic",
];

/// Vague timing words that replace a deadline.
pub const VAGUE_TIMING: &[&str] = &[
    "promptly",
    "timely",
    "as soon as",
    "reasonable time",
    "reasonable period",
    "reasonably possible",
    "undue delay",
    "expeditiously",
    "in due course",
    "from time to time",
    "periodically",
    "regularly",
    "as needed",
    "when practicable",
    "upon request",
    "eventually",
    "at a later date",
    "when possible",
    "when feasible",
    "as time permits",
    "in a timely",
];

/// Words that mark a sentence as carrying a duty.
pub const OBLIGATION_MARKERS: &[&str] = &[
    "shall",
    "must",
    "will",
    "required",
    "responsible",
    "agree",
    "agrees",
    "obligated",
    "obliged",
    "duty",
    "should",
    "may",
    "expected",
    "encouraged",
    "applies",
    "apply",
    "covers",
    "governs",
];

/// Lower-case words that no name, title, address or other party value holds: negations, limits, conditions,
/// exceptions, statements about binding force and liability, references to the MOU's own provisions, hedges and
/// units of time. Text written in a fill-in from such a word on is text the parties added, read by the rules.
pub const SLOT_STOPS: &[&str] = &[
    "not",
    "no",
    "never",
    "neither",
    "nor",
    "none",
    "nothing",
    "cannot",
    "won't",
    "can't",
    "shan't",
    "isn't",
    "aren't",
    "doesn't",
    "don't",
    "needn't",
    "without",
    "only",
    "solely",
    "exclusively",
    "except",
    "excepting",
    "excluding",
    "exclusion",
    "if",
    "unless",
    "until",
    "provided",
    "subject",
    "whenever",
    "upon",
    "pending",
    "contingent",
    "conditioned",
    "conditional",
    "responsible",
    "responsibility",
    "liable",
    "liability",
    "bound",
    "bind",
    "binds",
    "binding",
    "nonbinding",
    "non-binding",
    "obligation",
    "obligations",
    "obligated",
    "obliged",
    "duty",
    "duties",
    "required",
    "require",
    "requires",
    "requirement",
    "requirements",
    "enforce",
    "enforceable",
    "unenforceable",
    "waive",
    "waives",
    "waived",
    "waiver",
    "release",
    "releases",
    "released",
    "acknowledgment",
    "acknowledgement",
    "acknowledge",
    "acknowledges",
    "acknowledging",
    "informational",
    "courtesy",
    "notwithstanding",
    "supersede",
    "supersedes",
    "superseded",
    "override",
    "overrides",
    "prevail",
    "prevails",
    "deemed",
    "effective",
    "expire",
    "expires",
    "terminate",
    "terminates",
    "termination",
    "suspend",
    "suspends",
    "suspended",
    "defer",
    "deferred",
    "delay",
    "delayed",
    "postpone",
    "postponed",
    "section",
    "sections",
    "article",
    "articles",
    "exhibit",
    "exhibits",
    "paragraph",
    "paragraphs",
    "clause",
    "clauses",
    "mou",
    "memorandum",
    "agreement",
    "provision",
    "provisions",
    "reasonable",
    "reasonably",
    "feasible",
    "practicable",
    "discretion",
    "extent",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "hour",
    "hours",
    "quarter",
    "quarters",
    "quarterly",
    "annually",
    "monthly",
    "weekly",
    "daily",
    "take",
    "takes",
    "apply",
    "applies",
];

/// Words that mark a definition.
pub const DEFINITION_MARKERS: &[&str] = &["means", "is defined as", "are defined as", "shall mean", "has the meaning"];

/// Words that mark a definition when the sentence opens with a quoted term (`"Referral" includes ...`).
pub const QUOTED_DEFINITION_MARKERS: &[&str] = &["includes", "include", "refers to", "refer to", "is", "are"];

/// Small words that carry no content of their own.
pub const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "and", "or", "its", "it", "is",
    "are", "be", "that", "this", "these", "those", "such", "which", "their", "his", "her", "they", "them", "any",
    "into", "upon", "under", "within", "also", "then", "so", "than", "was", "were", "has", "have", "had", "through",
    "thru",
];

/// Whether a sentence's words carry a duty.
#[must_use]
pub fn is_obligation(words: &[Word]) -> bool {
    OBLIGATION_MARKERS.iter().any(|m| words.iter().any(|w| w == m))
}

/// Whether a sentence defines a term, from its words and its tokens with punctuation.
#[must_use]
pub fn is_definition(words: &[Word], all: &[Word]) -> bool {
    let present = word_set(words);
    let has = |list: &[&str]| list.iter().any(|m| may_occur(&present, m) && count_phrase(words, m) > 0);
    has(DEFINITION_MARKERS) || (all.first().is_some_and(|t| t == "\"") && has(QUOTED_DEFINITION_MARKERS))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<Word> {
        s.split_whitespace().map(lower).collect()
    }

    #[test]
    fn modal_strengths_read_longest_expressions() {
        assert_eq!(modal_strengths(&w("MCP shall appoint and must inform")), vec![6, 6]);
        assert_eq!(modal_strengths(&w("RC is expected to coordinate")), vec![5]);
        assert_eq!(modal_strengths(&w("Neither Party shall be required to keep")), vec![6]);
        assert_eq!(modal_strengths(&w("the County is encouraged to share")), vec![3]);
        assert_eq!(modal_strengths(&w("the County may share")), vec![2]);
    }

    #[test]
    fn every_comparator_is_passed_over_whole() {
        assert!(COMPARATORS.iter().all(|c| negations(&w(c)) == 0), "{COMPARATORS:?}");
    }

    #[test]
    fn comparators_are_not_negations() {
        assert_eq!(negations(&w("no later than the tenth day")), 0);
        assert_eq!(negations(&w("MCP shall not disclose")), 1);
        assert_eq!(negations(&w("Neither Party shall")), 1);
    }
}
