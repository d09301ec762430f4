//! View-models: what the declaration view, the credit wizard and Verrekeningen show, over
//! the demo set and a generated 33,000-line declaration (paging, lookups by index, filters,
//! totals), checked against the reconciliation they are built from.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use kloppend::domain::credit::{Guard, Soort};
use kloppend::domain::generate::{PairConfig, generate_pair};
use kloppend::domain::intake::Document;
use kloppend::domain::message::{Bericht, ValidationContext, write::write};
use kloppend::domain::reconcile::LineStatus;
use kloppend::domain::view::credit_plan::{
    Choice, GroupEdits, checklist, choosable, opening_label, parse_month, pickable, plan, soort_for, whole_declaration, wizard_line,
};
use kloppend::domain::view::declaration::{DeclarationModel, LineFilter, TableRow};
use kloppend::domain::view::paging::{Batches, PAGE_SIZE, Page, thousands};
use kloppend::domain::view::settlements::{SettlementFilter, SettlementsModel};
use kloppend::domain::workspace::{LineKey, Workspace};
use kloppend::domain::{Origin, StoredFile};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn workspace(files: Vec<(String, Vec<u8>)>) -> Workspace {
    support::imported(files, today())
}

fn demo() -> Workspace {
    workspace(kloppend::domain::demo::demo_files(today()))
}

/// A 33,000-line declaration (11,000 clients × 3) with its answer, some lines and clients rejected.
fn big() -> Workspace {
    let pair = generate_pair(&PairConfig {
        clients: 11_000,
        lines_per_client: 3,
        reject_per_mille: 40,
        client_reject_per_mille: 10,
        ..PairConfig::default()
    });
    workspace(vec![
        ("groot323.xml".into(), write(&Bericht::Declaratie(pair.declaratie)).into_bytes()),
        ("groot325.xml".into(), write(&Bericht::Antwoord(pair.antwoord)).into_bytes()),
    ])
}

fn file_id(w: &Workspace, name: &str) -> String {
    w.documents.iter().find(|d| d.file.name.contains(name)).map(|d| d.file.id.clone()).unwrap_or_else(|| panic!("{name} not loaded"))
}

#[test]
fn pages_are_clamped_and_labelled_in_dutch() {
    let p = Page::of(33_000, PAGE_SIZE, 1);
    assert_eq!((p.start, p.end, p.count), (250, 500, 132));
    assert_eq!(p.label("Regels"), "Regels 251–500 van 33.000");
    let last = Page::of(33_000, PAGE_SIZE, 10_000);
    assert_eq!((last.number, last.start, last.end), (131, 32_750, 33_000));
    assert!(last.has_previous() && !last.has_next());
    let empty = Page::of(0, PAGE_SIZE, 3);
    assert_eq!((empty.number, empty.start, empty.end, empty.count), (0, 0, 0, 1));
    assert_eq!(empty.label("Regels"), "Geen regels");
    assert_eq!(thousands(1_234_567), "1.234.567");
    assert_eq!(thousands(999), "999");
}

#[test]
fn a_page_is_drawn_in_batches_that_reach_every_row_and_the_row_a_link_points_at() {
    let b = Batches::TABLE;
    // A full page: a screenful first, then batches until every row is drawn.
    let mut drawn = vec![b.first(PAGE_SIZE, None)];
    while *drawn.last().unwrap() < PAGE_SIZE {
        drawn.push(b.next(*drawn.last().unwrap(), PAGE_SIZE));
    }
    assert_eq!(drawn, [60, 160, 250]);
    // A short page is drawn at once; an empty one draws nothing.
    assert_eq!(b.first(12, None), 12);
    assert_eq!(b.first(0, Some(3)), 0);
    // The row a link opens is in the first batch, wherever it is on the page.
    assert_eq!(b.first(PAGE_SIZE, Some(199)), 200);
    assert_eq!(b.first(PAGE_SIZE, Some(10)), 60);
    assert_eq!(b.next(250, 250), 250);
}

