//! The theme and the font table of every Word file `mou` writes.
//!
//! Word itself needs neither, but the Open XML rules that validators check a `.docx` against require a main
//! document to have a font table part and a theme part, and some readers "repair" a file without them. These
//! are the project's own minimal versions: the font table lists the fonts the styles name, and the theme gives
//! those same fonts as its heading and body fonts with a plain palette, so a document looks the same whether a
//! reader takes fonts from the styles or from the theme. Both are constant, so the output stays byte-for-byte
//! deterministic.

use super::xml::{DECL, W_NS};
use std::fmt::Write as _;

/// The DrawingML namespace of the theme part.
const A_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";

/// The fonts the styles name (`word/styles.xml`): the text font, and the fixed-width font of code.
const FONTS: [(&str, &str, &str, &str); 2] = [
    // name, PANOSE-1 classification, family, pitch
    ("Times New Roman", "02020603050405020304", "roman", "variable"),
    ("Courier New", "02070309020205020404", "modern", "fixed"),
];

/// `word/fontTable.xml`: each font the styles name, with the facts a reader needs to pick a substitute when the
/// font is missing.
#[must_use]
pub fn font_table() -> String {
    let mut s = format!("{DECL}<w:fonts xmlns:w=\"{W_NS}\">");
    for (name, panose, family, pitch) in FONTS {
        let _ = write!(
            s,
            "<w:font w:name=\"{name}\"><w:panose1 w:val=\"{panose}\"/><w:charset w:val=\"00\"/>\
             <w:family w:val=\"{family}\"/><w:pitch w:val=\"{pitch}\"/></w:font>"
        );
    }
    s.push_str("</w:fonts>");
    s
}

/// `word/theme/theme1.xml`: a black-on-white palette with muted accents, the styles' text font for headings and
/// body, and the plainest fill, line and effect styles the schema allows (three of each, as it requires).
#[must_use]
pub fn theme() -> String {
    let colours = [
        ("dk1", "000000"),
        ("lt1", "FFFFFF"),
        ("dk2", "1F2937"),
        ("lt2", "F3F4F6"),
        ("accent1", "1D4ED8"),
        ("accent2", "B91C1C"),
        ("accent3", "15803D"),
        ("accent4", "92400E"),
        ("accent5", "6B7280"),
        ("accent6", "7C3AED"),
        ("hlink", "1D4ED8"),
        ("folHlink", "6B21A8"),
    ];
    let mut s = format!("{DECL}<a:theme xmlns:a=\"{A_NS}\" name=\"mou\"><a:themeElements><a:clrScheme name=\"mou\">");
    for (slot, rgb) in colours {
        let _ = write!(s, "<a:{slot}><a:srgbClr val=\"{rgb}\"/></a:{slot}>");
    }
    s.push_str("</a:clrScheme><a:fontScheme name=\"mou\">");
    for role in ["majorFont", "minorFont"] {
        let _ = write!(
            s,
            "<a:{role}><a:latin typeface=\"{}\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:{role}>",
            FONTS[0].0
        );
    }
    s.push_str("</a:fontScheme><a:fmtScheme name=\"mou\">");
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    s.push_str("<a:fillStyleLst>");
    (0..3).for_each(|_| s.push_str(fill));
    s.push_str("</a:fillStyleLst><a:lnStyleLst>");
    for width in [6350, 12700, 19050] {
        let _ = write!(
            s,
            "<a:ln w=\"{width}\" cap=\"flat\" cmpd=\"sng\" algn=\"ctr\">{fill}<a:prstDash val=\"solid\"/></a:ln>"
        );
    }
    s.push_str("</a:lnStyleLst><a:effectStyleLst>");
    (0..3).for_each(|_| s.push_str("<a:effectStyle><a:effectLst/></a:effectStyle>"));
    s.push_str("</a:effectStyleLst><a:bgFillStyleLst>");
    (0..3).for_each(|_| s.push_str(fill));
    s.push_str(
        "</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>",
    );
    s
}
