//! The words the rules read obligations by, as data: `lexicon.toml` beside this file, built into the binary and
//! reviewed like text. Every list is a family of phrasings, not a list of the sentences any one template uses, so
//! the rules hold for any MOU text. A contracts repository may add phrases of its own to any list
//! ([`Additions`], from the `[lexicon]` table of its `mou.toml`); [`install`] makes them the lexicon of the run.

use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::sync::OnceLock;

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

/// Whether one word of a phrase matches a word of a sentence: equal, or, for a pattern ending in `*`, the word
/// starts with the rest of the pattern.
fn word_matches(pattern: &str, word: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(stem) => word.starts_with(stem) && !stem.is_empty(),
        None => pattern == word,
    }
}

/// The number of words of `phrase` (lower-case words separated by single spaces) when it stands in `words` at
/// `at`.
#[must_use]
pub fn phrase_at(words: &[Word], at: usize, phrase: &str) -> Option<usize> {
    let mut n = 0;
    for p in phrase.split(' ') {
        if !word_matches(p, words.get(at + n)?) {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// Counts the occurrences of a phrase (lower-case words separated by single spaces) in a word list.
#[must_use]
pub fn count_phrase(words: &[Word], phrase: &str) -> usize {
    (0..words.len()).filter(|&i| phrase_at(words, i, phrase).is_some()).count()
}

/// A list of phrases, indexed by first word so that only the phrases that can start at a word are tried there.
/// Each phrase is also kept split into its words, so that matching one splits nothing.
#[derive(Debug, Clone, Default)]
pub struct Phrases {
    items: Vec<String>,
    /// Each phrase's words, in the order of `items`.
    split: Vec<Box<[String]>>,
    /// Phrases by their first word, for first words without a wildcard.
    first: FxHashMap<String, Vec<usize>>,
    /// Phrases whose first word has a wildcard, tried everywhere.
    wild: Vec<usize>,
}

impl Phrases {
    fn new(items: Vec<String>) -> Phrases {
        let mut p = Phrases::default();
        p.extend(items);
        p
    }

    fn extend(&mut self, items: Vec<String>) {
        for item in items {
            // Most phrases are written as they are kept: lower case, one space between words.
            let kept = item.is_ascii()
                && !item.starts_with(' ')
                && !item.ends_with(' ')
                && !item.contains("  ")
                && item.bytes().all(|b| !b.is_ascii_uppercase() && (b == b' ' || !b.is_ascii_whitespace()));
            let item =
                if kept { item } else { item.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ") };
            if item.is_empty() {
                continue;
            }
            let words: Box<[String]> = item.split(' ').map(str::to_string).collect();
            // A repeated phrase shares its first word with the one it repeats.
            let same_first = if words[0].ends_with('*') { Some(&self.wild) } else { self.first.get(&words[0]) };
            if same_first.is_some_and(|ks| ks.iter().any(|&k| self.items[k] == item)) {
                continue;
            }
            let k = self.items.len();
            if words[0].ends_with('*') {
                self.wild.push(k);
            } else {
                self.first.entry(words[0].clone()).or_default().push(k);
            }
            self.items.push(item);
            self.split.push(words);
        }
    }

    /// The number of words of phrase `k` when it stands in `words` at `at`.
    fn len_at(&self, k: usize, words: &[Word], at: usize) -> Option<usize> {
        let pattern = &self.split[k];
        let there = words.get(at..at + pattern.len())?;
        pattern.iter().zip(there).all(|(p, w)| word_matches(p, w)).then_some(pattern.len())
    }

    /// The phrases that may start at `at`: those whose first word is the word there, and those with a wildcard.
    fn candidates<'a>(&'a self, words: &'a [Word], at: usize) -> impl Iterator<Item = usize> + 'a {
        let word = words.get(at).map_or("", Word::as_str);
        self.first.get(word).into_iter().flatten().chain(self.wild.iter()).copied()
    }

    /// The phrases, in list order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(String::as_str)
    }

    /// How many phrases there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether a single word is one of the list's one-word phrases.
    #[must_use]
    pub fn has_word(&self, word: &str) -> bool {
        self.first.get(word).is_some_and(|v| v.iter().any(|&k| self.split[k].len() == 1))
            || self.wild.iter().any(|&k| self.split[k].len() == 1 && word_matches(&self.items[k], word))
    }

    /// The phrases that stand in `words` at `at`, in list order, each with its length in words.
    pub fn at<'a>(&'a self, words: &'a [Word], at: usize) -> impl Iterator<Item = (usize, &'a str)> + 'a {
        self.candidates(words, at)
            .filter_map(move |k| self.len_at(k, words, at).map(|len| (len, self.items[k].as_str())))
    }

    /// The longest phrase standing at `at` (the first in list order among equals): its length in words and its
    /// place in the list.
    fn longest_k(&self, words: &[Word], at: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for k in self.candidates(words, at) {
            if let Some(len) = self.len_at(k, words, at) {
                if best.is_none_or(|(l, _)| len > l) {
                    best = Some((len, k));
                }
            }
        }
        best
    }

    /// The longest phrase standing at `at`, with its length in words.
    #[must_use]
    pub fn longest_at<'a>(&'a self, words: &[Word], at: usize) -> Option<(usize, &'a str)> {
        self.longest_k(words, at).map(|(len, k)| (len, self.items[k].as_str()))
    }

    /// Every place a phrase stands in `words`, longest first where two start together, without overlaps:
    /// (start, length, place in the list).
    fn find_k(&self, words: &[Word]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if let Some((len, k)) = self.longest_k(words, i) {
                out.push((i, len, k));
                i += len;
            } else {
                i += 1;
            }
        }
        out
    }

    /// Every place a phrase stands in `words`, longest first where two start together, without overlaps:
    /// (start, length, phrase).
    #[must_use]
    pub fn find<'a>(&'a self, words: &[Word]) -> Vec<(usize, usize, &'a str)> {
        self.find_k(words).into_iter().map(|(at, len, k)| (at, len, self.items[k].as_str())).collect()
    }

    /// How many times `phrase` stands in `words`.
    #[must_use]
    pub fn count(words: &[Word], phrase: &str) -> usize {
        count_phrase(words, phrase)
    }

    /// The phrases of the list that stand more often in `new` than in `old`, in list order.
    #[must_use]
    pub fn added<'a>(&'a self, old: &[Word], new: &[Word]) -> Vec<&'a str> {
        // Each text is read once, counting every phrase that stands at each word, rather than once per phrase.
        let counts = |words: &[Word]| {
            let mut n = vec![0usize; self.items.len()];
            for at in 0..words.len() {
                for k in self.candidates(words, at) {
                    if self.len_at(k, words, at).is_some() {
                        n[k] += 1;
                    }
                }
            }
            n
        };
        let in_new = counts(new);
        if in_new.iter().all(|&n| n == 0) {
            return Vec::new();
        }
        let in_old = counts(old);
        self.items.iter().zip(in_new.iter().zip(&in_old)).filter(|(_, (n, o))| n > o).map(|(p, _)| p.as_str()).collect()
    }

    /// Whether any phrase of the list stands in `words`.
    #[must_use]
    pub fn any_in(&self, words: &[Word]) -> bool {
        (0..words.len()).any(|i| self.at(words, i).next().is_some())
    }
}

