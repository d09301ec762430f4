//! Findings cost in proportion to their number (issue 29). A message with N findings is read,
//! validated, located, grouped for the screen, put in the model cache and taken out again,
//! and built into a workspace; a counting allocator on this thread counts the allocations and
//! the bytes each step asks for. At four times the findings every count may grow about four
//! times, not sixteen: a step that copied the list per finding, or walked the file per
//! finding, would show here. Counts, not a clock: the same figures on every machine and run.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::Arc;

use chrono::NaiveDate;
use kloppend::domain::intake::Document;
use kloppend::domain::message::{Soort, ValidationContext, load};
use kloppend::domain::modelcache::{Decoder, encode};
use kloppend::domain::view::finding_groups::group;
use kloppend::domain::workspace::Workspace;
use kloppend::domain::{Origin, StoredFile};

/// The system allocator, counting what this thread asks of it. Thread-local, so tests on
/// other threads of this binary do not add to the count.
struct Counting;

thread_local! {
    static CALLS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

fn count(bytes: usize) {
    // `try_with`: the thread's counters may already be gone while it exits.
    let _ = CALLS.try_with(|c| c.set(c.get() + 1));
    let _ = BYTES.try_with(|b| b.set(b.get() + bytes as u64));
}

// SAFETY: every call is passed on to the system allocator unchanged; counting touches only
// thread-local cells with no destructor, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    // Only the growth: a vector that doubles to its size asks for about twice that size in
    // all, and where the last doubling falls would make the byte count jump.
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size.saturating_sub(layout.size()));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What one step asked of the allocator.
#[derive(Debug, Clone, Copy)]
struct Cost {
    calls: u64,
    bytes: u64,
}

fn measured<T>(step: impl FnOnce() -> T) -> (T, Cost) {
    let before = (CALLS.with(Cell::get), BYTES.with(Cell::get));
    let out = step();
    let cost = Cost { calls: CALLS.with(Cell::get) - before.0, bytes: BYTES.with(Cell::get) - before.1 };
    (out, cost)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// Each step's cost for a no-tariff message of this many clients, and its number of findings.
fn costs(clients: usize) -> (usize, Vec<(&'static str, Cost)>) {
    let text = String::from_utf8(support::example("wmo323_debet.xml")).unwrap();
    let bytes = support::hostile::without_tariffs(&support::hostile::many_findings(&text, clients));
    let context = ValidationContext { today: Some(today()) };
    let (loaded, read) = measured(|| load(&bytes, &context).expect("the message loads"));
    let findings = loaded.findings.len();
    let (groups, grouped) = measured(|| group(&loaded.findings, Soort::Declaratie));
    assert!(groups.len() < 10, "a few groups, not one per finding: {}", groups.len());
    let (entry, cached) = measured(|| encode(&loaded.bericht, &loaded.findings).expect("a cache entry"));
    let (back, uncached) = measured(|| Decoder::new(&entry).and_then(|d| d.findings()).expect("the findings back"));
    assert_eq!(back, loaded.findings, "the cache keeps the findings exactly");
    let file = StoredFile::new("geen-tarief.xml", bytes, Origin::Import, 0.0);
    let (document, analysed) = measured(|| Arc::new(Document::analyse(&file, &context)));
    let (_, built) = measured(|| Workspace::build(vec![document], today()));
    let steps = vec![
        ("lezen en controleren", read),
        ("groeperen", grouped),
        ("in de cache", cached),
        ("uit de cache", uncached),
        ("analyseren", analysed),
        ("werkruimte", built),
    ];
    (findings, steps)
}

#[test]
fn every_step_costs_in_proportion_to_the_findings() {
    let (small, at_small) = costs(500);
    let (large, at_large) = costs(2_000);
    assert!(small >= 1_000, "two missing tariffs per client and more: {small} findings");
    let ratio = large as f64 / small as f64;
    assert!((3.9..=4.1).contains(&ratio), "four times the clients, four times the findings: {small} → {large}");
    for ((step, a), (_, b)) in at_small.iter().zip(&at_large) {
        let calls = b.calls as f64 / a.calls.max(1) as f64;
        let bytes = b.bytes as f64 / a.bytes.max(1) as f64;
        println!("{step}: {} → {} allocations (×{calls:.2}), {} → {} bytes (×{bytes:.2})", a.calls, b.calls, a.bytes, b.bytes);
        // Linear with some slack for vectors that double; quadratic would be ×16.
        assert!(calls <= 1.25 * ratio, "{step}: allocations grew ×{calls:.2} for ×{ratio:.2} the findings");
        assert!(bytes <= 1.5 * ratio, "{step}: bytes grew ×{bytes:.2} for ×{ratio:.2} the findings");
        assert!(a.calls > 0, "{step} was measured");
    }
}
