//! Inzicht: the figures behind the archive. Per month and per gemeente what was declared,
//! approved, rejected and is still open; the retourcodes that cost the most; and how many
//! working days each gemeente takes to answer. Also the geometry of the bar chart, so the
//! screen only draws what this computes.

use std::collections::BTreeMap;

use crate::analysis::workspace::Workspace;
use crate::base::calendar::working_days_between;
use crate::base::money::Saldo;
use crate::formats::message::Bericht;
use crate::views::figures::Figures;
use crate::views::overview::{Bron, periode_key};
use crate::views::wording;

/// The money of a group of declarations (credits counted on the lines they credit, so a
/// month in which only a credit was sent is never negative).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The month (`2026-10`) or the gemeente as "Utrecht (0344)".
    pub label: String,
    pub figures: Figures,
}

/// A gemeente's answers: how many, and their average answer time in working days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerTime {
    pub gemeente: String,
    pub answers: usize,
    /// Average working days from the 323's Dagtekening to the 325's, in tenths.
    pub average_tenths: u32,
    pub slowest: u32,
}

/// A retourcode and what it cost: the lines it rejected and their amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeCost {
    pub code: String,
    pub omschrijving: String,
    pub regels: usize,
    pub bedrag: Saldo,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Insight {
    /// Oldest month first.
    pub months: Vec<Row>,
    /// By name.
    pub gemeenten: Vec<Row>,
    /// Most money first, at most [`TOP_CODES`].
    pub codes: Vec<CodeCost>,
    pub answer_times: Vec<AnswerTime>,
}

pub(crate) const TOP_CODES: usize = 10;

impl Insight {
    pub fn build(workspace: &Workspace, bron: Bron) -> Insight {
        let mut months: BTreeMap<String, Row> = BTreeMap::new();
        let mut gemeenten: BTreeMap<String, Row> = BTreeMap::new();
        let mut codes: BTreeMap<String, CodeCost> = BTreeMap::new();
        let mut answers: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let add = |map: &mut BTreeMap<String, Row>, label: String, figures: Figures| {
            map.entry(label.clone()).or_insert_with(|| Row { label, figures: Figures::default() }).figures += figures;
        };
        for view in &workspace.reconciliation.declaraties {
            if !workspace.document(view.bericht).is_some_and(|doc| bron.admits(doc.file.origin)) {
                continue;
            }
            let Some(d) = workspace.bericht(view.bericht).and_then(Bericht::as_declaratie) else { continue };
            let figures = Figures::of(workspace, [view]);
            add(&mut months, periode_key(d.declaratie.declaratie_periode.begindatum), figures);
            let gemeente = wording::gemeente(&d.header.ontvanger);
            add(&mut gemeenten, gemeente.clone(), figures);
            if let Some(a) = view.antwoord.and_then(|a| workspace.bericht(a)).and_then(Bericht::as_antwoord) {
                let days =
                    working_days_between(d.header.bericht_identificatie.dagtekening, a.header.header.bericht_identificatie.dagtekening);
                answers.entry(gemeente).or_default().push(days);
            }
            for line in view.lines.iter().filter(|l| l.status.is_rejected()) {
                let Some(p) = d.declaratie.clienten.get(line.client).and_then(|c| c.prestaties.get(line.prestatie)) else { continue };
                let mut seen: Vec<&str> = Vec::new();
                for code in line.codes.iter().filter(|c| c.rejects()) {
                    if seen.contains(&code.code()) {
                        continue;
                    }
                    seen.push(code.code());
                    let entry = codes.entry(code.code().to_string()).or_insert_with(|| CodeCost {
                        code: code.code().to_string(),
                        omschrijving: code.info().map(|i| i.omschrijving.to_string()).unwrap_or_else(|| "onbekende code".into()),
                        regels: 0,
                        bedrag: Saldo::ZERO,
                    });
                    entry.regels += 1;
                    entry.bedrag += p.ingediend_bedrag.saldo();
                }
            }
        }
        let mut codes: Vec<CodeCost> = codes.into_values().collect();
        crate::base::sort::by(&mut codes, |a, b| b.bedrag.cmp(&a.bedrag).then(b.regels.cmp(&a.regels)).then(a.code.cmp(&b.code)));
        codes.truncate(TOP_CODES);
        let answer_times = answers
            .into_iter()
            .map(|(gemeente, days)| {
                let total: u32 = days.iter().sum();
                let n = days.len() as u32;
                AnswerTime {
                    gemeente,
                    answers: days.len(),
                    average_tenths: (total * 10 + n / 2) / n.max(1),
                    slowest: days.iter().copied().max().unwrap_or(0),
                }
            })
            .collect();
        Insight { months: months.into_values().collect(), gemeenten: gemeenten.into_values().collect(), codes, answer_times }
    }
}

