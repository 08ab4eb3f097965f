//! The certificate signed for a pending CSR, as a merge sends it: the leaf must carry the
//! CSR's public key, the chain goes leaf first, duplicates go. Judged locally, so a wrong file
//! is refused with a reason before the vault is asked.

use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::pem::parse_x509_pem;
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::commands::MergePlan;

/// What a merge of `certificates` (DER, in file order) would send for the CSR `csr` (PEM),
/// and the `x5c` to send (DER, leaf first; empty unless the plan is ready).
pub fn plan(csr: Option<&str>, certificates: &[Vec<u8>]) -> (MergePlan, Vec<Vec<u8>>) {
    let mut plan = MergePlan {
        ready: false,
        problems: Vec::new(),
        chain: Vec::new(),
        repairs: Vec::new(),
    };
    let Some(key) = csr.and_then(csr_public_key) else {
        plan.problems.push(
            "The certificate has no signing request waiting for a merge (its issuer is not \
             Unknown, or the request was completed, cancelled or deleted)."
                .into(),
        );
        return (plan, Vec::new());
    };
    let mut unique: Vec<&[u8]> = Vec::new();
    for der in certificates {
        if !unique.contains(&der.as_slice()) {
            unique.push(der);
        }
    }
    if unique.len() < certificates.len() {
        plan.repairs.push(format!(
            "{} duplicate certificate(s) left out.",
            certificates.len() - unique.len()
        ));
    }
    let parsed: Vec<X509Certificate<'_>> = match unique
        .iter()
        .map(|der| X509Certificate::from_der(der).map(|(_, cert)| cert))
        .collect()
    {
        Ok(parsed) => parsed,
        Err(err) => {
            plan.problems
                .push(format!("A certificate in the files cannot be read: {err}."));
            return (plan, Vec::new());
        }
    };
    if parsed.is_empty() {
        plan.problems.push(
            "The files hold no certificate: choose the certificate signed for the CSR.".into(),
        );
        return (plan, Vec::new());
    }
    let Some(leaf) = parsed.iter().position(|cert| cert.public_key().raw == key) else {
        plan.problems.push(format!(
            "No certificate in the files has the CSR's public key ({} {}): it was signed for \
             another request.",
            if parsed.len() == 1 {
                "it is"
            } else {
                "the first is"
            },
            parsed[0].subject()
        ));
        return (plan, Vec::new());
    };
    let order = chain_from(leaf, &parsed);
    if order.len() < parsed.len() {
        plan.repairs.push(format!(
            "{} certificate(s) outside the leaf's chain left out.",
            parsed.len() - order.len()
        ));
    }
    let in_file_order: Vec<usize> = (0..parsed.len()).filter(|i| order.contains(i)).collect();
    if order != in_file_order {
        plan.repairs
            .push("The chain is sent leaf first (the files had it in another order).".into());
    }
    plan.chain = order
        .iter()
        .map(|&i| parsed[i].subject().to_string())
        .collect();
    plan.ready = true;
    let x5c = order.iter().map(|&i| unique[i].to_vec()).collect();
    (plan, x5c)
}

/// The raw SubjectPublicKeyInfo of a PEM certificate request.
fn csr_public_key(pem: &str) -> Option<Vec<u8>> {
    let (_, pem) = parse_x509_pem(pem.as_bytes()).ok()?;
    let (_, csr) = X509CertificationRequest::from_der(&pem.contents).ok()?;
    Some(csr.certification_request_info.subject_pki.raw.to_vec())
}

/// Indexes of `leaf` and then each issuer found among `certificates`, up to a self-signed one
/// or a missing issuer.
fn chain_from(leaf: usize, certificates: &[X509Certificate<'_>]) -> Vec<usize> {
    let mut order = vec![leaf];
    loop {
        let current = &certificates[order[order.len() - 1]];
        if current.subject().as_raw() == current.issuer().as_raw() {
            return order;
        }
        let issuer = (0..certificates.len()).find(|i| {
            !order.contains(i) && certificates[*i].subject().as_raw() == current.issuer().as_raw()
        });
        match issuer {
            Some(issuer) => order.push(issuer),
            None => return order,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_sent_without_a_readable_pending_csr() {
        for csr in [None, Some("not a CSR")] {
            let (plan, x5c) = plan(csr, &[vec![0x30]]);
            assert!(!plan.ready && x5c.is_empty() && plan.chain.is_empty());
            assert!(plan.problems[0].contains("no signing request"), "{plan:?}");
        }
    }
}
