//! Disguised text inside a block's visible text: zero-width characters, soft hyphens, bidirectional controls,
//! and homoglyphs (letters of another script that look like Latin ones, as in "ѕhаll" with Cyrillic letters).
//! A block that holds any of them does not count as present: a reader would see one thing while the file says
//! another.

use super::normalize::{is_bidi_control, is_zero_width, tokens_of};
use super::{Block, Trick, TrickKind};
use unicode_script::{Script, UnicodeScript};

/// The tricks inside one block.
pub(super) fn scan(block: &Block) -> Vec<Trick> {
    let mut out = Vec::new();
    let text = &block.text;
    // Every character these tricks use is outside ASCII.
    if text.is_ascii() {
        return out;
    }
    // The byte-order mark at the very start of a file is harmless; anywhere else it is zero-width text.
    let at = |i: usize| block.source_offset(i);
    if let Some(i) = text.char_indices().find(|&(_, c)| is_zero_width(c)).map(|(i, _)| i) {
        out.push(Trick { kind: TrickKind::ZeroWidth, text: word_at(text, i), source_offset: at(i) });
    }
    if let Some(i) = text.char_indices().find(|&(_, c)| is_bidi_control(c)).map(|(i, _)| i) {
        out.push(Trick { kind: TrickKind::Bidi, text: word_at(text, i), source_offset: at(i) });
    }
    for tok in tokens_of(text).filter(|t| t.word) {
        if is_homoglyph_word(&tok.key) {
            out.push(Trick { kind: TrickKind::Homoglyph, text: tok.key.to_string(), source_offset: at(tok.start) });
            break;
        }
    }
    out
}

/// A word that mixes Latin letters with look-alike letters of another script, or is written wholly in
/// look-alikes of Latin letters.
fn is_homoglyph_word(word: &str) -> bool {
    let mut latin = false;
    let mut lookalike = false;
    for c in word.chars() {
        match c.script() {
            Script::Latin => latin = true,
            Script::Common | Script::Inherited => {}
            _ if c.is_alphabetic() => {
                let mut buf = [0u8; 4];
                let skel: String = unicode_security::skeleton(c.encode_utf8(&mut buf)).collect();
                if skel.chars().all(|s| s.is_ascii_alphanumeric()) && !skel.is_empty() {
                    lookalike = true;
                } else {
                    // A real word of another script (a Spanish or Chinese name) is not a disguise.
                    return false;
                }
            }
            _ => {}
        }
    }
    lookalike && (latin || word.chars().count() >= 2)
}

/// The word around byte `i` of `text`, between the spaces on either side (of any width: a space may be a
/// multibyte character such as a non-breaking space).
fn word_at(text: &str, i: usize) -> String {
    let start =
        text[..i].rfind(char::is_whitespace).map_or(0, |s| s + text[s..].chars().next().map_or(1, char::len_utf8));
    let end = text[i..].find(char::is_whitespace).map_or(text.len(), |e| i + e);
    text[start..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_around_a_disguise_is_cut_at_spaces_of_any_width() {
        assert_eq!(word_at("Notes\u{a0}x\u{200b}y", 8), "x\u{200b}y");
        assert_eq!(word_at("a\u{2028}b\u{200b}c", 5), "b\u{200b}c");
        assert_eq!(word_at("plain x\u{200b}y", 7), "x\u{200b}y");
    }

    #[test]
    fn homoglyphs_are_found_and_real_words_are_not() {
        assert!(is_homoglyph_word("ѕhаll")); // Cyrillic dze and a
        assert!(is_homoglyph_word("mуst")); // Cyrillic u
        assert!(is_homoglyph_word("рау")); // all Cyrillic look-alikes of "pay"
        assert!(!is_homoglyph_word("shall"));
        assert!(!is_homoglyph_word("Peña"));
        assert!(!is_homoglyph_word("Москва"));
    }
}
