//! Import plans: what is sent for each kind of dropped file, and what is refused before sending.

mod support;

use inspect::import::{ContentType, OpenedFile, Payload, RepairCode};
use inspect::{FindingCode, Password, read_material};
use support::{pw, read};
use zeroize::Zeroizing;

fn open(name: &str, password: Option<Password>) -> OpenedFile {
    OpenedFile::open(Zeroizing::new(read(name)), password).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn repairs(
    files: &[&OpenedFile],
    content: Option<ContentType>,
) -> (Vec<RepairCode>, Option<Payload>) {
    let (plan, payload) = inspect::import::plan(files, content).unwrap();
    (plan.repairs.iter().map(|r| r.code).collect(), payload)
}

/// What the payload decodes to, read back as Key Vault would.
fn sent_material(payload: &Payload) -> inspect::Material {
    let bytes = match payload.content_type {
        ContentType::Pem => payload.value.as_bytes().to_vec(),
        ContentType::Pfx => base64::Engine::decode(
            &base64::engine::general_purpose::STANDARD,
            payload.value.as_bytes(),
        )
        .unwrap(),
    };
    read_material(&bytes, payload.password.as_ref()).unwrap()
}

#[test]
fn a_good_pfx_is_sent_as_dropped_with_its_password() {
    let file = open("modern.pfx", Some(pw()));
    let (plan, payload) = inspect::import::plan(&[&file], None).unwrap();
    assert_eq!(plan.content_type, ContentType::Pfx);
    assert!(plan.repairs.is_empty(), "{:?}", plan.repairs);
    assert_eq!(plan.suggested_name.as_deref(), Some("www-contoso-com"));
    let payload = payload.expect("importable");
    assert_eq!(
        payload.password.as_ref().map(Password::as_str),
        Some(support::PW)
    );
    assert_eq!(sent_material(&payload).certificates.len(), 3);
    assert!(plan.sends.contains("exactly as dropped"), "{}", plan.sends);
}

#[test]
fn triple_des_is_sent_as_is_and_rc2_or_no_mac_is_reencoded() {
    let (codes, payload) = repairs(&[&open("legacy-3des.pfx", Some(pw()))], None);
    assert!(codes.is_empty(), "{codes:?}");
    assert!(payload.unwrap().password.is_some());

    let (plan, payload) = inspect::import::plan(&[&open("legacy.pfx", Some(pw()))], None).unwrap();
    assert_eq!(plan.repairs[0].code, RepairCode::PfxReencoded);
    assert!(
        plan.repairs[0].message.contains("RC2"),
        "{}",
        plan.repairs[0].message
    );
    assert_eq!(sent_material(&payload.unwrap()).certificates.len(), 3);

    let (codes, payload) = repairs(&[&open("no-mac.pfx", Some(pw()))], None);
    assert_eq!(codes, [RepairCode::PfxReencoded]);
    let payload = payload.unwrap();
    assert!(
        payload.password.is_none(),
        "re-encoded with the NULL password"
    );
    let sent = sent_material(&payload);
    assert_eq!((sent.certificates.len(), sent.keys.len()), (1, 1));
}

#[test]
fn a_pkcs1_pem_key_is_sent_as_pkcs8() {
    let file = open("pem-pkcs1.pem", None);
    assert!(!file.report().key_vault.importable, "refused as dropped");
    let (codes, payload) = repairs(&[&file], None);
    assert_eq!(codes, [RepairCode::KeyConverted]);
    let payload = payload.expect("importable once converted");
    assert_eq!(payload.content_type, ContentType::Pem);
    assert!(payload.value.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert!(!payload.value.contains("RSA PRIVATE KEY"));
}

#[test]
fn crlf_and_shuffled_pem_is_sent_leaf_first_with_lf() {
    let (codes, payload) = repairs(&[&open("pem-crlf-bom.pem", None)], None);
    assert_eq!(codes, [RepairCode::LineEndings]);
    assert!(!payload.unwrap().value.contains('\r'));

    let key = open("leaf.key", None);
    let shuffled = open("chain-shuffled.pem", None);
    let (plan, payload) = inspect::import::plan(&[&shuffled, &key], None).unwrap();
    let codes: Vec<_> = plan.repairs.iter().map(|r| r.code).collect();
    assert_eq!(codes, [RepairCode::Combined, RepairCode::ChainReordered]);
    assert!(
        plan.report.certificates[0]
            .subject
            .contains("www.contoso.com")
    );
    assert!(
        plan.report
            .key_vault
            .warnings
            .iter()
            .all(|w| w.code != FindingCode::ChainOutOfOrder)
    );
    let sent = sent_material(&payload.unwrap());
    let leaf = inspect::describe_certificate(&sent.certificates[0]).unwrap();
    assert!(leaf.subject.contains("www.contoso.com"));
}

#[test]
fn a_cer_alone_is_refused_and_imported_with_its_key() {
    let cer = open("leaf.cer", None);
    let (plan, payload) = inspect::import::plan(&[&cer], None).unwrap();
    assert!(payload.is_none(), "nothing is sent that would fail");
    assert!(
        plan.report
            .key_vault
            .problems
            .iter()
            .any(|p| p.code == FindingCode::NoPrivateKey),
        "{:?}",
        plan.report.key_vault.problems
    );

    let key = open("leaf-pkcs1.key", None);
    let (plan, payload) = inspect::import::plan(&[&cer, &key], Some(ContentType::Pfx)).unwrap();
    let codes: Vec<_> = plan.repairs.iter().map(|r| r.code).collect();
    assert_eq!(codes, [RepairCode::Combined, RepairCode::FormatConverted]);
    let sent = sent_material(&payload.unwrap());
    assert_eq!((sent.certificates.len(), sent.keys.len()), (1, 1));
    assert!(sent.keys[0].matches(&sent.certificates[0]));
}

#[test]
fn a_key_for_another_certificate_is_not_sent() {
    let (plan, payload) = inspect::import::plan(&[&open("pem-mismatch.pem", None)], None).unwrap();
    assert!(payload.is_none());
    assert!(!plan.report.key_vault.importable);
}

#[test]
fn a_pfx_can_be_sent_as_pem_and_back() {
    let pfx = open("modern.pfx", Some(pw()));
    let (codes, payload) = repairs(&[&pfx], Some(ContentType::Pem));
    assert_eq!(codes, [RepairCode::FormatConverted]);
    assert!(payload.unwrap().value.contains("BEGIN PRIVATE KEY"));

    let pem = open("pem-pkcs8.pem", None);
    let (codes, payload) = repairs(&[&pem], Some(ContentType::Pfx));
    assert_eq!(codes, [RepairCode::FormatConverted]);
    assert_eq!(sent_material(&payload.unwrap()).keys.len(), 1);
}
