//! Pages of a long list: a screen renders one page at a time, so a 33,000-line declaration
//! costs the browser no more than a 300-line one.

pub use crate::base::text::thousands;

/// Lines per page on the screens with long tables.
pub const PAGE_SIZE: usize = 250;

/// One page of `total` items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// 0-based, clamped to the last page.
    pub number: usize,
    pub count: usize,
    /// The items on this page: `start..end`.
    pub start: usize,
    pub end: usize,
    pub total: usize,
}

impl Page {
    /// Page `number` (clamped) of `total` items, `size` per page.
    pub fn of(total: usize, size: usize, number: usize) -> Page {
        let size = size.max(1);
        let count = total.div_ceil(size).max(1);
        let number = number.min(count - 1);
        let start = (number * size).min(total);
        let end = (start + size).min(total);
        Page { number, count, start, end, total }
    }

    pub fn has_previous(&self) -> bool {
        self.number > 0
    }

    pub fn has_next(&self) -> bool {
        self.number + 1 < self.count
    }

    /// "Regels 251–500 van 33.000" (Dutch thousands separators).
    pub fn label(&self, noun: &str) -> String {
        if self.total == 0 {
            return format!("Geen {}", noun.to_lowercase());
        }
        format!("{noun} {}–{} van {}", thousands(self.start + 1), thousands(self.end), thousands(self.total))
    }
}

/// How one page of rows is drawn: the first batch (a screenful, and at least up to the row a
/// link points at, so it can be scrolled to) in the task that opens the page, then a batch per
/// task. Creating 250 rows with their DOM nodes took one task of 130-190 ms in the app
/// benchmark; in batches no task is that long and the first rows show sooner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Batches {
    pub first: usize,
    pub step: usize,
}

impl Batches {
    /// A screenful of table rows, then batches of about one task's worth of rows.
    pub const TABLE: Batches = Batches { first: 60, step: 100 };

    /// Rows to draw first out of `total`, `must_show` (an index) included.
    pub fn first(&self, total: usize, must_show: Option<usize>) -> usize {
        self.first.max(must_show.map_or(0, |i| i + 1)).min(total)
    }

    /// Rows to draw after `drawn` of `total` were drawn.
    pub fn next(&self, drawn: usize, total: usize) -> usize {
        (drawn + self.step.max(1)).min(total)
    }
}

/// `range` cut to a list of `len`: a page past the end is empty, never a panic.
pub fn within(range: std::ops::Range<usize>, len: usize) -> std::ops::Range<usize> {
    let end = range.end.min(len);
    range.start.min(end)..end
}
