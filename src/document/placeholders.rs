//! What an official template holds besides its terms: bracketed fill-ins, bracketed drafting notes addressed to the
//! parties, and optional provisions. `mou check --against` and `mou import` read them with the same rules.
//!
//! - A **fill-in** ("[MCP Name]", "[Insert effective date]") becomes a [`Slot`] of its block.
//! - A **drafting note** ("[If MCP delegates ... add it as a party.]") is an instruction, not a term: it is taken
//!   out of the baseline, so deleting it is no change and whatever the parties write where it stood is text they
//!   added, judged as any other addition. A note is told from a fill-in by what it says: a note is written as a
//!   sentence to the parties (it instructs or explains), a fill-in names the data that goes in the blank.
//! - An **optional provision** is marked by a bracketed "[Optional: ...]" around it, a bracketed lead-in
//!   ("[OPTIONAL PROVISION]"), a heading that says the provision is optional, or a note that says so. Its markers
//!   are taken out and its blocks carry its name, so leaving it out is no change.

use super::{assemble, assign_sections, normalize::normalize, Block, Document, Segment, Slot};
use std::ops::Range;
use std::sync::Arc;

/// What a bracketed span of an official text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bracket {
    /// A blank for the parties' data.
    FillIn,
    /// An instruction or explanation addressed to the parties.
    Note,
    /// "[Optional: TEXT]": an optional provision, wrapped whole.
    OptionalWrap,
    /// "[OPTIONAL PROVISION]": a marker before the optional provision.
    OptionalLeadIn,
}

/// A fill-in, note or optional provision found in an official text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The text inside the brackets, its spaces collapsed (for an optional provision, its name).
    pub text: String,
    /// Where it starts in the source.
    pub source_offset: usize,
}

/// Everything [`prepare`] found in an official text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// The fill-ins, in document order.
    pub fill_ins: Vec<Found>,
    /// The drafting notes, in document order.
    pub notes: Vec<Found>,
    /// The optional provisions, in document order, each by its name.
    pub optional: Vec<Found>,
}

impl Scan {
    /// Whether the text holds no fill-in, note or optional provision.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.fill_ins.is_empty() && self.notes.is_empty() && self.optional.is_empty()
    }
}

/// Most brackets a document is searched for; past this, the rest are read as text.
const MAX_SPANS: usize = 20_000;
/// How many blocks a bracket may stay open across: a note of several paragraphs, but not a stray bracket.
const MAX_OPEN_BLOCKS: usize = 12;

/// A bracketed span: from an opening bracket to its closing one, possibly across blocks.
#[derive(Debug, Clone)]
struct Span {
    /// Block and byte offset of the opening bracket.
    start: (usize, usize),
    /// Block and byte offset just after the closing bracket.
    end: (usize, usize),
    /// The span that encloses it, if any.
    parent: Option<usize>,
    /// The text between the brackets, blocks joined by a space.
    inner: String,
}

/// A bracketed placeholder of a list of paragraphs: where it starts and ends, what it is, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// Paragraph and byte offset of its opening bracket.
    pub start: (usize, usize),
    /// Paragraph and byte offset just after its closing bracket.
    pub end: (usize, usize),
    /// Fill-in, note, or optional-provision marker.
    pub kind: Bracket,
    /// The text between its brackets, paragraphs joined by a space.
    pub text: String,
}

/// The bracketed placeholders of a list of paragraph texts, in order, with the rules `mou check` reads an official
/// text by: those inside a note or a fill-in are part of it and not listed; those inside an optional provision
/// wrapped whole are listed after it. Headings that mark a provision optional are not bracketed, and not listed.
#[must_use]
pub fn find(paragraphs: &[&str]) -> Vec<Placeholder> {
    let spans = spans(paragraphs);
    let kinds: Vec<Bracket> = spans.iter().map(|s| classify(&s.inner)).collect();
    (0..spans.len())
        .filter(|&k| is_read(&spans, &kinds, k))
        .map(|k| Placeholder { start: spans[k].start, end: spans[k].end, kind: kinds[k], text: spans[k].inner.clone() })
        .collect()
}

/// Whether span `k` is read: every span around it is an optional provision wrapped whole. Inside a note or a
/// fill-in, brackets are part of it.
fn is_read(spans: &[Span], kinds: &[Bracket], k: usize) -> bool {
    let mut p = spans[k].parent;
    while let Some(q) = p {
        if kinds[q] != Bracket::OptionalWrap {
            return false;
        }
        p = spans[q].parent;
    }
    true
}

