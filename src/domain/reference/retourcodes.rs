//! WJ001 retourcodes: the official short description plus Kloppend's own plain-Dutch explanation and advice.
//!
//! A 325 (declaratie-antwoord) only lists rejected parts of a 323 declaration; every part carries one
//! or more WJ001 retourcodes. This module maps each code to its official description (`omschrijving`,
//! copied verbatim from the code list) and to Kloppend's own explanation (`uitleg`) and advice (`advies`)
//! for a small care practice.
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Betekenis {
    /// 0200: no remark on this part; 8001: declaration fully approved.
    Goedgekeurd,
    /// 0233: this part was not assessed because a parent part was rejected.
    NietBeoordeeld,
    /// 0001: the message was rejected for technical reasons; nothing processed, counts as not sent.
    TechnischAfgekeurd,
    /// Any other code: the part it is attached to is rejected.
    Afgewezen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RetourCodeInfo {
    pub code: &'static str,
    /// The official description from the code list (copy it exactly as given below).
    pub omschrijving: &'static str,
    /// Plain-Dutch explanation for a one-person care practice: what went wrong, in your own words (1–3 sentences).
    pub uitleg: &'static str,
    /// What to do now, concretely (1–3 sentences), in plain Dutch.
    pub advies: &'static str,
    pub betekenis: Betekenis,
}

/// All WJ001 retourcodes, sorted by `code` (byte order), so [`lookup`] can binary-search.
pub(crate) static RETOURCODES: &[RetourCodeInfo] = &[
    RetourCodeInfo {
        code: "0001",
        omschrijving: "Bericht is afgekeurd om technische redenen.",
        uitleg: "De gemeente kon het hele bericht om technische redenen niet verwerken, bijvoorbeeld omdat het bestand niet voldoet aan de regels van de iWmo- of iJw-standaard. Er is niets beoordeeld of betaald: de declaratie geldt als niet verstuurd.",
        advies: "Zoek uit wat er technisch mis is (vraag het zo nodig na bij de gemeente), herstel het bestand en verstuur de declaratie opnieuw. Omdat er niets is verwerkt, hoef je niets te crediteren (terug te boeken).",
        betekenis: Betekenis::TechnischAfgekeurd,
    },
    RetourCodeInfo {
        code: "0200",
        omschrijving: "Geen opmerking over deze berichtklasse.",
        uitleg: "De gemeente heeft geen opmerking over dit onderdeel zelf. Staan er onder dit onderdeel regels met een andere code, dan zijn alleen die regels afgekeurd.",
        advies: "Aan dit onderdeel hoef je niets te doen. Kijk wel naar de codes bij de onderliggende regels, als die er zijn.",
        betekenis: Betekenis::Goedgekeurd,
    },
    RetourCodeInfo {
        code: "0233",
        omschrijving: "Berichtklasse is niet beoordeeld.",
        uitleg: "De gemeente heeft dit onderdeel niet beoordeeld, omdat een hoger onderdeel (bijvoorbeeld de cliënt of de hele declaratie) al is afgekeurd. Het is dus niet betaald, maar met dit onderdeel zelf hoeft niets mis te zijn.",
        advies: "Los eerst de fout op die bij het hogere onderdeel wordt genoemd. Declareer deze regel daarna opnieuw met een nieuw referentienummer; crediteren is niet nodig, want de regel is nooit goedgekeurd.",
        betekenis: Betekenis::NietBeoordeeld,
    },
    RetourCodeInfo {
        code: "0611",
        omschrijving: "Het ingediende tarief komt niet overeen met het contractuele tarief",
        uitleg: "Het tarief op deze regel wijkt af van het tarief dat je in het contract met de gemeente hebt afgesproken. Daarom is de regel afgekeurd.",
        advies: "Zoek het juiste tarief op in je contract of in de tarievenlijst van de gemeente en pas het producttarief en het bedrag aan. Declareer de regel daarna opnieuw met een nieuw referentienummer.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "8001",
        omschrijving: "Declaratie is volledig toegewezen.",
        uitleg: "De gemeente heeft je hele declaratie goedgekeurd: alle regels zijn akkoord. De gemeente betaalt het gedeclareerde bedrag volgens de afspraken die je met haar hebt.",
        advies: "Je hoeft niets te doen. Controleer later wel of de betaling op je rekening is binnengekomen.",
        betekenis: Betekenis::Goedgekeurd,
    },
    RetourCodeInfo {
        code: "8017",
        omschrijving: "Van deze credit prestatie is geen debet prestatie bekend.",
        uitleg: "Dit is een creditregel (een terugboeking), maar de gemeente kent de oorspronkelijke debetregel niet waar deze terugboeking bij hoort. Een creditregel moet altijd verwijzen naar een eerder goedgekeurde regel bij dezelfde gemeente.",
        advies: "Controleer of het vorige referentienummer (VorigReferentieNummer) precies gelijk is aan het referentienummer van een goedgekeurde regel bij deze gemeente. Was de oorspronkelijke regel afgekeurd, dan hoef je niets terug te boeken; anders verstuur je de creditregel opnieuw met het juiste vorige referentienummer en een nieuw referentienummer.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "8021",
        omschrijving: "Referentienummer prestatie is reeds aangeleverd.",
        uitleg: "Het referentienummer (het unieke nummer van een declaratieregel) van deze regel heb je al eerder gebruikt. Elke regel moet een eigen nummer hebben, ook een verbeterde versie van een afgekeurde regel.",
        advies: "Geef de regel een nieuw, nog niet gebruikt referentienummer en declareer hem opnieuw. Kijk ook in je archief of je deze zorg niet al eerder met succes hebt gedeclareerd.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "8187",
        omschrijving: "De prestatie hoort niet bij deze client.",
        uitleg: "Volgens de gemeente hoort deze regel niet bij de cliënt waaronder hij in de declaratie staat. Meestal hoort het toewijzingsnummer bij een andere cliënt of klopt het BSN niet.",
        advies: "Vergelijk het BSN en het toewijzingsnummer met de toewijzing (het 301-bericht) van deze cliënt. Zet de regel onder de juiste cliënt en declareer hem opnieuw met een nieuw referentienummer.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "8214",
        omschrijving: "DeclaratiePeriode is niet de kalendermaand die volgt op voorgaande DeclaratiePeriode terwijl iedere declaratieperiode zorg geleverd is.",
        uitleg: "Deze declaratie sluit niet aan op je vorige declaratie: er lijkt een maand over te zijn geslagen, terwijl je wel elke maand zorg hebt geleverd. In dat geval moet je de maanden op volgorde declareren.",
        advies: "Dien eerst de declaratie in voor de maand of maanden die ontbreken. Declareer daarna deze maand opnieuw, met nieuwe referentienummers voor de regels.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "8848",
        omschrijving: "Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen.",
        uitleg: "In het bericht staat een datum in de toekomst, meestal de dagtekening (de datum waarop je het bericht hebt gemaakt). Een bericht mag niet later gedateerd zijn dan de dag waarop de gemeente het verwerkt.",
        advies: "Zet de dagtekening op vandaag of een eerdere datum en verstuur de declaratie opnieuw. Controleer ook of de datum en tijd van je computer goed staan.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9019",
        omschrijving: "Het regie bericht kan niet gekoppeld worden aan een toewijzing.",
        uitleg: "Deze code betekent dat een start- of stopbericht (een zogenoemd regiebericht) niet aan een toewijzing van de gemeente gekoppeld kon worden, bijvoorbeeld door een onbekend toewijzingsnummer.",
        advies: "Deze code hoort normaal bij een bericht over start of stop zorg (305 of 307), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9056",
        omschrijving: "Identificatie moet per berichtsoort uniek zijn voor de verzendende partij.",
        uitleg: "De berichtidentificatie (het nummer van het bericht zelf) heb je al eens gebruikt voor een ander declaratiebericht. Elk bericht moet een eigen nummer hebben, anders wordt het niet verwerkt.",
        advies: "Geef het bericht een nieuwe, unieke berichtidentificatie en verstuur het opnieuw. Het bericht is niet verwerkt, dus je hoeft niets te crediteren.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9063",
        omschrijving: "Het bericht kan niet verwerkt worden omdat geen eerder bericht ontvangen is.",
        uitleg: "Deze code betekent dat een bericht voortbouwt op een eerder bericht (bijvoorbeeld een correctie of verwijdering), terwijl de gemeente dat eerdere bericht nooit heeft ontvangen.",
        advies: "Deze code hoort normaal bij een bericht over start of stop zorg (305 of 307), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9069",
        omschrijving: "Er is geen actueel startbericht met dezelfde sleutel.",
        uitleg: "Deze code betekent dat er een stopbericht is gestuurd, terwijl de gemeente geen geldig startbericht heeft voor dezelfde cliënt, toewijzing en begindatum.",
        advies: "Deze code hoort normaal bij een bericht over start of stop zorg (305 of 307), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9071",
        omschrijving: "Het eerdere start bericht kan niet verwijderd worden omdat de zorg al beeindigd is",
        uitleg: "Deze code betekent dat je een eerder startbericht wilde verwijderen, terwijl die zorg al met een stopbericht is beëindigd. Dat kan niet zolang dat stopbericht er nog is.",
        advies: "Deze code hoort normaal bij een bericht over start of stop zorg (305 of 307), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9074",
        omschrijving: "Er is al een eerder bericht ontvangen met dezelfde sleutel.",
        uitleg: "Deze code betekent dat de gemeente al een start- of stopbericht had ontvangen met dezelfde sleutel (dezelfde cliënt, toewijzing en begindatum). Het nieuwe bericht is dus dubbel.",
        advies: "Deze code hoort normaal bij een bericht over start of stop zorg (305 of 307), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9307",
        omschrijving: "Begindatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing",
        uitleg: "De begindatum van de productperiode op deze regel ligt buiten de looptijd van de toewijzing. Je mag alleen zorg declareren die valt tussen de ingangsdatum en de einddatum van de toewijzing.",
        advies: "Zoek de toewijzing (het 301-bericht) op en laat de regel niet eerder beginnen dan de ingangsdatum. Heb je echt al eerder zorg geleverd, vraag de gemeente dan de toewijzing aan te passen; declareer de regel daarna opnieuw met een nieuw referentienummer.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9308",
        omschrijving: "Einddatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing",
        uitleg: "De einddatum van de productperiode op deze regel ligt buiten de looptijd van de toewijzing. Je mag alleen zorg declareren die valt tussen de ingangsdatum en de einddatum van de toewijzing.",
        advies: "Zoek de toewijzing (het 301-bericht) op en laat de regel niet later eindigen dan de einddatum. Heb je echt langer zorg geleverd, vraag de gemeente dan de toewijzing te verlengen; declareer de regel daarna opnieuw met een nieuw referentienummer.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9319",
        omschrijving: "De ProductPeriode valt niet geheel binnen een DeclaratiePeriode.",
        uitleg: "De productperiode van deze regel loopt over meer dan één declaratieperiode, bijvoorbeeld van eind januari tot half februari. Elke regel mag maar over één kalendermaand gaan.",
        advies: "Splits de regel op per kalendermaand, zodat elke regel binnen één maand valt. Declareer de nieuwe regels, elk met een eigen nieuw referentienummer.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9321",
        omschrijving: "Het ingediende volume overschrijdt het toegewezen volume.",
        uitleg: "Op deze regel declareer je meer dan de gemeente in de toewijzing heeft toegekend, bijvoorbeeld meer uren of dagdelen dan is toegestaan.",
        advies: "Declareer maximaal de hoeveelheid uit de toewijzing, met een nieuw referentienummer. Heb je echt meer zorg geleverd of is er meer nodig, vraag de gemeente dan om een hogere toewijzing.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9322",
        omschrijving: "De som van de ingediende volumes overschrijdt het toegewezen volume",
        uitleg: "Alle regels samen die je voor deze toewijzing hebt gedeclareerd, komen boven de toegewezen hoeveelheid uit. Deze regel past daardoor niet meer binnen de toewijzing.",
        advies: "Tel op wat er voor deze toewijzing al is goedgekeurd en declareer alleen wat er nog binnen past, met een nieuw referentienummer. Is er meer zorg nodig, vraag de gemeente dan om een hogere toewijzing.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9326",
        omschrijving: "De actuele levering is nog niet gestopt met een Stopbericht.",
        uitleg: "Deze code betekent dat er een nieuw startbericht is gestuurd, terwijl de vorige levering van dezelfde zorg nog niet met een stopbericht is afgesloten.",
        advies: "Deze code hoort normaal bij een bericht over start of stop zorg (305 of 307), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9332",
        omschrijving: "Toewijzing heeft geen uniek nummer binnen wettelijk domein.",
        uitleg: "Deze code betekent dat het toewijzingsnummer in een toewijzing al voor een andere toewijzing is gebruikt binnen dezelfde wet (Wmo of Jeugdwet). Een toewijzingsnummer moet uniek zijn.",
        advies: "Deze code hoort normaal bij een toewijzingsbericht (301) van de gemeente, niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9333",
        omschrijving: "Declaratienummer is niet uniek",
        uitleg: "Het declaratienummer van deze declaratie heb je al eens eerder gebruikt. Daarom is de hele declaratie afgekeurd en is er niets verwerkt.",
        advies: "Verstuur de declaratie opnieuw met een nieuw, uniek declaratienummer. Omdat er niets is verwerkt, hoef je niets te crediteren.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9338",
        omschrijving: "Niet iedere prestatie in een declaratiebericht is gerelateerd aan een toegewezen product op basis van het toewijzingnummer",
        uitleg: "De gemeente kan deze regel niet koppelen aan een product dat zij aan jou heeft toegewezen. Meestal klopt het toewijzingsnummer op de regel niet.",
        advies: "Controleer het toewijzingsnummer, de productcategorie, de productcode en de eenheid aan de hand van de toewijzing (het 301-bericht). Verbeter de regel en declareer hem opnieuw met een nieuw referentienummer.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9339",
        omschrijving: "ProductCategorie in de prestatie is niet gelijk aan ProductCategorie in het ToegewezenProduct.",
        uitleg: "De productcategorie op deze regel is anders dan de productcategorie in de toewijzing waar de regel bij hoort.",
        advies: "Neem de productcategorie precies over uit de toewijzing (het 301-bericht) en controleer ook het toewijzingsnummer. Declareer de regel daarna opnieuw met een nieuw referentienummer.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9340",
        omschrijving: "ProductCode in de Prestatie is niet gelijk aan ProductCode in het ToegewezenProduct.",
        uitleg: "De productcode op deze regel is anders dan de productcode in de toewijzing waar de regel bij hoort.",
        advies: "Neem de productcode precies over uit de toewijzing (het 301-bericht) en controleer ook het toewijzingsnummer. Declareer de regel daarna opnieuw met een nieuw referentienummer.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9341",
        omschrijving: "Eenheid in de Prestatie past niet bij Eenheid in het ToegewezenProduct",
        uitleg: "De eenheid op deze regel (bijvoorbeeld minuten, uren of etmalen) past niet bij de eenheid in de toewijzing waar de regel bij hoort.",
        advies: "Gebruik de eenheid uit de toewijzing (het 301-bericht) en reken het volume en het bedrag zo nodig om. Declareer de regel daarna opnieuw met een nieuw referentienummer.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9346",
        omschrijving: "Eenheid is ongelijk is aan waarde 83 (Euro's), maar IngediendBedrag is niet gelijk aan GeleverdVolume vermenigvuldigd met (het onafgeronde) ProductTarief.",
        uitleg: "Het bedrag op deze regel is niet gelijk aan het geleverde volume keer het producttarief. Bij elke eenheid behalve euro's moet dat bedrag precies kloppen.",
        advies: "Reken het bedrag opnieuw uit als geleverd volume keer producttarief en pas het ingediende bedrag aan. Declareer de regel daarna opnieuw met een nieuw referentienummer.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9347",
        omschrijving: "ReferentieAanbieder is niet uniek voor de aanbieder binnen het wettelijk domein",
        uitleg: "Deze code betekent dat het eigen kenmerk van een verzoek (ReferentieAanbieder) al eerder is gebruikt. Elk verzoek om toewijzing of wijziging moet een eigen kenmerk hebben.",
        advies: "Deze code hoort normaal bij een verzoek om toewijzing (315) of een verzoek om wijziging (317), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9349",
        omschrijving: "Het VOW bericht bevat niet alle actuele toegewezen producten van de client, hetzij in OngewijzigdProduct, hetzij in TeWijzigenProduct",
        uitleg: "Deze code betekent dat een verzoek om wijziging niet alle producten bevat die de cliënt op dit moment toegewezen heeft. Elk actueel product moet erin staan, als ongewijzigd of als te wijzigen product.",
        advies: "Deze code hoort normaal bij een verzoek om wijziging (317), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9350",
        omschrijving: "OngewijzigdProduct is niet gerelateerd aan een actueel toegewezen product op basis van het toewijzingnummer.",
        uitleg: "Deze code betekent dat een verzoek om wijziging een ongewijzigd product noemt waarvan het toewijzingsnummer niet hoort bij een actuele toewijzing van de cliënt.",
        advies: "Deze code hoort normaal bij een verzoek om wijziging (317), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9351",
        omschrijving: "TeWijzigenProduct is niet gerelateerd aan een actuele toewijzing op basis van ToewijzingNummer.",
        uitleg: "Deze code betekent dat een verzoek om wijziging een te wijzigen product noemt waarvan het toewijzingsnummer niet hoort bij een actuele toewijzing van de cliënt.",
        advies: "Deze code hoort normaal bij een verzoek om wijziging (317), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9355",
        omschrijving: "ReferentieAanbieder in het antwoordbericht komt niet voor in een eerder verzoek om toewijzing of verzoek om wijziging",
        uitleg: "Deze code betekent dat een antwoordbericht van de gemeente verwijst naar een kenmerk (ReferentieAanbieder) dat niet voorkomt in een verzoek om toewijzing of wijziging dat jij hebt gestuurd.",
        advies: "Deze code hoort normaal bij een antwoordbericht (319) van de gemeente op een verzoek om toewijzing of wijziging, niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9357",
        omschrijving: "GewensteIngangsdatum is kleiner dan of gelijk aan de dagtekening, maar niet gelijk aan de ingangsdatum van het originele ToegewezenProduct.",
        uitleg: "Deze code betekent dat in een verzoek om wijziging de gewenste ingangsdatum op of vóór de datum van het bericht ligt, terwijl die niet gelijk is aan de oorspronkelijke ingangsdatum van het product. Met terugwerkende kracht wijzigen mag alleen vanaf die oorspronkelijke ingangsdatum.",
        advies: "Deze code hoort normaal bij een verzoek om wijziging (317), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9359",
        omschrijving: "Er is al een toewijzing gestuurd met deze ReferentieAanbieder.",
        uitleg: "Deze code betekent dat er voor dit kenmerk van een verzoek (ReferentieAanbieder) al een toewijzing is gestuurd. Een antwoordbericht met hetzelfde kenmerk is dan niet meer toegestaan.",
        advies: "Deze code hoort normaal bij een antwoordbericht (319) van de gemeente op een verzoek om toewijzing of wijziging, niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9360",
        omschrijving: "Er is al een antwoordbericht met deze ReferentieAanbieder, terwijl antwoordbericht in VerzoekAntwoord waarde 2 (aanvraag in onderzoek) heeft.",
        uitleg: "Deze code betekent dat de gemeente een antwoordbericht met de melding aanvraag in onderzoek stuurde, terwijl er op hetzelfde verzoek al eerder een antwoord was gestuurd. Die melding mag alleen het eerste antwoord zijn.",
        advies: "Deze code hoort normaal bij een antwoordbericht (319) van de gemeente op een verzoek om toewijzing of wijziging, niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9361",
        omschrijving: "Het product komt vaker voor met overlappende zorgperiodes.",
        uitleg: "Deze code betekent dat in een verzoek om wijziging hetzelfde product meer dan eens voorkomt, met periodes die elkaar overlappen. Dat is niet toegestaan.",
        advies: "Deze code hoort normaal bij een verzoek om wijziging (317), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9365",
        omschrijving: "Er is al een antwoordbericht met dezelfde ReferentieAanbieder waar VerzoekAntwoord niet de waarde 'Aanvraag in onderzoek' heeft.",
        uitleg: "Deze code betekent dat er op dit verzoek al een definitief antwoord is gestuurd (dus niet alleen aanvraag in onderzoek). Daarna mag er geen nieuw antwoordbericht met hetzelfde kenmerk meer komen.",
        advies: "Deze code hoort normaal bij een antwoordbericht (319) van de gemeente op een verzoek om toewijzing of wijziging, niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9366",
        omschrijving: "ProductReferentie komt niet voor in een Declaratiebericht",
        uitleg: "Het declaratie-antwoord noemt een regel (via de ProductReferentie) die niet voorkomt in een declaratie die jij hebt gestuurd. Dit wijst meestal op een fout in het antwoordbericht van de gemeente, niet in jouw declaratie.",
        advies: "Zoek in je archief op welke declaratie en regel bedoeld kunnen zijn. Kun je de regel niet vinden, neem dan contact op met de gemeente en vraag om een correct antwoord.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9367",
        omschrijving: "De waarde komt niet overeen met de waarde uit heenbericht met gelijke ProductReferentie",
        uitleg: "Een gegeven in het declaratie-antwoord komt niet overeen met hetzelfde gegeven op de regel met dezelfde ProductReferentie in jouw oorspronkelijke declaratie. Het antwoord en je declaratie spreken elkaar dus tegen.",
        advies: "Vergelijk de regel in het antwoord met de regel in je verstuurde declaratie. Klopt jouw declaratie, neem dan contact op met de gemeente en vraag om een correct antwoord.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9369",
        omschrijving: "Budget is meegegeven, maar de som van GeleverdVolume in alle ingediende Prestaties passen niet binnen het toegewezen Budget.",
        uitleg: "Voor deze toewijzing is een budget (een maximumbedrag) afgesproken, en alle regels samen die je hebt gedeclareerd passen daar niet meer in.",
        advies: "Bekijk hoeveel van het budget al is gebruikt en declareer alleen wat er nog binnen past, met een nieuw referentienummer. Is er meer nodig, vraag de gemeente dan om een hoger budget.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9373",
        omschrijving: "Budget is gewijzigd, maar GewensteIngangsdatum is niet gelijk aan die in de actuele toewijzing",
        uitleg: "Deze code betekent dat een verzoek om wijziging het budget aanpast, maar met een andere gewenste ingangsdatum dan in de huidige toewijzing. Bij een budgetwijziging moet die datum gelijk blijven.",
        advies: "Deze code hoort normaal bij een verzoek om wijziging (317), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9374",
        omschrijving: "Er is al een verzoek onderhanden.",
        uitleg: "Deze code betekent dat er een nieuw verzoek om toewijzing of wijziging is gestuurd, terwijl de gemeente een eerder verzoek nog aan het behandelen is.",
        advies: "Deze code hoort normaal bij een verzoek om toewijzing (315) of een verzoek om wijziging (317), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9375",
        omschrijving: "Omvang is gevuld, terwijl Product in toewijzing met ToewijzingNummer leeg is en Einddatum groter dan 31-12-2020 of leeg is",
        uitleg: "Deze code betekent dat in een verzoek om wijziging een omvang (hoeveel zorg) is ingevuld, terwijl de bijbehorende toewijzing geen productcode heeft en na 31-12-2020 doorloopt of geen einddatum heeft. Bij zo'n toewijzing hoort geen omvang.",
        advies: "Deze code hoort normaal bij een verzoek om wijziging (317), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9379",
        omschrijving: "ReferentieAanbieder refereert niet naar een verzoek om toewijzing of verzoek om wijziging, is onterecht gevuld",
        uitleg: "Deze code betekent dat een toewijzing van de gemeente een kenmerk (ReferentieAanbieder) bevat dat niet hoort bij een verzoek om toewijzing of wijziging van jou. Dat veld had leeg moeten blijven.",
        advies: "Deze code hoort normaal bij een toewijzingsbericht (301) van de gemeente, niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9384",
        omschrijving: "Declaratie op toewijzing met RedenWijziging \"13\" (Verwijderd)",
        uitleg: "Je declareert op een toewijzing die de gemeente heeft verwijderd (reden wijziging 13). Voor de gemeente bestaat die toewijzing niet meer, dus kan zij er niet op betalen.",
        advies: "Neem contact op met de gemeente en vraag waarom de toewijzing is verwijderd en of je een nieuwe toewijzing krijgt. Declareer daarna op de juiste toewijzing, met een nieuw referentienummer.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9385",
        omschrijving: "Toewijzing heeft goedgekeurde declaratieregels",
        uitleg: "Deze code betekent dat de gemeente een toewijzing wilde verwijderen, terwijl er al goedgekeurde declaratieregels op die toewijzing staan. Zo'n toewijzing kan niet zomaar worden verwijderd.",
        advies: "Deze code hoort normaal bij een toewijzingsbericht (301) van de gemeente, niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9387",
        omschrijving: "Begindatum van de ProductPeriode is niet eerste dag van de kalendermaand waarop ProductPeriode betrekking heeft en Ingangsdatum van de toewijzing ligt niet later in deze betreffende maand",
        uitleg: "De productperiode van deze regel begint niet op de eerste dag van de maand, terwijl de toewijzing niet later in die maand ingaat. Een regel beslaat in principe de hele kalendermaand, behalve als de toewijzing halverwege de maand begint.",
        advies: "Laat de productperiode beginnen op de eerste dag van de maand, of op de ingangsdatum van de toewijzing als die later in de maand ligt (dus niet op de datum van je eerste afspraak). Declareer de regel daarna opnieuw met een nieuw referentienummer.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9388",
        omschrijving: "Einddatum van de ProductPeriode is niet laatste dag van de kalendermaand waarop ProductPeriode betrekking heeft en Einddatum van de toewijzing ligt niet eerder in deze betreffende maand.",
        uitleg: "De productperiode van deze regel eindigt niet op de laatste dag van de maand, terwijl de toewijzing niet eerder in die maand afloopt. Een regel beslaat in principe de hele kalendermaand, behalve als de toewijzing halverwege de maand stopt.",
        advies: "Laat de productperiode eindigen op de laatste dag van de maand, of op de einddatum van de toewijzing als die eerder in de maand ligt (dus niet op de datum van je laatste afspraak). Declareer de regel daarna opnieuw met een nieuw referentienummer.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9389",
        omschrijving: "Deze prestatie heeft een debetprestatie zonder bijbehorende creditprestatie",
        uitleg: "Je hebt voor dezelfde periode, hetzelfde product en dezelfde toewijzing al eerder een regel gedeclareerd die niet is teruggeboekt (gecrediteerd). Een tweede gewone declaratieregel (debetregel) voor dezelfde zorg wordt daarom afgekeurd.",
        advies: "Wil je de eerdere regel vervangen, crediteer (boek terug) die dan eerst en declareer daarna de nieuwe regel met een nieuw referentienummer. Klopte de eerdere regel al, dan hoef je niets te doen: je had dezelfde zorg dubbel gedeclareerd.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9390",
        omschrijving: "Er is al een Prestatie met gelijk ProductReferentie met waarde Credit",
        uitleg: "De regel die je wilt terugboeken (crediteren) is al eerder teruggeboekt. Een regel kan maar één keer worden gecrediteerd.",
        advies: "Meestal hoef je niets te doen; controleer in je archief of de eerdere creditregel klopte. Was die terugboeking onterecht, declareer de zorg dan opnieuw als nieuwe regel met een nieuw referentienummer.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9411",
        omschrijving: "Omvang is leeg, terwijl Code in Product bij de toewijzing met ToewijzingNummer gevuld is.",
        uitleg: "Deze code betekent dat in een verzoek om wijziging geen omvang (hoeveel zorg) is ingevuld voor een toewijzing met een productcode. Bij zo'n toewijzing is de omvang verplicht.",
        advies: "Deze code hoort normaal bij een verzoek om wijziging (317), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9412",
        omschrijving: "Omvang is niet leeg, terwijl Code in Product bij de toewijzing met ToewijzingNummer leeg is en einddatum groter dan 31-12-2020 of leeg is",
        uitleg: "Deze code betekent dat in een verzoek om wijziging een omvang (hoeveel zorg) is ingevuld voor een toewijzing zonder productcode die na 31-12-2020 doorloopt of geen einddatum heeft. Bij zo'n toewijzing moet de omvang leeg blijven.",
        advies: "Deze code hoort normaal bij een verzoek om wijziging (317), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9413",
        omschrijving: "StatusAanlevering is waarde 1 of 2 en RedenBeeindiging heeft waarde 20, terwijl er al een ander StopProduct met hetzelfde Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging waarde 20 is.",
        uitleg: "Deze code betekent dat er een stopbericht is gestuurd met reden 20 (levering tijdelijk beëindigd), terwijl er voor dezelfde cliënt, toewijzing en begindatum al zo'n tijdelijke stop is.",
        advies: "Deze code hoort normaal bij een bericht over start of stop zorg (305 of 307), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9414",
        omschrijving: "Einddatum is niet >= aan Einddatum uit actuele StopProduct met gelijk Bsn, ToewijzingNummer en Begindatum",
        uitleg: "Deze code betekent dat een stopbericht een einddatum heeft die vóór de einddatum van het eerdere stopbericht voor dezelfde cliënt, toewijzing en begindatum ligt. Dat is niet toegestaan.",
        advies: "Deze code hoort normaal bij een bericht over start of stop zorg (305 of 307), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "9415",
        omschrijving: "Er is al een StopProduct met gelijk Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging <> waarde 20 en StatusAanlevering heeft waarde 1 of 2.",
        uitleg: "Deze code betekent dat er voor dezelfde cliënt, toewijzing en begindatum al een definitief stopbericht is, met een andere reden dan een tijdelijke stop. Een extra stopbericht is dan niet toegestaan.",
        advies: "Deze code hoort normaal bij een bericht over start of stop zorg (305 of 307), niet bij een declaratie. Zie je hem toch op een declaratie-antwoord, neem dan contact op met de gemeente.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "S300",
        omschrijving: "Gemeentecode komt niet voor in de lijst van CBS.",
        uitleg: "De gemeentecode in het bericht (bij de ontvanger) komt niet voor in de officiële gemeentelijst van het CBS. Elke gemeente heeft een vaste code van vier cijfers, bijvoorbeeld 0363 voor Amsterdam.",
        advies: "Zoek de juiste viercijferige CBS-code van de gemeente op en vul die in bij de ontvanger. Verstuur de declaratie daarna opnieuw.",
        betekenis: Betekenis::Afgewezen,
    },
    RetourCodeInfo {
        code: "S329",
        omschrijving: "ProductCode hoort niet bij de ProductCategorie.",
        uitleg: "De productcode op deze regel hoort niet bij de productcategorie die je hebt ingevuld. Elke productcode valt onder één vaste productcategorie.",
        advies: "Neem de productcategorie en de productcode samen over uit de toewijzing (het 301-bericht) of uit de productcodelijst van de gemeente. Declareer de regel daarna opnieuw met een nieuw referentienummer.",
        betekenis: Betekenis::Afgewezen,
    },
];

/// The field of a line a rejection is about, when it is one field: what a re-declaration has
/// to change, or the gemeente rejects it again for the same reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Veld {
    Tarief,
    Product,
    Periode,
    Eenheid,
    Volume,
}

