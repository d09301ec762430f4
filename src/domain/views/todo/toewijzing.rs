//! The Te doen items that come from the toewijzingen: lines that will not fit (fix before
//! upload), approved lines that a newer 301 put outside their toewijzing (credit them), a
//! toewijzing that ends soon (ask in time), a month in a running toewijzing that has no
//! declared line while the months around it do (a gap also breaks TR318 for monthly care), the
//! months after the last declared one that are over (one item per gemeente and month, to
//! Declareren), and a 302, 305 or 307 not sent in time (only where the provider keeps those messages here).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate};

use super::{Target, Todo, TodoKind};
use crate::analysis::reconcile::{IssueKind, LineStatus};
use crate::analysis::term::Terms;
use crate::analysis::toewijzing::check::Sums;
use crate::analysis::toewijzing::register::{Key, LOOPT_AF_DAGEN, Status};
use crate::analysis::workspace::{LineKey, Workspace};
use crate::base::calendar::{add_working_days, first_of_month, last_of_month, next_month};
use crate::base::text::{count, datum, maand};
use crate::formats::message::Bericht;
use crate::formats::toewijzing::{Melding, MeldingSoort};
use crate::views::overview::Bron;
use crate::views::wording::gemeente;

pub(crate) fn items(workspace: &Workspace, terms: &Terms, bron: Bron, today: NaiveDate) -> Vec<Todo> {
    if workspace.toewijzingen.is_empty() {
        return Vec::new();
    }
    let mut out = misfits(workspace, bron);
    out.extend(outside(workspace, bron));
    out.extend(ending(workspace, bron, today));
    out.extend(gaps(workspace, terms, bron, today));
    out.extend(meldingen(workspace, bron, today));
    out
}

/// 302, 305 and 307 reminders, each only when the provider keeps that kind of message in the
/// archive (otherwise Kloppend cannot know whether it was sent).
fn meldingen(workspace: &Workspace, bron: Bron, today: NaiveDate) -> Vec<Todo> {
    let kept: Vec<&Melding> = workspace.documents.iter().filter(|d| bron.admits(d.file.origin)).filter_map(|d| d.melding()).collect();
    let has = |soort: MeldingSoort| kept.iter().any(|m| m.soort == soort);
    let mut out = Vec::new();
    if has(MeldingSoort::Retour) {
        out.extend(retour_reminders(workspace, &kept, bron, today));
    }
    if has(MeldingSoort::Start) || has(MeldingSoort::Stop) {
        out.extend(start_stop_reminders(workspace, &kept, has(MeldingSoort::Start), has(MeldingSoort::Stop), today));
    }
    out
}

fn retour_reminders(workspace: &Workspace, kept: &[&Melding], bron: Bron, today: NaiveDate) -> Vec<Todo> {
    let answered: BTreeSet<&str> = kept.iter().filter_map(|m| m.retour_van.as_ref()).map(|r| r.identificatie.as_str()).collect();
    let mut out = Vec::new();
    for doc in workspace.documents.iter().filter(|d| bron.admits(d.file.origin)) {
        let Some(t) = doc.toewijzing() else { continue };
        let id = &t.header.bericht_identificatie;
        let due = add_working_days(id.dagtekening, 3);
        if answered.contains(id.identificatie.as_str()) || due >= today {
            continue;
        }
        out.push(Todo {
            key: format!("retour-302:{}:{}:{}", t.domein.prefix(), t.gemeente(), id.identificatie),
            kind: TodoKind::SendRetour,
            title: format!("Toewijzing {} van {} beantwoorden met een 302", id.identificatie, gemeente(t.gemeente())),
            reason: "Een 301 beantwoord je binnen 3 werkdagen met een toewijzing-retour (302). Je archief heeft 302-berichten, maar niet voor deze 301. Verstuur de 302 uit je eigen software, of importeer hem hier als hij al is verstuurd.".into(),
            deadline: Some(due),
            deadline_note: "3 werkdagen na de dagtekening van de 301".into(),
            amount: None,
            target: Target::Toewijzingen,
            lines: Vec::new(),
            upload: None,
        });
    }
    out
}

