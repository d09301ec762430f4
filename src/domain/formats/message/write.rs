//! Writing messages as VECOZO takes them: UTF-8 without BOM, CRLF line ends, the XSD's
//! element order, message elements in the message namespace and the children of
//! basisschema types in the basisschema namespace.

use chrono::NaiveDate;

use super::model::*;
use crate::base::money::BedragMetDc;

/// Serialise a message. The release and domain come from the model.
pub fn write(bericht: &Bericht) -> String {
    let bericht_type = bericht.bericht_type();
    let mut w = Writer {
        out: String::with_capacity(estimate(bericht)),
        msg: bericht_type.schema_naam(),
        basis: bericht_type.domein.standaard(),
        depth: 0,
    };
    w.out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n");
    w.out.push_str(&format!(
        "<{msg}:Bericht xmlns:{msg}=\"{ns}\" xmlns:{basis}=\"{basis_ns}\">\r\n",
        msg = w.msg,
        ns = bericht_type.namespace(bericht.release()),
        basis = w.basis,
        basis_ns = bericht_type.basisschema_namespace(bericht.release()),
    ));
    w.depth = 1;
    match bericht {
        Bericht::Declaratie(b) => {
            w.open("Header");
            w.header(&b.header);
            w.close("Header");
            w.declaratie(&b.declaratie);
        }
        Bericht::Antwoord(b) => {
            w.open("Header");
            w.header(&b.header.header);
            w.bericht_identificatie("DeclaratieIdentificatie", &b.header.declaratie_identificatie);
            if let Some(xslt) = &b.header.xslt_versie {
                w.leaf("XsltVersie", xslt);
            }
            w.xsd_versie("XsdVersieDeclaratie", &b.header.xsd_versie_declaratie);
            w.retour_codes(&b.header.retour_codes);
            w.close("Header");
            if let Some(antwoord) = &b.declaratie_antwoord {
                w.declaratie_antwoord(antwoord);
            }
        }
    }
    w.out.push_str(&format!("</{}:Bericht>\r\n", w.msg));
    w.out
}

/// Roughly 750 bytes per line, so large messages are written without reallocating.
fn estimate(bericht: &Bericht) -> usize {
    let lines = match bericht {
        Bericht::Declaratie(b) => b.declaratie.clienten.iter().map(|c| c.prestaties.len()).sum(),
        Bericht::Antwoord(b) => b.prestaties().count(),
    };
    2048 + lines * 800
}

struct Writer {
    out: String,
    msg: String,
    basis: &'static str,
    depth: usize,
}

impl Writer {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn open(&mut self, name: &str) {
        self.indent();
        self.out.push('<');
        self.out.push_str(&self.msg);
        self.out.push(':');
        self.out.push_str(name);
        self.out.push_str(">\r\n");
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.indent();
        self.out.push_str("</");
        self.out.push_str(&self.msg);
        self.out.push(':');
        self.out.push_str(name);
        self.out.push_str(">\r\n");
    }

    fn element(&mut self, prefix_is_basis: bool, name: &str, value: &str) {
        self.indent();
        let prefix = if prefix_is_basis { self.basis } else { self.msg.as_str() };
        // `prefix` borrows self.msg; build the tag first to keep the borrow short.
        let tag = format!("{prefix}:{name}");
        self.out.push('<');
        self.out.push_str(&tag);
        self.out.push('>');
        escape_into(&mut self.out, value);
        self.out.push_str("</");
        self.out.push_str(&tag);
        self.out.push_str(">\r\n");
    }

    fn leaf(&mut self, name: &str, value: &str) {
        self.element(false, name, value);
    }

    fn basis_leaf(&mut self, name: &str, value: &str) {
        self.element(true, name, value);
    }

    fn header(&mut self, header: &Header) {
        self.leaf("BerichtCode", &header.bericht_code.to_string());
        self.leaf("BerichtVersie", &header.bericht_versie.to_string());
        self.leaf("BerichtSubversie", &header.bericht_subversie.to_string());
        self.leaf("Afzender", &header.afzender);
        self.leaf("Ontvanger", &header.ontvanger);
        self.bericht_identificatie("BerichtIdentificatie", &header.bericht_identificatie);
        self.xsd_versie("XsdVersie", &header.xsd_versie);
    }

