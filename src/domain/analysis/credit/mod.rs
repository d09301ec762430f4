//! Crediteren: build new 323s from selected lines — a credit (IV091), a correction (credit
//! plus corrected debit, IV086) or a re-declaration of rejected lines — that pass the
//! validator with zero errors and use identifiers never used before by the provider.

mod guard;

use crate::base::text::datum;
use crate::formats::message::identity::is_declaratie_nummer;
use std::io::Write;

use chrono::NaiveDate;
use compact_str::CompactString;

pub use crate::archive::numbering::{GebruiktNummer, NummerSoort, ReferentieSchema, UsedIdentifiers};
pub use guard::{Candidate, Groep, Guard, check, check_with, groep_of, group};

use crate::analysis::preflight;
use crate::analysis::reconcile::{Issue, LineRef, Reconciliation};
use crate::analysis::toewijzing::Register;
use crate::base::calendar::{first_of_month, last_of_month};
use crate::base::money::{BedragMetDc, DebetCredit, Saldo};
use crate::base::tarief;
use crate::diagnostics::findings::{Finding, Severity};
use crate::formats::message::validate::{ValidationContext, validate};
use crate::formats::message::write::write;
use crate::formats::message::{
    Bericht, BerichtIdentificatie, Client, Declaratie, Declaratiebericht, Eenheid, Periode, Prestatie, ProductCategorie, ProductReferentie,
};
use crate::formats::tarieven::Tarieven;
use crate::reference::retourcodes::{Veld, veld};

/// What kind of message to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Soort {
    /// Credit approved lines in full.
    Credit,
    /// Credit approved lines and declare them again with corrected volume, tariff or period.
    Correctie,
    /// Declare rejected (or not processed) lines again, as new debit lines.
    Herdeclaratie,
}

impl Soort {
    /// The lines this kind of message takes, as the kind that takes them first: a credit and
    /// a correction both take approved lines (`Credit`), a re-declaration rejected ones.
    pub fn line_kind(self) -> Soort {
        match self {
            Soort::Correctie => Soort::Credit,
            other => other,
        }
    }

    /// In a file name: `credit`, `correctie`, `herdeclaratie`.
    pub fn slug(self) -> &'static str {
        match self {
            Soort::Credit => "credit",
            Soort::Correctie => "correctie",
            Soort::Herdeclaratie => "herdeclaratie",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Soort::Credit => "Crediteren",
            Soort::Correctie => "Corrigeren (credit + nieuwe debetregel)",
            Soort::Herdeclaratie => "Opnieuw declareren",
        }
    }
}

/// Changed values for the new debit line of a correction or re-declaration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Correctie {
    pub geleverd_volume: Option<u64>,
    pub product_tarief: Option<u64>,
    pub product_periode: Option<Periode>,
    /// 9339/9340 (TR339/TR340): the product category and code the toewijzing names.
    pub product_categorie: Option<ProductCategorie>,
    pub product_code: Option<CompactString>,
    /// 9341 (TR341): the unit the toewijzing names. Volume and tariff are then those of the
    /// new unit: the user types them too.
    pub eenheid: Option<Eenheid>,
    /// IV081: the hourly contract tariff (cents per hour) of a line declared in minutes. The
    /// new ProductTarief and amount are computed from it; without it, Kloppend derives it from
    /// the original line when that is unambiguous.
    pub uurtarief: Option<u64>,
}

/// Everything needed to write one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub soort: Soort,
    /// Lines of one group, already checked.
    pub lines: Vec<LineRef>,
    pub correcties: Vec<(LineRef, Correctie)>,
    pub declaratie_nummer: String,
    pub bericht_identificatie: String,
    pub declaratie_periode: Periode,
    pub dagtekening: NaiveDate,
    pub referenties: ReferentieSchema,
}

/// Kloppend's proposal for the identifiers and period of a new message (all changeable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub declaratie_nummer: String,
    pub bericht_identificatie: String,
    pub declaratie_periode: Periode,
    /// The last period submitted to this gemeente: the new period may not be earlier (IV090).
    pub laatste_periode: Option<Periode>,
    pub referenties: ReferentieSchema,
    /// The numbers follow the series of the messages Kloppend made for this gemeente before
    /// (the user's own series for Kloppend), not the provider's other software's.
    pub eigen_reeks: bool,
}

