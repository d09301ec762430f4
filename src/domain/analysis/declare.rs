//! Declareren: the monthly debit 323 of one gemeente from its toewijzingen. The provider
//! enters per toewijzing the volume delivered in a month; Kloppend writes one line per
//! toewijzing with the ProductPeriode clipped to the toewijzing (IV089), the amount computed
//! exactly (TR346, minutes under an hourly tariff per IV081), numbers from the archive's
//! numbering, and checks the message against every rule it knows — the S and H rules, the
//! history, the toewijzing and the contract tariffs — before it exists. A row the gemeente
//! would reject is named with its rule and retourcode, and no file is made.

use chrono::NaiveDate;
use compact_str::CompactString;

use crate::analysis::credit::{
    BuildError, GebruiktNummer, Groep, Numbering, Numbers, Proposal, ReferentieSchema, UsedIdentifiers, check_numbers, propose_from,
};
use crate::analysis::preflight;
use crate::analysis::reconcile::Reconciliation;
use crate::analysis::toewijzing::maxima::clip;
use crate::analysis::toewijzing::{Register, Toewijzing};
use crate::base::calendar::{first_of_month, last_of_month};
use crate::base::money::{BedragMetDc, Saldo};
use crate::base::tarief::{minuut_bedrag, minuut_tarief};
use crate::base::text::maand;
use crate::diagnostics::findings::{Finding, Scope, Severity};
use crate::diagnostics::rules::Rule;
use crate::formats::message::validate::{ValidationContext, validate};
use crate::formats::message::write::write;
use crate::formats::message::{
    Bericht, BerichtIdentificatie, Client, Declaratie, Declaratiebericht, Eenheid, Header, Periode, Prestatie, ProductCategorie,
    ProductReferentie, Release,
};
use crate::formats::tarieven::Tarieven;

/// Every provider, gemeente and domain of which a current toewijzing is loaded: one message
/// per month each.
pub fn groepen(register: &Register) -> Vec<Groep> {
    let mut out: Vec<Groep> = Vec::new();
    for t in register.toewijzingen.values() {
        let groep = groep_of(t);
        if !out.contains(&groep) {
            out.push(groep);
        }
    }
    out
}

fn groep_of(t: &Toewijzing) -> Groep {
    Groep { domein: t.key.domein, agb: t.current().agb.to_string(), gemeente: t.key.gemeente.to_string() }
}

/// A toewijzing that can be declared in the month, with the ProductPeriode it gets: the
/// month clipped to the toewijzing (IV089).
#[derive(Debug, Clone, Copy)]
pub struct Declarable<'a> {
    pub toewijzing: &'a Toewijzing,
    pub periode: Periode,
}

/// The current toewijzingen of `groep` that overlap the month of `maand`, by client and
/// number. A removed or lapsed toewijzing is never offered.
pub fn declarable<'a>(register: &'a Register, groep: &Groep, maand: NaiveDate) -> Vec<Declarable<'a>> {
    let month = Periode { begindatum: first_of_month(maand), einddatum: last_of_month(maand) };
    let mut out: Vec<Declarable<'a>> = register
        .toewijzingen
        .values()
        .filter(|t| groep_of(t) == *groep && !t.current().product.is_vervallen())
        .filter_map(|t| {
            let (begindatum, einddatum) = clip(&month, &t.current().product)?;
            Some(Declarable { toewijzing: t, periode: Periode { begindatum, einddatum } })
        })
        .collect();
    crate::base::sort::by_key(&mut out, |d| (d.toewijzing.current().bsn.clone(), d.toewijzing.key.nummer));
    out
}

/// The delivered volume of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Volume {
    /// In the toewijzing's unit (cents for Eenheid 83).
    InEenheid(u64),
    /// Minutes, only under an hourly toewijzing: whole hours are declared as hours, anything
    /// else in minutes with the hourly tariff / 60 (IV081).
    Minuten(u64),
}

impl Volume {
    pub(crate) fn is_zero(self) -> bool {
        matches!(self, Volume::InEenheid(0) | Volume::Minuten(0))
    }
}

/// What the provider entered for one toewijzing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub nummer: u64,
    pub volume: Volume,
    /// Cents per unit of the toewijzing (per hour when it is hourly); none for Eenheid 83.
    pub tarief: Option<u64>,
    /// The product declared under an aspecific or generic toewijzing (which names no code).
    pub product: Option<(ProductCategorie, CompactString)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub groep: Groep,
    /// Any day of the month of care.
    pub maand: NaiveDate,
    pub entries: Vec<Entry>,
    pub declaratie_nummer: String,
    pub bericht_identificatie: String,
    /// A whole month, not before the month of care nor before the last period sent (IV090).
    pub declaratie_periode: Periode,
    pub dagtekening: NaiveDate,
    pub referenties: ReferentieSchema,
}