/// Every bracketed span of the paragraphs, in order of their opening brackets.
fn spans<T: AsRef<str>>(blocks: &[T]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    // Open brackets: block, offset, and the index their span will have.
    let mut open: Vec<(usize, usize, usize)> = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        // A bracket left open too long was not a bracket around text.
        open.retain(|&(ob, _, _)| bi - ob <= MAX_OPEN_BLOCKS);
        let text = b.as_ref();
        if !text.contains(['[', ']']) {
            continue;
        }
        for (i, c) in text.char_indices() {
            match c {
                '[' if out.len() < MAX_SPANS => {
                    let parent = open.last().map(|&(_, _, s)| s);
                    open.push((bi, i, out.len()));
                    out.push(Span { start: (bi, i), end: (usize::MAX, 0), parent, inner: String::new() });
                }
                ']' => {
                    if let Some((ob, oi, s)) = open.pop() {
                        out[s].end = (bi, i + 1);
                        out[s].inner = inner_text(blocks, (ob, oi + 1), (bi, i));
                    }
                }
                _ => {}
            }
        }
    }
    // Spans never closed are not spans: their children take the nearest enclosing span that closed.
    let closed: Vec<bool> = out.iter().map(|s| s.end.0 != usize::MAX).collect();
    let parents: Vec<Option<usize>> = out.iter().map(|s| s.parent).collect();
    let mut index = vec![usize::MAX; out.len()];
    let mut kept = Vec::new();
    for (k, mut s) in out.into_iter().enumerate() {
        if !closed[k] {
            continue;
        }
        let mut p = parents[k];
        while let Some(q) = p.filter(|&q| !closed[q]) {
            p = parents[q];
        }
        // A parent opens before its child, so it has been kept already.
        s.parent = p.map(|q| index[q]);
        index[k] = kept.len();
        kept.push(s);
    }
    kept
}

/// The text between two positions, blocks joined by a space.
fn inner_text<T: AsRef<str>>(blocks: &[T], from: (usize, usize), to: (usize, usize)) -> String {
    if from.0 == to.0 {
        return blocks[from.0].as_ref()[from.1..to.1].to_string();
    }
    let mut s = blocks[from.0].as_ref()[from.1..].to_string();
    for b in &blocks[from.0 + 1..to.0] {
        s.push(' ');
        s.push_str(b.as_ref());
    }
    s.push(' ');
    s.push_str(&blocks[to.0].as_ref()[..to.1]);
    s
}

/// Words that mark the start of an optional provision's marker.
fn optional_marker_len(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let rest = lower.strip_prefix("optional")?;
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return None; // "optionally", "optionality"
    }
    let mut at = "optional".len();
    let mut r = rest;
    for word in [" provisions", " provision", " language", " section", " clause", " text"] {
        if let Some(x) = r.strip_prefix(word) {
            at += word.len();
            r = x;
            break;
        }
    }
    let punct = r.len() - r.trim_start_matches([' ', ':', '-', '\u{2013}', '\u{2014}', '.', ';']).len();
    Some(at + punct)
}

/// What a bracketed text is, read from what it says.
#[must_use]
pub fn classify(inner: &str) -> Bracket {
    let t = inner.trim();
    if let Some(len) = optional_marker_len(t) {
        let rest = t[len..].trim();
        // "[Optional]" or "[OPTIONAL PROVISION]" marks what follows; "[Optional: 6.5 Joint Training. ...]" is the
        // provision itself. An instruction about the optional text ("[Optional: the Parties may delete the
        // following section.]") marks what follows too.
        if rest.is_empty() || is_note(rest) && mentions_what_follows(rest) {
            return Bracket::OptionalLeadIn;
        }
        return Bracket::OptionalWrap;
    }
    if is_note(t) {
        Bracket::Note
    } else {
        Bracket::FillIn
    }
}

/// A note that says the provision it stands by is optional ("The following provision is optional."), rather than
/// speaking of optional provisions in general.
fn says_what_follows_is_optional(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("optional")
        && ["following", "below", "this provision", "this section", "this paragraph", "next"]
            .iter()
            .any(|w| lower.contains(w))
}