/// What a proposal is made from: every loaded message, the numbers the archive remembers from
/// files no longer loaded (they stay taken), and which loaded messages Kloppend made.
#[derive(Debug, Clone, Copy)]
pub struct Numbering<'a> {
    pub berichten: &'a [&'a Bericht],
    pub eerder: &'a [GebruiktNummer],
    /// The messages Kloppend made (any gemeente; the proposal picks this gemeente's).
    pub gemaakt: &'a [&'a Bericht],
}

/// The period is usually the month before today.
pub fn propose(numbering: Numbering<'_>, r: &Reconciliation, groep: &Groep, today: NaiveDate) -> Proposal {
    let vorige_maand = first_of_month(first_of_month(today).pred_opt().unwrap_or(today));
    propose_from(numbering, r, groep, vorige_maand, today)
}

/// The next numbers of the provider's series, and as DeclaratiePeriode the month of `vanaf`,
/// or the last period sent to this gemeente when that is later (IV090).
pub(crate) fn propose_from(numbering: Numbering<'_>, r: &Reconciliation, groep: &Groep, vanaf: NaiveDate, today: NaiveDate) -> Proposal {
    let berichten = numbering.berichten;
    let used = UsedIdentifiers::collect_with(berichten.iter().copied(), numbering.eerder, &groep.agb, groep.domein);
    let here = |b: &&&Bericht| b.as_declaratie().is_some_and(|d| d.header.ontvanger == groep.gemeente);
    let own = UsedIdentifiers::collect(numbering.gemaakt.iter().filter(here).copied(), &groep.agb, groep.domein);
    let own_series = used.next_in_own_series(&own);
    let eigen_reeks = own_series.is_some();
    let (declaratie_nummer, bericht_identificatie) = own_series.unwrap_or_else(|| {
        let nummer = used.next_declaratie_nummer(today);
        let id = used.next_bericht_identificatie(&nummer);
        (nummer, id)
    });
    let laatste_periode = laatste_periode(berichten, r, groep);
    let begin = match laatste_periode {
        Some(p) if p.begindatum > first_of_month(vanaf) => p.begindatum,
        _ => first_of_month(vanaf),
    };
    Proposal {
        declaratie_nummer,
        bericht_identificatie,
        declaratie_periode: Periode { begindatum: begin, einddatum: last_of_month(begin) },
        laatste_periode,
        referenties: used.referentie_schema(),
        eigen_reeks,
    }
}

fn laatste_periode(berichten: &[&Bericht], r: &Reconciliation, groep: &Groep) -> Option<Periode> {
    preflight::laatste_periode(berichten, r, groep.domein, &groep.agb, &groep.gemeente)
}

/// A line of the built message and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltLine {
    pub origineel: LineRef,
    pub referentie: String,
    pub credit: bool,
}

#[derive(Debug, Clone)]
pub struct Built {
    pub bericht: Declaratiebericht,
    pub file_name: String,
    pub xml: String,
    pub regels: Vec<BuiltLine>,
    /// Warnings only: a message with errors is never returned.
    pub findings: Vec<Finding>,
}

