//! A Markdown draft as an editable Word document.
//!
//! The Markdown is read with pulldown-cmark into a short list of paragraphs and tables with their runs, then
//! written as WordprocessingML. Headings get real heading styles, lists real Word lists, and the signature blocks
//! become a table with one row per signatory.

use super::elements::{self, Cell, ParaProps, RunFormat, TableLook};
use super::parts::{ordered_num_id, OrderedList, Parts, BULLETS};
use super::properties::{keywords, Properties};
use crate::frontmatter::FrontMatter;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Document properties of a draft (`docProps/core.xml`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocProps {
    /// The title (`dc:title`).
    pub title: String,
    /// The subject (`dc:subject`).
    pub subject: String,
    /// The parties, as keywords (`cp:keywords`).
    pub parties: Vec<String>,
    /// A description (`dc:description`); when empty, one is made from the draft's front matter.
    pub description: String,
}

impl DocProps {
    /// Properties read from a draft: the title from its `#` heading, the parties from its signature blocks, the
    /// parties also as the subject.
    #[must_use]
    pub fn from_markdown(markdown: &str) -> DocProps {
        let body = FrontMatter::parse(markdown).map_or(markdown, |(_, len)| &markdown[len..]);
        let parties = signatories(body);
        DocProps {
            title: title(body).unwrap_or_else(|| "Memorandum of Understanding".to_string()),
            subject: parties.join("; "),
            parties,
            description: String::new(),
        }
    }
}

/// The text width of a letter page with one-inch margins, in twentieths of a point.
const TEXT_WIDTH: u32 = 9360;

/// How a paragraph is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A heading of a Markdown level (1 for `#`).
    Heading(u8),
    /// Body text.
    Body,
    /// A list item at a level, in a numbering instance; `None` for a bulleted item.
    Item { level: u32, num: Option<u32> },
    /// A further paragraph of a list item.
    Continue { level: u32 },
    /// Quoted text.
    Quote,
    /// A code block.
    Code,
    /// A thematic break.
    Rule,
    /// Text in a table cell.
    Cell,
}

#[derive(Debug, Clone)]
struct Para {
    kind: Kind,
    runs: Vec<(String, RunFormat)>,
}

impl Para {
    fn new(kind: Kind) -> Para {
        Para { kind, runs: Vec::new() }
    }

    fn text(&self) -> String {
        self.runs.iter().map(|(t, _)| t.as_str()).collect()
    }

    /// A line such as `**County of Sierra Vista**`: text, all of it bold.
    fn all_bold(&self) -> bool {
        self.kind == Kind::Body
            && self.runs.iter().any(|(t, _)| !t.trim().is_empty())
            && self.runs.iter().all(|(t, f)| f.bold || t.trim().is_empty())
    }
}

#[derive(Debug, Clone)]
enum Item {
    Para(Para),
    /// A Markdown table: rows of cells, the first row the header.
    Table(Vec<Vec<Para>>),
    /// Signatories: each a name line and the lines under it.
    Signatures(Vec<(Para, Vec<Para>)>),
}

#[derive(Default)]
struct Reader {
    items: Vec<Item>,
    current: Option<Para>,
    bold: u32,
    italic: u32,
    strike: u32,
    quote: u32,
    /// Open lists: the numbering instance of an ordered list, `None` for a bulleted one.
    lists: Vec<Option<u32>>,
    ordered: Vec<OrderedList>,
    /// Whether the open list item has not yet had a paragraph of its own.
    fresh_item: bool,
    table: Option<Vec<Vec<Para>>>,
    in_code: bool,
}

impl Reader {
    fn level(&self) -> u32 {
        u32::try_from(self.lists.len().saturating_sub(1)).unwrap_or(0)
    }

    fn flush(&mut self) {
        if let Some(p) = self.current.take() {
            if let Some(table) = self.table.as_mut() {
                if let Some(row) = table.last_mut() {
                    row.push(p);
                }
            } else if !p.runs.is_empty() || p.kind == Kind::Rule {
                self.items.push(Item::Para(p));
            }
        }
    }

    fn begin(&mut self, kind: Kind) {
        self.flush();
        self.current = Some(Para::new(kind));
    }

    /// The kind of a paragraph that starts here.
    fn body_kind(&self) -> Kind {
        if self.in_code {
            Kind::Code
        } else if !self.lists.is_empty() {
            Kind::Continue { level: self.level() }
        } else if self.quote > 0 {
            Kind::Quote
        } else {
            Kind::Body
        }
    }

