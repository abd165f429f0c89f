//! Dividing a Markdown source into pieces that read the same on their own as inside the whole document, so that a
//! document compared with one read before (an edited MOU with its template) takes the blocks of every piece the
//! two share instead of reading it again.
//!
//! A piece starts at a line that follows a blank line, opens with a letter, a digit or `#`, and is not an ordered
//! list item. No CommonMark block is open there: a paragraph, list, quotation, table or indented code ends at a
//! blank line followed by unindented text that does not continue it. Some constructs reach further. A source with
//! fenced code (```` ``` ````, `~~~`) or link reference definitions (`]:`, which apply to the whole document) is
//! read whole. Raw HTML is allowed where it closes inside its piece: the kinds of HTML block that run past a blank
//! line (a comment, `<?`…`?>`, `<!X`…`>`, CDATA, and `script`, `pre`, `style` and `textarea`) must end there
//! ([`starts`] checks the text), and a tag that hides or strikes out what follows must be closed by the end of the
//! piece (the reader checks its own state at every piece's start and end; see `markdown::read`).

use super::{Block, Trick};
use std::hash::Hasher;
use std::ops::Range;

/// A piece of a read document: where it is in the source, a hash of its text, and the blocks and hidden text
/// read from it.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    /// A hash of the piece's text.
    pub hash: u64,
    /// Where it starts in the source.
    pub start: usize,
    /// Where it ends in the source.
    pub end: usize,
    /// Its blocks, in the document's blocks.
    pub blocks: Range<usize>,
    /// Its hidden text, in the document's tricks.
    pub tricks: Range<usize>,
}

/// Where the pieces of a Markdown body start (offsets into the body, the first one 0), or `None` when the body
/// must be read whole.
pub(crate) fn starts(body: &str) -> Option<Vec<usize>> {
    let bytes = body.as_bytes();
    // Each mark is looked for by its first byte, which most MOUs do not have at all.
    let whole = memchr::memchr2_iter(b'`', b'~', bytes)
        .any(|i| bytes[i..].starts_with(b"```") || bytes[i..].starts_with(b"~~~"))
        || memchr::memchr_iter(b']', bytes).any(|i| bytes.get(i + 1) == Some(&b':'));
    if whole {
        return None;
    }
    let mut out = vec![0];
    let mut after_blank = false;
    let mut at = 0;
    for end in memchr::memchr_iter(b'\n', bytes).map(|i| i + 1).chain(std::iter::once(bytes.len())) {
        if end <= at {
            continue;
        }
        let line = &bytes[at..end];
        let blank = line.iter().all(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'));
        if after_blank && !blank && at > 0 && opens_piece(line) {
            out.push(at);
        }
        after_blank = blank;
        at = end;
    }
    if memchr::memchr(b'<', bytes).is_some() {
        let ends = out.iter().skip(1).copied().chain(std::iter::once(bytes.len()));
        if !out.iter().zip(ends).all(|(&s, e)| html_closes_within(&body[s..e])) {
            return None;
        }
    }
    Some(out)
}

/// Whether every HTML construct in `text` that could run past a blank line ends inside it. CommonMark ends these
/// HTML blocks only at their closing mark, whatever lies between; the others end at a blank line, and inline HTML
/// at the end of its paragraph. Every opening mark counts, wherever it stands (in a code span too), so the answer
/// errs towards reading the source whole.
fn html_closes_within(text: &str) -> bool {
    let bytes = text.as_bytes();
    if memchr::memchr(b'<', bytes).is_none() {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    let lower = lower.as_bytes();
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &lower[i..]) {
        let at = i + lt;
        let rest = &lower[at..];
        let close: Option<&[u8]> = if rest.starts_with(b"<!--") {
            Some(b"-->")
        } else if rest.starts_with(b"<![cdata[") {
            Some(b"]]>")
        } else if rest.starts_with(b"<?") {
            Some(b"?>")
        } else if rest.get(1) == Some(&b'!') && rest.get(2).is_some_and(u8::is_ascii_alphabetic) {
            Some(b">")
        } else {
            const RAW: [(&[u8], &[u8]); 4] = [
                (b"<script", b"</script>"),
                (b"<pre", b"</pre>"),
                (b"<style", b"</style>"),
                (b"<textarea", b"</textarea>"),
            ];
            RAW.iter().find(|(open, _)| rest.starts_with(open)).map(|(_, close)| *close)
        };
        i = at + 1;
        if let Some(close) = close {
            match memchr::memmem::find(&lower[at + 2..], close) {
                Some(p) => i = at + 2 + p + close.len(),
                None => return false,
            }
        }
    }
    true
}

/// Whether a line after a blank line starts a piece: it opens with a letter, a digit or `#`, and is not an
/// ordered list item ("2. ..." may continue the list before it).
fn opens_piece(line: &[u8]) -> bool {
    let Some(&first) = line.first() else { return false };
    if !(first.is_ascii_alphanumeric() || first == b'#') {
        return false;
    }
    let digits = line.iter().take_while(|c| c.is_ascii_digit()).count();
    let list_item = (1..=9).contains(&digits)
        && matches!(line.get(digits), Some(b'.' | b')'))
        && line.get(digits + 1).is_none_or(|c| c.is_ascii_whitespace());
    !list_item
}

/// A hash of a piece's text.
pub(crate) fn hash(text: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(text.as_bytes());
    h.finish()
}

/// The pieces of a read document, from where they start in its source.
pub(crate) fn table(source: &str, starts: &[usize], blocks: &[Block], tricks: &[Trick]) -> Vec<Piece> {
    let mut out = Vec::with_capacity(starts.len());
    let (mut b, mut t) = (0, 0);
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(source.len());
        let (b0, t0) = (b, t);
        while b < blocks.len() && blocks[b].source_offset(0) < end {
            b += 1;
        }
        while t < tricks.len() && tricks[t].source_offset < end {
            t += 1;
        }
        out.push(Piece { hash: hash(&source[start..end]), start, end, blocks: b0..b, tricks: t0..t });
    }
    out
}

