//! Te doen: the items the demo and the example pair give, their order and deadlines, how a
//! re-declaration takes a rejected line off the list (and links both ways in the
//! declaration view), what the user's marks do, and the demo mode.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::{Duration, NaiveDate};
use kloppend::domain::Origin;
use kloppend::domain::calendar::add_working_days;
use kloppend::domain::credit::{Correctie, ReferentieSchema, Request, Soort, build};
use kloppend::domain::journal::{FileRef, LogEntry, TodoMark, UserAction, undo_of};
use kloppend::domain::message::Periode;
use kloppend::domain::overview::Bron;
use kloppend::domain::reconcile::LineRef;
use kloppend::domain::term::{Term, Terms};
use kloppend::domain::todo::{Target, TodoKind, TodoList, Urgency, build as todo_list};
use kloppend::domain::view::declaration::{DeclarationModel, LineFilter, TableRow};
use kloppend::domain::view::paging::Page;
use kloppend::domain::workspace::Workspace;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn workspace(files: Vec<(String, Vec<u8>, Origin)>, today: NaiveDate) -> Workspace {
    support::workspace_of(files, today)
}

fn demo(today: NaiveDate) -> Workspace {
    workspace(kloppend::domain::demo::demo_files(today).into_iter().map(|(n, b)| (n, b, Origin::Demo)).collect(), today)
}

fn example_pair() -> Vec<(String, Vec<u8>, Origin)> {
    ["wmo323_debet.xml", "wmo325_antwoord.xml"].iter().map(|n| (n.to_string(), support::example(n), Origin::Import)).collect()
}

fn kinds(list: &TodoList) -> Vec<TodoKind> {
    list.open.iter().map(|t| t.kind).collect()
}

fn event(id: u64, action: UserAction) -> LogEntry {
    LogEntry { id, time: 0, action }
}

#[test]
fn the_demo_lists_every_kind_of_action_most_urgent_first() {
    let today = d(2026, 11, 22);
    let w = demo(today);
    let list = todo_list(&w, &[], &Terms::default(), Bron::Alle, today);
    let kinds = kinds(&list);
    for kind in [
        TodoKind::SendAgain,
        TodoKind::DeclareAgain,
        TodoKind::ChaseAnswer,
        TodoKind::LoadDeclaration,
        TodoKind::OpenClaim,
        TodoKind::AwaitAnswer,
        TodoKind::CreditAgain,
    ] {
        if kind == TodoKind::CreditAgain {
            // The demo's credits are approved or waiting: nothing to send again.
            assert!(!kinds.contains(&kind), "{kinds:?}");
        } else {
            assert!(kinds.contains(&kind), "{kind:?} missing from {kinds:?}");
        }
    }
    // Two Jeugdwet declarations were not processed (0001 and 9333): both to send again.
    assert_eq!(kinds.iter().filter(|k| **k == TodoKind::SendAgain).count(), 2);
    // Actions by deadline (none last), waiting items after every action.
    let first_waiting = list.open.iter().position(|t| t.kind.is_waiting()).unwrap();
    assert!(list.open[first_waiting..].iter().all(|t| t.kind.is_waiting()), "{kinds:?}");
    let deadlines: Vec<Option<NaiveDate>> = list.open[..first_waiting].iter().map(|t| t.deadline).collect();
    let dated: Vec<NaiveDate> = deadlines.iter().flatten().copied().collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]), "{deadlines:?}");
    let first_undated = deadlines.iter().position(Option::is_none).unwrap_or(deadlines.len());
    assert!(deadlines[first_undated..].iter().all(Option::is_none), "{deadlines:?}");
    assert_eq!(list.action_count(), first_waiting);
    // The demo's rejected lines (0611 and a client rejected with 8187) are one item per
    // declaration, pointing at its first rejected line, with the codes and their advice.
    let again = list.open.iter().find(|t| t.kind == TodoKind::DeclareAgain).unwrap();
    assert!(again.title.starts_with("3 afgewezen regels van declaratie DEMO"), "{}", again.title);
    assert!(again.reason.contains("0611") && again.reason.contains("8187"), "{}", again.reason);
    // Each code of the group is explained, with how many lines carry it (issue 27).
    for code in ["0611", "8187"] {
        let advies = kloppend::domain::retourcodes::lookup(code).unwrap().advies;
        assert!(again.reason.contains(advies), "{code} explained: {}", again.reason);
        assert!(again.reason.contains(&format!("{code} (")), "{code} counted: {}", again.reason);
    }
    assert!(matches!(again.target, Target::Declaration { line: Some(_), .. }), "{:?}", again.target);
    // Three months ago, by the default term (end of the next month): overdue.
    assert_eq!(again.urgency(today), Urgency::Overdue);
    assert!(again.deadline_text(today).starts_with("verlopen op "), "{}", again.deadline_text(today));
    let orphan = list.open.iter().find(|t| t.kind == TodoKind::LoadDeclaration).unwrap();
    assert_eq!(orphan.target, Target::Import);
    let claim = list.open.iter().find(|t| t.kind == TodoKind::OpenClaim).unwrap();
    assert_eq!(claim.target, Target::Settlements);
    assert!(claim.amount.is_some_and(|a| a.cents() > 0));
}