impl Built {
    pub fn totaal(&self) -> Saldo {
        self.bericht.declaratie.totaal_ingediend_bedrag.saldo()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    GeenRegels,
    Geblokkeerd(Vec<(LineRef, Guard)>),
    MeerdereGroepen,
    NietUniek {
        wat: &'static str,
        waarde: String,
    },
    Ongeldig {
        wat: &'static str,
        waarde: String,
        reden: String,
    },
    PeriodeTeVroeg {
        periode: Periode,
        laatste: Periode,
    },
    /// IV081: a minute line whose hourly tariff cannot be derived from the original.
    UurtariefNodig {
        referentie: String,
        van: u64,
        tot: u64,
    },
    Validatie(Vec<Finding>),
    /// The gemeente would reject the message for what the archive holds (a history rule).
    Historie(Vec<Issue>),
    /// A re-declaration that leaves unchanged what the gemeente rejected (`velden`), or a
    /// correction that changes nothing at all (`velden` empty: credit and debit cancel out).
    NietsVeranderd {
        referentie: String,
        velden: Vec<Veld>,
    },
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::GeenRegels => write!(f, "Er zijn geen regels om in het bericht op te nemen."),
            BuildError::Geblokkeerd(list) => write!(
                f,
                "{} niet in dit bericht: {}",
                crate::base::text::count(list.len(), "regel mag", "regels mogen"),
                list[0].1.reden()
            ),
            BuildError::MeerdereGroepen => write!(f, "De regels horen bij verschillende aanbieders, gemeenten of domeinen."),
            BuildError::NietUniek { wat, waarde } => write!(f, "{wat} '{waarde}' is al eerder gebruikt; kies een ander."),
            BuildError::Ongeldig { wat, waarde, reden } => write!(f, "{wat} '{waarde}' is ongeldig: {reden}"),
            BuildError::PeriodeTeVroeg { periode, laatste } => write!(
                f,
                "De declaratieperiode {} ligt vóór de laatst ingediende periode bij deze gemeente ({}); dat mag niet (IV090).",
                periode.begindatum.format("%m-%Y"),
                laatste.begindatum.format("%m-%Y")
            ),
            BuildError::UurtariefNodig { referentie, van, tot } => write!(
                f,
                "Regel {referentie} is in minuten gedeclareerd met een uurtarief tussen € {} en € {}; vul het uurtarief uit je contract in, dan rekent Kloppend tarief en bedrag uit zoals de standaard voorschrijft (IV081).",
                crate::base::money::format_cents(*van),
                crate::base::money::format_cents(*tot)
            ),
            BuildError::Historie(issues) => write!(
                f,
                "De gemeente zou dit bericht afwijzen: {}",
                issues.iter().map(|i| format!("{} ({})", i.message, i.kind.rule())).collect::<Vec<_>>().join("; ")
            ),
            BuildError::NietsVeranderd { referentie, velden } if velden.is_empty() => write!(
                f,
                "Regel {referentie}: je hebt niets veranderd, dus de creditregel en de nieuwe regel heffen elkaar op (€ 0,00). Vul in wat er anders moet: volume, tarief of periode."
            ),
            BuildError::NietsVeranderd { referentie, velden } => {
                let namen: Vec<&str> = velden.iter().map(|v| v.naam()).collect();
                let fixed = velden.iter().any(|v| matches!(v, Veld::Product | Veld::Eenheid));
                write!(
                    f,
                    "Regel {referentie}: je hebt niets veranderd aan wat de gemeente afwees ({}); dan wijst ze de regel opnieuw af. {}",
                    namen.join(" en "),
                    if fixed {
                        "Vul de productcode of eenheid in die de toewijzing noemt; met de toewijzing (301) geladen neemt de knop bij de regel ze over."
                    } else {
                        "Vul de juiste waarde in (uit de toewijzing of je contract)."
                    }
                )
            }
            BuildError::Validatie(findings) => {
                write!(f, "Het bericht zou niet geldig zijn: {}", findings.iter().map(|f| f.message.clone()).collect::<Vec<_>>().join("; "))
            }
        }
    }
}

impl std::error::Error for BuildError {}

/// Build one message. Guards are re-checked; identifiers must be unused for the provider.
pub fn build(berichten: &[&Bericht], eerder: &[GebruiktNummer], r: &Reconciliation, request: &Request) -> Result<Built, BuildError> {
    build_with(berichten, eerder, r, request, &Register::default(), &[], &Default::default())
}

