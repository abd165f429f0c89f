//! Peak memory of the code a test runs on its own thread, measured in-process: the integration test binary's
//! global allocator counts every allocation and free per thread, so a fuzz case can assert how much memory
//! checking one input took, whatever the other tests running at the same time allocate.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The system allocator, counting the bytes each thread holds and the most it has held.
pub struct Counting;

thread_local! {
    /// Bytes this thread allocated less the bytes it freed (memory freed by another thread than the one that
    /// allocated it makes one thread's count low and the other's high: both stay within what the process holds).
    static HELD: Cell<isize> = const { Cell::new(0) };
    /// The most `HELD` has been since the last [`Peak::start`].
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn add(bytes: isize) {
    // `try_with` because a thread's locals may already be gone while it frees memory at exit.
    let _ = HELD.try_with(|h| {
        let now = h.get() + bytes;
        h.set(now);
        let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
    });
}

fn size(layout: Layout) -> isize {
    isize::try_from(layout.size()).unwrap_or(isize::MAX)
}

// SAFETY: every call is passed straight to the system allocator; only counters are updated around it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            add(size(layout));
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            add(size(layout));
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        add(-size(layout));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            add(isize::try_from(new_size).unwrap_or(isize::MAX) - size(layout));
        }
        p
    }
}

/// A measurement of the peak memory of what runs on this thread from now on.
pub struct Peak {
    base: isize,
}

impl Peak {
    /// Starts measuring from what this thread holds now.
    pub fn start() -> Peak {
        let base = HELD.with(Cell::get);
        PEAK.with(|p| p.set(base));
        Peak { base }
    }

    /// The most this thread has held above what it held at the start, in bytes.
    pub fn bytes(&self) -> usize {
        usize::try_from(PEAK.with(Cell::get) - self.base).unwrap_or(0)
    }
}