#[test]
fn the_declaration_view_of_33000_lines_pages_with_client_headings_and_the_answer_joined_in() {
    let w = big();
    let id = file_id(&w, "groot323");
    let m = DeclarationModel::build(&w, &id, LineFilter::default()).expect("a 323");
    assert_eq!(m.total_lines, 33_000);
    assert_eq!(m.lines.len(), 33_000);
    let (d, view) = m.declaratie(&w).unwrap();

    // Client codes come from the 325's client with the same BSN, whatever the order.
    let antwoord = w.bericht(m.antwoord.expect("linked")).unwrap().as_antwoord().unwrap();
    let rejected_clients = antwoord.declaratie_antwoord.as_ref().unwrap().clienten.iter().filter(|c| !c.retour_codes.is_empty()).count();
    assert!(rejected_clients > 0, "the generator rejects some clients");
    assert_eq!(m.client_codes.iter().filter(|c| !c.is_empty()).count(), rejected_clients);
    for (c, codes) in m.client_codes.iter().enumerate() {
        let bsn = &d.declaratie.clienten[c].bsn;
        let expected =
            antwoord.declaratie_antwoord.as_ref().unwrap().clienten.iter().find(|a| a.bsn == *bsn).map(|a| a.retour_codes.clone());
        assert_eq!(codes, &expected.unwrap_or_default(), "client {c}");
    }

    // The last page: 250 lines, a heading first, every line as the reconciliation has it.
    let page = m.page(usize::MAX, PAGE_SIZE);
    assert_eq!((page.start, page.end), (32_750, 33_000));
    let rows = m.rows(&w, page);
    assert!(matches!(rows[0], TableRow::Client { .. }), "a page starts with its client");
    let lines: Vec<_> = rows.iter().filter_map(|r| if let TableRow::Line(l) = r { Some(l) } else { None }).collect();
    assert_eq!(lines.len(), 250);
    let headings = rows.len() - lines.len();
    assert_eq!(headings, lines.iter().map(|l| l.key.client).collect::<std::collections::BTreeSet<_>>().len());
    for l in &lines {
        let p = &d.declaratie.clienten[l.key.client].prestaties[l.key.prestatie];
        assert_eq!(l.referentie, p.referentie());
        assert_eq!(l.bedrag, p.ingediend_bedrag.saldo());
        assert_eq!(l.status, view.line(l.key.client, l.key.prestatie).unwrap().status);
        assert_eq!(l.key.file_id, id);
        assert!(!l.advies.is_empty());
    }

    // Only the rejected lines: the filter keeps exactly the reconciliation's count.
    let only = DeclarationModel::build(&w, &id, LineFilter { status: Some(LineStatus::Afgewezen) }).unwrap();
    assert_eq!(only.lines.len(), view.count(LineStatus::Afgewezen));
    assert!(only.lines.len() > 100, "{}", only.lines.len());
    let rows = only.rows(&w, only.page(0, PAGE_SIZE));
    assert!(rows.iter().all(|r| match r {
        TableRow::Line(l) => l.status == LineStatus::Afgewezen && !l.codes.is_empty(),
        TableRow::Client { .. } => true,
    }));

    // The head of the page: the message's facts, its answer and its money, as the model has them.
    let header = m.header(&w).expect("a header");
    assert_eq!(header.nummer, d.declaratie.declaratie_nummer.to_string());
    assert_eq!(header.bedragen, view.bedragen);
    assert!(!header.credit_message);
    assert!(header.antwoord.as_ref().is_some_and(|(_, bestand)| bestand.contains("groot325")), "{:?}", header.antwoord);
    assert_eq!(header.counts.iter().map(|(_, n)| n).sum::<usize>(), 33_000);
    assert!(header.periode.contains(" t/m "), "{}", header.periode);
    assert!(header.bestand.contains("groot323"));

    // A 325 is not a declaration view.
    assert!(DeclarationModel::build(&w, &file_id(&w, "groot325"), LineFilter::default()).is_none());
    assert!(DeclarationModel::build(&w, "onbekend", LineFilter::default()).is_none());
}

#[test]
fn the_declaration_view_links_credits_and_their_originals() {
    let w = demo();
    let mut linked = 0;
    for view in &w.reconciliation.declaraties {
        let id = w.document(view.bericht).unwrap().file.id.clone();
        let m = DeclarationModel::build(&w, &id, LineFilter::default()).unwrap();
        for credit in &m.credits {
            linked += 1;
            let c = DeclarationModel::build(&w, &credit.file_id, LineFilter::default()).unwrap();
            assert!(c.originals.iter().any(|o| o.file_id == id), "the credit links back to {id}");
        }
    }
    assert!(linked > 0, "the demo has a credit of a loaded declaration");
}

fn first_line(w: &Workspace, status: LineStatus) -> LineKey {
    w.reconciliation
        .declaraties
        .iter()
        .find_map(|v| {
            let d = w.bericht(v.bericht)?.as_declaratie()?;
            v.lines.iter().find(|l| l.status == status && !d.declaratie.clienten[l.client].prestaties[l.prestatie].is_credit()).and_then(
                |l| w.line_key(kloppend::domain::reconcile::LineRef { bericht: v.bericht, client: l.client, prestatie: l.prestatie }),
            )
        })
        .unwrap_or_else(|| panic!("no {status:?} line in the demo"))
}

