//! Inzicht: the figures behind the archive. Per month and per gemeente what was declared,
//! approved, rejected and is still open; the retourcodes that cost the most; and how many
//! working days each gemeente takes to answer. Also the geometry of the bar chart, so the
//! screen only draws what this computes.

use std::collections::BTreeMap;

use crate::analysis::reconcile::Bedragen;
use crate::analysis::workspace::Workspace;
use crate::base::calendar::working_days_between;
use crate::base::money::Saldo;
use crate::formats::message::Bericht;
use crate::views::overview::{Bron, periode_key};
use crate::views::wording;

/// Declared, approved, rejected and open money of a group of declarations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The month (`2026-10`) or the gemeente as "Utrecht (0344)".
    pub label: String,
    pub declaraties: usize,
    pub bedragen: Bedragen,
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
        let add = |map: &mut BTreeMap<String, Row>, label: String, bedragen: Bedragen| {
            let row = map.entry(label.clone()).or_insert_with(|| Row { label, declaraties: 0, bedragen: Bedragen::default() });
            row.declaraties += 1;
            row.bedragen += bedragen;
        };
        for view in &workspace.reconciliation.declaraties {
            if !workspace.document(view.bericht).is_some_and(|doc| bron.admits(doc.file.origin)) {
                continue;
            }
            let Some(d) = workspace.bericht(view.bericht).and_then(Bericht::as_declaratie) else { continue };
            add(&mut months, periode_key(d.declaratie.declaratie_periode.begindatum), view.bedragen);
            let gemeente = wording::gemeente(&d.header.ontvanger);
            add(&mut gemeenten, gemeente.clone(), view.bedragen);
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
    /// `toegekend`, `afgewezen`, `open` or `niet-verwerkt`: the class that colours it.
    pub kind: &'static str,
    /// What a hover (and a screen reader) says.
    pub title: String,
}

/// The chart's size in SVG units (it scales to the screen).
pub const CHART_WIDTH: u32 = 720;
pub const CHART_HEIGHT: u32 = 240;
/// Room under the bars for the month labels.
pub const LABEL_ROOM: u32 = 28;

/// Stacked bars per row (approved at the bottom, then rejected, open, not processed), scaled
/// so the tallest bar fills the height. Negative parts (credits) count as zero.
pub fn stacked_bars(rows: &[Row]) -> (Vec<Segment>, Vec<(u32, String)>) {
    let plot = CHART_HEIGHT - LABEL_ROOM;
    let part = |s: Saldo| s.cents().max(0) as u64;
    let max =
        rows.iter().map(|r| part(r.bedragen.toegekend) + part(r.bedragen.afgewezen) + part(r.bedragen.open)).max().unwrap_or(0).max(1);
    let n = rows.len().max(1) as u32;
    let slot = CHART_WIDTH / n;
    let width = (slot * 6 / 10).max(4);
    let mut segments = Vec::new();
    let mut labels = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let x = i as u32 * slot + (slot - width) / 2;
        let mut top = plot;
        let parts = [
            ("toegekend", row.bedragen.toegekend),
            ("afgewezen", row.bedragen.afgewezen),
            ("open", row.bedragen.open),
            ("niet-verwerkt", row.bedragen.niet_verwerkt),
        ];
        for (kind, value) in parts {
            let height = (part(value) * u64::from(plot) / max) as u32;
            if height == 0 {
                continue;
            }
            top -= height.min(top);
            let title = format!("{}: {} {value}", row.label, kind.replace('-', " "));
            segments.push(Segment { x, y: top, width, height, kind, title });
        }
        labels.push((x + width / 2, row.label.clone()));
    }
    (segments, labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, toegekend: i64, afgewezen: i64, open: i64) -> Row {
        Row {
            label: label.into(),
            declaraties: 1,
            bedragen: Bedragen { toegekend: Saldo(toegekend), afgewezen: Saldo(afgewezen), open: Saldo(open), ..Bedragen::default() },
        }
    }

    #[test]
    fn bars_stack_and_the_tallest_fills_the_plot() {
        let rows = [row("2026-09", 100, 50, 50), row("2026-10", 50, 0, 0)];
        let (segments, labels) = stacked_bars(&rows);
        let plot = CHART_HEIGHT - LABEL_ROOM;
        let first: Vec<&Segment> = segments.iter().filter(|s| s.title.starts_with("2026-09")).collect();
        assert_eq!(first.iter().map(|s| s.kind).collect::<Vec<_>>(), ["toegekend", "afgewezen", "open"]);
        assert_eq!(first.iter().map(|s| s.height).sum::<u32>(), plot);
        assert_eq!(first[0].y + first[0].height, plot, "approved stands on the axis");
        assert_eq!(first[1].y + first[1].height, first[0].y, "rejected on top of approved");
        let second: Vec<&Segment> = segments.iter().filter(|s| s.title.starts_with("2026-10")).collect();
        assert_eq!(second.len(), 1, "empty parts are not drawn");
        assert_eq!(second[0].height, plot / 4);
        assert_eq!(labels.len(), 2);
        assert!(labels[0].0 < labels[1].0);
        assert_eq!(stacked_bars(&[]), (Vec::new(), Vec::new()));
        // Money the gemeente did not process is on the bar too.
        let mut unprocessed = row("n", 0, 0, 0);
        unprocessed.bedragen.niet_verwerkt = Saldo(10);
        assert_eq!(stacked_bars(&[unprocessed]).0.iter().map(|s| s.kind).collect::<Vec<_>>(), ["niet-verwerkt"]);
        // A credit (negative) draws nothing rather than a bar below the axis.
        assert!(stacked_bars(&[row("c", -500, 0, 0)]).0.is_empty());
    }

    #[test]
    fn tenths_are_dutch() {
        assert_eq!(tenths(55), "5,5");
        assert_eq!(tenths(100), "10,0");
    }
}