fn start_stop_reminders(workspace: &Workspace, kept: &[&Melding], starts: bool, stops: bool, today: NaiveDate) -> Vec<Todo> {
    let sent = |soort: MeldingSoort| -> BTreeSet<(String, u64)> {
        kept.iter()
            .filter(|m| m.soort == soort)
            .flat_map(|m| m.producten.iter().filter_map(|p| p.toewijzing_nummer.map(|n| (m.gemeente().to_string(), n))))
            .collect()
    };
    let (started, stopped) = (sent(MeldingSoort::Start), sent(MeldingSoort::Stop));
    // Care began with the first declared line of the toewijzing.
    let mut first_line: BTreeMap<Key, NaiveDate> = BTreeMap::new();
    for view in &workspace.reconciliation.declaraties {
        let Some(d) = workspace.bericht(view.bericht).and_then(Bericht::as_declaratie) else { continue };
        let toewijzingen = workspace.toewijzingen.of(&d.header.ontvanger, d.domein);
        for line in &view.lines {
            let Some(p) = d.declaratie.clienten.get(line.client).and_then(|c| c.prestaties.get(line.prestatie)) else { continue };
            if let Some(t) = toewijzingen.get(p.toewijzing_nummer).filter(|_| !p.is_credit()) {
                let begin = first_line.entry(t.key.clone()).or_insert(p.product_periode.begindatum);
                *begin = (*begin).min(p.product_periode.begindatum);
            }
        }
    }
    let mut out = Vec::new();
    for (key, begin) in first_line {
        let t = &workspace.toewijzingen.toewijzingen[&key];
        let code = (key.gemeente.to_string(), key.nummer);
        let start_due = add_working_days(begin, 5);
        if starts && !started.contains(&code) && start_due < today {
            out.push(reminder(
                &key,
                TodoKind::SendStart,
                start_due,
                format!("De zorg op toewijzing {} begon op {}; meld de start binnen 5 werkdagen met een 305.", key.nummer, datum(begin)),
            ));
        }
        let Some(einde) = t.current().product.einddatum.filter(|e| *e < today) else { continue };
        let stop_due = add_working_days(einde, 5);
        if stops && !stopped.contains(&code) && stop_due < today {
            out.push(reminder(
                &key,
                TodoKind::SendStop,
                stop_due,
                format!(
                    "Toewijzing {} eindigde op {}; meld het einde van de zorg binnen 5 werkdagen met een 307.",
                    key.nummer,
                    datum(einde)
                ),
            ));
        }
    }
    out
}

fn reminder(key: &Key, kind: TodoKind, deadline: NaiveDate, why: String) -> Todo {
    Todo {
        key: format!("{}:{}:{}:{}", kind.slug(), key.domein.prefix(), key.gemeente, key.nummer),
        kind,
        title: format!("{} voor toewijzing {} ({})", kind.label(), key.nummer, gemeente(&key.gemeente)),
        reason: format!(
            "{why} Je archief heeft zulke berichten, maar niet voor deze toewijzing. Verstuur hem uit je eigen software, of importeer hem hier als hij al is verstuurd. De gemeente wijst declaraties niet af om een ontbrekende 305 of 307 (OP364)."
        ),
        deadline: Some(deadline),
        deadline_note: "5 werkdagen (Standaard Administratieprotocol)".into(),
        amount: None,
        target: Target::Toewijzingen,
        lines: Vec::new(),
        upload: None,
    }
}

fn admitted(workspace: &Workspace, document: usize, bron: Bron) -> bool {
    workspace.documents.get(document).is_some_and(|d| bron.admits(d.file.origin))
}