#[test]
fn the_credit_plan_builds_one_message_per_group_and_applies_the_edits() {
    let w = demo();
    let approved = first_line(&w, LineStatus::Goedgekeurd);
    let rejected = first_line(&w, LineStatus::Afgewezen);
    let selection = vec![approved.clone(), rejected.clone()];
    let (edits, correcties) = (BTreeMap::new(), BTreeMap::new());
    let choice =
        Choice { soort: Soort::Credit, selection: &selection, edits: &edits, correcties: &correcties, eerder: &[], today: today() };
    let p = plan(&w, choice);
    assert_eq!(p.candidates.len(), 2);
    let guard = p.candidates.iter().find(|c| w.line_key(c.line).as_ref() == Some(&rejected)).unwrap().guard.clone();
    assert!(matches!(guard, Some(Guard::AfgewezenRegel)), "a rejected line is never credited: {guard:?}");
    assert_eq!(p.messages.len(), 1);
    assert!(p.is_ready());
    let built = p.built().next().unwrap();
    assert_eq!(built.regels.len(), 1, "only the approved line is in the message");

    // What the wizard shows of the chosen lines and of the message it built.
    let shown: Vec<_> = p.candidates.iter().map(|c| wizard_line(&w, c.line).expect("a loaded line")).collect();
    let line = |key: &LineKey| shown.iter().find(|l| l.key == *key).unwrap();
    assert_eq!((line(&approved).status, line(&approved).reden.clone()), (LineStatus::Goedgekeurd, None));
    assert_eq!(line(&rejected).status, LineStatus::Afgewezen);
    assert!(line(&rejected).reden.as_deref().is_some_and(|r| !r.is_empty()), "a rejected line says why: {:?}", line(&rejected));
    assert!(line(&approved).huidig.starts_with("nu: "), "{:?}", line(&approved));
    let check = checklist(&w, built);
    assert_eq!(check.rows.len(), 1);
    let row = &check.rows[0];
    assert_eq!(row.origineel, line(&approved).referentie, "the credit line points back at the approved one");
    assert!(row.credit && row.zelfde_bedrag, "a credit pays back exactly the original amount: {row:?}");
    assert_eq!(row.bedrag.cents(), -line(&approved).bedrag.cents());
    assert!(check.totaal.ends_with(" credit"), "{}", check.totaal);
    assert_eq!(check.bsns.len(), 1);

    // The user's own number and month are used, and a month that is not over is refused.
    let groep = p.messages[0].0.clone();
    let mut edits = BTreeMap::new();
    edits.insert(groep.clone(), GroupEdits { declaratie_nummer: Some("EIGEN1".into()), ..GroupEdits::default() });
    let p = plan(&w, Choice { edits: &edits, ..choice });
    assert_eq!(p.built().next().unwrap().bericht.declaratie.declaratie_nummer, "EIGEN1");
    edits.insert(groep, GroupEdits { maand: Some(today().format("%Y-%m").to_string()), ..GroupEdits::default() });
    let p = plan(&w, Choice { edits: &edits, ..choice });
    assert!(!p.is_ready(), "{:?}", p.messages[0].1.as_ref().err());

    assert_eq!(parse_month("2026-02").map(|p| p.einddatum), NaiveDate::from_ymd_opt(2026, 2, 28));
    assert_eq!(parse_month("februari"), None);
}

#[test]
fn the_line_picker_offers_only_lines_that_fit_the_kind_and_the_search() {
    let w = demo();
    let credit = pickable(&w, Soort::Credit, "");
    let again = pickable(&w, Soort::Herdeclaratie, "");
    assert!(!credit.is_empty() && !again.is_empty());
    assert!(credit.iter().all(|l| w.reconciliation.line(*l).unwrap().status == LineStatus::Goedgekeurd));
    assert!(again.iter().all(|l| matches!(
        w.reconciliation.line(*l).unwrap().status,
        LineStatus::Afgewezen | LineStatus::NietBeoordeeld | LineStatus::NietVerwerkt
    )));
    let first = credit[0];
    let d = w.bericht(first.bericht).unwrap().as_declaratie().unwrap();
    let referentie = d.declaratie.clienten[first.client].prestaties[first.prestatie].referentie().to_string();
    let found = pickable(&w, Soort::Credit, &referentie.to_uppercase());
    assert!(found.contains(&first), "search is case-insensitive on the ReferentieNummer");
    assert!(found.len() < credit.len());
    assert!(pickable(&w, Soort::Credit, "bestaat-niet").is_empty());
}