/// Phrases with a value each: a modal and its strength, an evidentiary standard and its rank.
#[derive(Debug, Clone, Default)]
pub struct Graded {
    phrases: Phrases,
    /// Each phrase's value, in the order of the phrases.
    values: Vec<u8>,
}

impl Graded {
    fn add(&mut self, value: u8, items: Vec<String>) {
        self.phrases.extend(items);
        self.values.resize(self.phrases.len(), value);
    }

    /// The values of the phrases standing in `words`, in order, the longest phrase winning where two start
    /// together.
    #[must_use]
    pub fn values_in(&self, words: &[Word]) -> Vec<(usize, usize, u8)> {
        self.phrases.find_k(words).into_iter().map(|(at, len, k)| (at, len, self.values[k])).collect()
    }

    /// The phrases, with their values.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u8)> {
        self.phrases.iter().zip(&self.values).map(|(p, &v)| (p, v))
    }
}

/// The file's shape, and the shape of a repository's additions (every list optional there).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Additions {
    modal: Vec<GradedEntry>,
    evidence: Vec<RankedEntry>,
    same: Vec<SameEntry>,
    negators: Vec<String>,
    comparators: Vec<String>,
    effort: Vec<String>,
    request: Vec<String>,
    effort_words: Vec<String>,
    hedges: Vec<String>,
    conditions: Vec<String>,
    request_qualifiers: Vec<String>,
    vague_timing: Vec<String>,
    precedence_verbs: Vec<String>,
    protective_instruments: Vec<String>,
    duty_words: Vec<String>,
    relief: Vec<String>,
    scoped_relief: Vec<String>,
    non_binding: Vec<String>,
    scoped_non_binding: Vec<String>,
    exclusive: Vec<String>,
    late_anchors: Vec<String>,
    delegates: Vec<String>,
    expansions: Vec<String>,
    refers_to_duties: Vec<String>,
    universals: Vec<String>,
    limiters: Vec<String>,
    who: Vec<String>,
    people: Vec<String>,
    obligation_markers: Vec<String>,
    definition_markers: Vec<String>,
    quoted_definition_markers: Vec<String>,
    stopwords: Vec<String>,
    slot_stops: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct GradedEntry {
    strength: u8,
    #[serde(default)]
    meaning: String,
    phrases: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RankedEntry {
    rank: u8,
    phrases: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SameEntry {
    words: Vec<String>,
}

impl Additions {
    /// Reads additions from TOML text (the `[lexicon]` table of a `mou.toml`, or a whole lexicon file).
    ///
    /// # Errors
    /// The text is not TOML of the lexicon's shape (an unknown list name, a phrase that is not a string).
    pub fn parse(text: &str) -> Result<Additions, toml::de::Error> {
        toml::from_str(text)
    }

    /// Whether the additions add nothing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        let lists = [
            &self.negators,
            &self.comparators,
            &self.effort,
            &self.request,
            &self.effort_words,
            &self.hedges,
            &self.conditions,
            &self.request_qualifiers,
            &self.vague_timing,
            &self.precedence_verbs,
            &self.protective_instruments,
            &self.duty_words,
            &self.relief,
            &self.scoped_relief,
            &self.non_binding,
            &self.scoped_non_binding,
            &self.exclusive,
            &self.late_anchors,
            &self.delegates,
            &self.expansions,
            &self.refers_to_duties,
            &self.universals,
            &self.limiters,
            &self.who,
            &self.people,
            &self.obligation_markers,
            &self.definition_markers,
            &self.quoted_definition_markers,
            &self.stopwords,
            &self.slot_stops,
        ];
        lists.iter().all(|l| l.is_empty()) && self.modal.is_empty() && self.evidence.is_empty() && self.same.is_empty()
    }
}

