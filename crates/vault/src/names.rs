//! Certificate and issuer names and version ids as they arrive from the view, checked where
//! they are deserialized: the SDK puts them into request paths as they are, so `../keys/x`
//! would name another resource. Only values that pass Key Vault's rules exist as these types.

use std::fmt;
use std::ops::Deref;

use errors::{Code, Error};
use serde::{Deserialize, Serialize};

/// A certificate name that follows Key Vault's rule (`0-9a-zA-Z-`, at most 127 characters).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CertificateName(String);

/// An issuer name: Key Vault names issuers by the same rule as certificates.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IssuerName(String);

/// A certificate version id: 32 lowercase hex digits, as Key Vault (and the local vault) issue
/// them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct VersionId(String);

/// Length of a version id.
const VERSION_LEN: usize = 32;

/// `name` if it follows Key Vault's name rule, else InvalidInput naming `what` and the rule.
fn checked_name(name: String, what: &str) -> Result<String, Error> {
    match inspect::names::check_name(&name) {
        Ok(()) => Ok(name),
        Err(rule) => Err(Error::new(
            Code::InvalidInput,
            format!("'{}' is not {what} name. {rule}", shown(&name)),
        )
        .with_hint("Key Vault names take letters, digits and '-', up to 127 characters.")),
    }
}

impl TryFrom<String> for CertificateName {
    type Error = Error;

    fn try_from(name: String) -> Result<Self, Error> {
        checked_name(name, "a certificate").map(Self)
    }
}

impl TryFrom<String> for IssuerName {
    type Error = Error;

    fn try_from(name: String) -> Result<Self, Error> {
        checked_name(name, "an issuer").map(Self)
    }
}

impl TryFrom<String> for VersionId {
    type Error = Error;

    fn try_from(version: String) -> Result<Self, Error> {
        let hex = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c);
        if version.len() == VERSION_LEN && version.chars().all(hex) {
            return Ok(Self(version));
        }
        Err(Error::new(
            Code::InvalidInput,
            format!(
                "'{}' is not a certificate version: versions are {VERSION_LEN} lowercase hex \
                 digits (0-9, a-f).",
                shown(&version)
            ),
        )
        .with_hint("Pick the version from the certificate's version list."))
    }
}

/// A refused value as the message shows it: at most 80 characters.
fn shown(value: &str) -> String {
    const MAX: usize = 80;
    if value.chars().count() <= MAX {
        return value.to_string();
    }
    format!("{}…", value.chars().take(MAX).collect::<String>())
}

macro_rules! checked_str {
    ($ty:ty) => {
        impl Deref for $ty {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $ty {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $ty {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl std::str::FromStr for $ty {
            type Err = Error;
            fn from_str(value: &str) -> Result<Self, Error> {
                Self::try_from(value.to_string())
            }
        }

        impl From<$ty> for String {
            fn from(value: $ty) -> String {
                value.0
            }
        }
    };
}

checked_str!(CertificateName);
checked_str!(IssuerName);
checked_str!(VersionId);

#[cfg(test)]
mod tests {
    use super::*;

    fn name(value: &str) -> Result<CertificateName, Error> {
        CertificateName::try_from(value.to_string())
    }

    fn version(value: &str) -> Result<VersionId, Error> {
        VersionId::try_from(value.to_string())
    }

    #[test]
    fn names_outside_the_rule_are_refused_in_words() {
        assert_eq!(&*name("web-01").unwrap(), "web-01");
        for bad in ["../keys/x", "a/b", "", "a b", "%2e%2e", &"a".repeat(128)] {
            let err = name(bad).unwrap_err();
            assert_eq!(err.code, Code::InvalidInput, "{bad}");
            assert!(err.hint.is_some());
        }
        assert!(
            name("a/b")
                .unwrap_err()
                .message
                .contains("'/' is not allowed")
        );
        assert!(name(&"a".repeat(300)).unwrap_err().message.len() < 200);
        let issuer = IssuerName::try_from("../x".to_string()).unwrap_err();
        assert!(issuer.message.starts_with("'../x' is not an issuer name."));
    }

    #[test]
    fn versions_are_32_lowercase_hex() {
        let good = "0123456789abcdef0123456789abcdef";
        assert_eq!(&*version(good).unwrap(), good);
        for bad in [
            "..",
            "",
            &good.to_uppercase(),
            &good[1..],
            &format!("{good}0"),
            "0123456789abcdef0123456789abcde/",
        ] {
            let err = version(bad).unwrap_err();
            assert_eq!(err.code, Code::InvalidInput, "{bad}");
            assert!(err.message.contains("32 lowercase hex"));
        }
    }

    #[test]
    fn they_cross_serde_as_plain_strings() {
        let parsed: CertificateName = serde_json::from_value(serde_json::json!("web")).unwrap();
        assert_eq!(serde_json::to_value(&parsed).unwrap(), "web");
        let refused = serde_json::from_value::<CertificateName>(serde_json::json!("a/b"));
        assert!(
            refused
                .unwrap_err()
                .to_string()
                .contains("not a certificate name")
        );
    }
}