#[test]
fn a_gemeente_term_moves_the_deadline() {
    let today = d(2025, 6, 13);
    let w = workspace(example_pair(), today);
    let list = todo_list(&w, &[], &Terms::default(), Bron::Alle, today);
    assert_eq!(kinds(&list), [TodoKind::DeclareAgain]);
    // May 2025 by the default term: the end of June.
    assert_eq!(list.open[0].deadline, Some(d(2025, 6, 30)));
    assert!(list.open[0].deadline_note.contains("Standaard Administratieprotocol"));
    assert_eq!(list.open[0].deadline_text(today), "uiterlijk 30-06-2025 (nog 17 dagen)");
    assert_eq!(list.open[0].urgency(today), Urgency::Later);
    assert_eq!(list.open[0].urgency(d(2025, 6, 25)), Urgency::Soon);
    let gemeente = w.bericht(0).and_then(|b| b.as_declaratie()).map(|d| d.header.ontvanger.to_string()).unwrap();
    let mut terms = Terms::default();
    terms.per_gemeente.insert(gemeente, Term::MonthsAfter(3));
    let list = todo_list(&w, &[], &terms, Bron::Alle, today);
    assert_eq!(list.open[0].deadline, Some(d(2025, 8, 31)));
    assert!(list.open[0].deadline_note.contains("binnen 3 maanden"));
}

#[test]
fn a_redeclared_line_leaves_the_list_and_is_linked_both_ways() {
    let today = d(2025, 7, 3);
    let mut files = example_pair();
    let w = workspace(files.clone(), today);
    let refs = w.refs();
    let rejected = LineRef { bericht: 0, client: 0, prestatie: 1 };
    let request = Request {
        soort: Soort::Herdeclaratie,
        lines: vec![rejected],
        correcties: vec![(
            rejected,
            Correctie {
                geleverd_volume: None,
                product_tarief: Some(5_800),
                product_periode: None,
                uurtarief: None,
                ..Correctie::default()
            },
        )],
        declaratie_nummer: "F2025061".into(),
        bericht_identificatie: "DECL2025061".into(),
        declaratie_periode: Periode { begindatum: d(2025, 6, 1), einddatum: d(2025, 6, 30) },
        dagtekening: today,
        referenties: ReferentieSchema::ClientRegel,
    };
    let built = build(&refs, &[], &w.reconciliation, &request).expect("re-declaration builds");
    files.push(("herdeclaratie.xml".into(), built.xml.into_bytes(), Origin::Gemaakt));
    let w = workspace(files, today);
    // The successor is the new debit; the approved line has none.
    let next = &w.successors;
    let new_index = w.bericht_index(&w.documents[2].file.id).unwrap();
    assert_eq!(next.get(&rejected), Some(&LineRef { bericht: new_index, client: 0, prestatie: 0 }));
    assert_eq!(next.len(), 1);
    // Off the list. The made message is to be uploaded: not sent, so it cannot be late.
    let terms = Terms::default();
    let list = todo_list(&w, &[], &terms, Bron::Alle, today);
    assert_eq!(kinds(&list), [TodoKind::Upload]);
    let (id, naam) = list.open[0].upload.clone().unwrap();
    assert_eq!(id, w.documents[2].file.id);
    assert!(list.open[0].title.starts_with(&naam), "{}", list.open[0].title);
    // Marked uploaded today: waiting, due 10 working days from today.
    let noon = |date: NaiveDate| date.and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp_millis();
    let uploaded = LogEntry { id: 1, time: noon(today), action: UserAction::Uploaded { files: vec![FileRef { id, name: naam }] } };
    let list = todo_list(&w, std::slice::from_ref(&uploaded), &terms, Bron::Alle, today);
    assert_eq!(kinds(&list), [TodoKind::AwaitAnswer]);
    assert_eq!(list.open[0].deadline, Some(add_working_days(today, 10)));
    assert_eq!(list.action_count(), 0);
    // Uploaded a month ago and still no answer: chase it.
    let late = LogEntry { time: noon(today - Duration::days(30)), ..uploaded.clone() };
    assert_eq!(kinds(&todo_list(&w, &[late], &terms, Bron::Alle, today)), [TodoKind::ChaseAnswer]);
    // The upload mark undone: to upload again.
    let undo = event(2, undo_of(&uploaded));
    assert_eq!(kinds(&todo_list(&w, &[uploaded, undo], &terms, Bron::Alle, today)), [TodoKind::Upload]);
    // The declaration view shows where the line went, and the new line where it came from.
    let original = DeclarationModel::build(&w, &w.documents[0].file.id, LineFilter::default()).unwrap();
    let rows = original.rows(&w, Page::of(original.lines.len(), 100, 0));
    let row = rows
        .iter()
        .find_map(|r| match r {
            TableRow::Line(l) if l.key.prestatie == 1 => Some(l),
            _ => None,
        })
        .unwrap();
    let link = row.next.as_ref().expect("re-declared as");
    assert_eq!(link.file_id, w.documents[2].file.id);
    assert_eq!(link.declaratie_nummer, "F2025061");
    let redeclared = DeclarationModel::build(&w, &w.documents[2].file.id, LineFilter::default()).unwrap();
    let rows = redeclared.rows(&w, Page::of(redeclared.lines.len(), 100, 0));
    let back = rows
        .iter()
        .find_map(|r| match r {
            TableRow::Line(l) => l.previous.clone(),
            _ => None,
        })
        .expect("declares again");
    assert_eq!((back.file_id.as_str(), back.client, back.prestatie), (w.documents[0].file.id.as_str(), 0, 1));
    // And the page of a line is where the line is.
    assert_eq!(original.page_of((0, 1), 1), Some(1));
    assert_eq!(original.page_of((9, 9), 1), None);
}