/// Kloppend's proposal for the numbers and DeclaratiePeriode of the month's message: the
/// month of care itself, or the last period sent to the gemeente when that is later (a late
/// declaration, OP280/IV090).
pub fn propose(numbering: Numbering<'_>, r: &Reconciliation, groep: &Groep, maand: NaiveDate, today: NaiveDate) -> Proposal {
    propose_from(numbering, r, groep, maand, today)
}

/// Why one row cannot go into the message as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub nummer: u64,
    /// The rule the gemeente (or Kloppend) applies; `None` for what the row lacks.
    pub rule: Option<Rule>,
    /// The retourcode the gemeente would answer with.
    pub code: Option<&'static str>,
    /// What is wrong and what to do.
    pub message: String,
}

impl RowProblem {
    fn missing(nummer: u64, message: impl Into<String>) -> RowProblem {
        RowProblem { nummer, rule: None, code: None, message: message.into() }
    }
}

/// Everything that stops the message: per row, and for the message as a whole (numbers,
/// period, totals).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refusal {
    pub regels: Vec<RowProblem>,
    pub bericht: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeclareError {
    /// No row has a volume.
    GeenRegels,
    Afgewezen(Refusal),
}

impl std::fmt::Display for DeclareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeclareError::GeenRegels => f.write_str("Vul bij minstens één toewijzing het geleverde volume in."),
            DeclareError::Afgewezen(r) => {
                let parts: Vec<String> =
                    r.regels.iter().map(|p| format!("toewijzing {}: {}", p.nummer, p.message)).chain(r.bericht.iter().cloned()).collect();
                write!(f, "Het bericht wordt nog niet gemaakt: {}", parts.join(" "))
            }
        }
    }
}

impl std::error::Error for DeclareError {}

/// The message, ready to download: it passed every rule Kloppend knows.
#[derive(Debug, Clone)]
pub struct Made {
    pub bericht: Declaratiebericht,
    pub file_name: String,
    pub xml: String,
    /// (ToewijzingNummer, ReferentieNummer) per line, in message order.
    pub regels: Vec<(u64, String)>,
    /// Warnings only.
    pub findings: Vec<Finding>,
}

impl Made {
    pub fn totaal(&self) -> Saldo {
        self.bericht.declaratie.totaal_ingediend_bedrag.saldo()
    }
}

/// The inputs from the archive a message is checked against.
#[derive(Debug, Clone, Copy)]
pub struct Archive<'a> {
    pub berichten: &'a [&'a Bericht],
    pub eerder: &'a [GebruiktNummer],
    pub reconciliation: &'a Reconciliation,
    pub toewijzingen: &'a Register,
    pub tarieven: &'a [&'a Tarieven],
}

/// Build and check the month's message. Rows without volume are left out.
pub fn build(archive: &Archive<'_>, request: &Request) -> Result<Made, DeclareError> {
    let offered = declarable(archive.toewijzingen, &request.groep, request.maand);
    let mut refusal = Refusal::default();
    let mut lines: Vec<(CompactString, Prestatie, u64)> = Vec::new();
    for entry in request.entries.iter().filter(|e| !e.volume.is_zero()) {
        let Some(d) = offered.iter().find(|d| d.toewijzing.key.nummer == entry.nummer) else {
            let month = maand_text(request.maand);
            refusal.regels.push(RowProblem::missing(entry.nummer, format!("deze toewijzing loopt niet in {month} bij deze gemeente.")));
            continue;
        };
        match line(d, entry) {
            Ok(p) => lines.push((d.toewijzing.current().bsn.clone(), p, entry.nummer)),
            Err(problem) => refusal.regels.push(problem),
        }
    }
    if lines.is_empty() && refusal.regels.is_empty() {
        return Err(DeclareError::GeenRegels);
    }
    let used = UsedIdentifiers::collect_with(archive.berichten.iter().copied(), archive.eerder, &request.groep.agb, request.groep.domein);
    let numbers = Numbers {
        declaratie_nummer: &request.declaratie_nummer,
        bericht_identificatie: &request.bericht_identificatie,
        declaratie_periode: request.declaratie_periode,
        dagtekening: request.dagtekening,
        referenties: request.referenties,
    };
    let laatste = preflight::laatste_periode(
        archive.berichten,
        archive.reconciliation,
        request.groep.domein,
        &request.groep.agb,
        &request.groep.gemeente,
    );
    if let Err(e) = check_numbers(&used, &numbers, laatste) {
        refusal.bericht.push(e.to_string());
    }
    if request.declaratie_periode.einddatum < last_of_month(request.maand) {
        refusal.bericht.push(
            BuildError::Ongeldig {
                wat: "DeclaratiePeriode",
                waarde: maand_text(request.declaratie_periode.begindatum),
                reden: format!("ligt vóór de maand van de zorg ({})", maand_text(request.maand)),
            }
            .to_string(),
        );
    }
    if lines.is_empty() {
        return Err(DeclareError::Afgewezen(refusal));
    }
    let (bericht, order) = message(request, lines);
    for (referentie, nummer) in bericht.prestaties().map(|(_, p)| p.referentie().to_string()).zip(order.iter().map(|o| o.2)) {
        if used.referenties.contains(&referentie) {
            refusal.regels.push(RowProblem::missing(
                nummer,
                format!("ReferentieNummer '{referentie}' is al eerder gebruikt; kies een ander DeclaratieNummer."),
            ));
        }
    }
    let wrapped = Bericht::Declaratie(bericht);
    let findings = checked(archive, &wrapped, request.dagtekening, &order, &mut refusal);
    if !refusal.regels.is_empty() || !refusal.bericht.is_empty() {
        return Err(DeclareError::Afgewezen(refusal));
    }
    let Bericht::Declaratie(bericht) = wrapped else { return Err(DeclareError::GeenRegels) };
    let xml = write(&Bericht::Declaratie(bericht.clone()));
    let file_name = format!(
        "{}_{}_{}_declaratie_{}.xml",
        bericht.bericht_type().naam(),
        bericht.header.ontvanger,
        bericht.declaratie.declaratie_nummer,
        first_of_month(request.maand).format("%Y-%m")
    );
    let regels = bericht.prestaties().map(|(_, p)| (p.toewijzing_nummer, p.referentie().to_string())).collect();
    Ok(Made { bericht, file_name, xml, regels, findings })
}

