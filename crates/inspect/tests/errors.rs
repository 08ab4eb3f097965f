//! Damaged, foreign, hostile and password-protected inputs give typed errors, never panics.

mod support;

use inspect::{Error, Password, inspect};
use support::{pw, read};

fn error(name: &str, password: Option<&Password>) -> Error {
    inspect(&read(name), password).expect_err(name)
}

#[test]
fn damaged_files() {
    assert!(matches!(
        error("truncated.pfx", Some(&pw())),
        Error::Corrupt(_)
    ));
    assert_eq!(error("bit-flipped.pfx", Some(&pw())), Error::WrongPassword);
    assert_eq!(
        Error::WrongPassword.to_string(),
        "wrong password, or the file is damaged"
    );
}

#[test]
fn foreign_files() {
    for name in ["random.bin", "image.png", "text.txt"] {
        assert_eq!(error(name, None), Error::NotACertificate, "{name}");
    }
    assert_eq!(inspect(b"", None).unwrap_err(), Error::NotACertificate);
}

#[test]
fn passwords() {
    assert_eq!(error("modern.pfx", None), Error::PasswordRequired);
    assert_eq!(
        error("modern.pfx", Some(&Password::new("wrong".into()))),
        Error::WrongPassword
    );
    assert_eq!(
        error("legacy.pfx", Some(&Password::new("wrong".into()))),
        Error::WrongPassword
    );
}

#[test]
fn caps() {
    assert!(
        matches!(error("huge-iterations.pfx", Some(&pw())), Error::TooExpensive(m) if m.contains("1100000"))
    );
    let big = vec![b'A'; inspect::MAX_INPUT_BYTES + 1];
    assert_eq!(
        inspect(&big, None).unwrap_err(),
        Error::TooLarge {
            limit: inspect::MAX_INPUT_BYTES
        }
    );
}

#[test]
fn codes_are_stable_and_secrets_hidden() {
    let codes: Vec<String> = [
        Error::WrongPassword,
        Error::PasswordRequired,
        Error::Corrupt(String::new()),
        Error::UnsupportedEncryption(String::new()),
        Error::NotACertificate,
        Error::TooExpensive(String::new()),
        Error::TooLarge { limit: 1 },
        Error::Io(String::new()),
    ]
    .into_iter()
    .map(|err| format!("{:?}", errors::Error::from(err).code))
    .collect();
    assert_eq!(
        codes,
        [
            "WrongPassword",
            "PasswordRequired",
            "Corrupt",
            "UnsupportedEncryption",
            "NotACertificate",
            "TooExpensive",
            "TooLarge",
            "Io"
        ]
    );
    assert_eq!(format!("{:?}", pw()), "Password(***)");
    let m = inspect::read_material(&read("pem-pkcs8.pem"), None).unwrap();
    let debug = format!("{m:?}");
    assert!(
        debug.contains("PrivateKey") && !debug.contains("der"),
        "{debug}"
    );
}

/// Found by fuzzing: a P7B whose certificate carries a damaged public key was read (the CMS
/// decoder does not look inside the key), and then its PEM conversion did not read back.
#[test]
fn a_p7b_certificate_no_other_reader_accepts_is_refused_on_read() {
    let bytes = include_bytes!("fuzz-found/p7b-invalid-spki.p7b");
    let err = inspect::read_material(bytes, None).unwrap_err();
    assert!(
        matches!(&err, Error::Corrupt(why) if why.contains("InvalidSPKI")),
        "{err:?}"
    );
}