#[test]
fn marks_move_items_and_an_undo_brings_them_back() {
    let today = d(2025, 7, 3);
    let w = workspace(example_pair(), today);
    let key = todo_list(&w, &[], &Terms::default(), Bron::Alle, today).open[0].key.clone();
    let mark = |id, markering| event(id, UserAction::MarkTodo { key: key.clone(), title: "t".into(), mark: markering });
    let done = mark(1, TodoMark::Done);
    let list = todo_list(&w, std::slice::from_ref(&done), &Terms::default(), Bron::Alle, today);
    assert!(list.open.is_empty());
    assert_eq!(list.done.len(), 1);
    // Undone: back on the list.
    let undo = event(2, undo_of(&done));
    let list = todo_list(&w, &[done.clone(), undo], &Terms::default(), Bron::Alle, today);
    assert_eq!(list.open.len(), 1);
    // Put off for a week: hidden until then, back on the day.
    let later = today + Duration::days(7);
    let log = [done.clone(), mark(2, TodoMark::PutOff { until: later })];
    let list = todo_list(&w, &log, &Terms::default(), Bron::Alle, today);
    assert_eq!((list.open.len(), list.snoozed.len()), (0, 1));
    assert_eq!(list.snoozed[0].1, later);
    assert_eq!(todo_list(&w, &log, &Terms::default(), Bron::Alle, later).open.len(), 1);
    // Opened again.
    let log = [done, mark(2, TodoMark::Reopened)];
    assert_eq!(todo_list(&w, &log, &Terms::default(), Bron::Alle, today).open.len(), 1);
    // Keys are stable: the same files give the same key after a rebuild.
    let again = workspace(example_pair(), today);
    assert_eq!(todo_list(&again, &[], &Terms::default(), Bron::Alle, today).open[0].key, key);
}

#[test]
fn own_files_next_to_the_demo_list_only_their_own_items() {
    let today = d(2025, 7, 3);
    let mut files = example_pair();
    files.extend(kloppend::domain::demo::demo_files(today).into_iter().map(|(n, b)| (n, b, Origin::Demo)));
    let w = workspace(files, today);
    assert_eq!(Bron::default_for(&w), Bron::Eigen);
    let own = todo_list(&w, &[], &Terms::default(), Bron::Eigen, today);
    assert_eq!(kinds(&own), [TodoKind::DeclareAgain]);
    let all = todo_list(&w, &[], &Terms::default(), Bron::Alle, today);
    assert!(all.open.len() > own.open.len() + 4, "{:?}", kinds(&all));
}