/// Every rule on the new message: the message's own (S and H) rules and what the gemeente
/// would reject against the archive. Errors go to `refusal`, on their row when they have one;
/// the warnings are returned.
fn checked(
    archive: &Archive<'_>,
    wrapped: &Bericht,
    dagtekening: NaiveDate,
    order: &[(usize, usize, u64)],
    refusal: &mut Refusal,
) -> Vec<Finding> {
    let row_of = |client: usize, prestatie: usize| order.iter().find(|o| o.0 == client && o.1 == prestatie).map(|o| o.2);
    let findings = validate(wrapped, &ValidationContext { today: Some(dagtekening) });
    let (errors, warnings): (Vec<Finding>, Vec<Finding>) = findings.into_iter().partition(|f| f.severity == Severity::Error);
    for f in errors {
        let nummer = match f.path.scope {
            Scope::Prestatie { client, prestatie } => row_of(client, prestatie),
            _ => None,
        };
        let code = f.rule.gevolg().retourcode();
        match nummer {
            Some(nummer) => refusal.regels.push(RowProblem { nummer, rule: Some(f.rule), code, message: f.message }),
            None => refusal.bericht.push(format!("{} ({})", f.message, f.rule)),
        }
    }
    for issue in preflight::rejected(archive.berichten, wrapped, dagtekening, archive.toewijzingen, archive.tarieven) {
        let code = issue.kind.gevolg().retourcode();
        let rule = Some(issue.kind.rule());
        match issue.line.and_then(|l| row_of(l.client, l.prestatie)) {
            Some(nummer) => refusal.regels.push(RowProblem { nummer, rule, code, message: issue.message }),
            None => refusal.bericht.push(issue.message),
        }
    }
    warnings
}

/// The message from its lines: clients in order of first appearance, each client's lines in
/// entry order; with (client, line, ToewijzingNummer) per line to find a finding's row.
fn message(request: &Request, lines: Vec<(CompactString, Prestatie, u64)>) -> (Declaratiebericht, Vec<(usize, usize, u64)>) {
    let mut clienten: Vec<Client> = Vec::new();
    let mut order = Vec::new();
    for (volgnummer, (bsn, mut prestatie, nummer)) in lines.into_iter().enumerate() {
        let client = match clienten.iter().position(|c| c.bsn == bsn) {
            Some(i) => i,
            None => {
                clienten.push(Client { bsn, prestaties: Vec::new() });
                clienten.len() - 1
            }
        };
        let in_client = clienten[client].prestaties.len();
        let referentie = request.referenties.format(&request.declaratie_nummer, client + 1, in_client + 1, volgnummer + 1);
        prestatie.product_referentie = ProductReferentie { referentie_nummer: referentie.into(), vorig_referentie_nummer: None };
        clienten[client].prestaties.push(prestatie);
        order.push((client, in_client, nummer));
    }
    let som: Saldo = clienten.iter().flat_map(|c| &c.prestaties).map(|p| p.ingediend_bedrag.saldo()).sum();
    let id = BerichtIdentificatie { identificatie: request.bericht_identificatie.as_str().into(), dagtekening: request.dagtekening };
    let bericht = Declaratiebericht {
        domein: request.groep.domein,
        release: Release::R3_2,
        header: Header::declaratie(request.groep.domein, &request.groep.agb, &request.groep.gemeente, id),
        declaratie: Declaratie {
            declaratie_nummer: request.declaratie_nummer.as_str().into(),
            declaratie_periode: request.declaratie_periode,
            declaratie_dagtekening: request.dagtekening,
            totaal_ingediend_bedrag: BedragMetDc::from_saldo(som),
            clienten,
        },
    };
    (bericht, order)
}

