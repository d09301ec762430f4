#!/usr/bin/env python3
"""Writes tests/fixtures/broken/: small, real mutations of the shared example messages, each
with the error or finding the reader must report (tests/fixtures/broken/EXPECTED).

Run from the project root with ../shared beside it. The output is committed; rerun only to
change the corpus."""
import os
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
shared = pathlib.Path(os.environ.get("KLOPPEND_SHARED", root.parent / "shared"))
out = root / "tests" / "fixtures" / "broken"
out.mkdir(parents=True, exist_ok=True)
for old in out.glob("*"):
    old.unlink()

debet = (shared / "istandaarden/examples/wmo323_debet.xml").read_text(encoding="utf-8")
antwoord = (shared / "istandaarden/examples/wmo325_antwoord.xml").read_text(encoding="utf-8")
credit = (shared / "istandaarden/examples/wmo323_credit.xml").read_text(encoding="utf-8")

cases = []


def case(name, expectation, content):
    data = content.encode("utf-8") if isinstance(content, str) else content
    (out / f"{len(cases) + 1:02d}-{name}.xml").write_bytes(data)
    cases.append((f"{len(cases) + 1:02d}-{name}.xml", expectation))


def sub(text, old, new, count=1):
    assert old in text, old
    return text.replace(old, new, count)