/// [`build`], with the toewijzingen and contract tariffs of the archive: a debit line the
/// gemeente would reject against its toewijzing or contract (the T rules, TR418) means no
/// message either; and with the lines' successors, so a line already declared again is not.
pub fn build_with(
    berichten: &[&Bericht],
    eerder: &[GebruiktNummer],
    r: &Reconciliation,
    request: &Request,
    toewijzingen: &Register,
    tarieven: &[&Tarieven],
    successors: &std::collections::HashMap<LineRef, LineRef>,
) -> Result<Built, BuildError> {
    if request.lines.is_empty() {
        return Err(BuildError::GeenRegels);
    }
    let mut candidates = check_with(berichten, r, successors, request.soort, &request.lines);
    let groups = group(&mut candidates, true);
    let blocked: Vec<(LineRef, Guard)> = candidates.iter().filter_map(|c| c.guard.clone().map(|g| (c.line, g))).collect();
    if !blocked.is_empty() {
        return Err(BuildError::Geblokkeerd(blocked));
    }
    let [(groep, lines)] = groups.as_slice() else { return Err(BuildError::MeerdereGroepen) };

    let used = UsedIdentifiers::collect_with(berichten.iter().copied(), eerder, &groep.agb, groep.domein);
    check_identifiers(&used, berichten, r, groep, request)?;
    let first = berichten[lines[0].bericht].as_declaratie().ok_or(BuildError::GeenRegels)?;

    let (clienten, regels) = new_lines(berichten, r, lines, request)?;
    let som: Saldo = clienten.iter().flat_map(|c| &c.prestaties).map(|p| p.ingediend_bedrag.saldo()).sum();
    let mut header = first.header.clone();
    header.bericht_identificatie =
        BerichtIdentificatie { identificatie: request.bericht_identificatie.as_str().into(), dagtekening: request.dagtekening };
    let bericht = Declaratiebericht {
        domein: first.domein,
        release: first.release,
        header,
        declaratie: Declaratie {
            declaratie_nummer: request.declaratie_nummer.as_str().into(),
            declaratie_periode: request.declaratie_periode,
            declaratie_dagtekening: request.dagtekening,
            totaal_ingediend_bedrag: BedragMetDc::from_saldo(som),
            clienten,
        },
    };

    // References must be new for the provider, also among themselves.
    for regel in &regels {
        if used.referenties.contains(&regel.referentie) {
            return Err(BuildError::NietUniek { wat: "ReferentieNummer", waarde: regel.referentie.clone() });
        }
    }

    let wrapped = Bericht::Declaratie(bericht);
    let findings = validate(&wrapped, &ValidationContext { today: Some(request.dagtekening) });
    if findings.iter().any(|f| f.severity == Severity::Error) {
        return Err(BuildError::Validatie(findings.into_iter().filter(|f| f.severity == Severity::Error).collect()));
    }
    let rejected = preflight::rejected(berichten, &wrapped, request.dagtekening, toewijzingen, tarieven);
    if !rejected.is_empty() {
        return Err(BuildError::Historie(rejected));
    }
    let Bericht::Declaratie(bericht) = wrapped else { return Err(BuildError::GeenRegels) };
    let xml = write(&Bericht::Declaratie(bericht.clone()));
    // The name says what it is, so a credit and a re-declaration are not confused when uploading.
    let file_name = format!(
        "{}_{}_{}_{}.xml",
        bericht.bericht_type().naam(),
        bericht.header.ontvanger,
        bericht.declaratie.declaratie_nummer,
        request.soort.slug()
    );
    Ok(Built { bericht, file_name, xml, regels, findings })
}