/// One item per declaration with T verdicts on its unanswered lines.
fn misfits(workspace: &Workspace, bron: Bron) -> Vec<Todo> {
    let mut per_bericht: BTreeMap<usize, Vec<&crate::analysis::reconcile::Issue>> = BTreeMap::new();
    for issue in workspace.reconciliation.issues.iter().filter(|i| matches!(i.kind, IssueKind::Toewijzing(_))) {
        per_bericht.entry(issue.bericht).or_default().push(issue);
    }
    let mut out = Vec::new();
    for (bericht, issues) in per_bericht {
        let (Some(doc), Some(d)) = (workspace.document(bericht), workspace.bericht(bericht).and_then(Bericht::as_declaratie)) else {
            continue;
        };
        if !bron.admits(doc.file.origin) {
            continue;
        }
        let lines: BTreeSet<(usize, usize)> = issues.iter().filter_map(|i| i.line).map(|l| (l.client, l.prestatie)).collect();
        let codes: BTreeSet<&str> = issues.iter().filter_map(|i| i.kind.gevolg().retourcode()).collect();
        let first = lines.iter().next().copied();
        out.push(Todo {
            key: format!("toewijzing-past-niet:{}:{}:{}", d.header.afzender, d.header.ontvanger, d.declaratie.declaratie_nummer),
            kind: TodoKind::FitToewijzing,
            title: format!("{} van declaratie {} past niet bij de toewijzing", count(lines.len(), "regel", "regels"), d.declaratie.declaratie_nummer),
            reason: format!(
                "De gemeente wijst deze regels af met {}. Is het bestand nog niet geüpload: herstel de regels eerst. Is het al verstuurd: declareer de afgewezen regels na het antwoord opnieuw, passend bij de toewijzing. {}",
                codes.into_iter().collect::<Vec<_>>().join(", "),
                issues.first().map(|i| i.message.as_str()).unwrap_or("")
            ),
            deadline: None,
            deadline_note: "geen termijn: herstel vóór het uploaden".into(),
            amount: None,
            target: Target::Declaration { file_id: doc.file.id.clone(), line: first },
            lines: Vec::new(),
            upload: None,
        });
    }
    out
}

/// Approved, uncredited debits that fall outside the current version of their toewijzing.
fn outside(workspace: &Workspace, bron: Bron) -> Vec<Todo> {
    let mut per_toewijzing: BTreeMap<Key, Vec<LineKey>> = BTreeMap::new();
    for view in &workspace.reconciliation.declaraties {
        let Some(d) = workspace.bericht(view.bericht).and_then(Bericht::as_declaratie) else { continue };
        let Some(doc) = workspace.document(view.bericht).filter(|doc| bron.admits(doc.file.origin)) else { continue };
        let toewijzingen = workspace.toewijzingen.of(&d.header.ontvanger, d.domein);
        for line in view.lines.iter().filter(|l| l.status == LineStatus::Goedgekeurd) {
            let Some(p) = d.declaratie.clienten.get(line.client).and_then(|c| c.prestaties.get(line.prestatie)) else { continue };
            let Some(t) = toewijzingen.get(p.toewijzing_nummer) else { continue };
            let now = &t.current().product;
            let periode = &p.product_periode;
            let out_of_range =
                now.is_vervallen() || periode.begindatum < now.ingangsdatum || now.einddatum.is_some_and(|e| periode.einddatum > e);
            if !p.is_credit() && out_of_range && t.versions.len() > 1 {
                per_toewijzing.entry(t.key.clone()).or_default().push(LineKey {
                    file_id: doc.file.id.clone(),
                    client: line.client,
                    prestatie: line.prestatie,
                });
            }
        }
    }
    per_toewijzing
        .into_iter()
        .map(|(key, lines)| {
            let t = &workspace.toewijzingen.toewijzingen[&key];
            let now = &t.current().product;
            let wat = if now.is_vervallen() {
                "verwijderd".to_string()
            } else {
                match now.einddatum {
                    Some(e) => format!("ingekort tot {}", datum(e)),
                    None => "gewijzigd".to_string(),
                }
            };
            let first = lines.first().cloned();
            Todo {
                key: format!("buiten-toewijzing:{}:{}:{}", key.domein.prefix(), key.gemeente, key.nummer),
                kind: TodoKind::CreditOutsideToewijzing,
                title: format!("{} buiten toewijzing {} crediteren", count(lines.len(), "goedgekeurde regel", "goedgekeurde regels"), key.nummer),
                reason: format!(
                    "Een nieuwere toewijzing van {} heeft toewijzing {} {wat}. De gemeente heeft deze regels eerder goedgekeurd, maar ze vallen nu buiten de toewijzing: crediteer ze, en declareer wat wel binnen de toewijzing valt opnieuw.",
                    gemeente(&key.gemeente),
                    key.nummer
                ),
                deadline: None,
                deadline_note: "geen termijn: crediteer zo snel mogelijk".into(),
                amount: None,
                target: match first {
                    Some(l) => Target::Declaration { file_id: l.file_id.clone(), line: Some((l.client, l.prestatie)) },
                    None => Target::Toewijzingen,
                },
                lines,
                upload: None,
            }
        })
        .collect()
}