/// A sentence that says the provision after it is optional, and does nothing else: no more than forty words, no
/// binding modal, "is optional" or "are optional" said of what follows.
fn is_optional_lead_in(text: &str) -> bool {
    // Most paragraphs do not say "optional" at all; no other letters lower-case to these, so a byte search in any
    // case tells. Every paragraph of an official text is asked.
    if !text.as_bytes().windows(8).any(|w| w.eq_ignore_ascii_case(b"optional")) {
        return false;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty()).collect();
    words.len() <= 40
        && !words.iter().any(|w| matches!(*w, "must" | "shall" | "will"))
        && (lower.contains("is optional") || lower.contains("are optional") || lower.contains("optional provision"))
        && says_what_follows_is_optional(text)
}

fn mentions_what_follows(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["following", "below", "this section", "this provision", "delete", "omit", "remove", "include"]
        .iter()
        .any(|w| lower.contains(w))
}

/// Verbs that ask for data to be written in a blank.
const FILL_VERBS: &[&str] = &[
    "insert",
    "enter",
    "type",
    "specify",
    "provide",
    "state",
    "fill",
    "identify",
    "name",
    "describe",
    "list",
    "summarize",
    "explain",
];
/// Verbs that tell the parties to do something to the document itself.
const EDIT_VERBS: &[&str] = &[
    "delete", "remove", "include", "add", "attach", "select", "choose", "keep", "omit", "use", "complete", "replace",
    "repeat", "see", "note", "check", "update", "modify", "revise", "review", "consult", "contact", "retain", "strike",
    "move", "renumber",
];
/// Words that make a clause a statement: modals and the forms of "be", "have" and "do".
const FINITE: &[&str] = &[
    "may", "must", "shall", "should", "will", "would", "can", "could", "might", "is", "are", "was", "were", "has",
    "have", "does", "do", "need", "needs",
];
/// Words of a blank's own label, which a fill-in ends with.
const KIND_WORDS: &[&str] = &[
    "name",
    "names",
    "title",
    "date",
    "address",
    "email",
    "e-mail",
    "phone",
    "telephone",
    "number",
    "website",
    "url",
    "county",
    "city",
    "agency",
    "plan",
    "entity",
    "department",
    "amount",
    "signature",
    "term",
];

/// Whether a bracketed text is addressed to the parties (a note) rather than naming data (a fill-in): it is
/// written as sentences, or as a statement or instruction about the document, rather than as the name of a value.
fn is_note(t: &str) -> bool {
    let words: Vec<String> = t
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let n = words.len();
    if n == 0 {
        return false;
    }
    let mut score: i32 = 0;
    // Fill-ins never nest; a note may name one ("... the obligations [MCP Name] delegated ...").
    if t.contains('[') {
        score += 3;
    }
    let sentence_ends = t
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, '.' | '?' | '!') && t[i + 1..].starts_with(char::is_whitespace) && i > 0 && {
                // Not an abbreviation or initial: the word before the period is longer than two letters.
                let before = t[..i].rsplit(char::is_whitespace).next().unwrap_or_default();
                before.chars().filter(|c| c.is_alphabetic()).count() > 2
            }
        })
        .count();
    if sentence_ends >= 1 {
        score += 2; // two sentences at least: the last one ends the text
    }
    if t.ends_with(['.', '?', '!']) && n >= 4 {
        score += 2;
    }
    if n >= 14 {
        score += 1;
    }
    let first = words[0].as_str();
    if FINITE.iter().any(|f| words.iter().any(|w| w == f)) {
        score += 1;
    }
    if EDIT_VERBS.contains(&first) || matches!(first, "if" | "when" | "where" | "unless" | "for" | "note" | "the") {
        score += 2;
    }
    if words.windows(2).any(|w| w[0] == "the" && matches!(w[1].as_str(), "parties" | "party")) || first == "parties" {
        score += 1;
    }
    // A request for data: "Insert the effective date", "Describe the services", "MCP Name". A text of several
    // sentences is never one blank.
    let asks_for_data = sentence_ends == 0
        && (words[..n.min(3)].iter().any(|w| FILL_VERBS.contains(&w.as_str()))
            || (n <= 10 && KIND_WORDS.contains(&words[n - 1].as_str())));
    if asks_for_data {
        score -= 3;
    }
    score >= 2
}

/// An optional provision's name: its label and the words up to its first period, at most eight words.
fn provision_name(b: &Block) -> String {
    let text = b.text.trim();
    let first = text.split_inclusive(". ").next().unwrap_or(text);
    let words: Vec<&str> = first.split_whitespace().take(8).collect();
    words.join(" ").trim_end_matches(['.', ':', ';', ',']).to_string()
}