/// The new message's clients and lines, from the selected lines and their corrections: clients
/// in order of first appearance, lines in selection order, each with its new reference.
fn new_lines(
    berichten: &[&Bericht],
    r: &Reconciliation,
    lines: &[LineRef],
    request: &Request,
) -> Result<(Vec<Client>, Vec<BuiltLine>), BuildError> {
    let mut clienten: Vec<Client> = Vec::new();
    let mut regels = Vec::new();
    let mut volgnummer = 0usize;
    for &line in lines {
        let Some(d) = berichten[line.bericht].as_declaratie() else { continue };
        let source_client = &d.declaratie.clienten[line.client];
        let original = &source_client.prestaties[line.prestatie];
        let client_index = match clienten.iter().position(|c| c.bsn == source_client.bsn) {
            Some(i) => i,
            None => {
                clienten.push(Client { bsn: source_client.bsn.clone(), prestaties: Vec::new() });
                clienten.len() - 1
            }
        };
        let correctie = request.correcties.iter().find(|(l, _)| *l == line).map(|(_, c)| c.clone()).unwrap_or_default();
        let mut nieuwe_regel = |prestatie: Prestatie, credit: bool, clienten: &mut Vec<Client>| {
            volgnummer += 1;
            let in_client = clienten[client_index].prestaties.len() + 1;
            let referentie = request.referenties.format(&request.declaratie_nummer, client_index + 1, in_client, volgnummer);
            let mut prestatie = prestatie;
            prestatie.product_referentie.referentie_nummer = CompactString::from(referentie.as_str());
            clienten[client_index].prestaties.push(prestatie);
            regels.push(BuiltLine { origineel: line, referentie, credit });
        };
        match request.soort {
            Soort::Credit => nieuwe_regel(credit_line(original), true, &mut clienten),
            Soort::Correctie => {
                let debit = corrected_debit(original, &correctie)?;
                unchanged(original, &debit, &[])?;
                nieuwe_regel(credit_line(original), true, &mut clienten);
                nieuwe_regel(debit, false, &mut clienten);
            }
            Soort::Herdeclaratie => {
                let debit = corrected_debit(original, &correctie)?;
                let mut velden: Vec<Veld> =
                    r.line(line).map(|l| l.codes.iter().filter_map(|c| veld(c.code())).collect()).unwrap_or_default();
                crate::base::sort::ascending(&mut velden);
                velden.dedup();
                if !velden.is_empty() {
                    unchanged(original, &debit, &velden)?;
                }
                nieuwe_regel(debit, false, &mut clienten);
            }
        }
    }
    Ok((clienten, regels))
}

/// The new debit must differ from the original: in every field the gemeente rejected
/// (`velden`), or for a correction (`velden` empty) in anything at all.
fn unchanged(original: &Prestatie, debit: &Prestatie, velden: &[Veld]) -> Result<(), BuildError> {
    let same = |v: &Veld| match v {
        // With Eenheid 83 the amount is the volume: that is what a tariff code is about.
        Veld::Tarief if original.eenheid == Eenheid::Euros => original.geleverd_volume == debit.geleverd_volume,
        Veld::Tarief => original.product_tarief == debit.product_tarief,
        Veld::Product => original.product_code == debit.product_code && original.product_categorie == debit.product_categorie,
        Veld::Periode => original.product_periode == debit.product_periode,
        Veld::Eenheid => original.eenheid == debit.eenheid,
        Veld::Volume => original.geleverd_volume == debit.geleverd_volume,
    };
    let all = [Veld::Tarief, Veld::Product, Veld::Periode, Veld::Eenheid, Veld::Volume];
    let unchanged: Vec<Veld> = if velden.is_empty() {
        if all.iter().all(same) && original.ingediend_bedrag.bedrag == debit.ingediend_bedrag.bedrag {
            Vec::new()
        } else {
            return Ok(());
        }
    } else {
        velden.iter().copied().filter(same).collect()
    };
    if velden.is_empty() || !unchanged.is_empty() {
        return Err(BuildError::NietsVeranderd { referentie: original.referentie().to_string(), velden: unchanged });
    }
    Ok(())
}

/// The numbers and period chosen for a new message, as [`check_numbers`] checks them.
#[derive(Debug, Clone, Copy)]
pub struct Numbers<'a> {
    pub declaratie_nummer: &'a str,
    pub bericht_identificatie: &'a str,
    pub declaratie_periode: Periode,
    pub dagtekening: NaiveDate,
    pub referenties: ReferentieSchema,
}

fn check_identifiers(
    used: &UsedIdentifiers,
    berichten: &[&Bericht],
    r: &Reconciliation,
    groep: &Groep,
    request: &Request,
) -> Result<(), BuildError> {
    let numbers = Numbers {
        declaratie_nummer: &request.declaratie_nummer,
        bericht_identificatie: &request.bericht_identificatie,
        declaratie_periode: request.declaratie_periode,
        dagtekening: request.dagtekening,
        referenties: request.referenties,
    };
    check_numbers(used, &numbers, laatste_periode(berichten, r, groep))
}