#[test]
fn ticked_lines_open_the_wizard_in_the_mode_they_ask_for() {
    let w = workspace(["wmo323_debet.xml", "wmo325_antwoord.xml"].iter().map(|n| (n.to_string(), support::example(n))).collect());
    let id = file_id(&w, "wmo323_debet.xml");
    let key = |prestatie| LineKey { file_id: id.clone(), client: 0, prestatie };
    let (approved, rejected) = (key(0), key(1));
    let bericht = w.bericht_index(&id).unwrap();
    assert_eq!(w.reconciliation.declaratie(bericht).unwrap().line(0, 1).unwrap().status, LineStatus::Afgewezen);
    // A rejected line is declared again (a credit of it is refused, IV085); an approved one credited.
    assert_eq!(soort_for(&w, std::slice::from_ref(&rejected)), Some(Soort::Herdeclaratie));
    assert_eq!(soort_for(&w, std::slice::from_ref(&approved)), Some(Soort::Credit));
    assert_eq!(soort_for(&w, &[approved.clone(), rejected.clone()]), None, "mixed: the user chooses");
    assert_eq!(soort_for(&w, &[]), None);
    assert_eq!(opening_label(Some(Soort::Herdeclaratie), 1), "1 regel opnieuw declareren");
    assert_eq!(opening_label(Some(Soort::Correctie), 3), "3 regels crediteren of corrigeren");
    assert_eq!(opening_label(None, 2), "2 regels naar Crediteren");
    // Select-all takes what can go into some message; the whole declaration its approved lines.
    assert_eq!(choosable(&w, bericht, &[(0, 0), (0, 1)], None), vec![approved.clone(), rejected.clone()]);
    assert_eq!(choosable(&w, bericht, &[(0, 0), (0, 1)], Some(Soort::Herdeclaratie)), vec![rejected]);
    assert_eq!(whole_declaration(&w, bericht), vec![approved]);
    // The credit message itself: its lines are credits, never picked.
    let credit = workspace(vec![("wmo323_credit.xml".into(), support::example("wmo323_credit.xml"))]);
    assert!(whole_declaration(&credit, 0).is_empty());
}

#[test]
fn verrekeningen_filters_claims_rows_and_totals() {
    let w = demo();
    let ledger = &w.ledger;
    assert!(!ledger.rows.is_empty(), "the demo has settlement overviews");
    let all = SettlementsModel::build(&w, &SettlementFilter::default());
    assert_eq!(all.rows.len(), ledger.rows.len());
    assert_eq!(all.claims.len(), ledger.claims.len());
    assert_eq!(all.totaal, ledger.totaal());
    assert!(all.maanden.windows(2).all(|m| m[0] > m[1]), "newest month first: {:?}", all.maanden);

    let open = SettlementsModel::build(&w, &SettlementFilter { alleen_open: true, ..SettlementFilter::default() });
    assert!(
        open.claims.len() < ledger.claims.len()
            || ledger.claims.iter().all(|c| c.status != kloppend::domain::settlement::ledger::ClaimStatus::Afgerekend)
    );
    assert!(open.claims.iter().all(|&c| ledger.claims[c].status != kloppend::domain::settlement::ledger::ClaimStatus::Afgerekend));

    let maand = all.maanden[0].clone();
    let in_month = SettlementsModel::build(&w, &SettlementFilter { maand: maand.clone(), ..SettlementFilter::default() });
    assert!(!in_month.rows.is_empty());
    for &i in &in_month.rows {
        let r = kloppend::domain::view::settlements::rij(&w, ledger.rows[i].rij).unwrap();
        assert_eq!(r.vervaldatum.map(|d| d.format("%Y-%m").to_string()), Some(maand.clone()));
    }
    let nobody = SettlementsModel::build(&w, &SettlementFilter { verzekeraar: "Niemand".into(), ..SettlementFilter::default() });
    assert!(nobody.rows.is_empty() && nobody.claims.is_empty());
    assert_eq!(nobody.totaal, Default::default());

    // The rows the screen draws: one per selected claim and row, as the ledger has them.
    let claims = all.claim_rows(&w);
    assert_eq!(claims.len(), ledger.claims.len());
    let demo02 = claims.iter().find(|c| c.open.cents() != 0 && c.verloop.contains('→')).expect("a claim offset over two overviews");
    assert!(demo02.gevorderd.cents() != demo02.open.cents(), "{demo02:?}");
    let page = all.rows_in(&w, 0..PAGE_SIZE);
    assert_eq!(page.len(), ledger.rows.len().min(PAGE_SIZE));
    assert!(page.iter().any(|r| r.file_id.is_some()), "rows are linked to their declaration");
    assert!(page.iter().all(|r| !r.overzicht.is_empty() && !r.verzekeraar.is_empty()), "{page:?}");
    assert!(all.rows_in(&w, 5_000..5_100).is_empty(), "a page past the end is empty");

    // The rows that name no loaded declaration are named, with where they are.
    use kloppend::domain::view::settlements::{unlinked_rows, without_settlement};
    assert!(unlinked_rows(&w).is_empty(), "the demo's rows all name a demo declaration");
    let mut files = kloppend::domain::demo::demo_files(today());
    let csv = files.iter_mut().find(|(name, _)| name.ends_with("_1.csv")).expect("the demo's first overview");
    csv.1 = String::from_utf8(csv.1.clone()).unwrap().replace(";DEMO01;", ";ELDERS01;").into_bytes();
    let elsewhere = workspace(files);
    let unlinked = unlinked_rows(&elsewhere);
    assert_eq!(unlinked.len(), elsewhere.ledger.ongekoppeld.len());
    assert_eq!(unlinked.len(), 1, "{unlinked:?}");
    assert_eq!((unlinked[0].kenmerk.as_str(), unlinked[0].waar.as_str()), ("ELDERS01", "Overzicht 1, regel 5"));
    assert_eq!(unlinked[0].bedrag, kloppend::domain::money::Saldo(123_450));
    // Only what can be paid waits for a settlement: no credit message, nothing not processed.
    let unsettled = without_settlement(&w);
    assert!(!unsettled.is_empty());
    for (id, nummer) in unsettled {
        let b = w.bericht_index(&id).unwrap();
        let d = w.bericht(b).and_then(|m| m.as_declaratie()).unwrap();
        assert!(!d.declaratie.totaal_ingediend_bedrag.debet_credit.is_credit(), "credit {nummer} listed");
        assert!(!w.reconciliation.declaratie(b).unwrap().verwerking.is_not_processed(), "{nummer} was not processed");
    }
}