/// What to do to one block of an official text to make it the parties' text: what [`prepare`] does to it for a
/// comparison, and what `mou build` does to it when it fills an official file in place.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte ranges of the block's text to take out: drafting notes and optional-provision markers (see
    /// [`settle_cuts`] for the spaces they leave).
    pub cuts: Vec<Range<usize>>,
    /// The fill-ins: the byte range of each (brackets included) and the text between its brackets, in order.
    pub fill_ins: Vec<(Range<usize>, String)>,
    /// Whether the whole block goes: a note or a marker standing alone.
    pub remove: bool,
    /// The optional provision the block belongs to, by its name.
    pub optional: Option<Arc<str>>,
}

/// A baseline document ready for comparison, and what was found in it: drafting notes and optional-provision
/// markers taken out, fill-ins made slots, optional blocks marked with their provision's name.
///
/// The source, and positions in it, are the document's own; the new document does not share its pieces with
/// documents read later (an edited file is read against the original).
#[must_use]
pub fn prepare(doc: &Document) -> (Document, Scan) {
    let (edits, scan) = plan(doc);
    (apply(doc, edits), scan)
}

/// What [`prepare`] does to each block of an official text (one [`Edit`] per block, in order), and what it found.
#[must_use]
pub fn plan(doc: &Document) -> (Vec<Edit>, Scan) {
    let texts: Vec<&str> = doc.blocks.iter().map(|b| &*b.text).collect();
    let spans = spans(&texts);
    let mut scan = Scan::default();
    let mut edits: Vec<Edit> = vec![Edit::default(); doc.blocks.len()];
    let kinds: Vec<Bracket> = spans.iter().map(|s| classify(&s.inner)).collect();
    let active = |k: usize| is_read(&spans, &kinds, k);
    // Blocks whose optional provision starts after them: a marker or note standing on its own before it.
    let mut mark_next: Vec<usize> = Vec::new();
    for (k, s) in spans.iter().enumerate() {
        if !active(k) {
            continue;
        }
        let at = doc.blocks[s.start.0].source_offset(s.start.1);
        let text = s.inner.split_whitespace().collect::<Vec<_>>().join(" ");
        match kinds[k] {
            Bracket::FillIn if s.start.0 == s.end.0 => {
                edits[s.start.0].fill_ins.push((s.start.1..s.end.1, s.inner.clone()));
                scan.fill_ins.push(Found { text, source_offset: at });
            }
            Bracket::FillIn | Bracket::Note => {
                cut_span(&doc.blocks, s, &mut edits);
                if says_what_follows_is_optional(&text) {
                    mark_after(&doc.blocks, s, &edits, &mut mark_next);
                }
                scan.notes.push(Found { text, source_offset: at });
            }
            Bracket::OptionalLeadIn => {
                cut_span(&doc.blocks, s, &mut edits);
                mark_after(&doc.blocks, s, &edits, &mut mark_next);
            }
            Bracket::OptionalWrap => {
                let t = doc.blocks[s.start.0].text.as_ref();
                let body = s.start.1 + 1;
                let len = optional_marker_len(&t[body..]).unwrap_or(0);
                edits[s.start.0].cuts.push(s.start.1..body + len);
                edits[s.end.0].cuts.push(s.end.1 - 1..s.end.1);
                let name = provision_name_after(&doc.blocks[s.start.0], body + len);
                let name: Arc<str> = name.into();
                for e in &mut edits[s.start.0..=s.end.0] {
                    e.optional = Some(Arc::clone(&name));
                }
                scan.optional.push(Found { text: name.to_string(), source_offset: at });
            }
        }
    }
    // A paragraph of its own that says, unbracketed, that the provision after it is optional ("The following
    // Section 9.05 is optional and may be included at the election of the Parties."): a lead-in like a bracketed
    // one. It is short, binds no one, and says the provision *is* optional.
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.is_heading() || edits[i].remove || !edits[i].cuts.is_empty() || b.optional.is_some() {
            continue;
        }
        if is_optional_lead_in(&b.text) && i + 1 < doc.blocks.len() {
            edits[i].remove = true;
            scan.notes.push(Found { text: b.text.to_string(), source_offset: b.source_offset(0) });
            mark_next.push(i + 1);
        }
    }
    // Headings that say the provision under them is optional.
    for (i, b) in doc.blocks.iter().enumerate() {
        if !b.is_heading() || edits[i].remove {
            continue;
        }
        let body = b.body_text();
        let Some(len) = optional_marker_len(body).or_else(|| optional_suffix(body).map(|_| 0)) else { continue };
        let marker_only = body[len..].trim().is_empty();
        if let Some(r) = optional_suffix(body) {
            edits[i].cuts.push(b.body + r.start..b.body + r.end);
        } else if marker_only {
            edits[i].remove = true;
        } else {
            edits[i].cuts.push(b.body..b.body + len);
        }
        let level = heading_level(b);
        let start = if marker_only { i + 1 } else { i };
        let end = doc.blocks[i + 1..]
            .iter()
            .position(|x| x.is_heading() && heading_level(x) <= level)
            .map_or(doc.blocks.len(), |p| i + 1 + p);
        if start < end {
            let first = (start..end).find(|&j| !edits[j].remove).unwrap_or(start);
            let name: Arc<str> = if first == i {
                body[len..].trim().trim_end_matches(['.', ':']).into()
            } else {
                provision_name(&doc.blocks[first]).into()
            };
            for e in &mut edits[start..end] {
                e.optional.get_or_insert_with(|| Arc::clone(&name));
            }
            scan.optional.push(Found { text: name.to_string(), source_offset: b.source_offset(0) });
        }
    }
    for i in mark_next {
        mark_provision(&doc.blocks, i, &mut edits, &mut scan);
    }
    scan.optional.sort_by_key(|f| f.source_offset);
    (edits, scan)
}

