//! Typed errors with stable codes and user-facing messages.

/// Why a file could not be read or converted. `Display` is written for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The password does not open the file. A damaged MAC-protected body looks the same.
    #[error("wrong password, or the file is damaged")]
    WrongPassword,
    /// The file is protected and no password was given.
    #[error("this file is protected by a password; enter it to open the file")]
    PasswordRequired,
    /// The file has a recognised format but its structure is broken.
    #[error("the file is damaged: {0}")]
    Corrupt(String),
    /// Encrypted with an algorithm this reader does not implement (named).
    #[error("unsupported encryption: {0}")]
    UnsupportedEncryption(String),
    /// Not a certificate, key, PFX or PKCS#7 file at all.
    #[error(
        "this is not a certificate file (expected PFX/P12, PEM, DER certificate or key, or P7B)"
    )]
    NotACertificate,
    /// Opening the file would cost more than the caps allow (iterations, scrypt memory).
    #[error("the file asks for too much work to open: {0}")]
    TooExpensive(String),
    /// The input is larger than any certificate file should be.
    #[error("the file is too large (limit {limit} bytes)")]
    TooLarge {
        /// The cap, in bytes.
        limit: usize,
    },
    /// A Java keystore (JKS or JCEKS): no maintained Rust crate reads them, keytool converts.
    #[error(
        "this is a Java {0} keystore, which CertDeck does not read; convert it to PKCS#12 with \
         `keytool -importkeystore -srckeystore FILE -srcstoretype {0} -destkeystore FILE.p12 \
         -deststoretype PKCS12`, then open the .p12"
    )]
    JavaKeystore(&'static str),
    /// Reading or writing a file failed.
    #[error("file error: {0}")]
    Io(String),
}

impl Error {
    pub(crate) fn corrupt(what: impl std::fmt::Display) -> Self {
        Error::Corrupt(what.to_string())
    }
}

/// The one conversion into CertDeck's error vocabulary; the message stays this error's words.
impl From<Error> for errors::Error {
    fn from(err: Error) -> Self {
        use errors::Code;
        let code = match &err {
            Error::WrongPassword => Code::WrongPassword,
            Error::PasswordRequired => Code::PasswordRequired,
            Error::Corrupt(_) => Code::Corrupt,
            Error::UnsupportedEncryption(_) | Error::JavaKeystore(_) => Code::UnsupportedEncryption,
            Error::NotACertificate => Code::NotACertificate,
            Error::TooExpensive(_) => Code::TooExpensive,
            Error::TooLarge { .. } => Code::TooLarge,
            Error::Io(_) => Code::Io,
        };
        errors::Error::new(code, err.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e.to_string())
    }
}