/// "5,5": tenths with a Dutch decimal comma.
pub fn tenths(value: u32) -> String {
    format!("{},{}", value / 10, value % 10)
}

/// One bar segment of the chart, in the SVG's own units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    /// `toegekend`, `gecrediteerd`, `afgewezen`, `open` or `niet-verwerkt`: the class that
    /// colours it.
    pub kind: &'static str,
    /// What a hover (and a screen reader) says.
    pub title: String,
}

/// The bar chart, ready to draw: bars, their labels under the axis, and the amounts on the
/// vertical axis.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chart {
    pub segments: Vec<Segment>,
    /// (x of the bar's middle, month).
    pub labels: Vec<(u32, String)>,
    /// (y of the grid line, amount in whole euros as text).
    pub ticks: Vec<(u32, String)>,
}

/// The chart's size in SVG units (it scales to the screen).
pub const CHART_WIDTH: u32 = 720;
pub const CHART_HEIGHT: u32 = 240;
/// Room under the bars for the month labels.
pub const LABEL_ROOM: u32 = 28;
/// Room left of the bars for the amounts on the axis.
pub const AXIS_ROOM: u32 = 72;

/// The parts of a bar, bottom first: what stands, what was credited, rejected, still
/// expected, and what the gemeente did not process.
fn parts(f: &Figures) -> [(&'static str, &'static str, Saldo); 5] {
    [
        ("toegekend", "toegekend", f.approved),
        ("gecrediteerd", "gecrediteerd", f.credited),
        ("afgewezen", "afgewezen", f.rejected),
        ("open", "wacht op antwoord", f.expected),
        ("niet-verwerkt", "niet verwerkt", f.not_processed),
    ]
}

/// Stacked bars per row, scaled so the axis's top tick is the top of the plot; the bar's
/// height is what was declared (plus what was not processed). No part is negative.
pub fn stacked_bars(rows: &[Row]) -> Chart {
    let plot = CHART_HEIGHT - LABEL_ROOM;
    let cents = |s: Saldo| s.cents().max(0) as u64;
    let tallest = rows.iter().map(|r| parts(&r.figures).iter().map(|p| cents(p.2)).sum::<u64>()).max().unwrap_or(0);
    let (step, steps) = axis_step(tallest);
    let max = (step * steps).max(1);
    let ticks = (0..=steps).map(|i| (plot - (i * step * u64::from(plot) / max) as u32, euros(i * step))).collect();
    let n = rows.len().max(1) as u32;
    let slot = (CHART_WIDTH - AXIS_ROOM) / n;
    let width = (slot * 6 / 10).max(4);
    let mut chart = Chart { ticks, ..Chart::default() };
    for (i, row) in rows.iter().enumerate() {
        let x = AXIS_ROOM + i as u32 * slot + (slot - width) / 2;
        let mut top = plot;
        for (kind, words, value) in parts(&row.figures) {
            let height = (cents(value) * u64::from(plot) / max) as u32;
            if height == 0 {
                continue;
            }
            top -= height.min(top);
            let title = format!("{}: {words} {value}", row.label);
            chart.segments.push(Segment { x, y: top, width, height, kind, title });
        }
        chart.labels.push((x + width / 2, row.label.clone()));
    }
    chart
}

