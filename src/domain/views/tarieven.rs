//! The contract tariffs as Instellingen lists them: every row of every tariff file in the
//! archive, newest file first, with whether a later row for the same gemeente, product, unit
//! and start date replaces it (the later one is what TR418 checks against).

use std::collections::HashSet;

use std::fmt;

use chrono::NaiveDate;

use crate::analysis::workspace::Workspace;
use crate::base::money::format_cents;
use crate::base::text::datum;
use crate::formats::message::Eenheid;
use crate::formats::settlement::amount::parse_amount;
use crate::formats::tarieven::TariefRij;
use crate::reference::gemeenten;

/// What is wrong with a tariff typed on Instellingen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryError {
    Gemeente,
    ProductCode,
    Tarief,
    Van,
    TotVoorVan,
}

impl fmt::Display for EntryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EntryError::Gemeente => "Vul de gemeentecode in: 4 cijfers, zoals 0363.",
            EntryError::ProductCode => "Vul de productcode in: 1 tot 5 tekens, zoals 02A01.",
            EntryError::Tarief => "Vul het tarief in euro's in, zoals 60,00 (niet negatief).",
            EntryError::Van => "Vul de datum in vanaf wanneer het tarief geldt.",
            EntryError::TotVoorVan => "De einddatum ligt voor de begindatum.",
        })
    }
}

/// A tariff as typed on Instellingen (dates as the date inputs give them, `jjjj-mm-dd`).
pub fn entered(gemeente: &str, code: &str, eenheid: &str, tarief: &str, van: &str, tot: &str) -> Result<TariefRij, EntryError> {
    let gemeente = gemeente.trim();
    if gemeente.len() != 4 || !gemeente.bytes().all(|b| b.is_ascii_digit()) {
        return Err(EntryError::Gemeente);
    }
    let code = code.trim();
    if code.is_empty() || code.chars().count() > 5 {
        return Err(EntryError::ProductCode);
    }
    let cents = match parse_amount(tarief) {
        Ok(Some(cents)) => u64::try_from(cents).map_err(|_| EntryError::Tarief)?,
        _ => return Err(EntryError::Tarief),
    };
    let van = NaiveDate::parse_from_str(van, "%Y-%m-%d").map_err(|_| EntryError::Van)?;
    let tot = NaiveDate::parse_from_str(tot, "%Y-%m-%d").ok();
    if tot.is_some_and(|t| t < van) {
        return Err(EntryError::TotVoorVan);
    }
    Ok(TariefRij {
        regel: 2,
        gemeente: gemeente.into(),
        product_code: code.into(),
        eenheid: Eenheid::parse(eenheid),
        tarief: cents,
        van,
        tot,
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TariefRow {
    pub gemeente: String,
    pub product_code: String,
    pub eenheid: &'static str,
    /// "€ 60,00".
    pub tarief: String,
    pub van: NaiveDate,
    pub tot: Option<NaiveDate>,
    /// "01-01-2025" and "—" for no end, as the table shows them.
    pub van_tekst: String,
    pub tot_tekst: String,
    pub bestand: String,
    pub vervangen: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TarievenModel {
    pub rows: Vec<TariefRow>,
    /// Rows of the tariff files that could not be read: (file, row, why).
    pub onleesbaar: Vec<(String, usize, String)>,
}

impl TarievenModel {
    pub fn build(workspace: &Workspace) -> TarievenModel {
        let mut model = TarievenModel::default();
        let mut seen = HashSet::new();
        for doc in workspace.documents.iter().rev() {
            let Some(t) = doc.tarieven() else { continue };
            for rij in t.rijen.iter().rev() {
                let key = (rij.gemeente.clone(), rij.product_code.clone(), rij.eenheid.code().to_string(), rij.van);
                let vervangen = !seen.insert(key);
                model.rows.push(row(rij, &doc.file.name, vervangen));
            }
            model.onleesbaar.extend(t.onleesbaar.iter().map(|(r, why)| (doc.file.name.clone(), *r, why.to_string())));
        }
        model
    }
}

fn row(r: &TariefRij, bestand: &str, vervangen: bool) -> TariefRow {
    TariefRow {
        gemeente: gemeenten::label(&r.gemeente),
        product_code: r.product_code.to_string(),
        eenheid: r.eenheid.omschrijving(),
        tarief: format!("€ {}", format_cents(r.tarief)),
        van: r.van,
        tot: r.tot,
        van_tekst: datum(r.van),
        tot_tekst: r.tot.map(datum).unwrap_or_else(|| "—".into()),
        bestand: bestand.to_string(),
        vervangen,
    }
}
