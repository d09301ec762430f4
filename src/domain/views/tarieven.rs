//! The contract tariffs as Instellingen lists them: every row of every tariff file in the
//! archive, newest file first, with whether a later row for the same gemeente, product, unit
//! and start date replaces it (the later one is what TR418 checks against).

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::analysis::workspace::Workspace;
use crate::base::money::format_cents;
use crate::formats::tarieven::TariefRij;
use crate::reference::gemeenten;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TariefRow {
    pub gemeente: String,
    pub product_code: String,
    pub eenheid: &'static str,
    /// "€ 60,00".
    pub tarief: String,
    pub van: NaiveDate,
    pub tot: Option<NaiveDate>,
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
        bestand: bestand.to_string(),
        vervangen,
    }
}
