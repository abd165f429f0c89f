//! Sentence boundaries inside a block, so that a change is reported, classified and redlined as the sentence
//! it falls in: the unit a lawyer reads an obligation by.

use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "no", "nos", "sec", "secs", "art", "inc", "co", "corp", "ltd", "llc", "mr", "ms", "mrs", "dr",
    "st", "vs", "v", "cf", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
    "u.s.c", "c.f.r", "cal", "stat", "govt", "gov", "welf", "inst", "seq", "et", "al", "approx", "dept", "subd",
];

/// The byte ranges of the sentences of `text` from `from` on, each trimmed.
#[must_use]
pub fn sentences(text: &str, from: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = from;
    let mut i = from;
    while i < bytes.len() {
        let c = bytes[i];
        if matches!(c, b'.' | b'?' | b'!' | b';' | b':') {
            // Skip closing quotes and brackets that belong to the sentence.
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')' | b']') {
                end += 1;
            }
            let rest = &text[end..];
            let next = rest.trim_start();
            let boundary = if next.is_empty() {
                true
            } else if end == bytes.len() || !rest.starts_with(char::is_whitespace) {
                false
            } else if c == b';' || c == b':' {
                // A list of duties separated by semicolons, or introduced by a colon, stays one sentence unless
                // a new sentence starts with a capital letter after it.
                false
            } else {
                let starts_sentence =
                    next.starts_with(|ch: char| ch.is_uppercase() || ch.is_ascii_digit() || ch == '(' || ch == '"');
                starts_sentence && !(c == b'.' && is_abbreviation(&text[start..i]))
            };
            if boundary {
                push_trimmed(text, start, end, &mut out);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(start + lead..end - trail);
    }
}

fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or_default();
    let lower = word.to_ascii_lowercase();
    // A single capital letter is an initial ("J. Smith").
    (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase())) || ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t, 0).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        assert_eq!(
            split("MCP must act, e.g. by phone. The LHD should reply within 5.5 days. See 42 U.S.C. 1396. Done"),
            ["MCP must act, e.g. by phone.", "The LHD should reply within 5.5 days.", "See 42 U.S.C. 1396.", "Done"]
        );
        assert_eq!(split("Duties: (a) one; (b) two."), ["Duties: (a) one; (b) two."]);
    }
}