    fn text(&mut self, text: &str, code: bool) {
        if self.current.is_none() {
            let kind = if self.table.is_some() { Kind::Cell } else { self.body_kind() };
            self.current = Some(Para::new(kind));
        }
        let format = RunFormat { bold: self.bold > 0, italic: self.italic > 0, strike: self.strike > 0, code };
        let p = self.current.as_mut().expect("opened above");
        match p.runs.last_mut() {
            Some((t, f)) if *f == format => t.push_str(text),
            _ => p.runs.push((text.to_string(), format)),
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => self.begin(Kind::Heading(level as u8)),
            Event::Start(Tag::Paragraph) => {
                if self.fresh_item && self.current.is_some() {
                    // The first paragraph of a loose list item is the item itself.
                    self.fresh_item = false;
                } else {
                    let kind = self.body_kind();
                    self.begin(kind);
                }
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item) => {
                self.flush();
                self.fresh_item = false;
            }
            Event::Start(Tag::HtmlBlock) => self.begin(Kind::Body),
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                // The block's last line ends with a newline that is not a line break of its own.
                if let Some((t, _)) = self.current.as_mut().and_then(|p| p.runs.last_mut()) {
                    let kept = t.trim_end_matches('\n').len();
                    t.truncate(kept);
                }
                self.flush();
                self.in_code = false;
                self.fresh_item = false;
            }
            Event::Start(Tag::List(start)) => {
                self.flush();
                let num = start.map(|start| {
                    let level = u32::try_from(self.lists.len()).unwrap_or(0);
                    self.ordered.push(OrderedList { level, start });
                    ordered_num_id(self.ordered.len() - 1)
                });
                self.lists.push(num);
            }
            Event::End(TagEnd::List(_)) => {
                self.flush();
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                let num = self.lists.last().copied().flatten();
                let level = self.level();
                self.begin(Kind::Item { level, num });
                self.fresh_item = true;
            }
            Event::Start(Tag::BlockQuote(_)) => {
                self.flush();
                self.quote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                self.flush();
                self.quote = self.quote.saturating_sub(1);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                self.in_code = true;
                self.begin(Kind::Code);
            }
            Event::Start(Tag::Table(_)) => {
                self.flush();
                self.table = Some(Vec::new());
            }
            Event::End(TagEnd::Table) => {
                self.flush();
                if let Some(rows) = self.table.take() {
                    if !rows.is_empty() {
                        self.items.push(Item::Table(rows));
                    }
                }
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                self.flush();
                if let Some(t) = self.table.as_mut() {
                    t.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => self.begin(Kind::Cell),
            Event::End(TagEnd::TableCell) => {
                // A cell is kept even when empty, so that columns line up.
                let p = self.current.take().unwrap_or_else(|| Para::new(Kind::Cell));
                if let Some(row) = self.table.as_mut().and_then(|t| t.last_mut()) {
                    row.push(p);
                }
            }
            Event::Start(Tag::Strong) => self.bold += 1,
            Event::End(TagEnd::Strong) => self.bold = self.bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => self.italic += 1,
            Event::End(TagEnd::Emphasis) => self.italic = self.italic.saturating_sub(1),
            Event::Start(Tag::Strikethrough) => self.strike += 1,
            Event::End(TagEnd::Strikethrough) => self.strike = self.strike.saturating_sub(1),
            // Raw HTML is shown as the text it is, never interpreted (as in the HTML draft).
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => self.text(&t, false),
            Event::Code(t) => self.text(&t, true),
            Event::SoftBreak => self.text(" ", false),
            Event::HardBreak => self.text("\n", false),
            Event::Rule => {
                self.begin(Kind::Rule);
                self.flush();
            }
            _ => {}
        }
    }
}

/// Reads the Markdown body (front matter already removed) into paragraphs and tables.
fn read(body: &str) -> (Vec<Item>, Vec<OrderedList>) {
    let mut r = Reader::default();
    for event in Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        r.event(event);
    }
    r.flush();
    (group_signatures(r.items), r.ordered)
}

/// Whether an item is a heading with this text (ignoring case and a trailing period).
fn heading_text(item: &Item) -> Option<(u8, String)> {
    match item {
        Item::Para(p) => match p.kind {
            Kind::Heading(l) => Some((l, p.text().trim().trim_end_matches('.').to_string())),
            _ => None,
        },
        _ => None,
    }
}