/// "Joint Training (Optional)", "Co-Location [optional]": the byte range of a trailing optional marker.
fn optional_suffix(text: &str) -> Option<Range<usize>> {
    let lower = text.trim_end().to_ascii_lowercase();
    for suffix in ["(optional)", "[optional]", "- optional", "\u{2013} optional", "\u{2014} optional"] {
        if lower.ends_with(suffix) && lower.len() > suffix.len() {
            let start = lower.len() - suffix.len();
            let start = text[..start].trim_end().len();
            return Some(start..text.trim_end().len());
        }
    }
    None
}

fn heading_level(b: &Block) -> u8 {
    match b.kind {
        super::BlockKind::Heading(l) => l,
        _ => u8::MAX,
    }
}

/// The name of an optional provision that starts at byte `at` of a block.
fn provision_name_after(b: &Block, at: usize) -> String {
    let text = b.text[at..].trim();
    let first = text.split_inclusive(". ").next().unwrap_or(text);
    let words: Vec<&str> = first.split_whitespace().take(8).collect();
    words.join(" ").trim_end_matches(['.', ':', ';', ',', ']']).to_string()
}

/// Cuts a span out of the blocks it covers; blocks it covers whole, or leaves empty, are removed.
fn cut_span(blocks: &[Block], s: &Span, edits: &mut [Edit]) {
    let (sb, so) = s.start;
    let (eb, eo) = s.end;
    if sb == eb {
        edits[sb].cuts.push(so..eo);
    } else {
        edits[sb].cuts.push(so..blocks[sb].text.len());
        for e in &mut edits[sb + 1..eb] {
            e.remove = true;
        }
        edits[eb].cuts.push(0..eo);
    }
    for i in [sb, eb] {
        if covers_all_text(&blocks[i].text, &edits[i].cuts) {
            edits[i].remove = true;
        }
    }
}

/// Whether cutting `cuts` out of `text` leaves only spaces and punctuation.
fn covers_all_text(text: &str, cuts: &[Range<usize>]) -> bool {
    text.char_indices().all(|(i, c)| !c.is_alphanumeric() || cuts.iter().any(|r| r.contains(&i)))
}

/// Records that the provision after a marker or note is optional: the block the span stands in, when it keeps
/// text of its own after the cut, else the next block.
fn mark_after(blocks: &[Block], s: &Span, edits: &[Edit], out: &mut Vec<usize>) {
    let b = s.end.0;
    if !edits[b].remove {
        out.push(b);
    } else if let Some(next) = (b + 1..blocks.len()).find(|&j| !edits[j].remove) {
        out.push(next);
    }
}