/// Every list the rules read, ready to match.
#[derive(Debug, Clone, Default)]
#[allow(missing_docs)] // each list is documented in lexicon.toml, where it is kept
pub struct Lexicon {
    pub modals: Graded,
    /// What each modal strength means, for messages.
    pub modal_meanings: FxHashMap<u8, String>,
    pub evidence: Graded,
    pub same: Vec<Phrases>,
    pub negators: Phrases,
    pub comparators: Phrases,
    pub effort: Phrases,
    pub request: Phrases,
    pub effort_words: Phrases,
    pub hedges: Phrases,
    pub conditions: Phrases,
    pub request_qualifiers: Phrases,
    pub vague_timing: Phrases,
    pub precedence_verbs: Phrases,
    pub protective_instruments: Phrases,
    pub duty_words: Phrases,
    pub relief: Phrases,
    pub scoped_relief: Phrases,
    pub non_binding: Phrases,
    pub scoped_non_binding: Phrases,
    pub exclusive: Phrases,
    pub late_anchors: Phrases,
    pub delegates: Phrases,
    pub expansions: Phrases,
    pub refers_to_duties: Phrases,
    pub universals: Phrases,
    pub limiters: Phrases,
    pub who: Phrases,
    pub people: Phrases,
    pub obligation_markers: Phrases,
    pub definition_markers: Phrases,
    pub quoted_definition_markers: Phrases,
    pub stopwords: Phrases,
    pub slot_stops: Phrases,
}

/// The strength of a binding modal.
pub const BINDING: u8 = 6;

/// The lexicon built into the binary, as it is kept and reviewed.
pub const BUILTIN: &str = include_str!("lexicon.toml");

