//! What counts as the same text. Differences folded away here are cosmetic: line wrapping and spacing, line
//! endings, non-breaking and other spaces, curly or straight quotes and apostrophes, and dash styles. Case is
//! kept: "Member" is a defined term and "member" is not.

/// Folds one character to its comparison form: typographic variants become their plain ASCII form, and every
/// kind of space becomes a plain space.
#[must_use]
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' | '\u{FE58}'
        | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' | '\r' | '\n' => ' ',
        c => c,
    }
}

/// The comparison form of a whole text: characters folded and runs of spaces collapsed to one, trimmed.
#[must_use]
pub fn normalize(text: &str) -> String {
    // Most text is plain ASCII with single spaces: it is already in comparison form.
    if is_plain(text.as_bytes()) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().map(fold_char) {
        if c == ' ' {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            if c == '\u{2026}' {
                out.push_str("...");
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// A 64-bit hash of a text's comparison form ([`normalize`]), for matching texts by equality without keeping
/// their comparison forms. Texts with the same comparison form have the same hash; `flag` keeps kinds of text
/// apart (a heading and a paragraph with the same words).
#[must_use]
pub fn comparison_hash(text: &str, flag: u8) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write_u8(flag);
    if is_plain(text.as_bytes()) {
        h.write(text.as_bytes());
    } else {
        h.write(normalize(text).as_bytes());
    }
    h.finish()
}

/// Whether text needs no folding: ASCII only, no tabs or line breaks or backquotes, single spaces between words,
/// none at either end.
fn is_plain(b: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else { return true };
    if first == b' ' || last == b' ' || bad_byte(last) {
        return false;
    }
    // Each byte with the one after it, branch-free over fixed chunks so the compiler can test many at once.
    let (now, next) = (&b[..b.len() - 1], &b[1..]);
    now.chunks(64)
        .zip(next.chunks(64))
        .all(|(n, x)| !n.iter().zip(x).fold(false, |any, (&c, &d)| any | bad_byte(c) | ((c == b' ') & (d == b' '))))
}

/// A byte that plain text cannot have: outside ASCII, a tab or line break, or a backquote.
#[inline]
fn bad_byte(c: u8) -> bool {
    (c >= 0x80) | (c == b'\t') | (c == b'\n') | (c == b'\r') | (c == b'`')
}

/// One word or punctuation mark of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text it came from.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// Its comparison form.
    pub key: compact_str::CompactString,
    /// Whether it is a word (letters or digits) rather than punctuation.
    pub word: bool,
    /// For a baseline's fill-in token, which slot of its block it stands for, counted from 1; 0 for any other
    /// token.
    pub slot: u16,
}

/// Splits a text into words and punctuation marks. A word is a run of letters, digits and marks, joined across
/// an inner apostrophe or hyphen ("Member's", "forty-five") and an inner period or comma between digits ("5.02",
/// "1,000"). Every other non-space character is a token of its own.
#[must_use]
pub fn tokenize(text: &str) -> Vec<Token> {
    if text.is_ascii() {
        return tokenize_ascii(text);
    }
    tokenize_chars(text)
}

/// [`tokenize`] for ASCII text, byte by byte: no folding is needed but a backquote's, and nothing is invisible.
fn tokenize_ascii(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut tokens = Vec::with_capacity(b.len() / 5);
    let word = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphanumeric);
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if matches!(c, b' ' | b'\t' | b'\r' | b'\n') {
            i += 1;
            continue;
        }
        if c.is_ascii_alphanumeric() {
            let mut j = i + 1;
            while j < b.len() {
                let cj = b[j];
                let joiner = matches!(cj, b'\'' | b'`' | b'-');
                if cj.is_ascii_alphanumeric()
                    || joiner && word(j + 1)
                    || matches!(cj, b'.' | b',') && digit(j - 1) && digit(j + 1)
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let w = &text[i..j];
            let key = if w.contains('`') { w.replace('`', "'").into() } else { w.into() };
            tokens.push(Token { start: i, end: j, key, word: true, slot: 0 });
            i = j;
        } else {
            let start = i;
            i += 1;
            if c == b'-' {
                while b.get(i) == Some(&b'-') {
                    i += 1;
                }
            }
            let key = if c == b'`' { "'".into() } else { compact_str::CompactString::from(&text[start..start + 1]) };
            tokens.push(Token { start, end: i, key, word: false, slot: 0 });
        }
    }
    tokens
}

/// [`tokenize`] for any text, character by character.
fn tokenize_chars(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    tokens.extend(Tokens { text, at: 0 });
    tokens
}

/// The tokens of a text one at a time, as [`tokenize`] reads them, for a caller that looks at each token once and
/// need not hold them all.
pub fn tokens_of(text: &str) -> impl Iterator<Item = Token> + '_ {
    Tokens { text, at: 0 }
}