/// Toewijzingen that end within six weeks.
fn ending(workspace: &Workspace, bron: Bron, today: NaiveDate) -> Vec<Todo> {
    let mut out = Vec::new();
    for t in workspace.toewijzingen.toewijzingen.values() {
        let version = t.current();
        if !admitted(workspace, version.document, bron) || t.status(today) != Status::LooptAf {
            continue;
        }
        let Some(einde) = version.product.einddatum else { continue };
        // Ask at the latest a week before the end: the gemeente needs time for a new 301.
        let ask_by = einde.checked_sub_days(Days::new(7)).unwrap_or(einde).max(today);
        out.push(Todo {
            key: format!("toewijzing-loopt-af:{}:{}:{}:{}", t.key.domein.prefix(), t.key.gemeente, t.key.nummer, einde),
            kind: TodoKind::ToewijzingEnds,
            title: format!("Toewijzing {} loopt af op {}", t.key.nummer, datum(einde)),
            reason: format!(
                "Loopt de zorg door na {}? Vraag {} dan op tijd om een verlenging (een nieuwe 301); zonder toewijzing wijst de gemeente de regels af (9308). Kloppend meldt dit vanaf {LOOPT_AF_DAGEN} dagen voor het einde.",
                datum(einde),
                gemeente(&t.key.gemeente)
            ),
            deadline: Some(ask_by),
            deadline_note: "een week voor de einddatum van de toewijzing".into(),
            amount: None,
            target: Target::Toewijzingen,
            lines: Vec::new(),
            upload: None,
        });
    }
    out
}

/// Per toewijzing the provider declares in Kloppend's archive: the months declared (debit, not
/// rejected), and what it has used as TR322 counts it (a toewijzing used up needs no next month).
fn declared_months(workspace: &Workspace, bron: Bron) -> BTreeMap<Key, (BTreeSet<NaiveDate>, Sums)> {
    let mut months: BTreeMap<Key, (BTreeSet<NaiveDate>, Sums)> = BTreeMap::new();
    for view in &workspace.reconciliation.declaraties {
        let Some(d) = workspace.bericht(view.bericht).and_then(Bericht::as_declaratie) else { continue };
        if !admitted(workspace, workspace.berichten.get(view.bericht).copied().unwrap_or(usize::MAX), bron) {
            continue;
        }
        let toewijzingen = workspace.toewijzingen.of(&d.header.ontvanger, d.domein);
        if toewijzingen.is_empty() {
            continue;
        }
        for line in &view.lines {
            let Some(p) = d.declaratie.clienten.get(line.client).and_then(|c| c.prestaties.get(line.prestatie)) else { continue };
            let Some(t) = toewijzingen.get(p.toewijzing_nummer) else { continue };
            let (declared, used) = months.entry(t.key.clone()).or_default();
            used.count(line.status, p);
            let rejected = matches!(line.status, LineStatus::Afgewezen | LineStatus::NietBeoordeeld | LineStatus::NietVerwerkt);
            if !rejected && !p.is_credit() {
                declared.insert(first_of_month(p.product_periode.begindatum));
            }
        }
    }
    months
}