#[test]
fn an_approved_line_marked_wrong_is_to_credit_until_a_credit_is_sent() {
    let today = d(2025, 6, 20);
    let w = workspace(example_pair(), today);
    let debet = w.documents.iter().find(|doc| doc.file.name == "wmo323_debet.xml").unwrap().file.id.clone();
    let approved = w.reconciliation.declaraties[0]
        .lines
        .iter()
        .find(|l| l.status == kloppend::domain::reconcile::LineStatus::Goedgekeurd)
        .expect("an approved line");
    let (client, prestatie) = (approved.client, approved.prestatie);
    let key = kloppend::domain::todo::wrong_line_key(&debet, client, prestatie);
    let mark = |id, markering| event(id, UserAction::MarkTodo { key: key.clone(), title: "regel".into(), mark: markering });
    assert!(!kinds(&todo_list(&w, &[], &Terms::default(), Bron::Alle, today)).contains(&TodoKind::CreditWrong));

    let log = vec![mark(1, TodoMark::Wrong)];
    let list = todo_list(&w, &log, &Terms::default(), Bron::Alle, today);
    let item = list.open.iter().find(|t| t.kind == TodoKind::CreditWrong).expect("an item to credit");
    assert_eq!(item.lines.len(), 1);
    assert_eq!((item.lines[0].client, item.lines[0].prestatie), (client, prestatie));
    assert_eq!(item.amount.map(|a| a.cents()), Some(48_000));
    assert_eq!(item.target, Target::Declaration { file_id: debet.clone(), line: Some((client, prestatie)) });
    assert!(item.deadline.is_none() && item.deadline_note.contains("zo snel mogelijk"));
    let marks = kloppend::domain::journal::marks(&log);
    assert_eq!(kloppend::domain::todo::marked_wrong_lines(&marks, &debet).into_iter().collect::<Vec<_>>(), [(client, prestatie)]);

    // Taken back ("klopt toch"), or undone: off the list.
    let back = vec![mark(1, TodoMark::Wrong), mark(2, TodoMark::Reopened)];
    assert!(!kinds(&todo_list(&w, &back, &Terms::default(), Bron::Alle, today)).contains(&TodoKind::CreditWrong));
    let undone = vec![log[0].clone(), event(2, undo_of(&log[0]))];
    assert!(!kinds(&todo_list(&w, &undone, &Terms::default(), Bron::Alle, today)).contains(&TodoKind::CreditWrong));

    // Once the example credit for that line is loaded, the line is no longer "approved".
    let mut files = example_pair();
    files.push(("wmo323_credit.xml".into(), support::example("wmo323_credit.xml"), Origin::Import));
    let w = workspace(files, today);
    let status = w
        .reconciliation
        .declaraties
        .iter()
        .find_map(|v| v.line(client, prestatie).filter(|_| w.document(v.bericht).is_some_and(|d| d.file.id == debet)))
        .map(|l| l.status);
    assert_ne!(status, Some(kloppend::domain::reconcile::LineStatus::Goedgekeurd), "the example credit credits that line");
    assert!(!kinds(&todo_list(&w, &log, &Terms::default(), Bron::Alle, today)).contains(&TodoKind::CreditWrong));
}

/// Re-declares the shared example's rejected 0611 line at the contract tariff and from 5 May
/// (a changed period: another TR389 key, so only the logged origin links the two).
fn redeclare_with_another_period(rejected: LineRef, today: NaiveDate) -> Request {
    Request {
        soort: Soort::Herdeclaratie,
        lines: vec![rejected],
        correcties: vec![(
            rejected,
            Correctie {
                geleverd_volume: None,
                product_tarief: Some(5_800),
                product_periode: Some(Periode { begindatum: d(2025, 5, 5), einddatum: d(2025, 5, 31) }),
                uurtarief: None,
                ..Correctie::default()
            },
        )],
        declaratie_nummer: "F2025061".into(),
        bericht_identificatie: "DECL2025061".into(),
        declaratie_periode: Periode { begindatum: d(2025, 6, 1), einddatum: d(2025, 6, 30) },
        dagtekening: today,
        referenties: ReferentieSchema::ClientRegel,
    }
}

