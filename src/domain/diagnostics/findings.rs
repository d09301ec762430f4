//! Findings: what is wrong in a message (or between messages), as data the UI can list.
//!
//! A finding names the rule, how serious it is, the element it is about (as a logical
//! path), and a Dutch text. Line and column are filled in afterwards from the source bytes
//! ([`locate`]), so the validator can run on models that never were a file.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

pub use crate::diagnostics::rules::Rule;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    /// The receiver (VECOZO or the gemeente) will refuse this.
    Error,
    /// Probably wrong, or a risk for a later message.
    Warning,
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "Fout",
            Severity::Warning => "Waarschuwing",
            Severity::Info => "Info",
        }
    }
}

/// The part of a message a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    Bericht,
    Header,
    /// `Declaratie` in a 323, `DeclaratieAntwoord` in a 325.
    Declaratie,
    Client(usize),
    Prestatie {
        client: usize,
        prestatie: usize,
    },
}

/// A logical element path: a scope plus a relative element path such as
/// `IngediendBedrag/Bedrag` (empty for the scope element itself).
/// The element is borrowed from the validator's literals; a finding that crossed from the
/// analysis worker owns its copy.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ElementPath {
    pub scope: Scope,
    pub element: Cow<'static, str>,
}

impl ElementPath {
    pub fn new(scope: Scope, element: &'static str) -> Self {
        ElementPath { scope, element: Cow::Borrowed(element) }
    }

    /// `/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[2]/IngediendBedrag`.
    /// `body` is the message's body element under `Bericht` (`Soort::body_element`).
    pub fn render(&self, body: &str) -> String {
        let declaratie = format!("/Bericht/{body}");
        let mut path = match self.scope {
            Scope::Bericht => "/Bericht".to_string(),
            Scope::Header => "/Bericht/Header".to_string(),
            Scope::Declaratie => declaratie.to_string(),
            Scope::Client(c) => format!("{declaratie}/Clienten/Client[{}]", c + 1),
            Scope::Prestatie { client, prestatie } => {
                format!("{declaratie}/Clienten/Client[{}]/Prestaties/Prestatie[{}]", client + 1, prestatie + 1)
            }
        };
        if !self.element.is_empty() {
            path.push('/');
            path.push_str(&self.element);
        }
        path
    }
}

/// 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "regel {}, kolom {}", self.line, self.column)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub path: ElementPath,
    /// Dutch: what is wrong, with the values involved.
    pub message: String,
    pub location: Option<Location>,
}

impl Finding {
    pub fn new(rule: Rule, severity: Severity, path: ElementPath, message: impl Into<String>) -> Self {
        Finding { rule, severity, path, message: message.into(), location: None }
    }

    pub fn error(rule: Rule, path: ElementPath, message: impl Into<String>) -> Self {
        Self::new(rule, Severity::Error, path, message)
    }

    pub fn warning(rule: Rule, path: ElementPath, message: impl Into<String>) -> Self {
        Self::new(rule, Severity::Warning, path, message)
    }
}

/// Byte offsets of the start tags of the message's parts, recorded while reading.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    pub header: usize,
    pub declaratie: usize,
    pub clients: Vec<usize>,
    pub prestaties: Vec<Vec<usize>>,
}

/// Line starts of a text, for turning byte offsets into line and column.
pub struct LineIndex<'a> {
    text: &'a [u8],
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a [u8]) -> Self {
        let mut starts = vec![0];
        starts.extend(text.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    pub fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|start| *start <= offset).saturating_sub(1);
        let line_start = self.starts[line];
        let column = String::from_utf8_lossy(&self.text[line_start..offset]).chars().count();
        Location { line: line as u32 + 1, column: column as u32 + 1 }
    }
}

/// Line and column of a byte offset, for a single error (no index needed).
pub(crate) fn location_of(text: &[u8], offset: usize) -> Location {
    LineIndex::new(&text[..offset.min(text.len())]).location(offset)
}