#[test]
fn a_declaration_shows_what_the_settlements_paid_for_it() {
    let w = demo();
    let model = |nummer: &str| {
        let bericht = w
            .reconciliation
            .declaraties
            .iter()
            .find(|v| w.bericht(v.bericht).and_then(|b| b.as_declaratie()).is_some_and(|d| d.declaratie.declaratie_nummer == nummer))
            .map(|v| v.bericht)
            .unwrap();
        DeclarationModel::build(&w, &w.document(bericht).unwrap().file.id, LineFilter::default()).unwrap()
    };
    // DEMO01 was paid € 1.234,50 in the first overview.
    assert_eq!(model("DEMO01").received, Some(kloppend::domain::money::Saldo(123_450)));
    // DEMO02 has a claim of € 250,00 that reappears with € 90,00 still open: counted once.
    assert_eq!(model("DEMO02").received, Some(kloppend::domain::money::Saldo(-25_000)));
    // No overview names DEMO04.
    assert_eq!(model("DEMO04").received, None);
}

#[test]
fn insight_adds_up_to_the_overzicht_and_names_the_costliest_codes() {
    use kloppend::domain::overview::{Bron, Filter, select, totals};
    use kloppend::domain::view::figures::Figures;
    use kloppend::domain::view::insight::Insight;
    let w = demo();
    let insight = Insight::build(&w, Bron::Alle);
    let selected = select(&w, &Filter::default());
    let all = Figures::of(&w, selected.iter().copied());
    // Every declaration in exactly one month and one gemeente: the sums are the Overzicht's.
    let sum = |rows: &[kloppend::domain::view::insight::Row]| {
        rows.iter().fold(Figures::default(), |mut acc, r| {
            acc += r.figures;
            acc
        })
    };
    assert_eq!(sum(&insight.months), all);
    assert_eq!(sum(&insight.gemeenten), all);
    assert_eq!(all.messages, totals(&selected).declaraties);
    assert!(all.adds_up() && all.declared.cents() > 0, "{all:?}");
    // The demo credits approved lines: no month is negative, and credits show as credited.
    assert!(insight.months.iter().all(|r| r.figures.approved.cents() >= 0 && r.figures.declared >= r.figures.credited));
    assert!(all.credited.cents() > 0, "{all:?}");
    assert!(insight.months.windows(2).all(|p| p[0].label < p[1].label), "oldest month first");
    assert!(insight.gemeenten.iter().any(|g| g.label == "Amsterdam (0363)"));
    // The demo rejects a line with 0611 and a client with 8187: both cost money.
    let codes: Vec<&str> = insight.codes.iter().map(|c| c.code.as_str()).collect();
    assert!(codes.contains(&"0611") && codes.contains(&"8187"), "{codes:?}");
    assert!(insight.codes.windows(2).all(|p| p[0].bedrag >= p[1].bedrag), "most money first");
    assert!(insight.codes.iter().all(|c| c.regels > 0 && !c.omschrijving.is_empty()));
    // The demo's answers come a week after their declarations: a few working days.
    let amsterdam = insight.answer_times.iter().find(|a| a.gemeente == "Amsterdam (0363)").expect("answered");
    assert!((10..=100).contains(&amsterdam.average_tenths), "{amsterdam:?}");
    assert!(amsterdam.slowest * 10 >= amsterdam.average_tenths);
    // Here the demo files are loaded as the user's own: asking for the demo's finds nothing.
    assert_eq!(Insight::build(&w, Bron::Demo), Insight::default());
}