/// Tokens read character by character, looking at most one character behind and one ahead: nothing is allocated
/// per character of the text.
struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

impl Tokens<'_> {
    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|t| t.chars().next())
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let is_word = |c: char| c.is_alphanumeric() || is_mark(c);
        let text = self.text;
        while let Some(c) = self.char_at(self.at) {
            let start = self.at;
            let f = fold_char(c);
            if f == ' ' || is_invisible(c) {
                self.at += c.len_utf8();
                continue;
            }
            if is_word(c) {
                let (mut prev, mut j) = (c, start + c.len_utf8());
                while let Some(cj) = self.char_at(j) {
                    let after = j + cj.len_utf8();
                    if is_word(cj) || is_invisible(cj) {
                        (prev, j) = (cj, after);
                        continue;
                    }
                    let fj = fold_char(cj);
                    let next = self.char_at(after);
                    let next_word = next.is_some_and(is_word);
                    let next_digit = next.is_some_and(|n| n.is_ascii_digit());
                    // A hyphen joins a compound ("forty-five"); a dash between words ("services—which") does not.
                    let joiner = fj == '\'' || matches!(cj, '-' | '\u{2010}' | '\u{2011}');
                    if joiner && next_word || (fj == '.' || fj == ',') && prev.is_ascii_digit() && next_digit {
                        (prev, j) = (cj, after);
                        continue;
                    }
                    break;
                }
                self.at = j;
                let word = &text[start..j];
                // An ASCII word without a backquote is its own comparison form.
                let key: compact_str::CompactString = if word.bytes().all(|b| b.is_ascii() && b != b'`') {
                    word.into()
                } else {
                    word.chars().filter(|c| !is_invisible(*c)).map(fold_char).collect()
                };
                return Some(Token { start, end: j, key, word: true, slot: 0 });
            }
            let mut end = start + c.len_utf8();
            let mut buf = [0u8; 4];
            let key: compact_str::CompactString =
                if c == '\u{2026}' { "...".into() } else { (&*f.encode_utf8(&mut buf)).into() };
            // "--" and "---" are how plain text writes a dash: one dash token.
            if f == '-' {
                while let Some(d) = self.char_at(end).filter(|d| fold_char(*d) == '-') {
                    end += d.len_utf8();
                }
            }
            self.at = end;
            return Some(Token { start, end, key, word: false, slot: 0 });
        }
        None
    }
}

fn is_mark(c: char) -> bool {
    // Combining marks keep accented words whole.
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Characters a reader cannot see: zero-width spaces and joiners, the soft hyphen, the byte-order mark, and
/// bidirectional controls. They never count as text; the document model reports them as hidden-text tricks.
#[must_use]
pub fn is_invisible(c: char) -> bool {
    is_zero_width(c) || is_bidi_control(c)
}

/// Zero-width characters and the soft hyphen.
#[must_use]
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}')
}