    fn bericht_identificatie(&mut self, name: &str, id: &BerichtIdentificatie) {
        self.open(name);
        self.basis_leaf("Identificatie", &id.identificatie);
        self.basis_leaf("Dagtekening", &date(id.dagtekening));
        self.close(name);
    }

    fn xsd_versie(&mut self, name: &str, versie: &XsdVersie) {
        self.open(name);
        self.basis_leaf("BasisschemaXsdVersie", &versie.basisschema_xsd_versie);
        self.basis_leaf("BerichtXsdVersie", &versie.bericht_xsd_versie);
        self.close(name);
    }

    fn periode(&mut self, name: &str, periode: &Periode) {
        self.open(name);
        self.basis_leaf("Begindatum", &date(periode.begindatum));
        self.basis_leaf("Einddatum", &date(periode.einddatum));
        self.close(name);
    }

    fn bedrag(&mut self, name: &str, amount_name: &str, bedrag: &BedragMetDc) {
        self.open(name);
        self.basis_leaf(amount_name, &bedrag.bedrag.to_string());
        self.basis_leaf("DebetCredit", bedrag.debet_credit.code());
        self.close(name);
    }

    fn retour_codes(&mut self, codes: &[crate::formats::message::codes::RetourCode]) {
        self.open("RetourCodes");
        for code in codes {
            self.leaf("RetourCode", code.code());
        }
        self.close("RetourCodes");
    }

    fn prestatie_fields(&mut self, p: &Prestatie) {
        self.open("ProductReferentie");
        self.basis_leaf("ReferentieNummer", &p.product_referentie.referentie_nummer);
        if let Some(vorig) = &p.product_referentie.vorig_referentie_nummer {
            self.basis_leaf("VorigReferentieNummer", vorig);
        }
        self.close("ProductReferentie");
        self.leaf("ToewijzingNummer", &p.toewijzing_nummer.to_string());
        self.leaf("ProductCategorie", p.product_categorie.code());
        self.leaf("ProductCode", &p.product_code);
        self.periode("ProductPeriode", &p.product_periode);
        self.leaf("GeleverdVolume", &p.geleverd_volume.to_string());
        self.leaf("Eenheid", p.eenheid.code());
        if let Some(tarief) = p.product_tarief {
            self.leaf("ProductTarief", &tarief.to_string());
        }
        self.bedrag("IngediendBedrag", "Bedrag", &p.ingediend_bedrag);
    }

    fn declaratie(&mut self, d: &Declaratie) {
        self.open("Declaratie");
        self.leaf("DeclaratieNummer", &d.declaratie_nummer);
        self.periode("DeclaratiePeriode", &d.declaratie_periode);
        self.leaf("DeclaratieDagtekening", &date(d.declaratie_dagtekening));
        self.bedrag("TotaalIngediendBedrag", "TotaalBedrag", &d.totaal_ingediend_bedrag);
        self.open("Clienten");
        for client in &d.clienten {
            self.open("Client");
            self.leaf("Bsn", &client.bsn);
            self.open("Prestaties");
            for prestatie in &client.prestaties {
                self.open("Prestatie");
                self.prestatie_fields(prestatie);
                self.close("Prestatie");
            }
            self.close("Prestaties");
            self.close("Client");
        }
        self.close("Clienten");
        self.close("Declaratie");
    }

    fn declaratie_antwoord(&mut self, d: &DeclaratieAntwoord) {
        self.open("DeclaratieAntwoord");
        self.leaf("DeclaratieNummer", &d.declaratie_nummer);
        self.bedrag("TotaalIngediendBedrag", "TotaalBedrag", &d.totaal_ingediend_bedrag);
        self.bedrag("TotaalToegekendBedrag", "TotaalBedrag", &d.totaal_toegekend_bedrag);
        if !d.clienten.is_empty() {
            self.open("Clienten");
            for client in &d.clienten {
                self.open("Client");
                self.leaf("Bsn", &client.bsn);
                self.open("Prestaties");
                for prestatie in &client.prestaties {
                    self.open("Prestatie");
                    self.prestatie_fields(&prestatie.prestatie);
                    self.retour_codes(&prestatie.retour_codes);
                    self.close("Prestatie");
                }
                self.close("Prestaties");
                self.retour_codes(&client.retour_codes);
                self.close("Client");
            }
            self.close("Clienten");
        }
        self.retour_codes(&d.retour_codes);
        self.close("DeclaratieAntwoord");
    }
}

fn date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn escape_into(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            other => out.push(other),
        }
    }
}
