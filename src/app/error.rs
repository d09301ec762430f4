//! Why a change could not be made, as a type up to the notice: each variant says in Dutch
//! what went wrong and that nothing stored was lost.

use std::fmt;

use crate::browser::archive::ArchiveError;
use crate::browser::crypto::CryptoError;
use crate::domain::backup::BackupError;

/// What needed the archive when there was none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    Backup,
    Digest,
    Restore,
    Mark,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppError {
    /// IndexedDB refused or failed; the transaction was aborted.
    Archive(ArchiveError),
    /// A back-up could not be written or read.
    Backup(BackupError),
    /// Sealing or unsealing failed (or WebCrypto is missing).
    Crypto(CryptoError),
    /// A sealed back-up was given without a passphrase.
    PassphraseNeeded,
    /// This browser has no usable archive (see the notice at the top).
    NoArchive(Needs),
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppError::Archive(e) => e.fmt(f),
            AppError::Backup(e) => e.fmt(f),
            AppError::Crypto(e) => e.fmt(f),
            AppError::PassphraseNeeded => write!(f, "Deze back-up is versleuteld: vul het wachtwoord in."),
            AppError::NoArchive(Needs::Backup) => {
                write!(f, "Het archief is in deze browser niet beschikbaar, dus er is niets om te bewaren.")
            }
            AppError::NoArchive(Needs::Digest) => write!(f, "Het archief is in deze browser niet beschikbaar."),
            AppError::NoArchive(Needs::Restore) => write!(f, "Het archief is in deze browser niet beschikbaar; terugzetten kan niet."),
            AppError::NoArchive(Needs::Mark) => {
                write!(f, "Het archief is in deze browser niet beschikbaar, dus Kloppend kan niet bewaren wat je hebt afgehandeld.")
            }
        }
    }
}

impl std::error::Error for AppError {}

impl From<ArchiveError> for AppError {
    fn from(e: ArchiveError) -> Self {
        AppError::Archive(e)
    }
}

impl From<BackupError> for AppError {
    fn from(e: BackupError) -> Self {
        AppError::Backup(e)
    }
}

impl From<CryptoError> for AppError {
    fn from(e: CryptoError) -> Self {
        AppError::Crypto(e)
    }
}