/// Marks the provision that starts at block `i` optional: a heading and what is under it, or a block and the
/// list items or lettered sub-items that follow it.
fn mark_provision(blocks: &[Block], i: usize, edits: &mut [Edit], scan: &mut Scan) {
    if edits[i].optional.is_some() {
        return;
    }
    let end = if blocks[i].is_heading() {
        let level = heading_level(&blocks[i]);
        blocks[i + 1..]
            .iter()
            .position(|x| x.is_heading() && heading_level(x) <= level)
            .map_or(blocks.len(), |p| i + 1 + p)
    } else {
        let sub = |b: &Block| {
            matches!(b.kind, super::BlockKind::ListItem) || b.label.as_deref().is_some_and(|l| l.starts_with('('))
        };
        blocks[i + 1..].iter().position(|x| !sub(x)).map_or(blocks.len(), |p| i + 1 + p)
    };
    let name: Arc<str> = provision_name(&blocks[i]).into();
    for e in &mut edits[i..end] {
        e.optional.get_or_insert_with(|| Arc::clone(&name));
    }
    scan.optional.push(Found { text: name.to_string(), source_offset: blocks[i].source_offset(0) });
}

/// The document with each block's edit made.
fn apply(doc: &Document, edits: Vec<Edit>) -> Document {
    let mut blocks = Vec::with_capacity(doc.blocks.len());
    let mut cut = doc.cut.clone();
    for (b, e) in doc.blocks.iter().zip(edits) {
        if !e.remove {
            cut.extend(settle_cuts(&b.text, &e.cuts).iter().map(|r| b.source_offset(r.start)..b.source_offset(r.end)));
        }
        if e.remove {
            continue;
        }
        if e.cuts.is_empty() && e.fill_ins.is_empty() {
            let mut b = b.clone();
            if e.optional.is_some() {
                b.optional = e.optional;
            }
            blocks.push(b);
            continue;
        }
        if let Some(mut nb) = rebuild(b, &e.cuts, &e.fill_ins) {
            nb.optional = e.optional.or_else(|| b.optional.clone());
            blocks.push(nb);
        }
    }
    assign_sections(&mut blocks);
    Document {
        name: doc.name.clone(),
        source: doc.source.clone(),
        blocks,
        tricks: doc.tricks.clone(),
        front_matter: doc.front_matter.clone(),
        notes: doc.notes.clone(),
        format: doc.format,
        line_starts: std::sync::OnceLock::new(),
        piece_starts: Vec::new(),
        pieces: std::sync::OnceLock::new(),
        cut,
    }
}

/// A block with `cuts` taken out of its text and `slots` (ranges of the original text) attached.
pub(crate) fn rebuild(b: &Block, cuts: &[Range<usize>], slots: &[(Range<usize>, String)]) -> Option<Block> {
    let text = &b.text;
    let merged = settle_cuts(text, cuts);
    let kept_before =
        |pos: usize| -> usize { pos - merged.iter().map(|r| r.end.min(pos).saturating_sub(r.start)).sum::<usize>() };
    let mut new_text = String::with_capacity(text.len());
    let mut at = 0;
    for r in &merged {
        new_text.push_str(&text[at..r.start]);
        at = r.end;
    }
    new_text.push_str(&text[at..]);
    let mut segments: Vec<Segment> = Vec::with_capacity(b.segments.len() + merged.len());
    for s in &b.segments {
        let (ss, se) = (s.text_start, s.text_start + s.len);
        let mut pos = ss;
        let pieces = merged.iter().filter(|r| r.start < se && r.end > ss);
        let mut push = |from: usize, to: usize| {
            if from < to {
                segments.push(Segment {
                    text_start: kept_before(from),
                    source_start: if s.verbatim { s.source_start + (from - ss) } else { s.source_start },
                    len: to - from,
                    verbatim: s.verbatim,
                });
            }
        };
        for r in pieces {
            push(pos, r.start.max(ss));
            pos = r.end.min(se);
        }
        push(pos, se);
    }
    let (mut nb, trimmed) = assemble(b.kind, &new_text, &segments)?;
    nb.tainted = b.tainted;
    let len = nb.text.len();
    for (r, inner) in slots {
        if merged.iter().any(|c| c.start < r.end && r.start < c.end) {
            continue;
        }
        let (s, e) = (kept_before(r.start).saturating_sub(trimmed), kept_before(r.end).saturating_sub(trimmed));
        if e <= len && s < e {
            nb.slots.push(Slot::fill_in(s..e, inner));
        }
    }
    Some(nb)
}