/// One debit line for a row (its ReferentieNummer is set when the message is put together).
fn line(d: &Declarable<'_>, entry: &Entry) -> Result<Prestatie, RowProblem> {
    let nummer = entry.nummer;
    let product = &d.toewijzing.current().product;
    let Some(omvang) = product.omvang.as_ref() else {
        return Err(RowProblem::missing(
            nummer,
            "de toewijzing noemt geen omvang en dus geen eenheid; Kloppend kan deze regel niet maken. Vraag de gemeente in welke eenheid je declareert.",
        ));
    };
    let (categorie, code) = match (&product.product, &entry.product) {
        (Some(p), _) if p.code.is_some() => (p.categorie.clone(), p.code.clone().unwrap_or_default()),
        (_, Some((categorie, code))) if !code.trim().is_empty() => (categorie.clone(), code.trim().into()),
        _ => {
            return Err(RowProblem::missing(
                nummer,
                "de toewijzing noemt geen productcode; vul de productcode in die je levert (uit je contract).",
            ));
        }
    };
    let Amount { eenheid, volume, product_tarief, bedrag } = amount(nummer, &omvang.eenheid, entry)?;
    Ok(Prestatie {
        product_referentie: ProductReferentie { referentie_nummer: CompactString::default(), vorig_referentie_nummer: None },
        toewijzing_nummer: nummer,
        product_categorie: categorie,
        product_code: code,
        product_periode: d.periode,
        geleverd_volume: volume,
        eenheid,
        product_tarief,
        ingediend_bedrag: BedragMetDc::debet(bedrag),
    })
}

/// How a row is declared: its line's unit, volume, ProductTarief and amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    pub eenheid: Eenheid,
    pub volume: u64,
    pub product_tarief: Option<u64>,
    pub bedrag: u64,
}

/// Unit, volume, ProductTarief and amount of a row under a toewijzing in `eenheid`: volume ×
/// tariff (TR346); for Eenheid 83 the volume is the amount and there is no tariff; minutes
/// under an hourly tariff per IV081.
pub fn amount(nummer: u64, eenheid: &Eenheid, entry: &Entry) -> Result<Amount, RowProblem> {
    amount_parts(nummer, eenheid, entry).map(|(eenheid, volume, product_tarief, bedrag)| Amount { eenheid, volume, product_tarief, bedrag })
}

fn amount_parts(nummer: u64, eenheid: &Eenheid, entry: &Entry) -> Result<(Eenheid, u64, Option<u64>, u64), RowProblem> {
    let too_big = || RowProblem::missing(nummer, "het bedrag wordt te groot; controleer volume en tarief.");
    if *eenheid == Eenheid::Euros {
        let Volume::InEenheid(cents) = entry.volume else {
            return Err(RowProblem::missing(nummer, "deze toewijzing is in euro's: vul een bedrag in, geen uren."));
        };
        return Ok((Eenheid::Euros, cents, None, cents));
    }
    let Some(tarief) = entry.tarief else {
        return Err(RowProblem::missing(nummer, "er is geen tarief bekend voor dit product: vul het tarief uit je contract in."));
    };
    match entry.volume {
        Volume::Minuten(_) if *eenheid != Eenheid::Uur => Err(RowProblem::missing(
            nummer,
            format!("uren en minuten kunnen alleen onder een toewijzing in uren; deze is in {}.", eenheid.omschrijving()),
        )),
        Volume::Minuten(m) if m % 60 == 0 => Ok((Eenheid::Uur, m / 60, Some(tarief), (m / 60).checked_mul(tarief).ok_or_else(too_big)?)),
        Volume::Minuten(m) => Ok((Eenheid::Minuut, m, Some(minuut_tarief(tarief)), minuut_bedrag(tarief, m).ok_or_else(too_big)?)),
        Volume::InEenheid(v) => Ok((eenheid.clone(), v, Some(tarief), v.checked_mul(tarief).ok_or_else(too_big)?)),
    }
}

fn maand_text(date: NaiveDate) -> String {
    use chrono::Datelike;
    maand(date.year(), date.month())
}
