//! `mou` builds, checks and redlines California Medi-Cal Memoranda of Understanding between Managed Care Plans
//! and the county agencies and other entities that serve their Members (DHCS APL 23-029).
//!
//! The flow has one path for data:
//!
//! - **build**: a [`party::Party`] file fills the Base and program templates ([`render`]) into a draft, in
//!   Markdown, HTML or Word ([`word`]).
//! - **check**: an official baseline and an edited MOU, Markdown or Word, both become a [`document::Document`];
//!   [`compare`] aligns their blocks and diffs their words into changes; [`rules`] classify each change into a
//!   finding; [`report`] writes the findings.
//!
//! The library never prints: only the binary writes to stdout or stderr.
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![warn(missing_docs)]

pub mod attest;
pub mod catalog;
pub mod check;
pub mod compare;
pub mod date;
pub mod document;
pub mod error;
pub mod files;
pub mod frontmatter;
pub mod hash;
pub mod import;
pub mod markup;
pub mod output;
pub mod party;
pub mod paths;
pub mod redline;
pub mod render;
pub mod report;
pub mod rules;
pub mod sanitize;
pub mod waivers;
pub mod word;
pub mod workspace;

pub use error::{Error, InputError, Result};
