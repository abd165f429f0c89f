//! A redline as a Word document with real tracked changes: a plain cover (provenance and a summary table of the
//! findings), then the edited MOU with every difference from its baseline as a `w:ins` or `w:del` revision and
//! each finding as a comment on the text it is about.
//!
//! Every segment that differs becomes a revision, cosmetic and fill-in ones included, so that Word's "Accept All"
//! gives exactly the edited text and "Reject All" exactly the baseline, as [`Redline::accepted`] and
//! [`Redline::rejected`] do.

use super::elements::{self, Cell, ParaProps, RunFormat, TableLook};
use super::parts::{Parts, BULLETS};
use super::properties::{keywords, Properties};
use super::xml::{clean, escape};
use crate::redline::{Class, Op, Redline, RedlineBlock, Segment, Style};
use crate::rules::Kind;
use std::fmt::Write;

/// The bookmark at the start of the redlined text, after the cover.
pub const TEXT_BOOKMARK: &str = "RedlineText";

/// Hands out annotation ids in document order (one sequence for revisions and comments, so no two annotations
/// share an id; 0 is the bookmark's), and the author and date every revision carries.
struct Revisions {
    author: String,
    date: String,
    next: u32,
}

impl Revisions {
    fn next_id(&mut self) -> u32 {
        self.next += 1;
        self.next
    }

    /// The attributes of the next revision: a fresh id, the author and the date.
    fn attrs(&mut self) -> String {
        let id = self.next_id();
        format!("w:id=\"{id}\" w:author=\"{}\" w:date=\"{}\"", self.author, self.date)
    }
}

/// An ISO 8601 date-time for `w:date`: a `YYYY-MM-DD` date becomes midnight UTC, a full date-time is kept (with
/// `Z` added when it has no zone). Anything else becomes the zip epoch, 1980-01-01, so the file stays valid.
#[must_use]
pub fn iso_datetime(date: &str) -> String {
    let date = date.trim();
    let is_date = |d: &str| {
        let b = d.as_bytes();
        b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    };
    if is_date(date) {
        return format!("{date}T00:00:00Z");
    }
    if let Some((d, t)) = date.split_once('T') {
        let tb = t.as_bytes();
        let time_ok = tb.len() >= 8
            && tb[2] == b':'
            && tb[5] == b':'
            && tb.iter().all(|c| c.is_ascii_digit() || b":.+-Z".contains(c));
        if is_date(d) && time_ok {
            let zoned = t.ends_with('Z') || t[8..].contains(['+', '-']);
            return if zoned { date.to_string() } else { format!("{date}Z") };
        }
    }
    "1980-01-01T00:00:00Z".to_string()
}

/// Whether a run of this text writes anything (after dropping what XML forbids, and carriage returns).
fn writes_text(text: &str) -> bool {
    clean(text).chars().any(|c| c != '\r')
}

/// Up to four initials of an author's name, for comments.
fn initials(author: &str) -> String {
    let s: String =
        author.split_whitespace().filter_map(|w| w.chars().next()).take(4).flat_map(char::to_uppercase).collect();
    if s.is_empty() {
        "M".to_string()
    } else {
        s
    }
}

/// The text of a comment for a finding.
fn finding_comment(redline: &Redline, index: usize) -> Option<String> {
    let f = redline.findings.get(index)?;
    let mut text = format!("{} ({}): {}", f.kind.as_str(), f.rule, f.message.trim());
    if !f.section.is_empty() {
        if !text.ends_with(['.', '!', '?']) {
            text.push('.');
        }
        let _ = write!(text, " Section {}", f.section);
    }
    Some(text)
}

struct Writer<'a> {
    redline: &'a Redline,
    revisions: Revisions,
    body: String,
    comments: String,
    comment_initials: String,
}