/// Bidirectional control characters, which can make text display in another order than it reads.
#[must_use]
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(t: &str) -> Vec<String> {
        tokenize(t).into_iter().map(|t| t.key.into()).collect()
    }

    /// The character tokenizer as it was first written, holding every character: what [`Tokens`] must equal.
    fn tokenize_reference(text: &str) -> Vec<Token> {
        let mut tokens = Vec::with_capacity(text.len() / 5);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        let is_word = |c: char| c.is_alphanumeric() || is_mark(c);
        while i < chars.len() {
            let (start, c) = chars[i];
            let f = fold_char(c);
            if f == ' ' || is_invisible(c) {
                i += 1;
                continue;
            }
            if is_word(c) {
                let mut j = i + 1;
                while j < chars.len() {
                    let cj = chars[j].1;
                    if is_word(cj) || is_invisible(cj) {
                        j += 1;
                        continue;
                    }
                    let fj = fold_char(cj);
                    let next_word = chars.get(j + 1).is_some_and(|&(_, n)| is_word(n));
                    let prev_digit = chars[j - 1].1.is_ascii_digit();
                    let next_digit = chars.get(j + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
                    // A hyphen joins a compound ("forty-five"); a dash between words ("services—which") does not.
                    let joiner = fj == '\'' || matches!(cj, '-' | '\u{2010}' | '\u{2011}');
                    if joiner && next_word || (fj == '.' || fj == ',') && prev_digit && next_digit {
                        j += 1;
                        continue;
                    }
                    break;
                }
                let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
                let word = &text[start..end];
                // An ASCII word without a backquote is its own comparison form.
                let key: compact_str::CompactString = if word.bytes().all(|b| b.is_ascii() && b != b'`') {
                    word.into()
                } else {
                    word.chars().filter(|c| !is_invisible(*c)).map(fold_char).collect()
                };
                tokens.push(Token { start, end, key, word: true, slot: 0 });
                i = j;
            } else {
                let mut end = start + c.len_utf8();
                let mut buf = [0u8; 4];
                let key: compact_str::CompactString =
                    if c == '\u{2026}' { "...".into() } else { (&*f.encode_utf8(&mut buf)).into() };
                i += 1;
                // "--" and "---" are how plain text writes a dash: one dash token.
                if f == '-' {
                    while i < chars.len() && fold_char(chars[i].1) == '-' {
                        end = chars[i].0 + chars[i].1.len_utf8();
                        i += 1;
                    }
                }
                tokens.push(Token { start, end, key, word: false, slot: 0 });
            }
        }
        tokens
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_as_the_reference_reads_it(text in "(\\PC|[ .,'`\\-\u{2010}\u{2014}\u{200B}\u{202E}\u{00A0}]){0,60}") {
            proptest::prop_assert_eq!(tokenize_chars(&text), tokenize_reference(&text));
        }

        #[test]
        fn ascii_text_is_read_as_any_text_is(text in "[a-c1-2 .,'`\\-\\t\\n\\[\\]()\"]{0,40}") {
            proptest::prop_assert_eq!(tokenize_ascii(&text), tokenize_chars(&text));
        }
    }

    #[test]
    fn typography_is_folded_but_case_is_kept() {
        assert_eq!(normalize("“Member’s”\u{00A0}plan \u{2014} x\r\n  y"), "\"Member's\" plan - x y");
        assert_ne!(normalize("Member"), normalize("member"));
    }

    #[test]
    fn tokens_keep_numbers_and_compounds_whole() {
        assert_eq!(
            keys("Section 5.02. forty-five (45) days' notice, 1,000"),
            ["Section", "5.02", ".", "forty-five", "(", "45", ")", "days", "'", "notice", ",", "1,000"]
        );
        assert_eq!(keys("Member’s"), ["Member's"]);
        assert_eq!(keys("sh\u{200B}all"), ["shall"]);
        assert_eq!(keys("services\u{2014}which"), ["services", "-", "which"]);
        assert_eq!(keys("2026 -- or"), keys("2026 \u{2014} or"));
    }
}