/// The same lexicon as JSON, converted when the binary is built (see `build.rs`): reading it takes a fraction of
/// the time TOML takes, which counts in a check that takes a few milliseconds.
const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon.json"));

impl Lexicon {
    /// The lexicon built into the binary.
    ///
    /// # Panics
    /// Never in a released build: a test reads the built-in file.
    #[must_use]
    pub fn builtin() -> Lexicon {
        let raw: Additions = serde_json::from_str(BUILTIN_JSON).expect("the built-in lexicon is valid");
        let mut lex = Lexicon::default();
        lex.add(raw);
        lex
    }

    /// This lexicon with a repository's additions.
    #[must_use]
    pub fn extended(&self, additions: Additions) -> Lexicon {
        let mut lex = self.clone();
        lex.add(additions);
        lex
    }

    fn add(&mut self, a: Additions) {
        for m in a.modal {
            if !m.meaning.is_empty() {
                self.modal_meanings.entry(m.strength).or_insert(m.meaning);
            }
            self.modals.add(m.strength.min(BINDING), m.phrases);
        }
        for e in a.evidence {
            self.evidence.add(e.rank, e.phrases);
        }
        for s in a.same {
            self.same.push(Phrases::new(s.words));
        }
        self.negators.extend(a.negators);
        self.comparators.extend(a.comparators);
        self.effort.extend(a.effort);
        self.request.extend(a.request);
        self.effort_words.extend(a.effort_words);
        self.hedges.extend(a.hedges);
        self.conditions.extend(a.conditions);
        self.request_qualifiers.extend(a.request_qualifiers);
        self.vague_timing.extend(a.vague_timing);
        self.precedence_verbs.extend(a.precedence_verbs);
        self.protective_instruments.extend(a.protective_instruments);
        self.duty_words.extend(a.duty_words);
        self.relief.extend(a.relief);
        self.scoped_relief.extend(a.scoped_relief);
        self.non_binding.extend(a.non_binding);
        self.scoped_non_binding.extend(a.scoped_non_binding);
        self.exclusive.extend(a.exclusive);
        self.late_anchors.extend(a.late_anchors);
        self.delegates.extend(a.delegates);
        self.expansions.extend(a.expansions);
        self.refers_to_duties.extend(a.refers_to_duties);
        self.universals.extend(a.universals);
        self.limiters.extend(a.limiters);
        self.who.extend(a.who);
        self.people.extend(a.people);
        self.obligation_markers.extend(a.obligation_markers);
        self.definition_markers.extend(a.definition_markers);
        self.quoted_definition_markers.extend(a.quoted_definition_markers);
        self.stopwords.extend(a.stopwords);
        self.slot_stops.extend(a.slot_stops);
    }

    /// What a modal strength means ("binds", "permits"), for messages.
    #[must_use]
    pub fn meaning(&self, strength: u8) -> &str {
        self.modal_meanings.get(&strength).map_or("no modal", String::as_str)
    }

    /// Strengths of the modal expressions in a sentence, in order. Longer expressions win over their parts, and
    /// "shall be required to" is one binding expression, not two.
    #[must_use]
    pub fn modal_strengths(&self, words: &[Word]) -> Vec<u8> {
        let mut out: Vec<u8> = Vec::new();
        for (at, _, s) in self.modals.values_in(words) {
            if let Some(&prev) = out.last() {
                if prev == BINDING
                    && s == BINDING
                    && at > 0
                    && matches!(words[at - 1].as_str(), "be" | "shall" | "must" | "will")
                {
                    continue;
                }
            }
            out.push(s);
        }
        out
    }

    /// The number of negations in a sentence; comparators ("no later than", "not only") are passed over whole.
    #[must_use]
    pub fn negations(&self, words: &[Word]) -> usize {
        let (mut count, mut i) = (0, 0);
        while i < words.len() {
            if let Some((len, _)) = self.comparators.longest_at(words, i) {
                i += len;
                continue;
            }
            count += usize::from(self.negators.has_word(&words[i]));
            i += 1;
        }
        count
    }

    /// Whether a sentence's words carry a duty.
    #[must_use]
    pub fn is_obligation(&self, words: &[Word]) -> bool {
        words.iter().any(|w| self.obligation_markers.has_word(w))
    }