impl Writer<'_> {
    fn comment(&mut self, text: &str) -> u32 {
        let id = self.revisions.next_id();
        let _ = write!(
            self.comments,
            "<w:comment w:id=\"{id}\" w:author=\"{}\" w:date=\"{}\" w:initials=\"{}\"><w:p><w:pPr><w:pStyle w:val=\"CommentText\"/></w:pPr>\
             <w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:annotationRef/></w:r>",
            self.revisions.author, self.revisions.date, self.comment_initials
        );
        elements::run(&mut self.comments, text, RunFormat::default(), false);
        self.comments.push_str("</w:p></w:comment>");
        id
    }

    fn cover(&mut self, author: &str) {
        let r = self.redline;
        let p = &r.provenance;
        let out = &mut self.body;
        elements::plain_paragraph(out, &ParaProps::styled("Title"), &[("Redline", RunFormat::default())]);
        let mut lines: Vec<(&str, String)> = vec![
            ("Baseline: ", p.baseline.clone()),
            ("Baseline SHA-256: ", p.baseline_sha256.clone()),
            ("Edited file: ", p.edited.clone()),
            ("Edited file SHA-256: ", p.edited_sha256.clone()),
        ];
        if !p.templates.is_empty() {
            let t: Vec<String> = p.templates.iter().map(|(id, v)| format!("{id} {v}")).collect();
            lines.push(("Templates: ", t.join(", ")));
        }
        if let Some(h) = &p.party_sha256 {
            lines.push(("Party file SHA-256: ", h.clone()));
        }
        if !p.parties.is_empty() {
            lines.push(("Parties: ", p.parties.join("; ")));
        }
        if let Some(optional) = p.optional_line() {
            lines.push(("Optional provisions: ", optional));
        }
        lines.push(("Tool: ", p.tool.clone()));
        lines.push(("Date: ", p.date.clone()));
        lines.push(("Verdict: ", r.verdict.as_str().to_string()));
        let count = |k: Kind| r.findings.iter().filter(|f| f.kind == k).count();
        let counts: Vec<String> = [Kind::Weakening, Kind::Modification, Kind::Addition, Kind::Cosmetic]
            .iter()
            .map(|&k| format!("{}: {}", k.as_str(), count(k)))
            .collect();
        lines.push(("Findings: ", counts.join(", ")));
        let props = ParaProps::styled("Provenance");
        for (label, value) in &lines {
            elements::plain_paragraph(out, &props, &[(label, RunFormat::BOLD), (value, RunFormat::default())]);
        }
        let note = format!(
            "Every difference from the baseline is a tracked change by {author}: accept all changes to get the edited \
             text, reject all to get the baseline. Each finding is a comment on the text it concerns."
        );
        elements::plain_paragraph(
            out,
            &ParaProps { space_before: Some(120), ..props.clone() },
            &[(&note, RunFormat::default())],
        );
        let summary = r.summary();
        elements::plain_paragraph(out, &ParaProps::styled("Heading1"), &[("Findings", RunFormat::default())]);
        if summary.is_empty() {
            elements::plain_paragraph(
                out,
                &ParaProps::default(),
                &[("No changes beyond cosmetic ones.", RunFormat::default())],
            );
            return;
        }
        let widths = [1300, 1500, 2100, 4460];
        let cell = |w: u32, text: &str, format: RunFormat| {
            let mut content = String::new();
            elements::plain_paragraph(&mut content, &ParaProps::styled("TableText"), &[(text, format)]);
            Cell { width: w, content }
        };
        let mut rows = vec![["Section", "Kind", "Rule", "Reason"]
            .iter()
            .zip(widths)
            .map(|(h, w)| cell(w, h, RunFormat::BOLD))
            .collect::<Vec<_>>()];
        for (_, f) in summary {
            let values = [f.section.as_str(), f.kind.as_str(), f.rule.as_str(), f.message.as_str()];
            rows.push(values.iter().zip(widths).map(|(v, w)| cell(w, v, RunFormat::default())).collect());
        }
        elements::table(out, &rows, TableLook { style: "TableGrid", header: true, caption: Some("Findings") });
    }

    fn segment(&mut self, seg: &Segment) {
        let mut ids = Vec::new();
        for &f in &seg.findings {
            if let Some(text) = finding_comment(self.redline, f) {
                ids.push(self.comment(&text));
            }
        }
        if seg.class == Class::Moved && ids.is_empty() && !seg.text.is_empty() {
            let note = match seg.op {
                Op::Delete => "moved from here",
                _ => "moved here",
            };
            ids.push(self.comment(note));
        }
        for id in &ids {
            let _ = write!(self.body, "<w:commentRangeStart w:id=\"{id}\"/>");
        }
        match seg.op {
            Op::Same => elements::run(&mut self.body, &seg.text, RunFormat::default(), false),
            Op::Insert | Op::Delete if !writes_text(&seg.text) => {}
            Op::Insert => {
                let attrs = self.revisions.attrs();
                let _ = write!(self.body, "<w:ins {attrs}>");
                elements::run(&mut self.body, &seg.text, RunFormat::default(), false);
                self.body.push_str("</w:ins>");
            }
            Op::Delete => {
                let attrs = self.revisions.attrs();
                let _ = write!(self.body, "<w:del {attrs}>");
                elements::run(&mut self.body, &seg.text, RunFormat::default(), true);
                self.body.push_str("</w:del>");
            }
        }
        for id in &ids {
            let _ = write!(
                self.body,
                "<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:commentReference w:id=\"{id}\"/></w:r>"
            );
        }
    }

    fn block(&mut self, block: &RedlineBlock, first: bool, last: bool, lead_in: bool) {
        let mut props = match block.style {
            Style::Heading(1) => ParaProps::styled("Title"),
            Style::Heading(2) => ParaProps::styled("Heading2"),
            Style::Heading(3) => ParaProps::styled("Heading3"),
            Style::Heading(_) => ParaProps::styled("Heading3"),
            Style::Paragraph => ParaProps::default(),
            Style::TableRow => ParaProps::styled("TableRowText"),
            Style::ListItem => {
                if crate::document::split_label(&block.shown_text(), false).is_some() {
                    ParaProps::styled("ListLabel")
                } else {
                    ParaProps { numbering: Some((BULLETS, 0)), ..ParaProps::styled("ListParagraph") }
                }
            }
        };
        props.page_break_before = first;
        // A lead-in stays on the page of the list it introduces.
        props.keep_next |= lead_in;
        // A block that is wholly inserted or deleted takes its paragraph mark with it, so that rejecting (or
        // accepting) leaves no empty paragraph behind. The last paragraph's mark cannot go.
        let ops: Vec<Op> = block.segments.iter().filter(|s| writes_text(&s.text)).map(|s| s.op).collect();
        if !last && !ops.is_empty() {
            if ops.iter().all(|&o| o == Op::Insert) {
                props.mark = Some(format!("<w:ins {}/>", self.revisions.attrs()));
            } else if ops.iter().all(|&o| o == Op::Delete) {
                props.mark = Some(format!("<w:del {}/>", self.revisions.attrs()));
            }
        }
        self.body.push_str("<w:p>");
        props.write(&mut self.body);
        if first {
            let _ = write!(
                self.body,
                "<w:bookmarkStart w:id=\"0\" w:name=\"{TEXT_BOOKMARK}\"/><w:bookmarkEnd w:id=\"0\"/>"
            );
        }
        for seg in &block.segments {
            self.segment(seg);
        }
        self.body.push_str("</w:p>");
    }
}