/// The chosen identifiers and period are valid, unused and not earlier than `laatste`, the
/// last period sent to the gemeente (IV090).
pub(crate) fn check_numbers(used: &UsedIdentifiers, request: &Numbers<'_>, laatste: Option<Periode>) -> Result<(), BuildError> {
    let nummer = request.declaratie_nummer;
    if !is_declaratie_nummer(nummer) {
        return Err(BuildError::Ongeldig {
            wat: "DeclaratieNummer",
            waarde: nummer.to_string(),
            reden: "1 tot en met 12 letters of cijfers".into(),
        });
    }
    let id = request.bericht_identificatie;
    if id.trim().is_empty() || id.chars().count() > 12 {
        return Err(BuildError::Ongeldig { wat: "BerichtIdentificatie", waarde: id.to_string(), reden: "1 tot en met 12 tekens".into() });
    }
    // A generous bound: the longest reference the scheme can produce must fit in 20.
    let longest = request.referenties.format(nummer, 999, 999, 9_999);
    if longest.chars().count() > 20 && nummer.chars().count() + 8 > 20 {
        return Err(BuildError::Ongeldig {
            wat: "DeclaratieNummer",
            waarde: nummer.to_string(),
            reden: "te lang om er ReferentieNummers van maximaal 20 tekens van te maken".into(),
        });
    }
    if used.declaratie_nummers.contains(nummer) {
        return Err(BuildError::NietUniek { wat: "DeclaratieNummer", waarde: nummer.to_string() });
    }
    if used.bericht_identificaties.contains(id) {
        return Err(BuildError::NietUniek { wat: "BerichtIdentificatie", waarde: id.to_string() });
    }
    let periode = request.declaratie_periode;
    if periode.begindatum != first_of_month(periode.begindatum) || periode.einddatum != last_of_month(periode.begindatum) {
        return Err(BuildError::Ongeldig {
            wat: "DeclaratiePeriode",
            waarde: format!("{} t/m {}", periode.begindatum, periode.einddatum),
            reden: "moet precies één kalendermaand zijn".into(),
        });
    }
    if periode.begindatum > first_of_month(request.dagtekening) {
        return Err(BuildError::Ongeldig {
            wat: "DeclaratiePeriode",
            waarde: periode.begindatum.format("%m-%Y").to_string(),
            reden: "ligt in de toekomst".into(),
        });
    }
    // TR137: a period may not end after the message's Dagtekening.
    if periode.einddatum > request.dagtekening {
        return Err(BuildError::Ongeldig {
            wat: "DeclaratiePeriode",
            waarde: periode.begindatum.format("%m-%Y").to_string(),
            reden: format!(
                "de maand is nog niet voorbij op de dagtekening {}; kies een eerdere maand of maak het bericht na {} (TR137)",
                datum(request.dagtekening),
                datum(periode.einddatum)
            ),
        });
    }
    if let Some(laatste) = laatste
        && periode.begindatum < laatste.begindatum
    {
        return Err(BuildError::PeriodeTeVroeg { periode, laatste });
    }
    Ok(())
}

/// IV091: the original copied field by field; only ReferentieNummer (set by the caller),
/// VorigReferentieNummer and DebetCredit differ.
pub fn credit_line(original: &Prestatie) -> Prestatie {
    let mut credit = original.clone();
    credit.product_referentie = ProductReferentie {
        referentie_nummer: original.product_referentie.referentie_nummer.clone(),
        vorig_referentie_nummer: Some(original.product_referentie.referentie_nummer.clone()),
    };
    credit.ingediend_bedrag.debet_credit = DebetCredit::Credit;
    credit
}

/// A new debit line from an original with corrected values; the amount is recomputed
/// (TR346; with Eenheid 83 the volume is the amount and there is no tariff, CD087/CS339; a
/// line in minutes under an hourly tariff per IV081).
pub(crate) fn corrected_debit(original: &Prestatie, correctie: &Correctie) -> Result<Prestatie, BuildError> {
    let mut debit = original.clone();
    debit.product_referentie.vorig_referentie_nummer = None;
    if let Some(volume) = correctie.geleverd_volume {
        debit.geleverd_volume = volume;
    }
    if let Some(periode) = correctie.product_periode {
        debit.product_periode = periode;
    }
    if let Some(categorie) = &correctie.product_categorie {
        debit.product_categorie = categorie.clone();
    }
    if let Some(code) = &correctie.product_code {
        debit.product_code = code.clone();
    }
    if let Some(eenheid) = &correctie.eenheid {
        debit.eenheid = eenheid.clone();
    }
    let bedrag = if debit.eenheid == Eenheid::Euros {
        debit.product_tarief = None;
        debit.geleverd_volume
    } else if let Some(uurtarief) = minute_hourly_tariff(original, correctie, debit.geleverd_volume)? {
        debit.product_tarief = Some(tarief::minuut_tarief(uurtarief));
        tarief::minuut_bedrag(uurtarief, debit.geleverd_volume).unwrap_or(u64::MAX)
    } else {
        if let Some(product_tarief) = correctie.product_tarief {
            debit.product_tarief = Some(product_tarief);
        }
        debit.geleverd_volume.saturating_mul(debit.product_tarief.unwrap_or(0))
    };
    debit.ingediend_bedrag = BedragMetDc::debet(bedrag);
    Ok(debit)
}