/// Gathers the signature blocks (after the `## Signatures` heading, before the next heading) into one table:
/// each bold line names a signatory and the lines under it, up to the next bold line, are its signature lines.
fn group_signatures(items: Vec<Item>) -> Vec<Item> {
    let Some(start) =
        items.iter().position(|i| heading_text(i).is_some_and(|(_, t)| t.eq_ignore_ascii_case("signatures")))
    else {
        return items;
    };
    let end = items[start + 1..].iter().position(|i| heading_text(i).is_some()).map_or(items.len(), |e| start + 1 + e);
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    let mut rest = items.into_iter();
    out.extend(rest.by_ref().take(start + 1));
    let mut signatories: Vec<(Para, Vec<Para>)> = Vec::new();
    for item in rest.by_ref().take(end - start - 1) {
        match item {
            Item::Para(p) if p.all_bold() => signatories.push((p, Vec::new())),
            Item::Para(p) if !signatories.is_empty() => signatories.last_mut().expect("checked").1.push(p),
            // Text before the first signatory (the signing clause) stays as it is.
            other if signatories.is_empty() => out.push(other),
            other => {
                out.push(Item::Signatures(std::mem::take(&mut signatories)));
                out.push(other);
            }
        }
    }
    if !signatories.is_empty() {
        out.push(Item::Signatures(signatories));
    }
    out.extend(rest);
    out
}

fn props_of(kind: Kind, text: &str) -> ParaProps {
    match kind {
        Kind::Heading(1) => ParaProps::styled("Title"),
        Kind::Heading(2) => ParaProps::styled("Heading2"),
        Kind::Heading(3) => ParaProps::styled("Heading3"),
        Kind::Heading(_) => ParaProps::styled("Heading3"),
        Kind::Body => ParaProps::default(),
        Kind::Item { level, num } => {
            let indent = 720 * (level + 1);
            if num.is_none() && crate::document::split_label(text, false).is_some() {
                // "(a) ..." carries its own label: an indented paragraph, not a bullet before the label.
                ParaProps { indent: Some(indent), ..ParaProps::styled("ListLabel") }
            } else {
                ParaProps {
                    numbering: Some((num.unwrap_or(BULLETS), level.min(8))),
                    ..ParaProps::styled("ListParagraph")
                }
            }
        }
        Kind::Continue { level } => ParaProps { indent: Some(720 * (level + 1)), ..ParaProps::styled("ListParagraph") },
        Kind::Quote => ParaProps::styled("Quote"),
        Kind::Code => ParaProps::styled("Code"),
        Kind::Rule => ParaProps { align: Some("center"), ..ParaProps::default() },
        Kind::Cell => ParaProps::styled("TableText"),
    }
}

fn write_para(out: &mut String, p: &Para, props: &ParaProps) {
    if p.kind == Kind::Rule {
        elements::plain_paragraph(out, props, &[("\u{2042}", RunFormat::default())]);
        return;
    }
    let runs: Vec<(&str, RunFormat)> = p.runs.iter().map(|(t, f)| (t.as_str(), *f)).collect();
    elements::plain_paragraph(out, props, &runs);
}

fn write_items(items: &[Item]) -> String {
    let mut out = String::new();
    for (k, item) in items.iter().enumerate() {
        match item {
            Item::Para(p) => {
                let mut props = props_of(p.kind, &p.text());
                // A lead-in ("5.5 MCP's Liaison must:") stays on the page of the list it introduces.
                let next_is_item =
                    matches!(items.get(k + 1), Some(Item::Para(n)) if matches!(n.kind, Kind::Item { .. }));
                props.keep_next |= next_is_item && !matches!(p.kind, Kind::Item { .. });
                write_para(&mut out, p, &props);
            }
            Item::Table(rows) => {
                let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
                let width = TEXT_WIDTH / u32::try_from(columns).unwrap_or(1);
                let cells: Vec<Vec<Cell>> = rows
                    .iter()
                    .enumerate()
                    .map(|(r, row)| {
                        (0..columns)
                            .map(|c| {
                                let mut content = String::new();
                                if let Some(p) = row.get(c) {
                                    let mut p = p.clone();
                                    if r == 0 {
                                        p.runs.iter_mut().for_each(|(_, f)| f.bold = true);
                                    }
                                    write_para(&mut content, &p, &props_of(Kind::Cell, ""));
                                }
                                Cell { width, content }
                            })
                            .collect()
                    })
                    .collect();
                elements::table(&mut out, &cells, TableLook { style: "TableGrid", header: true, caption: None });
            }
            Item::Signatures(signatories) => {
                let rows: Vec<Vec<Cell>> = signatories
                    .iter()
                    .map(|(name, lines)| {
                        let mut left = String::new();
                        let props = ParaProps { space_before: Some(240), ..ParaProps::default() };
                        write_para(&mut left, name, &props);
                        let mut right = String::new();
                        for (i, line) in lines.iter().enumerate() {
                            // Room to sign above the "By:" line.
                            let before = if i == 0 { 600 } else { 120 };
                            let props = ParaProps { space_before: Some(before), ..ParaProps::default() };
                            write_para(&mut right, line, &props);
                        }
                        // The right column is wide enough for "By: ____  Date: ____" on one line.
                        vec![Cell { width: 2520, content: left }, Cell { width: TEXT_WIDTH - 2520, content: right }]
                    })
                    .collect();
                elements::table(
                    &mut out,
                    &rows,
                    TableLook { style: "SignatureTable", header: false, caption: Some("Signatures") },
                );
            }
        }
    }
    out
}

