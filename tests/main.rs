//! Integration tests: one test binary (`autotests = false`) that runs the real `mou` executable.

mod build;
mod check;
mod check_fixtures;
mod docx_read;
mod docx_roundtrip;
mod docx_write;
mod help;
mod hostile;
mod import;
mod official_docx;
mod output_files;
mod output_safety;
mod properties;
mod redline;
mod snapshots;
mod support;
mod workspace;