/// The money said out loud, through the whole cycle: every debit line in one bucket, so
/// declared − credited = approved + rejected + expected at every step, never a negative
/// figure, and a re-declaration counts once it is uploaded (before that it is "nog uploaden").
#[test]
fn the_figures_add_up_through_a_credit_and_a_redeclaration() {
    use kloppend::domain::money::Saldo;
    use kloppend::domain::view::credit_plan::herkomst;
    use kloppend::domain::view::figures::Figures;
    let today = d(2025, 7, 3);
    let noon = today.and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp_millis();
    let figures = |w: &Workspace| {
        let f = Figures::of(w, &w.reconciliation.declaraties);
        assert!(f.adds_up(), "{f:?}");
        let all = [f.declared, f.credited, f.approved, f.rejected, f.redeclared, f.expected, f.to_upload, f.credit_pending];
        assert!(all.iter().all(|s| s.cents() >= 0), "{f:?}");
        f
    };
    let mut files = example_pair();
    let w = workspace(files.clone(), today);
    let f = figures(&w);
    assert_eq!(
        (f.declared, f.approved, f.rejected, f.expected, f.credited),
        (Saldo(70_000), Saldo(48_000), Saldo(22_000), Saldo(0), Saldo(0))
    );
    assert_eq!((f.lines, f.messages, f.to_fix()), (2, 1, Saldo(22_000)));

    // The shared credit of the approved line, awaiting its answer: credited, not approved.
    files.push(("wmo323_credit.xml".into(), support::example("wmo323_credit.xml"), Origin::Import));
    let f = figures(&workspace(files.clone(), today));
    assert_eq!(
        (f.declared, f.credited, f.credit_pending, f.approved, f.rejected),
        (Saldo(70_000), Saldo(48_000), Saldo(48_000), Saldo(0), Saldo(22_000))
    );
    assert_eq!((f.messages, f.credited_elsewhere), (2, Saldo(0)), "the credit counts on its original, not apart");

    // The rejected line re-declared by Kloppend, not uploaded yet: handled, but not declared.
    let w = workspace(files.clone(), today);
    let rejected = LineRef { bericht: 0, client: 0, prestatie: 1 };
    // The shared credit took F2025061: the next numbers.
    let request = Request {
        declaratie_nummer: "F2025062".into(),
        bericht_identificatie: "DECL2025062".into(),
        ..redeclare_with_another_period(rejected, today)
    };
    let built = build(&w.refs(), &[], &w.reconciliation, &request).expect("builds");
    let origin = herkomst(&w, &built);
    files.push(("herdeclaratie.xml".into(), built.xml.into_bytes(), Origin::Gemaakt));
    let made = workspace(files.clone(), today);
    let made_ref = FileRef { id: made.documents[3].file.id.clone(), name: "h".into() };
    let mut log = vec![LogEntry { id: 1, time: noon, action: UserAction::Made { files: vec![made_ref.clone()], herkomst: origin } }];
    let f = figures(&made.clone().with_log(&log));
    assert_eq!((f.declared, f.rejected, f.redeclared, f.to_fix()), (Saldo(70_000), Saldo(22_000), Saldo(22_000), Saldo(0)));
    assert!(f.to_upload.cents() > 0, "{f:?}");
    let new_amount = f.to_upload;

    // Uploaded: now it is declared and expected, gross (the rejected line stays rejected).
    log.push(LogEntry { id: 2, time: noon, action: UserAction::Uploaded { files: vec![made_ref] } });
    let f = figures(&made.with_log(&log));
    assert_eq!((f.declared, f.expected, f.to_upload, f.redeclared), (Saldo(70_000) + new_amount, new_amount, Saldo(0), Saldo(22_000)));
    assert_eq!(f.net(), Saldo(22_000) + new_amount);
}