/// The parties named in a draft's signature blocks, in order.
fn signatories(body: &str) -> Vec<String> {
    let (items, _) = read(body);
    items
        .iter()
        .filter_map(|i| match i {
            Item::Signatures(s) => Some(s.iter().map(|(name, _)| name.text().trim().to_string())),
            _ => None,
        })
        .flatten()
        .collect()
}

/// The text of the first `#` heading.
fn title(body: &str) -> Option<String> {
    let (items, _) = read(body);
    items.iter().find_map(|i| heading_text(i).filter(|(l, _)| *l == 1).map(|(_, t)| t))
}

/// The draft as `.docx` bytes.
pub(super) fn write(markdown: &str, props: &DocProps) -> Vec<u8> {
    let (fm, body) = match FrontMatter::parse(markdown) {
        Some((fm, len)) => (Some(fm), &markdown[len..]),
        None => (None, markdown.strip_prefix('\u{feff}').unwrap_or(markdown)),
    };
    let (items, ordered_lists) = read(body);
    let mut custom = Vec::new();
    let mut description = props.description.clone();
    if let Some(fm) = &fm {
        // The front matter, kept where `mou check` on the Word file can find the draft's baseline again.
        custom = super::custom::properties(fm);
        if description.is_empty() {
            let templates: Vec<String> = fm.templates.iter().map(|(id, v)| format!("{id} {v}")).collect();
            description = format!("Draft built by {} from template {}", fm.generator, templates.join(", "));
            if let Some(h) = &fm.party_sha256 {
                description.push_str(&format!("; party file SHA-256 {h}"));
            }
        }
    }
    Parts {
        body: write_items(&items),
        comments: String::new(),
        ordered_lists,
        track_revisions: false,
        properties: Properties {
            title: props.title.clone(),
            subject: props.subject.clone(),
            keywords: keywords(&props.parties),
            description,
            date: None,
            custom,
        },
    }
    .to_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_blocks_become_one_table() {
        let md = "# T\n\n## Signatures\n\nThe Parties sign.\n\n**A Plan**\n\nBy: ___ Date: ___\n\nName and title: X, CEO\n\n**B County**\n\nBy: ___ Date: ___\n\nName and title: Y, Director\n\n## Exhibit A. Forms\n\nText.\n";
        let (items, _) = read(md);
        assert!(matches!(&items[2], Item::Para(p) if p.text() == "The Parties sign."));
        let Item::Signatures(s) = &items[3] else { panic!("{items:?}") };
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].0.text(), "B County");
        assert_eq!(s[1].1.len(), 2);
        assert!(matches!(&items[4], Item::Para(p) if p.kind == Kind::Heading(2)));
        assert_eq!(signatories(md), ["A Plan", "B County"]);
        assert_eq!(title(md).as_deref(), Some("T"));
    }

    #[test]
    fn list_items_and_emphasis() {
        let (items, ordered) = read("- (a) one\n- two **bold** *it*\n\n3. three\n4. four\n");
        let Item::Para(a) = &items[0] else { panic!() };
        assert_eq!(props_of(a.kind, &a.text()).style, Some("ListLabel"));
        let Item::Para(b) = &items[1] else { panic!() };
        assert_eq!(props_of(b.kind, &b.text()).numbering, Some((BULLETS, 0)));
        assert!(b.runs.iter().any(|(t, f)| t == "bold" && f.bold));
        assert!(b.runs.iter().any(|(t, f)| t == "it" && f.italic));
        assert_eq!(ordered, [OrderedList { level: 0, start: 3 }]);
        let Item::Para(c) = &items[2] else { panic!() };
        assert_eq!(props_of(c.kind, &c.text()).numbering, Some((2, 0)));
    }

    #[test]
    fn a_lead_in_keeps_with_its_list() {
        let (items, _) = read("5.5 MCP's Liaison must:\n\n- (a) act;\n- (b) respond.\n\nEnd.\n");
        let body = write_items(&items);
        let paras: Vec<&str> = body.split("<w:p>").skip(1).collect();
        assert!(paras[0].contains("<w:keepNext/>") && paras[0].contains("Liaison must:"), "{body}");
        assert!(paras[1..].iter().all(|p| !p.contains("<w:keepNext/>")), "{body}");
    }
}
