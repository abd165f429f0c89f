//! Marking party values in a rendered template, so that a baseline rendered from a party file knows where each
//! party value stands: the checker reads each one as a slot whose expected value is the party file's, and a draft
//! that differs from its baseline only inside a party value differs in party data, not in template text.
//!
//! While a marked render runs on a thread, every value the template writes that is one of the party file's data
//! values (names, titles, addresses, emails, telephone numbers, dates) is wrapped in two private-use characters.
//! Short names are never marked: they name the bearer of each duty, and a change of bearer is a change of terms.

use std::cell::RefCell;

/// Opens a marked party value.
pub const OPEN: char = '\u{E000}';
/// Closes a marked party value.
pub const CLOSE: char = '\u{E001}';

thread_local! {
    static VALUES: RefCell<Option<rustc_hash::FxHashSet<String>>> = const { RefCell::new(None) };
}

/// Runs `f` with these party values marked wherever a template writes one.
pub(super) fn with_marks<T>(values: rustc_hash::FxHashSet<String>, f: impl FnOnce() -> T) -> T {
    VALUES.with(|v| *v.borrow_mut() = Some(values));
    let out = f();
    VALUES.with(|v| *v.borrow_mut() = None);
    out
}

/// The escaped text of a value as a template writes it: marked, when a marked render is running and the value is
/// one of the party file's.
pub(super) fn write(raw: &str, escaped: String) -> String {
    VALUES.with(|v| match v.borrow().as_ref() {
        Some(values) if !escaped.is_empty() && values.contains(raw.trim()) => format!("{OPEN}{escaped}{CLOSE}"),
        _ => escaped,
    })
}