/// Issue 27: a rejected line declared again with another period has another TR389 key; the
/// origin Kloppend logged with the made message links them all the same. The line then leaves
/// Te doen and the exceptions, says what became of it, and cannot be declared again.
#[test]
fn a_line_redeclared_with_another_period_is_known_by_its_logged_origin() {
    use kloppend::domain::credit::{Guard, check_with};
    use kloppend::domain::overview::exceptions;
    use kloppend::domain::view::credit_plan::{herkomst, pickable};
    let today = d(2025, 7, 3);
    let mut files = example_pair();
    let w = workspace(files.clone(), today);
    let rejected = LineRef { bericht: 0, client: 0, prestatie: 1 };
    let request = redeclare_with_another_period(rejected, today);
    let built = build(&w.refs(), &[], &w.reconciliation, &request).expect("re-declaration builds");
    let origin = herkomst(&w, &built);
    assert_eq!(origin.len(), 1);
    files.push(("herdeclaratie.xml".into(), built.xml.clone().into_bytes(), Origin::Gemaakt));

    // Without the log the changed period hides the link: the line is still to declare again.
    let unlinked = workspace(files.clone(), today);
    assert!(!unlinked.successors.contains_key(&rejected));
    assert!(kinds(&todo_list(&unlinked, &[], &Terms::default(), Bron::Alle, today)).contains(&TodoKind::DeclareAgain));

    let w = workspace(files, today).with_herkomst(&origin);
    let made = w.bericht_index(&origin[0].bestand).expect("the made file is loaded under the id the log names");
    assert_eq!(w.successors.get(&rejected), Some(&LineRef { bericht: made, client: 0, prestatie: 0 }));
    assert!(!kinds(&todo_list(&w, &[], &Terms::default(), Bron::Alle, today)).contains(&TodoKind::DeclareAgain));
    let views: Vec<_> = w.reconciliation.declaraties.iter().collect();
    assert!(
        exceptions(&w, &views).iter().all(|e| e.line != Some((0, 1)) || e.declaration != Some(0)),
        "handled lines leave the exceptions"
    );
    // Not offered again, and refused when picked from the declaration.
    assert!(!pickable(&w, Soort::Herdeclaratie, "").contains(&rejected));
    let guard = check_with(&w.refs(), &w.reconciliation, &w.successors, Soort::Herdeclaratie, &[rejected])[0].guard.clone();
    let Some(Guard::AlOpnieuwGedeclareerd { door }) = guard else { panic!("{guard:?}") };
    assert_eq!(door, "F2025061-1-1 in declaratie F2025061");
    // The declaration says what became of it.
    let model = DeclarationModel::build(&w, &w.documents[0].file.id, LineFilter::default()).unwrap();
    assert!(model.advies.contains("alle al opnieuw gedeclareerd"), "{}", model.advies);
    let rows = model.rows(&w, Page::of(model.lines.len(), 100, 0));
    let handled = rows
        .iter()
        .find_map(|r| match r {
            TableRow::Line(l) if l.key.prestatie == 1 => l.handled.clone(),
            _ => None,
        })
        .expect("its story");
    assert_eq!(handled, "Opnieuw gedeclareerd als F2025061-1-1 in declaratie F2025061: wacht op het antwoord van de gemeente.");
}

/// Issue 27: a message Kloppend made is "nog uploaden" until it is marked uploaded — not
/// submitted, not open, never late — and then its answer term runs from the upload.
#[test]
fn a_made_message_is_not_submitted_until_it_is_uploaded() {
    use kloppend::domain::reconcile::{IssueKind, Verwerking, advies_declaratie};
    let today = d(2025, 7, 3);
    let mut files = example_pair();
    let w = workspace(files.clone(), today);
    let before = w.reconciliation.totalen.bedragen;
    let rejected = LineRef { bericht: 0, client: 0, prestatie: 1 };
    let request = Request {
        soort: Soort::Herdeclaratie,
        lines: vec![rejected],
        correcties: vec![(rejected, Correctie { product_tarief: Some(5_800), ..Correctie::default() })],
        declaratie_nummer: "F2025061".into(),
        bericht_identificatie: "DECL2025061".into(),
        declaratie_periode: Periode { begindatum: d(2025, 6, 1), einddatum: d(2025, 6, 30) },
        dagtekening: today,
        referenties: ReferentieSchema::ClientRegel,
    };
    let built = build(&w.refs(), &[], &w.reconciliation, &request).expect("re-declaration builds");
    let bedrag = built.totaal();
    files.push(("herdeclaratie.xml".into(), built.xml.into_bytes(), Origin::Gemaakt));
    // A month later, never uploaded: not late, not open, not submitted.
    let later = today + Duration::days(30);
    let w = workspace(files.clone(), later).with_log(&[]);
    let made = w.reconciliation.declaraties.iter().find(|v| v.bericht == 2).unwrap();
    assert_eq!(made.verwerking, Verwerking::NogUploaden);
    assert!(advies_declaratie(made).contains("nog niet geüpload"));
    assert!(!w.reconciliation.issues.iter().any(|i| i.kind == IssueKind::AntwoordTeLaat), "{:?}", w.reconciliation.issues);
    let t = w.reconciliation.totalen.bedragen;
    assert_eq!((t.ingediend, t.open, t.te_uploaden), (before.ingediend, before.open, bedrag));
    // Uploaded on 7 July: waiting until ten working days later, then late.
    let id = w.documents[2].file.id.clone();
    let noon = |date: NaiveDate| date.and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp_millis();
    let log =
        [LogEntry { id: 1, time: noon(d(2025, 7, 7)), action: UserAction::Uploaded { files: vec![FileRef { id, name: "h".into() }] } }];
    let w = workspace(files.clone(), d(2025, 7, 15)).with_log(&log);
    let made = w.reconciliation.declaraties.iter().find(|v| v.bericht == 2).unwrap();
    assert_eq!(made.verwerking, Verwerking::WachtOpAntwoord { uiterlijk: add_working_days(d(2025, 7, 7), 10) });
    assert_eq!(w.reconciliation.totalen.bedragen.ingediend, before.ingediend + bedrag);
    let w = workspace(files, later).with_log(&log);
    let late: Vec<_> = w.reconciliation.issues.iter().filter(|i| i.kind == IssueKind::AntwoordTeLaat).collect();
    assert_eq!(late.len(), 1);
    assert!(late[0].message.contains("geüpload op 07-07-2025"), "{}", late[0].message);
}