/// The hourly tariff to compute a minute line from (IV081), or `None` for volume × tariff.
/// Given by the user, or derived from an original whose amount only an hourly tariff
/// explains; when several tariffs explain it and they give different amounts for the new
/// volume, the user has to say which.
fn minute_hourly_tariff(original: &Prestatie, correctie: &Correctie, volume: u64) -> Result<Option<u64>, BuildError> {
    // A line moved to another unit has no minute tariff to carry over.
    if original.eenheid != Eenheid::Minuut || correctie.eenheid.as_ref().is_some_and(|e| *e != Eenheid::Minuut) {
        return Ok(None);
    }
    if let Some(uurtarief) = correctie.uurtarief {
        return Ok(Some(uurtarief));
    }
    let (Some(product_tarief), None) = (original.product_tarief, correctie.product_tarief) else { return Ok(None) };
    let bedrag = original.ingediend_bedrag.bedrag;
    if original.geleverd_volume.checked_mul(product_tarief) == Some(bedrag) {
        return Ok(None);
    }
    let range = tarief::uurtarieven(original.geleverd_volume, product_tarief, bedrag);
    if range.is_empty() {
        // The original breaks TR346 itself; volume × tariff is the correct amount.
        return Ok(None);
    }
    let (low, high) = (*range.start(), *range.end());
    // The amount grows with the tariff, so the two ends decide whether the choice matters.
    if tarief::minuut_bedrag(low, volume) == tarief::minuut_bedrag(high, volume) {
        return Ok(Some(low));
    }
    Err(BuildError::UurtariefNodig { referentie: original.referentie().to_string(), van: low, tot: high })
}

/// VECOZO takes one XML or a ZIP of at most 30 declarations.
pub(crate) const MAX_ZIP: usize = 30;

/// Writing a ZIP failed (in memory, so in practice only for a name the ZIP format refuses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundelFout {
    pub bestand: String,
    pub oorzaak: String,
}

impl std::fmt::Display for BundelFout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "De ZIP kon niet gemaakt worden bij {}: {}", self.bestand, self.oorzaak)
    }
}

impl std::error::Error for BundelFout {}

/// Bundle files as ZIPs of at most 30 each. Returns (name, bytes) per ZIP.
pub fn zip_bundles(files: &[(String, Vec<u8>)], name: &str) -> Result<Vec<(String, Vec<u8>)>, BundelFout> {
    let chunks: Vec<&[(String, Vec<u8>)]> = files.chunks(MAX_ZIP).collect();
    let many = chunks.len() > 1;
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let mut cursor = std::io::Cursor::new(Vec::new());
            {
                let mut zip = zip::ZipWriter::new(&mut cursor);
                let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
                let fout = |bestand: &str, oorzaak: &dyn std::fmt::Display| BundelFout {
                    bestand: bestand.to_string(),
                    oorzaak: oorzaak.to_string(),
                };
                for (file_name, bytes) in chunk {
                    zip.start_file(file_name.as_str(), options).map_err(|e| fout(file_name, &e))?;
                    zip.write_all(bytes).map_err(|e| fout(file_name, &e))?;
                }
                zip.finish().map_err(|e| fout(name, &e))?;
            }
            let zip_name = if many { format!("{name}_{}.zip", i + 1) } else { format!("{name}.zip") };
            Ok((zip_name, cursor.into_inner()))
        })
        .collect()
}