# --- refused: the file cannot be read -----------------------------------------------------
case("empty", "refused:Empty", b"")
case("pdf", "refused:NotXml", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
case("csv-not-xml", "refused:NotXml", "Onderwerp;AGBnr\nDeclaratie;12345678\n")
case("truncated-half", "refused:Truncated", debet[: len(debet) // 2])
case("truncated-in-tag", "refused:Truncated", debet[: debet.index("<wmo323:Eenheid>") + 9])
case("utf16-bom", "refused:Utf16", b"\xff\xfe" + debet.encode("utf-16-le"))
case("utf16-no-bom", "refused:Utf16", debet.encode("utf-16-le"))
case("windows-1252-byte", "refused:InvalidUtf8", sub(debet, "F2025050</", "F2025050</").encode("utf-8").replace(b"<wmo323:Client>", b"<!-- \xe9 --><wmo323:Client>"))
case("encoding-latin1", "refused:UnsupportedEncoding", sub(debet, 'encoding="UTF-8"', 'encoding="ISO-8859-1"'))
case("dtd-entities", "refused:DoctypeNotAllowed", sub(debet, "?>\n", '?>\n<!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n'))
case("undeclared-entity", "refused:UnknownEntity", sub(debet, "<wmo323:ProductCode>02A01", "<wmo323:ProductCode>&lol2;"))
case("not-istandaard", "refused:NotIstandaard", sub(debet, "http://www.istandaarden.nl/iwmo/3_2/wmo323/schema", "http://example.org/declaratie"))
case("wmo301-message", "refused:OtherMessage", sub(debet, "iwmo/3_2/wmo323/schema", "iwmo/3_2/wmo301/schema"))
case("release-2-4", "refused:UnsupportedRelease", sub(debet, "iwmo/3_2/wmo323/schema", "iwmo/2_4/wmo323/schema"))
case("wrong-berichtcode", "refused:BerichtCodeMismatch", sub(debet, "<wmo323:BerichtCode>484", "<wmo323:BerichtCode>490"))
case("decimal-amount", "refused:InvalidValue", sub(debet, "<iwmo:Bedrag>48000<", "<iwmo:Bedrag>480.00<"))
case("negative-amount", "refused:InvalidValue", sub(debet, "<iwmo:Bedrag>48000<", "<iwmo:Bedrag>-48000<"))
case("date-with-zone", "refused:InvalidValue", sub(debet, "<iwmo:Dagtekening>2025-06-05<", "<iwmo:Dagtekening>2025-06-05Z<"))
case("date-with-time", "refused:InvalidValue", sub(debet, "<wmo323:DeclaratieDagtekening>2025-06-05<", "<wmo323:DeclaratieDagtekening>2025-06-05T12:00:00<"))
case("impossible-date", "refused:InvalidValue", sub(debet, "<iwmo:Einddatum>2025-05-31</iwmo:Einddatum>\n    </wmo323:DeclaratiePeriode>", "<iwmo:Einddatum>2025-02-30</iwmo:Einddatum>\n    </wmo323:DeclaratiePeriode>"))
case("out-of-order", "refused:OutOfOrder", sub(debet, "<wmo323:ToewijzingNummer>123456</wmo323:ToewijzingNummer>\n            <wmo323:ProductCategorie>02</wmo323:ProductCategorie>", "<wmo323:ProductCategorie>02</wmo323:ProductCategorie>\n            <wmo323:ToewijzingNummer>123456</wmo323:ToewijzingNummer>"))
case("missing-bsn", "refused:MissingElement", sub(debet, "<wmo323:Bsn>999900006</wmo323:Bsn>\n", ""))
case("unknown-element", "refused:UnexpectedElement", sub(debet, "<wmo323:Eenheid>04</wmo323:Eenheid>", "<wmo323:Eenheid>04</wmo323:Eenheid>\n            <wmo323:Opmerking>x</wmo323:Opmerking>"))
case("basis-element-in-message-namespace", "refused:WrongNamespace", sub(debet, "<iwmo:Identificatie>DECL2025050</iwmo:Identificatie>", "<wmo323:Identificatie>DECL2025050</wmo323:Identificatie>"))
case("mismatched-end-tag", "refused:Malformed", sub(debet, "</wmo323:ProductCode>", "</wmo323:ProductKode>"))
case("text-between-elements", "refused:UnexpectedText", sub(debet, "<wmo323:Clienten>", "<wmo323:Clienten>losse tekst"))
case("second-root", "refused:UnexpectedElement", debet + "<wmo323:Bericht/>\n")
case("zero-clients", "refused:MissingElement", debet[: debet.index("<wmo323:Clienten>")] + "<wmo323:Clienten>\n    </wmo323:Clienten>\n  </wmo323:Declaratie>\n</wmo323:Bericht>\n")

# --- loads, with findings ---------------------------------------------------------------------
case("identificatie-13-chars", "finding:XSD", sub(debet, "<iwmo:Identificatie>DECL2025050<", "<iwmo:Identificatie>DECL202505012<"))
case("agb-7-digits", "finding:XSD", sub(debet, "<wmo323:Afzender>12345678<", "<wmo323:Afzender>1234567<"))
case("declaratienummer-with-dash", "finding:CS319", sub(debet, "<wmo323:DeclaratieNummer>F2025050<", "<wmo323:DeclaratieNummer>F-2025050<"))
case("unknown-eenheid", "finding:XSD", sub(debet, "<wmo323:Eenheid>04<", "<wmo323:Eenheid>05<"))
case("jw-category-in-wmo", "finding:XSD", sub(debet, "<wmo323:ProductCategorie>02<", "<wmo323:ProductCategorie>45<"))
case("lowercase-debetcredit", "finding:XSD", sub(debet, "<iwmo:DebetCredit>D</iwmo:DebetCredit>\n            </wmo323:IngediendBedrag>", "<iwmo:DebetCredit>d</iwmo:DebetCredit>\n            </wmo323:IngediendBedrag>"))
case("berichtversie-4", "finding:CS025", sub(debet, "<wmo323:BerichtVersie>3<", "<wmo323:BerichtVersie>4<"))
case("wrong-total", "finding:TR358", sub(debet, "<iwmo:TotaalBedrag>70000<", "<iwmo:TotaalBedrag>70100<"))
case("zero-total-credit", "finding:CS325", sub(sub(sub(debet, "<iwmo:TotaalBedrag>70000</iwmo:TotaalBedrag>\n      <iwmo:DebetCredit>D", "<iwmo:TotaalBedrag>0</iwmo:TotaalBedrag>\n      <iwmo:DebetCredit>C"), "<wmo323:GeleverdVolume>8<", "<wmo323:GeleverdVolume>0<"), "<iwmo:Bedrag>48000<", "<iwmo:Bedrag>0<"))
case("period-not-whole-month", "finding:CS340", sub(debet, "<iwmo:Begindatum>2025-05-01</iwmo:Begindatum>\n      <iwmo:Einddatum>2025-05-31</iwmo:Einddatum>\n    </wmo323:DeclaratiePeriode>", "<iwmo:Begindatum>2025-05-01</iwmo:Begindatum>\n      <iwmo:Einddatum>2025-05-30</iwmo:Einddatum>\n    </wmo323:DeclaratiePeriode>"))
case("product-period-two-months", "finding:CS337", sub(debet, "<iwmo:Begindatum>2025-05-01</iwmo:Begindatum>\n              <iwmo:Einddatum>2025-05-31", "<iwmo:Begindatum>2025-04-20</iwmo:Begindatum>\n              <iwmo:Einddatum>2025-05-31"))
case("end-before-begin", "finding:TR137", sub(debet, "<iwmo:Begindatum>2025-05-01</iwmo:Begindatum>\n              <iwmo:Einddatum>2025-05-31", "<iwmo:Begindatum>2025-05-20</iwmo:Begindatum>\n              <iwmo:Einddatum>2025-05-10"))
case("product-period-after-declaration", "finding:TR319", sub(debet, "<iwmo:Begindatum>2025-05-01</iwmo:Begindatum>\n              <iwmo:Einddatum>2025-05-31", "<iwmo:Begindatum>2025-06-01</iwmo:Begindatum>\n              <iwmo:Einddatum>2025-06-30"))
case("credit-without-vorig", "finding:CD060", sub(credit, "\n              <iwmo:VorigReferentieNummer>F2025050-001</iwmo:VorigReferentieNummer>", ""))
case("debit-with-vorig", "finding:CD060", sub(debet, "<iwmo:ReferentieNummer>F2025050-001</iwmo:ReferentieNummer>", "<iwmo:ReferentieNummer>F2025050-001</iwmo:ReferentieNummer>\n              <iwmo:VorigReferentieNummer>F2025040-001</iwmo:VorigReferentieNummer>"))
case("euro-unit-with-tariff", "finding:CD087", sub(sub(debet, "<wmo323:GeleverdVolume>8<", "<wmo323:GeleverdVolume>48000<"), "<wmo323:Eenheid>04</wmo323:Eenheid>\n            <wmo323:ProductTarief>6000", "<wmo323:Eenheid>83</wmo323:Eenheid>\n            <wmo323:ProductTarief>6000"))
case("euro-unit-amount-not-volume", "finding:CS339", sub(debet, "<wmo323:Eenheid>04</wmo323:Eenheid>\n            <wmo323:ProductTarief>6000</wmo323:ProductTarief>", "<wmo323:Eenheid>83</wmo323:Eenheid>"))
case("tariff-missing", "finding:CD087", sub(debet, "\n            <wmo323:ProductTarief>6000</wmo323:ProductTarief>", ""))
case("amount-not-volume-times-tariff", "finding:TR346", sub(debet, "<wmo323:ProductTarief>6000<", "<wmo323:ProductTarief>6001<"))
case("bsn-elfproef", "finding:CS002", sub(debet, "<wmo323:Bsn>999900006<", "<wmo323:Bsn>999900007<"))
case("duplicate-referentienummer", "finding:TR101", sub(debet, "<iwmo:ReferentieNummer>F2025050-002<", "<iwmo:ReferentieNummer>F2025050-001<"))
case("credit-and-own-debit", "finding:TR316", sub(sub(sub(debet,
    "<iwmo:ReferentieNummer>F2025050-002</iwmo:ReferentieNummer>",
    "<iwmo:ReferentieNummer>F2025050-003</iwmo:ReferentieNummer>\n              <iwmo:VorigReferentieNummer>F2025050-001</iwmo:VorigReferentieNummer>"),
    "<iwmo:Bedrag>22000</iwmo:Bedrag>\n              <iwmo:DebetCredit>D", "<iwmo:Bedrag>22000</iwmo:Bedrag>\n              <iwmo:DebetCredit>C"),
    "<iwmo:TotaalBedrag>70000<", "<iwmo:TotaalBedrag>26000<"))
case("dagtekening-in-future", "finding:TR135", sub(debet, "<wmo323:DeclaratieDagtekening>2025-06-05<", "<wmo323:DeclaratieDagtekening>2099-06-05<"))
case("325-rejected-sum-wrong", "finding:TR342", sub(antwoord, "<iwmo:TotaalBedrag>48000<", "<iwmo:TotaalBedrag>50000<"))
case("325-8001-with-clients", "finding:IV087", sub(antwoord, "<wmo325:RetourCode>0200</wmo325:RetourCode>\n    </wmo325:RetourCodes>\n  </wmo325:DeclaratieAntwoord>", "<wmo325:RetourCode>8001</wmo325:RetourCode>\n    </wmo325:RetourCodes>\n  </wmo325:DeclaratieAntwoord>"))
case("325-header-only-without-0001", "finding:IV087", antwoord[: antwoord.index("  <wmo325:DeclaratieAntwoord>")] + "</wmo325:Bericht>\n")
case("325-rejected-client-without-0233", "finding:IV087", sub(antwoord, "<wmo325:RetourCode>0200</wmo325:RetourCode>\n        </wmo325:RetourCodes>\n      </wmo325:Client>", "<wmo325:RetourCode>8187</wmo325:RetourCode>\n        </wmo325:RetourCodes>\n      </wmo325:Client>"))
case("325-unknown-retourcode", "finding:XSD", sub(antwoord, "<wmo325:RetourCode>0611<", "<wmo325:RetourCode>1234<"))
# Not well-formed although every byte is valid UTF-8: XML allows no NUL.
case("nul-byte", "refused:ControlCharacter", sub(debet, "<wmo323:Client>", "<wmo323:Client>\x00"))

with open(out / "EXPECTED", "w", encoding="utf-8") as f:
    f.write("# file<TAB>expectation (refused:<ReadErrorKind> or finding:<rule code>); written by scripts/make-broken-corpus.py\n")
    for name, expectation in cases:
        f.write(f"{name}\t{expectation}\n")
print(f"{len(cases)} files in {out}")