#[test]
fn an_unanswered_declaration_whose_own_errors_reject_it_is_to_fix_not_to_chase() {
    use kloppend::domain::reconcile::{IssueKind, Verwerking, advies_declaratie};
    let today = d(2025, 9, 1);
    let clean = support::example("wmo323_debet.xml");
    // The header total no longer matches the lines: the gemeente answers 0001 for the whole message.
    let wrong_total = String::from_utf8(clean.clone()).unwrap().replace("<iwmo:TotaalBedrag>70000<", "<iwmo:TotaalBedrag>70001<");
    let late = workspace(vec![("goed.xml".into(), clean, Origin::Import)], today);
    assert!(matches!(late.reconciliation.declaraties[0].verwerking, Verwerking::AntwoordTeLaat { .. }));
    let w = workspace(vec![("fout.xml".into(), wrong_total.into_bytes(), Origin::Import)], today);
    let view = &w.reconciliation.declaraties[0];
    assert_eq!(view.verwerking, Verwerking::WordtAfgewezen { door_vecozo: false });
    assert_eq!(view.verwerking.label(), "Wordt afgewezen");
    assert!(advies_declaratie(view).starts_with("Dit bestand wordt afgewezen"), "{}", advies_declaratie(view));
    assert!(!w.reconciliation.issues.iter().any(|i| i.kind == IssueKind::AntwoordTeLaat), "{:#?}", w.reconciliation.issues);
    let list = todo_list(&w, &[], &Terms::default(), Bron::Alle, today);
    assert_eq!(kinds(&list), vec![TodoKind::SendAgain], "{:#?}", list.open);
    assert!(list.open[0].title.contains("herstellen en opnieuw versturen"), "{}", list.open[0].title);
    assert!(list.open[0].reason.contains("0001"), "{}", list.open[0].reason);
}

/// Issue 27: before the download, the checklist names every value the new line changes and
/// shows the made file's warnings (a broken month, TR387, was seen only after it).
#[test]
fn the_checklist_names_every_change_and_the_warnings_before_the_download() {
    use kloppend::domain::view::credit_plan::checklist;
    let today = d(2025, 7, 3);
    let w = workspace(example_pair(), today);
    let rejected = LineRef { bericht: 0, client: 0, prestatie: 1 };
    let built = build(&w.refs(), &[], &w.reconciliation, &redeclare_with_another_period(rejected, today)).expect("builds");
    let c = checklist(&w, &built);
    assert_eq!(c.rows.len(), 1);
    let changes = &c.rows[0].wijzigingen;
    assert!(changes.contains(&"periode 01-05-2025 t/m 31-05-2025 → 05-05-2025 t/m 31-05-2025".to_string()), "{changes:?}");
    assert!(changes.contains(&"tarief € 55,00 → € 58,00".to_string()), "{changes:?}");
    assert!(changes.iter().any(|c| c.starts_with("bedrag € 220,00 → ")), "{changes:?}");
    assert!(!changes.iter().any(|c| c.starts_with("product") || c.starts_with("toewijzing") || c.starts_with("volume")), "{changes:?}");
    assert!(!c.waarschuwingen.is_empty() && c.waarschuwingen.iter().all(|f| f.severity == kloppend::domain::findings::Severity::Warning));
    assert!(c.waarschuwingen.iter().any(|f| f.rule == kloppend::domain::rules::Rule::TR387), "{:?}", c.waarschuwingen);
}