/// Months between the first and the last declared month of a running toewijzing that have no
/// line (debit, not rejected) — only for toewijzingen the provider declares in Kloppend's archive.
fn gaps(workspace: &Workspace, terms: &Terms, bron: Bron, today: NaiveDate) -> Vec<Todo> {
    let months = declared_months(workspace, bron);
    let this_month = first_of_month(today);
    let mut out = Vec::new();
    // (domain, gemeente, month) -> the toewijzingen declared up to the month before it.
    let mut trailing: BTreeMap<(crate::formats::message::Domein, compact_str::CompactString, NaiveDate), Vec<u64>> = BTreeMap::new();
    for (key, (declared, used)) in months {
        let t = &workspace.toewijzingen.toewijzingen[&key];
        let p = &t.current().product;
        if p.is_vervallen() {
            continue;
        }
        let (Some(&first), Some(&last)) = (declared.first(), declared.last()) else { continue };
        let end = p.einddatum.map(first_of_month).unwrap_or(this_month).min(last);
        let mut missing = Vec::new();
        let mut month = first;
        while month < end {
            if !declared.contains(&month) && month < this_month {
                missing.push(month);
            }
            month = next_month(month);
        }
        // A toewijzing whose whole volume is declared is not asked for again: the gemeente
        // would reject more with 9322 (the Declareren form shows it as used up).
        let used_up = used.used_up(p);
        for month in trailing_months(last, p.einddatum, this_month).into_iter().filter(|_| !used_up) {
            trailing.entry((key.domein, key.gemeente.clone(), month)).or_default().push(key.nummer);
        }
        let Some(&oldest) = missing.first() else { continue };
        let names: Vec<String> = missing.iter().map(|m| maand(m.year(), m.month())).collect();
        out.push(Todo {
            key: format!("maand-niet-gedeclareerd:{}:{}:{}:{}", key.domein.prefix(), key.gemeente, key.nummer, names.join(",")),
            kind: TodoKind::MonthNotDeclared,
            title: format!("Toewijzing {}: {} nog niet gedeclareerd", key.nummer, names.join(", ")),
            reason: format!(
                "De toewijzing liep in {} en de maanden ervoor en erna zijn wel gedeclareerd. Is er zorg geleverd, declareer die maand dan; bij maandelijkse zorg verwacht de gemeente de declaratieperiodes aansluitend (TR318).",
                count(missing.len(), "deze maand", "deze maanden")
            ),
            deadline: Some(terms.of(&key.gemeente).deadline(last_of_month(oldest))),
            deadline_note: format!("declaratietermijn van {}", maand(oldest.year(), oldest.month())),
            amount: None,
            target: Target::Declare { domein: key.domein, gemeente: key.gemeente.to_string(), maand: oldest },
            lines: Vec::new(),
            upload: None,
        });
    }
    for ((domein, code, month), nummers) in trailing {
        let name = maand(month.year(), month.month());
        out.push(Todo {
            key: format!("maand-niet-gedeclareerd:{}:{}:{}", domein.prefix(), code, month.format("%Y-%m")),
            kind: TodoKind::MonthNotDeclared,
            title: format!("{} {}: {name} nog niet gedeclareerd", domein.naam(), gemeente(&code)),
            reason: format!(
                "{} liep in {name} en is tot de maand ervoor gedeclareerd ({}). Is er zorg geleverd, maak de declaratie van {name} op Declareren; Kloppend vult de toewijzingen en tarieven al in.",
                count(nummers.len(), "toewijzing", "toewijzingen"),
                nummers.iter().take(5).map(|n| n.to_string()).collect::<Vec<_>>().join(", ") + if nummers.len() > 5 { ", …" } else { "" }
            ),
            deadline: Some(terms.of(&code).deadline(last_of_month(month))),
            deadline_note: format!("declaratietermijn van {name}"),
            amount: None,
            target: Target::Declare { domein, gemeente: code.to_string(), maand: month },
            lines: Vec::new(),
            upload: None,
        });
    }
    out
}

/// The months after the last declared one that are over and still in the toewijzing: at most
/// the last three (older ones are usually past their term, or no care was given).
fn trailing_months(last: NaiveDate, einddatum: Option<NaiveDate>, this_month: NaiveDate) -> Vec<NaiveDate> {
    let limit = einddatum.map(first_of_month).unwrap_or(NaiveDate::MAX);
    let mut out = Vec::new();
    let mut month = next_month(last);
    while month < this_month && month <= limit {
        out.push(month);
        month = next_month(month);
    }
    let skip = out.len().saturating_sub(3);
    out.split_off(skip)
}