impl Veld {
    /// "het tarief", "de periode": in a sentence.
    pub fn naam(self) -> &'static str {
        match self {
            Veld::Tarief => "het tarief",
            Veld::Product => "de productcode",
            Veld::Periode => "de periode",
            Veld::Eenheid => "de eenheid",
            Veld::Volume => "het volume",
        }
    }
}

/// 0611 tariff (TR418), 9339/9340 product (TR339/TR340), 9307/9308/9387/9388 period
/// (TR307/TR308/TR387/TR388), 9341 unit (TR341), 9321/9322 volume (TR321/TR322).
pub fn veld(code: &str) -> Option<Veld> {
    Some(match code {
        "0611" => Veld::Tarief,
        "9339" | "9340" => Veld::Product,
        "9307" | "9308" | "9387" | "9388" => Veld::Periode,
        "9341" => Veld::Eenheid,
        "9321" | "9322" => Veld::Volume,
        _ => return None,
    })
}

/// Looks up a retourcode (for example `"0611"`) in [`RETOURCODES`].
pub fn lookup(code: &str) -> Option<&'static RetourCodeInfo> {
    RETOURCODES.binary_search_by(|info| info.code.cmp(code)).ok().map(|index| &RETOURCODES[index])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_without_duplicates() {
        for pair in RETOURCODES.windows(2) {
            assert!(pair[0].code < pair[1].code, "{} en {} staan niet strikt oplopend", pair[0].code, pair[1].code);
        }
    }

    #[test]
    fn table_has_59_entries() {
        assert_eq!(RETOURCODES.len(), 59);
    }

    #[test]
    fn lookup_finds_known_code() {
        let info = lookup("0611").expect("0611 moet bestaan");
        assert_eq!(info.code, "0611");
        assert_eq!(info.omschrijving, "Het ingediende tarief komt niet overeen met het contractuele tarief");
        assert_eq!(info.betekenis, Betekenis::Afgewezen);
    }

    #[test]
    fn lookup_finds_every_code() {
        for info in RETOURCODES {
            assert_eq!(lookup(info.code), Some(info));
        }
    }

    #[test]
    fn lookup_unknown_code_is_none() {
        assert!(lookup("XXXX").is_none());
        assert!(lookup("").is_none());
    }

    #[test]
    fn texts_are_filled_and_end_with_period() {
        for info in RETOURCODES {
            assert_eq!(info.code.len(), 4, "code {} moet 4 tekens hebben", info.code);
            assert!(!info.omschrijving.trim().is_empty(), "{}: lege omschrijving", info.code);
            for (naam, tekst) in [("uitleg", info.uitleg), ("advies", info.advies)] {
                assert!(!tekst.trim().is_empty(), "{}: lege {naam}", info.code);
                assert!(tekst.ends_with('.'), "{}: {naam} eindigt niet met een punt", info.code);
            }
        }
    }

    #[test]
    fn betekenis_per_code() {
        for info in RETOURCODES {
            let verwacht = match info.code {
                "0200" | "8001" => Betekenis::Goedgekeurd,
                "0233" => Betekenis::NietBeoordeeld,
                "0001" => Betekenis::TechnischAfgekeurd,
                _ => Betekenis::Afgewezen,
            };
            assert_eq!(info.betekenis, verwacht, "verkeerde betekenis voor {}", info.code);
        }
    }
}