#[test]
fn the_overzicht_model_pages_exactly_the_selection_it_counts() {
    use kloppend::domain::overview::{Filter, Overview, exceptions, select, select_lines, totals};
    let w = demo();
    let all = Overview::new(&w, &Filter::default());
    let views = select(&w, &Filter::default());
    assert!(!all.empty);
    assert_eq!(all.totalen, totals(&views));
    assert_eq!(all.declaration_count(), views.len());
    assert_eq!(all.exceptions.len(), exceptions(&w, &views).len());
    assert!(
        all.exceptions.iter().all(|e| e.exception.declaration.is_none() || e.file_id.is_some()),
        "every exception of a declaration can be opened"
    );
    // The rows of a page are the selection's, in its order, and say what the raw model says.
    let rows = all.declaration_rows(&w, 0..all.declaration_count());
    let numbers: Vec<String> =
        views.iter().map(|v| w.bericht(v.bericht).unwrap().as_declaratie().unwrap().declaratie.declaratie_nummer.to_string()).collect();
    assert_eq!(rows.iter().map(|r| r.nummer.clone()).collect::<Vec<_>>(), numbers);
    assert!(rows.iter().zip(&views).all(|(r, v)| r.bedragen == v.bedragen && r.regels == v.lines.len()));
    // Lines: a rejected-only filter pages the same lines the export takes, each rejected.
    let filter = Filter { status: Some(LineStatus::Afgewezen), ..Filter::default() };
    let rejected = Overview::new(&w, &filter);
    let expected = select_lines(&w, &select(&w, &filter), &filter);
    assert!(rejected.line_count() > 0);
    assert_eq!(rejected.line_count(), expected.len());
    assert_eq!(rejected.selected_lines(&w), expected);
    let page = rejected.line_rows(&w, 0..rejected.line_count());
    assert!(page.iter().all(|r| r.status == LineStatus::Afgewezen && !r.codes.is_empty()), "{page:?}");
    // A range past the end is empty, not a panic; a search for nothing known selects nothing.
    assert!(rejected.line_rows(&w, 10_000..10_010).is_empty());
    assert_eq!(rejected.line_rows(&w, 0..10_000).len(), rejected.line_count());
    let none = Overview::new(&w, &Filter { zoek: "geen-bestaand-nummer".into(), ..Filter::default() });
    assert_eq!((none.declaration_count(), none.line_count(), none.empty), (0, 0, false));
    assert!(Overview::new(&Workspace::default(), &Filter::default()).empty);
}

#[test]
fn the_file_list_names_each_file_what_it_holds_and_how_its_check_went() {
    use kloppend::domain::view::files::{FileTarget, file_rows};
    use kloppend::domain::view::wording::Tone;
    let w = demo();
    let context = ValidationContext { today: Some(today()) };
    let refused = vec![Arc::new(Document::analyse(&StoredFile::new("kapot.xml", b"<niet-af".to_vec(), Origin::Import, 0.0), &context))];
    let rows = file_rows(&w, &refused);
    assert_eq!(rows.len(), w.documents.len() + 1, "every stored file, then the refused one");
    for (row, doc) in rows.iter().zip(&w.documents) {
        assert_eq!((&row.id, &row.name), (&doc.file.id, &doc.file.name));
        assert!(!row.refused && !row.kind.is_empty() && !row.data_type.is_empty(), "{row:?}");
    }
    let declaration = rows.iter().find(|r| r.data_type.ends_with("323")).expect("a 323 in the demo");
    assert_eq!(declaration.target, Some(FileTarget::Declaratie));
    assert!(declaration.totaal.starts_with('€'), "{declaration:?}");
    let answer = rows.iter().find(|r| r.data_type.ends_with("325")).expect("a 325 in the demo");
    assert_eq!(answer.target, None, "an answer is seen through its declaration");
    assert!(rows.iter().any(|r| r.data_type == "verrekenoverzicht" && r.target == Some(FileTarget::Verrekeningen)));
    // A file with errors says how many; a clean one says so in green.
    assert!(rows.iter().filter(|r| !r.refused).all(|r| match r.controle.1 {
        Tone::Good => r.controle.0 == "In orde",
        Tone::Bad => r.controle.0.contains("fout"),
        _ => r.controle.0.contains("waarschuwing") || r.controle.0.contains("onleesbaar"),
    }));
    let last = rows.last().unwrap();
    assert!(last.refused && last.name == "kapot.xml" && last.controle.1 == Tone::Bad && !last.controle.0.is_empty(), "{last:?}");
}

