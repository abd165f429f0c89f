//! Integration tests: one test binary (`autotests = false`) that runs the real `mou` executable.

mod build;
mod check;
mod check_fixtures;
mod docx_read;
mod docx_roundtrip;
mod docx_write;
mod fuzz;
mod generate;
mod help;
mod hostile;
mod hostile_input;
mod import;
mod memory;
mod official_docx;
mod output_files;
mod output_safety;
mod properties;
mod redline;
mod snapshots;
mod support;
mod workspace;

/// Every allocation is counted, so that tests can assert the peak memory of what they run.
#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;
