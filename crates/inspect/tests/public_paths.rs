//! The paths other crates (vault, local-vault, cli, the app) compile against stay available,
//! whatever module now defines them.

use inspect::convert::{PfxEncryption, PfxPassword, to_pem, to_pfx};
use inspect::import::{
    ContentType, ImportPlan, MAX_NAME_LEN, OpenedFile, Payload, Repair, RepairCode, check_name,
    plan, suggest_name,
};
use inspect::{
    CertificateInfo, ChainInfo, Error, Finding, FindingCode, Format, KeyInfo, MAX_INPUT_BYTES,
    MAX_ITERATIONS, MAX_SCRYPT_MEMORY, MAX_SCRYPT_PARALLELISM, Material, Password,
    Pkcs12Encryption, PrivateKey, PrivateKeyInfo, Report, San, Verdict, describe_certificate,
    inspect, read_material,
};

#[test]
fn public_items_keep_their_paths() {
    type Types = (
        (
            CertificateInfo,
            ChainInfo,
            Error,
            Finding,
            FindingCode,
            Format,
        ),
        (KeyInfo, Material, Password, Pkcs12Encryption, PrivateKey),
        (PrivateKeyInfo, Report, San, Verdict),
        (
            ContentType,
            ImportPlan,
            OpenedFile,
            Payload,
            Repair,
            RepairCode,
        ),
        (PfxEncryption, PfxPassword<'static>),
    );
    let _: Option<Types> = None;
    let _ = (
        describe_certificate,
        inspect,
        read_material,
        to_pem,
        to_pfx,
        plan,
    );
    let _ = (
        MAX_INPUT_BYTES,
        MAX_ITERATIONS,
        MAX_SCRYPT_MEMORY,
        MAX_SCRYPT_PARALLELISM,
    );
}

#[test]
fn the_name_rule_is_the_same_through_import_and_names() {
    assert_eq!(MAX_NAME_LEN, inspect::names::MAX_NAME_LEN);
    for name in ["web-01", "web_01", ""] {
        assert_eq!(check_name(name), inspect::names::check_name(name));
    }
    assert_eq!(
        suggest_name("*.contoso.com"),
        inspect::names::suggest_name("*.contoso.com")
    );
}

#[test]
fn usage_tables_are_public() {
    assert_eq!(inspect::usages::KEY_USAGES.len(), 9);
    assert!(inspect::usages::EXTENDED_KEY_USAGES.contains(&("1.3.6.1.5.5.7.3.1", "serverAuth")));
}
