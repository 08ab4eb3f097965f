//! Explains a file: the one place that runs the readers, describes what they found and asks for
//! Key Vault's verdict. The report types stay a leaf because only this module assembles them.

use crate::certificate::describe;
use crate::read::{self, Parsed};
use crate::report::{ChainInfo, PrivateKeyInfo, Report};
use crate::{Error, Password, verdict};

/// Reads a file and reports what it holds and what Key Vault will say about it.
pub fn inspect(bytes: &[u8], password: Option<&Password>) -> Result<Report, Error> {
    report(&read::parse(bytes, password)?)
}

/// The report of parsed (or assembled) material.
pub(crate) fn report(parsed: &Parsed) -> Result<Report, Error> {
    let m = &parsed.material;
    let chain = m.chain();
    let certificates = chain
        .order
        .iter()
        .map(|&i| describe(&m.certificates[i]))
        .collect::<Result<Vec<_>, _>>()?;
    let private_keys = m
        .keys
        .iter()
        .map(|key| PrivateKeyInfo {
            key: key.info().clone(),
            matches_certificate: chain
                .order
                .iter()
                .position(|&i| key.matches(&m.certificates[i])),
        })
        .collect::<Vec<_>>();
    let key_vault = verdict::judge(&verdict::Facts {
        certificates: &certificates,
        private_keys: &private_keys,
        chain: &chain,
        key_needs_conversion: parsed.key_needs_conversion,
        now: time::OffsetDateTime::now_utc(),
    });
    Ok(Report {
        format: parsed.format,
        certificates,
        private_keys,
        chain: ChainInfo {
            order_in_file: chain.order,
            complete: chain.complete,
            missing_issuers: chain.missing_issuers,
        },
        key_vault,
        pkcs12: parsed.pkcs12.clone(),
    })
}