    /// Whether a sentence defines a term, from its words and its tokens with punctuation.
    #[must_use]
    pub fn is_definition(&self, words: &[Word], all: &[Word]) -> bool {
        if self.definition_markers.any_in(words) {
            return true;
        }
        // A quoted term near the start ("\"Referral\" includes", "The term \"X\" refers to") followed by a marker.
        let Some(open) = all.iter().take(4).position(|t| t == "\"") else { return false };
        let Some(close) = all[open + 1..].iter().position(|t| t == "\"").map(|p| open + 1 + p) else { return false };
        self.quoted_definition_markers.longest_at(all, close + 1).is_some()
    }

    /// The group of words that say the same as `word`, if it is in one.
    #[must_use]
    pub fn same_group(&self, word: &str) -> Option<&Phrases> {
        self.same.iter().find(|g| g.has_word(word))
    }
}

static INSTALLED: OnceLock<Lexicon> = OnceLock::new();
static DEFAULT: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(Lexicon::builtin);

/// The lexicon of this run: the one [`install`]ed, or the built-in one.
#[must_use]
pub fn get() -> &'static Lexicon {
    INSTALLED.get().unwrap_or(&DEFAULT)
}

/// Makes the built-in lexicon with a repository's additions the lexicon of this run. It may be installed once,
/// before any check: the rules of one run read one lexicon.
///
/// # Errors
/// A lexicon was installed already.
pub fn install(additions: Additions) -> Result<(), &'static str> {
    if additions.is_empty() {
        return Ok(());
    }
    INSTALLED.set(DEFAULT.extended(additions)).map_err(|_| "the lexicon of this run was set already")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<Word> {
        s.split_whitespace().map(lower).collect()
    }

    #[test]
    fn the_lexicon_built_in_as_json_is_the_toml_file() {
        let from_toml = format!("{:?}", Additions::parse(BUILTIN).expect("lexicon.toml reads"));
        let from_json = format!("{:?}", serde_json::from_str::<Additions>(BUILTIN_JSON).expect("the JSON reads"));
        assert_eq!(from_toml, from_json);
    }

    #[test]
    fn the_builtin_lexicon_reads() {
        let lex = Lexicon::builtin();
        assert!(lex.modals.iter().count() > 40);
        assert!(lex.evidence.iter().all(|(_, r)| (1..=7).contains(&r)));
        assert_eq!(lex.meaning(6), "binds");
    }

    #[test]
    fn modal_strengths_read_longest_expressions() {
        let lex = get();
        assert_eq!(lex.modal_strengths(&w("MCP shall appoint and must inform")), vec![6, 6]);
        assert_eq!(lex.modal_strengths(&w("RC is expected to coordinate")), vec![5]);
        assert_eq!(lex.modal_strengths(&w("Neither Party shall be required to keep")), vec![6]);
        assert_eq!(lex.modal_strengths(&w("the County is encouraged to share")), vec![3]);
        assert_eq!(lex.modal_strengths(&w("the County may share")), vec![2]);
    }

    #[test]
    fn every_comparator_is_passed_over_whole() {
        let lex = get();
        assert!(lex.comparators.iter().all(|c| lex.negations(&w(c)) == 0));
        assert_eq!(lex.negations(&w("no later than the tenth day")), 0);
        assert_eq!(lex.negations(&w("MCP shall not disclose")), 1);
        assert_eq!(lex.negations(&w("Neither Party shall")), 1);
    }

    #[test]
    fn wildcards_match_every_form_of_a_word() {
        let lex = get();
        for form in ["endeavor to notify", "endeavors to notify", "endeavoring to notify", "endeavored to notify"] {
            assert_eq!(lex.effort.longest_at(&w(form), 0).map(|(l, _)| l), Some(2), "{form}");
        }
        assert!(lex.request.has_word("encouraging"));
        assert!(!lex.request.has_word("courage"));
    }

    #[test]
    fn additions_extend_a_list_and_unknown_lists_are_refused() {
        let add = Additions::parse("hedges = [\"as the board allows\"]").unwrap();
        let lex = Lexicon::builtin().extended(add);
        assert!(lex.hedges.iter().any(|h| h == "as the board allows"));
        assert!(Additions::parse("hedgez = [\"x\"]").is_err());
    }
}