/// Issue 29: a file where no line has its ProductTarief is one entry per rule on screen, with
/// its first places, not one row per line; grouping keeps every finding counted.
#[test]
fn repeated_findings_are_one_group_per_rule_with_their_first_places() {
    use kloppend::domain::message::Soort;
    use kloppend::domain::view::finding_groups::{EXAMPLES, group};
    let mut pair = generate_pair(&PairConfig { clients: 1_000, lines_per_client: 2, ..PairConfig::default() });
    for client in &mut pair.declaratie.declaratie.clienten {
        for p in &mut client.prestaties {
            p.product_tarief = None;
        }
    }
    let w = workspace(vec![("zonder-tarief.xml".into(), write(&Bericht::Declaratie(pair.declaratie)).into_bytes())]);
    let findings = &w.documents[0].loaded().expect("loads with findings").findings;
    let groups = group(findings, Soort::Declaratie);
    assert_eq!(groups.iter().map(|g| g.count).sum::<usize>(), findings.len(), "every finding is counted once");
    assert!(groups.len() <= 3, "{:#?}", groups.iter().map(|g| (g.rule, g.count)).collect::<Vec<_>>());
    let missing = groups.iter().find(|g| g.wat.contains("ProductTarief ontbreekt")).expect("the missing tariff is named");
    // Lines in euros (Eenheid 83) need no tariff; every other line is one finding of the group.
    let expected = findings.iter().filter(|f| f.message.starts_with("ProductTarief ontbreekt")).count();
    assert!(expected > 1_000, "{expected}");
    assert_eq!(missing.count, expected);
    let prefix = format!("{} keer: ProductTarief ontbreekt", kloppend::domain::view::paging::thousands(expected));
    assert!(missing.wat.starts_with(&prefix), "{}", missing.wat);
    assert_eq!(missing.voorbeelden.len(), EXAMPLES);
    assert_eq!(missing.voorbeelden[0].waar, "cliënt 1, prestatie 1 (ProductTarief)");
    assert_eq!(missing.voorbeelden[1].waar, "cliënt 1, prestatie 2 (ProductTarief)");
    assert!(missing.voorbeelden[0].technisch.contains("Prestatie[1]/ProductTarief"), "{}", missing.voorbeelden[0].technisch);
    assert!(missing.voorbeelden[0].technisch.starts_with("regel "), "the place in the file: {}", missing.voorbeelden[0].technisch);
    // A single finding reads as itself, without a count.
    let one = group(&findings[..1], Soort::Declaratie);
    assert_eq!(one[0].count, 1);
    assert_eq!(one[0].wat, findings[0].message);
}

/// Issue 27: after an import, what each added file holds and what became of its lines.
#[test]
fn the_import_summary_says_what_each_added_file_holds() {
    use kloppend::domain::view::files::added;
    let w = workspace(["wmo323_debet.xml", "wmo325_antwoord.xml"].iter().map(|n| (n.to_string(), support::example(n))).collect());
    let ids: Vec<String> = w.documents.iter().map(|d| d.file.id.clone()).collect();
    let rows = added(&w, &ids);
    assert_eq!(rows.len(), 2);
    let declaratie = rows.iter().find(|r| r.name == "wmo323_debet.xml").unwrap();
    assert_eq!(declaratie.nummer, "F2025050");
    assert_eq!(declaratie.inhoud, "2 regels: 1 goedgekeurd, 1 afgewezen");
    assert_eq!(declaratie.bedrag, "€ 700,00");
    let antwoord = rows.iter().find(|r| r.name == "wmo325_antwoord.xml").unwrap();
    assert_eq!(antwoord.inhoud, "beoordeelt 2 regels: 1 goedgekeurd, 1 afgewezen");
    assert!(antwoord.bedrag.is_empty());
    // A file no longer loaded (deleted since) is left out.
    assert_eq!(added(&w, &["weg".to_string(), ids[0].clone()]).len(), 1);
}