/// The redline as `.docx` bytes.
pub(super) fn write(redline: &Redline, author: &str, date: &str) -> Vec<u8> {
    let author = if author.trim().is_empty() { "mou" } else { author };
    let date = iso_datetime(date);
    let mut w = Writer {
        redline,
        revisions: Revisions { author: escape(author), date: escape(&date), next: 0 },
        body: String::new(),
        comments: String::new(),
        comment_initials: escape(&initials(author)),
    };
    w.cover(author);
    if redline.blocks.is_empty() {
        let empty = RedlineBlock { style: Style::Paragraph, section: String::new(), segments: Vec::new() };
        w.block(&empty, true, true, false);
    }
    let n = redline.blocks.len();
    for (i, block) in redline.blocks.iter().enumerate() {
        let lead_in =
            block.style == Style::Paragraph && redline.blocks.get(i + 1).is_some_and(|b| b.style == Style::ListItem);
        w.block(block, i == 0, i + 1 == n, lead_in);
    }
    let p = &redline.provenance;
    Parts {
        body: w.body,
        comments: w.comments,
        ordered_lists: Vec::new(),
        track_revisions: true,
        properties: Properties {
            title: format!("Redline of {}", p.edited),
            subject: if p.parties.is_empty() { format!("Changes from {}", p.baseline) } else { p.parties.join("; ") },
            keywords: keywords(&p.parties),
            description: format!(
                "Redline of {} (SHA-256 {}) against {} (SHA-256 {}), made by {}: {}",
                p.edited,
                p.edited_sha256,
                p.baseline,
                p.baseline_sha256,
                p.tool,
                redline.verdict.as_str()
            ),
            date: Some(date),
            custom: vec![
                ("mou.redline_of".to_string(), p.edited.clone()),
                ("mou.edited_sha256".to_string(), p.edited_sha256.clone()),
                ("mou.baseline".to_string(), p.baseline.clone()),
                ("mou.baseline_sha256".to_string(), p.baseline_sha256.clone()),
                ("mou.verdict".to_string(), redline.verdict.as_str().to_string()),
            ],
        },
    }
    .to_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_iso_date_times() {
        assert_eq!(iso_datetime("2026-11-22"), "2026-11-22T00:00:00Z");
        assert_eq!(iso_datetime("2026-11-22T10:30:00"), "2026-11-22T10:30:00Z");
        assert_eq!(iso_datetime("2026-11-22T10:30:00-08:00"), "2026-11-22T10:30:00-08:00");
        assert_eq!(iso_datetime("yesterday"), "1980-01-01T00:00:00Z");
        assert_eq!(iso_datetime("2026-1-22"), "1980-01-01T00:00:00Z");
    }

    #[test]
    fn initials_of_an_author() {
        assert_eq!(initials("Ada Lovelace"), "AL");
        assert_eq!(initials("mou"), "M");
        assert_eq!(initials(" "), "M");
    }
}