/// A round step for the axis (1, 2 or 5 times a power of ten, in whole euros) and how many
/// steps reach the tallest bar: at most five grid lines above zero.
fn axis_step(tallest_cents: u64) -> (u64, u64) {
    if tallest_cents == 0 {
        return (100, 1);
    }
    let mut unit = 100u64;
    loop {
        for m in [1, 2, 5] {
            let step = unit * m;
            let steps = tallest_cents.div_ceil(step);
            if steps <= 5 {
                return (step, steps);
            }
        }
        unit = unit.saturating_mul(10);
    }
}

/// "€ 12.500": whole euros with Dutch thousands separators, for the axis.
fn euros(cents: u64) -> String {
    format!("€ {}", crate::base::text::thousands((cents / 100) as usize))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, approved: i64, rejected: i64, expected: i64) -> Row {
        let figures = Figures {
            approved: Saldo(approved),
            rejected: Saldo(rejected),
            expected: Saldo(expected),
            declared: Saldo(approved + rejected + expected),
            ..Figures::default()
        };
        Row { label: label.into(), figures }
    }

    #[test]
    fn bars_stack_on_a_round_axis() {
        let rows = [row("2026-09", 10_000, 5_000, 5_000), row("2026-10", 5_000, 0, 0)];
        let chart = stacked_bars(&rows);
        let plot = CHART_HEIGHT - LABEL_ROOM;
        // € 200 tallest: steps of € 50, four of them, the top tick at the plot's top.
        let ticks: Vec<&str> = chart.ticks.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(ticks, ["€ 0", "€ 50", "€ 100", "€ 150", "€ 200"]);
        assert_eq!(chart.ticks[0].0, plot);
        assert_eq!(chart.ticks[4].0, 0);
        let first: Vec<&Segment> = chart.segments.iter().filter(|s| s.title.starts_with("2026-09")).collect();
        assert_eq!(first.iter().map(|s| s.kind).collect::<Vec<_>>(), ["toegekend", "afgewezen", "open"]);
        assert_eq!(first.iter().map(|s| s.height).sum::<u32>(), plot);
        assert_eq!(first[0].y + first[0].height, plot, "approved stands on the axis");
        assert_eq!(first[1].y + first[1].height, first[0].y, "rejected on top of approved");
        assert!(first.iter().all(|s| s.x >= AXIS_ROOM), "bars stay right of the axis labels");
        let second: Vec<&Segment> = chart.segments.iter().filter(|s| s.title.starts_with("2026-10")).collect();
        assert_eq!(second.len(), 1, "empty parts are not drawn");
        assert_eq!(second[0].height, plot / 4);
        assert_eq!(chart.labels.len(), 2);
        assert!(chart.labels[0].0 < chart.labels[1].0);
        assert!(stacked_bars(&[]).segments.is_empty());
    }

    #[test]
    fn not_processed_and_credited_money_fit_under_the_top_tick() {
        let mut r = row("n", 0, 0, 0);
        r.figures.not_processed = Saldo(30_000);
        r.figures.credited = Saldo(20_000);
        let chart = stacked_bars(&[r]);
        assert_eq!(chart.segments.iter().map(|s| s.kind).collect::<Vec<_>>(), ["gecrediteerd", "niet-verwerkt"]);
        assert!(chart.segments.iter().all(|s| s.y <= CHART_HEIGHT - LABEL_ROOM), "no bar pokes above the plot");
        assert!(chart.segments.iter().map(|s| s.height).sum::<u32>() <= CHART_HEIGHT - LABEL_ROOM);
        assert_eq!(axis_step(1), (100, 1));
        assert_eq!(axis_step(123_456_700), (50_000_000, 3));
    }

    #[test]
    fn tenths_are_dutch() {
        assert_eq!(tenths(55), "5,5");
        assert_eq!(tenths(100), "10,0");
    }
}