/// Issue 27: a line the gemeente rejected on its product (9340) is re-declared with the
/// product its toewijzing names. The wizard asks for the product, proposes the 301's, refuses
/// a file that changes nothing of it, and builds one with it.
#[test]
fn a_line_rejected_on_its_product_is_declared_again_with_the_toewijzings_product() {
    let wrong = |name: &str| String::from_utf8(support::example(name)).unwrap().replace(">02A02<", ">02A09<").into_bytes();
    let answer = String::from_utf8(wrong("wmo325_antwoord.xml")).unwrap().replace(">0611<", ">9340<").into_bytes();
    let files = vec![
        ("wmo323_debet.xml".to_string(), wrong("wmo323_debet.xml")),
        ("wmo325_antwoord.xml".to_string(), answer),
        ("wmo301.xml".to_string(), support::example("toewijzing/wmo301_bij_debet.xml")),
    ];
    let w = support::imported(files, NaiveDate::from_ymd_opt(2025, 7, 3).unwrap());
    let rejected = first_line(&w, LineStatus::Afgewezen);
    let selection = vec![rejected.clone()];
    let (edits, none) = (BTreeMap::new(), BTreeMap::new());
    let today = NaiveDate::from_ymd_opt(2025, 7, 3).unwrap();
    let choice = Choice { soort: Soort::Herdeclaratie, selection: &selection, edits: &edits, correcties: &none, eerder: &[], today };
    let p = plan(&w, choice);
    let shown = wizard_line(&w, p.candidates[0].line).unwrap();
    assert_eq!(shown.velden, [kloppend::domain::retourcodes::Veld::Product], "{shown:?}");
    assert!(shown.huidig.ends_with(" · product 02 02A09"), "{}", shown.huidig);
    let voorstel = shown.voorstel.expect("the toewijzing's product");
    assert_eq!(voorstel.product_text().as_deref(), Some("02 02A02"));
    assert_eq!(voorstel.periode, None, "May lies within the toewijzing");
    let refused = p.messages[0].1.as_ref().expect_err("the same product is rejected again");
    assert!(refused.to_string().contains("je hebt niets veranderd aan wat de gemeente afwees (de productcode)"), "{refused}");

    let taken = kloppend::domain::credit::Correctie {
        product_categorie: voorstel.product_categorie.clone(),
        product_code: voorstel.product_code.clone(),
        ..Default::default()
    };
    let correcties = BTreeMap::from([(rejected, taken)]);
    let p = plan(&w, Choice { correcties: &correcties, ..choice });
    let built = p.built().next().unwrap_or_else(|| panic!("{:?}", p.messages[0].1));
    let regel = &built.bericht.declaratie.clienten[0].prestaties[0];
    assert_eq!((regel.product_categorie.code(), regel.product_code.as_str()), ("02", "02A02"));
    let row = &checklist(&w, built).rows[0];
    assert!(row.wijzigingen.iter().any(|w| w == "product 02 02A09 → 02 02A02"), "the checklist names the change: {:?}", row.wijzigingen);
}

/// Issue 27: a line rejected because its period runs past the end of its toewijzing (9308)
/// gets the period cut to the toewijzing's dates proposed, the end date included.
#[test]
fn a_line_rejected_on_its_period_gets_the_toewijzings_dates_proposed() {
    let text = String::from_utf8(support::example("toewijzing/wmo301_bij_debet.xml")).unwrap();
    let at = text.rfind("<wmo301:Einddatum>2025-12-31<").unwrap();
    let ended = format!("{}<wmo301:Einddatum>2025-05-15<{}", &text[..at], &text[at + "<wmo301:Einddatum>2025-12-31<".len()..]);
    let answer = String::from_utf8(support::example("wmo325_antwoord.xml")).unwrap().replace(">0611<", ">9308<").into_bytes();
    let files = vec![
        ("wmo323_debet.xml".to_string(), support::example("wmo323_debet.xml")),
        ("wmo325_antwoord.xml".to_string(), answer),
        ("wmo301.xml".to_string(), ended.into_bytes()),
    ];
    let today = NaiveDate::from_ymd_opt(2025, 7, 3).unwrap();
    let w = support::imported(files, today);
    let rejected = first_line(&w, LineStatus::Afgewezen);
    let selection = vec![rejected.clone()];
    let (edits, none) = (BTreeMap::new(), BTreeMap::new());
    let choice = Choice { soort: Soort::Herdeclaratie, selection: &selection, edits: &edits, correcties: &none, eerder: &[], today };
    let p = plan(&w, choice);
    let shown = wizard_line(&w, p.candidates[0].line).unwrap();
    assert_eq!(shown.velden, [kloppend::domain::retourcodes::Veld::Periode], "{shown:?}");
    assert!(shown.huidig.ends_with(" · periode 01-05-2025 t/m 31-05-2025"), "{}", shown.huidig);
    let periode = shown.voorstel.and_then(|v| v.periode).expect("the period cut to the toewijzing");
    assert_eq!(
        (periode.begindatum, periode.einddatum),
        (NaiveDate::from_ymd_opt(2025, 5, 1).unwrap(), NaiveDate::from_ymd_opt(2025, 5, 15).unwrap())
    );
    let taken = kloppend::domain::credit::Correctie { product_periode: Some(periode), ..Default::default() };
    let correcties = BTreeMap::from([(rejected, taken)]);
    let p = plan(&w, Choice { correcties: &correcties, ..choice });
    let built = p.built().next().unwrap_or_else(|| panic!("{:?}", p.messages[0].1));
    assert_eq!(built.bericht.declaratie.clienten[0].prestaties[0].product_periode, periode);
}
