//! Entry points of the coverage-guided fuzz targets (`fuzz/` at the repository root): the
//! server's own parsing and validation of one untrusted input, without a running server or a
//! data directory. Not an API: hidden from the docs, used by nothing else.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::domain::error::ApiResult;
use crate::domain::model::{CertRecord, Version, check_name};
use crate::domain::policy::Policy;
use crate::domain::{backup, certinfo, issuance, material};
use crate::http::body::parse;
use crate::http::routes::{certificates, import, operations, settings};

/// The vault clock of every check (2026-01-01T00:00:00Z).
const NOW: i64 = 1_767_225_600;
/// The backup key of the fuzzing "installation".
const BACKUP_KEY: [u8; 32] = [7; 32];

/// A request body the http layer reads, by the operation that reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    /// `PATCH /certificates/{name}/policy`.
    Policy,
    /// `POST /certificates/{name}/create`.
    Create,
    /// `PATCH /certificates/{name}/{version}`.
    Update,
    /// `POST /certificates/{name}/import`.
    Import,
    /// `POST /certificates/{name}/pending/merge`.
    Merge,
    /// `PUT`/`PATCH /certificates/issuers/{name}`.
    Issuer,
    /// `PUT /certificates/contacts`.
    Contacts,
    /// `POST /certificates/restore`.
    Restore,
}

impl Body {
    /// Every body, in a fixed order (a fuzz input's first byte picks one).
    pub const ALL: [Body; 8] = [
        Body::Policy,
        Body::Create,
        Body::Update,
        Body::Import,
        Body::Merge,
        Body::Issuer,
        Body::Contacts,
        Body::Restore,
    ];
}

/// Parses `bytes` as the http layer parses `body`, then validates it as its handler does up to
/// the point where the vault's state is needed (the certificate an update patches is a
/// default self-signed one).
pub fn request_body(body: Body, bytes: &[u8]) -> ApiResult<()> {
    match body {
        Body::Policy => patched(parse(bytes)?),
        Body::Create => {
            parse::<operations::CreateBody>(bytes)?;
            match field::<Policy>(bytes, "policy")? {
                Some(policy) => created(policy),
                None => Ok(()),
            }
        }
        Body::Update => {
            parse::<certificates::UpdateBody>(bytes)?;
            field::<Policy>(bytes, "policy")?.map_or(Ok(()), patched)
        }
        Body::Import => {
            parse::<import::ImportBody>(bytes)?;
            imported(bytes)
        }
        Body::Merge => {
            parse::<operations::MergeBody>(bytes)?;
            let x5c = field::<Vec<String>>(bytes, "x5c")?.unwrap_or_default();
            for der in material::merge_chain(&x5c)? {
                certinfo::spki(&der)?;
            }
            Ok(())
        }
        Body::Issuer => parse::<settings::IssuerBody>(bytes).map(drop),
        Body::Contacts => parse::<settings::ContactsBody>(bytes).map(drop),
        Body::Restore => match field::<String>(bytes, "value")? {
            Some(value) => restored(&value),
            None => Ok(()),
        },
    }
}

/// Decodes a backup blob (`bytes` as text) as a restore does. When `bytes` is a certificate
/// record's JSON instead, it is sealed with the fuzzing key first, so that the checks behind
/// the authentication tag are reached too.
pub fn backup_blob(bytes: &[u8]) -> ApiResult<()> {
    match serde_json::from_slice::<CertRecord>(bytes) {
        Ok(record) => match backup::encode(&record, &BACKUP_KEY)? {
            Some(blob) => restored(&blob),
            None => Ok(()),
        },
        Err(_) => restored(&String::from_utf8_lossy(bytes)),
    }
}

fn restored(blob: &str) -> ApiResult<()> {
    let cert = backup::decode(blob, &BACKUP_KEY)?;
    check_name(&cert.name)
}

/// One key of a body that parsed, as the handler reads it.
fn field<T: DeserializeOwned>(bytes: &[u8], key: &str) -> ApiResult<Option<T>> {
    let mut body: Value = parse(bytes)?;
    match body.get_mut(key).map(Value::take) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => parse(&serde_json::to_vec(&value).unwrap_or_default()).map(Some),
    }
}

fn patched(patch: Policy) -> ApiResult<()> {
    Policy::default()
        .with_defaults()
        .merged(patch)
        .with_defaults()
        .validate()
}

fn created(policy: Policy) -> ApiResult<()> {
    let policy = policy.with_defaults();
    policy.validate()?;
    issuance::params(&policy, NOW).map(drop)
}

/// What an import reads of its body.
#[derive(Deserialize)]
struct ImportFields {
    value: Option<String>,
    pwd: Option<String>,
    policy: Option<Policy>,
    #[serde(rename = "preserveCertOrder")]
    preserve_cert_order: Option<bool>,
}

fn imported(bytes: &[u8]) -> ApiResult<()> {
    let body: ImportFields = parse(bytes)?;
    let Some(value) = body.value.filter(|v| !v.trim().is_empty()) else {
        return Ok(());
    };
    let pwd = body.pwd.map(zeroize::Zeroizing::new);
    let imported = material::parse_import(
        &value,
        pwd.as_deref().map(String::as_str),
        body.preserve_cert_order == Some(true),
    )?;
    let Some(leaf) = imported.chain.get(imported.leaf) else {
        return Ok(());
    };
    let policy = import::derived_policy(leaf, imported.content_type, body.policy)?;
    Version::pending(&imported.key, &policy, NOW, Default::default()).issue(
        &imported.chain,
        imported.leaf,
        true,
        NOW,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(body: Body, json: &str) -> String {
        match request_body(body, json.as_bytes()) {
            Ok(()) => panic!("{body:?} accepted {json}"),
            Err(e) => {
                assert_eq!(e.status(), 400, "{body:?} {json}: {}", e.message());
                e.message().to_string()
            }
        }
    }

    #[test]
    fn bodies_are_read_and_checked_as_the_handlers_do() {
        request_body(
            Body::Issuer,
            br#"{"provider":"DigiCert","org_details":{"id":"o"}}"#,
        )
        .expect("a sound issuer body");
        request_body(Body::Policy, b" ").expect("an empty patch keeps a sound policy");
        refused(
            Body::Issuer,
            r#"{"org_details":{"admin_details":[{"first_name":true}]}}"#,
        );
        refused(
            Body::Contacts,
            r#"{"contacts":[{"email":"a@b.c","extra":1}]}"#,
        );
        let message = refused(
            Body::Update,
            r#"{"policy":{"lifetime_actions":[{"trigger":{"lifetime_percentage":-50},"action":{"action_type":"AutoRenew"}}]}}"#,
        );
        assert!(message.contains("ercentage"), "{message}");
        refused(Body::Merge, r#"{"x5c":["bm90IGEgY2VydGlmaWNhdGU="]}"#);
        refused(Body::Restore, r#"{"value":"bm90LWEtYmFja3Vw"}"#);
        refused(Body::Import, r#"{"value":"not a certificate"}"#);
    }

    #[test]
    fn a_record_is_sealed_then_restored_through_its_checks() {
        // A record that decodes but holds no issued version has nothing to seal.
        let empty = r#"{"name":"x","policy":{},"policy_created":0,"policy_updated":0,
            "versions":[],"operation":null,"deleted":null}"#;
        backup_blob(empty.as_bytes()).expect("nothing to restore");
        let Err(e) = backup_blob(b"CDKVBACKUP2") else {
            panic!("garbage restored")
        };
        assert_eq!(e.code(), "Malformed backup blob");
    }
}