/// A block of one document as it stands `delta` bytes further on in another source.
pub(crate) fn shifted(b: &Block, delta: isize) -> Block {
    Block {
        kind: b.kind,
        section: b.section.clone(),
        label: b.label.clone(),
        text: b.text.clone(),
        body: b.body,
        segments: b
            .segments
            .iter()
            .map(|s| super::Segment { source_start: s.source_start.wrapping_add_signed(delta), ..*s })
            .collect(),
        tainted: b.tainted,
        key: b.key,
        // What a baseline's slots and optional provisions are is the baseline's own: a document read against it
        // takes its text, not those.
        slots: Vec::new(),
        optional: None,
    }
}

/// Hidden text of one document as it stands `delta` bytes further on in another source.
pub(crate) fn shifted_trick(t: &Trick, delta: isize) -> Trick {
    Trick { kind: t.kind, text: t.text.clone(), source_offset: t.source_offset.wrapping_add_signed(delta) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_start_at_unindented_text_after_a_blank_line() {
        let body = "# Title\n\n1.1 MCP must act.\nIt must.\n\n- (a) one\n\n  more of one\n\n2. item\n\nText again.\n";
        let s = starts(body).unwrap();
        let at = |t: &str| body.find(t).unwrap();
        assert_eq!(s, vec![0, at("1.1"), at("Text again")]);
    }

    #[test]
    fn fences_html_and_reference_definitions_keep_a_source_whole() {
        for body in [
            "a\n\n```\nx\n\nb\n```\n",
            "a\n\n<!--\n\nb -->\n",
            "a\n\n[x]: http://e\n",
            "a\n\n~~~\nb\n",
            "a\n\n<pre>\n\nb\n</pre>\n",
            "a\n\n<SCRIPT>x\n\nb</script>\n",
            "a\n\n<?php x\n\nb ?>\n",
            "a\n\n<!DOCTYPE\n\nb>\n",
            "a\n\n<![CDATA[\n\nb]]>\n",
        ] {
            assert_eq!(starts(body), None, "{body:?}");
        }
    }

    #[test]
    fn html_that_closes_inside_its_piece_keeps_the_pieces() {
        let body = "a <!-- note --> b\n\n<!-- a block -->\n\nc <span hidden>x</span> d\n\n<pre>\nx\n</pre>\n\ne < f\n";
        let s = starts(body).unwrap();
        // A line that opens with `<` starts no piece: it stays with the piece before it.
        let at = |t: &str| body.find(t).unwrap();
        assert_eq!(s, vec![0, at("c <span"), at("e < f")]);
        // A comment opened in one piece and closed in the next is not.
        assert_eq!(starts("a <!-- note\n\nb --> c\n"), None);
    }
}