/// Fill in line and column of findings from the source they were read from.
pub(crate) fn locate(findings: &mut [Finding], text: &[u8], map: &SourceMap) {
    if findings.iter().all(|f| f.location.is_some()) {
        return;
    }
    let index = LineIndex::new(text);
    for finding in findings.iter_mut().filter(|f| f.location.is_none()) {
        let scope_start = match finding.path.scope {
            Scope::Bericht => Some(0),
            Scope::Header => Some(map.header),
            Scope::Declaratie => Some(map.declaratie),
            Scope::Client(c) => map.clients.get(c).copied(),
            Scope::Prestatie { client, prestatie } => map.prestaties.get(client).and_then(|p| p.get(prestatie)).copied(),
        };
        let Some(mut offset) = scope_start else { continue };
        // Walk down the relative path: each segment is the first such element after the
        // previous, within the scope. An element the part lacks (a missing ProductTarief) is
        // located at the part itself, never at the next part's element.
        let end = scope_end(map, finding.path.scope, text.len());
        // The search stops at the part's end: a tag the part lacks (no line has a ProductTarief)
        // must not send every finding through the rest of the file, which made a file full of
        // such findings cost findings × file size.
        let part = &text[..end.min(text.len())];
        for segment in finding.path.element.split('/').filter(|s| !s.is_empty()) {
            match find_start_tag(part, offset, segment) {
                Some(found) => offset = found,
                None => break,
            }
        }
        finding.location = Some(index.location(offset));
    }
}

/// Where a part ends, as far as the source map tells: at the start of the next part that
/// follows it (or the end of the text).
fn scope_end(map: &SourceMap, scope: Scope, len: usize) -> usize {
    let next_client = |c: usize| map.clients.get(c + 1).copied();
    match scope {
        Scope::Bericht => len,
        Scope::Header => Some(map.declaratie).filter(|d| *d > map.header).unwrap_or(len),
        Scope::Declaratie => len,
        Scope::Client(c) => next_client(c).unwrap_or(len),
        Scope::Prestatie { client, prestatie } => {
            map.prestaties.get(client).and_then(|p| p.get(prestatie + 1)).copied().or_else(|| next_client(client)).unwrap_or(len)
        }
    }
}

/// Offset of the first start tag named `local` (any prefix) at or after `from`.
pub(crate) fn find_start_tag(text: &[u8], from: usize, local: &str) -> Option<usize> {
    find_tag(text, from, local, false)
}

/// Offset of the first end tag named `local` (any prefix) at or after `from`.
pub(crate) fn find_end_tag(text: &[u8], from: usize, local: &str) -> Option<usize> {
    find_tag(text, from, local, true)
}

fn find_tag(text: &[u8], from: usize, local: &str, closing: bool) -> Option<usize> {
    let name = local.as_bytes();
    let mut i = from;
    while i < text.len() {
        let lt = i + text[i..].iter().position(|b| *b == b'<')?;
        let is_closing = text.get(lt + 1) == Some(&b'/');
        if is_closing != closing {
            i = lt + 1;
            continue;
        }
        let mut name_start = lt + 1 + usize::from(closing);
        let tag_end =
            text[name_start..].iter().position(|b| matches!(b, b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')).map(|p| name_start + p)?;
        if let Some(colon) = text[name_start..tag_end].iter().position(|b| *b == b':') {
            name_start += colon + 1;
        }
        if &text[name_start..tag_end] == name {
            return Some(lt);
        }
        i = lt + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let text = "ab\ncé<x>\n".as_bytes();
        let index = LineIndex::new(text);
        assert_eq!(index.location(0), Location { line: 1, column: 1 });
        assert_eq!(index.location(3), Location { line: 2, column: 1 });
        assert_eq!(index.location(6), Location { line: 2, column: 3 }); // '<' after 'cé' (é is 2 bytes)
        assert_eq!(location_of(text, 6), Location { line: 2, column: 3 });
    }

    #[test]
    fn finds_prefixed_start_tags() {
        let text = b"<a:Header><a:BerichtCode>1</a:BerichtCode><b:Identificatie>x</b:Identificatie>";
        assert_eq!(find_start_tag(text, 0, "Identificatie"), Some(42));
        assert_eq!(find_start_tag(text, 0, "Nope"), None);
    }
}