/// Issue 27: a re-declaration of a re-declaration. The example's rejected line is declared
/// again (F2025061), the gemeente rejects that one too (an answer made here from the shared
/// one), and it is declared again (F2025062): each line names the next, only the newest
/// rejected line is on Te doen, and once it is declared again nothing is.
#[test]
fn a_redeclaration_of_a_redeclaration_keeps_the_story_of_each_line() {
    use kloppend::domain::view::credit_plan::herkomst;
    let today = d(2025, 7, 3);
    let mut files = example_pair();
    let original = LineRef { bericht: 0, client: 0, prestatie: 1 };
    let w = workspace(files.clone(), today);
    let first = build(&w.refs(), &[], &w.reconciliation, &redeclare_with_another_period(original, today)).expect("first re-declaration");
    let mut origin = herkomst(&w, &first);
    files.push(("herdeclaratie1.xml".into(), first.xml.clone().into_bytes(), Origin::Gemaakt));
    // The gemeente rejects F2025061-1-1 as well (its tariff again).
    let answer = String::from_utf8(support::example("wmo325_antwoord.xml"))
        .unwrap()
        .replace("F2025050-002", "F2025061-1-1")
        .replace("F2025050", "F2025061")
        .replace("DECL2025050", "DECL2025061")
        .replace("ANTW0001", "ANTW0002")
        .replace("<iwmo:Dagtekening>2025-06-05</iwmo:Dagtekening>", "<iwmo:Dagtekening>2025-07-03</iwmo:Dagtekening>")
        .replace("<iwmo:Dagtekening>2025-06-12</iwmo:Dagtekening>", "<iwmo:Dagtekening>2025-07-10</iwmo:Dagtekening>")
        .replace("<iwmo:Begindatum>2025-05-01</iwmo:Begindatum>", "<iwmo:Begindatum>2025-05-05</iwmo:Begindatum>")
        .replace(">5500<", ">5800<")
        .replace(">22000<", ">23200<")
        .replace(">70000<", ">23200<")
        .replace(">48000<", ">0<");
    files.push(("antwoord2.xml".into(), answer.into_bytes(), Origin::Import));
    let later = d(2025, 7, 15);
    let w = workspace(files.clone(), later).with_herkomst(&origin);
    let made = w.bericht_index(&origin[0].bestand).expect("the first re-declaration is loaded");
    let second_line = LineRef { bericht: made, client: 0, prestatie: 0 };
    let status = w.reconciliation.line(second_line).map(|l| l.status);
    assert_eq!(status, Some(kloppend::domain::reconcile::LineStatus::Afgewezen), "the answer rejects the re-declared line");
    let list = todo_list(&w, &[], &Terms::default(), Bron::Alle, later);
    let again: Vec<_> = list.open.iter().filter(|t| t.kind == TodoKind::DeclareAgain).collect();
    assert_eq!(again.len(), 1, "only the newest rejected line: {again:#?}");
    assert!(again[0].title.contains("F2025061"), "{}", again[0].title);

    let mut request = redeclare_with_another_period(second_line, later);
    request.correcties[0].1 = Correctie { product_tarief: Some(6_000), ..Correctie::default() };
    request.declaratie_nummer = "F2025062".into();
    request.bericht_identificatie = "DECL2025062".into();
    let second = build(&w.refs(), &[], &w.reconciliation, &request).expect("second re-declaration");
    origin.extend(herkomst(&w, &second));
    files.push(("herdeclaratie2.xml".into(), second.xml.clone().into_bytes(), Origin::Gemaakt));
    let w = workspace(files, later).with_herkomst(&origin);
    let made = w.bericht_index(&origin[0].bestand).unwrap();
    let newest = w.bericht_index(&origin[1].bestand).expect("the second re-declaration is loaded");
    assert_eq!(w.successors.get(&original), Some(&LineRef { bericht: made, client: 0, prestatie: 0 }));
    assert_eq!(
        w.successors.get(&LineRef { bericht: made, client: 0, prestatie: 0 }),
        Some(&LineRef { bericht: newest, client: 0, prestatie: 0 })
    );
    assert!(!kinds(&todo_list(&w, &[], &Terms::default(), Bron::Alle, later)).contains(&TodoKind::DeclareAgain));
    let model = DeclarationModel::build(&w, &w.documents[w.berichten[made]].file.id, LineFilter::default()).unwrap();
    let rows = model.rows(&w, Page::of(model.lines.len(), 100, 0));
    let handled = rows.iter().find_map(|r| match r {
        TableRow::Line(l) => l.handled.clone(),
        _ => None,
    });
    assert_eq!(
        handled.as_deref(),
        Some("Opnieuw gedeclareerd als F2025062-1-1 in declaratie F2025062: wacht op het antwoord van de gemeente.")
    );
}