/// The ranges to cut out of `text`, in order and without overlaps, each cut that would leave two spaces side by
/// side (or a space before a period or comma) taking the space before it: "Liaison. [Note.] MCP must" becomes
/// "Liaison. MCP must".
#[must_use]
pub fn settle_cuts(text: &str, cuts: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut cuts: Vec<Range<usize>> = cuts.iter().filter(|r| r.start < r.end && r.end <= text.len()).cloned().collect();
    cuts.sort_by_key(|r| r.start);
    for r in &mut cuts {
        let before_space = r.start > 0 && text.as_bytes()[r.start - 1] == b' ';
        let after = text[r.end..].chars().next();
        if before_space && after.is_none_or(|c| c == ' ' || matches!(c, '.' | ',' | ';' | ':')) {
            r.start -= 1;
        }
    }
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in cuts {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Takes out of an edited document the drafting notes and optional-provision markers its baseline has, word for
/// word: parties who leave a note or a marker in place have not changed the template's terms.
pub fn strip_kept(edited: &mut Document, scan: &Scan) {
    if scan.notes.is_empty() && scan.optional.is_empty() {
        return;
    }
    let texts: Vec<&str> = edited.blocks.iter().map(|b| &*b.text).collect();
    let spans = spans(&texts);
    if spans.is_empty() {
        return;
    }
    let notes: std::collections::HashSet<String> = scan.notes.iter().map(|n| normalize(&n.text)).collect();
    let mut edits: Vec<Edit> = vec![Edit::default(); edited.blocks.len()];
    let mut any = false;
    for s in spans.iter().filter(|s| s.parent.is_none()) {
        match classify(&s.inner) {
            Bracket::Note | Bracket::FillIn if notes.contains(&normalize(&s.inner)) => {
                cut_span(&edited.blocks, s, &mut edits);
                any = true;
            }
            Bracket::OptionalLeadIn if !scan.optional.is_empty() => {
                cut_span(&edited.blocks, s, &mut edits);
                any = true;
            }
            Bracket::OptionalWrap if !scan.optional.is_empty() => {
                let t = edited.blocks[s.start.0].text.as_ref();
                let body = s.start.1 + 1;
                let len = optional_marker_len(&t[body..]).unwrap_or(0);
                edits[s.start.0].cuts.push(s.start.1..body + len);
                edits[s.end.0].cuts.push(s.end.1 - 1..s.end.1);
                any = true;
            }
            _ => {}
        }
    }
    if !any {
        return;
    }
    let mut blocks = Vec::with_capacity(edited.blocks.len());
    for (b, e) in edited.blocks.iter().zip(edits) {
        if e.remove {
            continue;
        }
        if e.cuts.is_empty() {
            blocks.push(b.clone());
        } else if let Some(nb) = rebuild(b, &e.cuts, &[]) {
            blocks.push(nb);
        }
    }
    assign_sections(&mut blocks);
    edited.blocks = blocks;
    edited.piece_starts = Vec::new();
    edited.pieces = std::sync::OnceLock::new();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::markdown::parse;

    fn kind(s: &str) -> Bracket {
        classify(s)
    }

    #[test]
    fn notes_are_told_from_fill_ins_by_what_they_say() {
        for fill in [
            "MCP Name",
            "Insert effective date",
            "Title",
            "County",
            "Insert contract number",
            "Insert MCP website address",
            "Mailing Address",
            "Insert the name of the entity that is delegated",
            "Insert additional provisions, if any",
            "If applicable, insert the name of the Subcontractor",
            "Add the Subcontractor's name",
            "date",
        ] {
            assert_eq!(kind(fill), Bracket::FillIn, "{fill}");
        }
        for note in [
            "The MCP-WIC Liaison may be the same individual as the MCP Responsible Person.",
            "List one individual for each role. If one individual fills two roles, list that individual in both rows.",
            "If MCP has delegated any obligation to a Subcontractor, add it as a party and describe what [MCP Name] delegated.",
            "Delete if not applicable",
            "Note to the Parties: the Parties may add provisions that do not conflict with this template",
            "DHCS encourages the Parties to include this provision in every MOU not yet executed",
        ] {
            assert_eq!(kind(note), Bracket::Note, "{note}");
        }
        assert_eq!(kind("Optional: 6.5 Joint Training. The Parties may hold a joint training."), Bracket::OptionalWrap);
        assert_eq!(kind("OPTIONAL PROVISION"), Bracket::OptionalLeadIn);
        assert_eq!(kind("Optional"), Bracket::OptionalLeadIn);
        assert_eq!(kind("Optional: the Parties may delete the following section."), Bracket::OptionalLeadIn);
    }

    fn texts(d: &Document) -> Vec<&str> {
        d.blocks.iter().map(|b| &*b.text).collect()
    }

    #[test]
    fn notes_are_taken_out_and_fill_ins_become_slots() {
        let src = "# MOU between [MCP Name] and [County]\n\n[Note to the Parties: delete this note. Then sign.]\n\n\
                   4.3 MCP must name a Liaison. [The Liaison may be the Responsible Person.] MCP must tell County.\n\n\
                   [If MCP delegates, list the Subcontractor [MCP Name] uses.\n\nDescribe what it does.]\n\n\
                   Title: [Title]\n";
        let (doc, scan) = prepare(&parse("o.md", src));
        assert_eq!(
            texts(&doc),
            [
                "MOU between [MCP Name] and [County]",
                "4.3 MCP must name a Liaison. MCP must tell County.",
                "Title: [Title]"
            ]
        );
        assert_eq!(scan.notes.len(), 3);
        assert_eq!(scan.fill_ins.iter().map(|f| f.text.as_str()).collect::<Vec<_>>(), ["MCP Name", "County", "Title"]);
        let title = &doc.blocks[0];
        assert_eq!(title.slots.len(), 2);
        assert_eq!(&title.text[title.slots[1].range.clone()], "[County]");
        assert_eq!(&doc.blocks[2].text[doc.blocks[2].slots[0].range.clone()], "[Title]");
        assert_eq!(&*doc.blocks[1].section, "4.3");
    }

    #[test]
    fn optional_provisions_are_marked_in_every_form() {
        let src = "## 6. Training\n\n6.4 MCP must train.\n\n[Optional: 6.5 Joint Training. The Parties may train.]\n\n\
                   [OPTIONAL PROVISION]\n\n6.6 Shared Materials. MCP must share.\n\n(a) slides;\n\n\
                   ### Optional Provision\n\n6.7 Exchange. The Parties may exchange.\n\n## 7. Referrals\n\n7.1 MCP must refer.\n";
        let (doc, scan) = prepare(&parse("o.md", src));
        let got: Vec<(&str, Option<&str>)> = doc.blocks.iter().map(|b| (&*b.text, b.optional.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("6. Training", None),
                ("6.4 MCP must train.", None),
                ("6.5 Joint Training. The Parties may train.", Some("6.5 Joint Training")),
                ("6.6 Shared Materials. MCP must share.", Some("6.6 Shared Materials")),
                ("(a) slides;", Some("6.6 Shared Materials")),
                ("6.7 Exchange. The Parties may exchange.", Some("6.7 Exchange")),
                ("7. Referrals", None),
                ("7.1 MCP must refer.", None),
            ]
        );
        assert_eq!(scan.optional.len(), 3);
        assert_eq!(&*doc.blocks[2].section, "6.5");
    }

    #[test]
    fn a_paragraph_that_says_the_next_provision_is_optional_marks_it() {
        let src =
            "9.4 MCP must keep records.\n\nThe following Section 9.5 is optional and may be included at the election \
                   of the Parties.\n\n9.5 Shared Portal. The Parties may share a portal.\n\n9.6 MCP must report.\n";
        let (doc, scan) = prepare(&parse("o.md", src));
        let got: Vec<(&str, Option<&str>)> = doc.blocks.iter().map(|b| (&*b.text, b.optional.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("9.4 MCP must keep records.", None),
                ("9.5 Shared Portal. The Parties may share a portal.", Some("9.5 Shared Portal")),
                ("9.6 MCP must report.", None),
            ]
        );
        assert_eq!(scan.optional.len(), 1);
        // A duty that mentions optional services is no marker.
        let (doc, _) =
            prepare(&parse("o.md", "MCP must offer the following optional services to each Member.\n\n(a) rides.\n"));
        assert!(doc.blocks.iter().all(|b| b.optional.is_none()));
    }

    #[test]
    fn an_edited_text_that_keeps_a_note_or_marker_loses_it() {
        let official = "4.3 MCP must name a Liaison. [The Liaison may be the Responsible Person.]\n\n\
                        [Optional: 6.5 Joint Training. The Parties may train.]\n";
        let (_, scan) = prepare(&parse("o.md", official));
        let mut edited = parse("e.md", official);
        strip_kept(&mut edited, &scan);
        assert_eq!(texts(&edited), ["4.3 MCP must name a Liaison.", "6.5 Joint Training. The Parties may train."]);
    }
}
