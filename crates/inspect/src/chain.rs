//! Chain relations: certificates arrive in any order (root first is common); order them
//! leaf-first by issuer/subject names and name the issuers that are missing.

use x509_parser::prelude::{FromDer, X509Certificate};

/// How a set of certificates forms a chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chain {
    /// File indexes, leaf first; certificates outside the leaf's chain follow in file order.
    pub order: Vec<usize>,
    /// Certificates no other certificate in the file was issued by, in file order.
    pub leaves: Vec<usize>,
    /// The leaf's chain ends in a self-signed certificate.
    pub complete: bool,
    /// Issuer names the leaf's chain needs but the file lacks.
    pub missing_issuers: Vec<String>,
}

struct Names {
    is_ca: bool,
    subject: Vec<u8>,
    issuer: Vec<u8>,
    issuer_text: String,
}

/// Orders `certificates` (DER) leaf-first; `preferred_leaf` (e.g. the one a key matches) wins
/// when several certificates could be the leaf.
pub(crate) fn order(certificates: &[Vec<u8>], preferred_leaf: Option<usize>) -> Chain {
    let names: Vec<Option<Names>> = certificates
        .iter()
        .map(|der| {
            X509Certificate::from_der(der).ok().map(|(_, cert)| Names {
                is_ca: cert
                    .basic_constraints()
                    .ok()
                    .flatten()
                    .is_some_and(|bc| bc.value.ca),
                subject: cert.subject().as_raw().to_vec(),
                issuer: cert.issuer().as_raw().to_vec(),
                issuer_text: cert.issuer().to_string(),
            })
        })
        .collect();
    let issuer_of = |i: usize| -> Option<usize> {
        let child = names[i].as_ref()?;
        if child.subject == child.issuer {
            return None;
        }
        (0..names.len())
            .find(|&j| j != i && names[j].as_ref().is_some_and(|n| n.subject == child.issuer))
    };
    let issuers: Vec<Option<usize>> = (0..names.len()).map(issuer_of).collect();
    // Unissuing CA certificates (a root beside a leaf whose intermediate is missing) are not
    // leaves unless nothing else is.
    let unissuing: Vec<usize> = (0..names.len())
        .filter(|&j| !issuers.contains(&Some(j)))
        .collect();
    let end_entities: Vec<usize> = unissuing
        .iter()
        .copied()
        .filter(|&j| names[j].as_ref().is_some_and(|n| !n.is_ca))
        .collect();
    let leaves = if end_entities.is_empty() {
        unissuing
    } else {
        end_entities
    };
    let Some(leaf) = preferred_leaf
        .filter(|p| leaves.contains(p))
        .or_else(|| leaves.first().copied())
        .or((!certificates.is_empty()).then_some(0))
    else {
        return Chain {
            order: Vec::new(),
            leaves,
            complete: false,
            missing_issuers: Vec::new(),
        };
    };
    let mut order = vec![leaf];
    let mut current = leaf;
    while let Some(next) = issuers[current].filter(|n| !order.contains(n)) {
        order.push(next);
        current = next;
    }
    let end = names[current].as_ref();
    let complete = end.is_some_and(|n| n.subject == n.issuer);
    let missing_issuers = match end {
        Some(n) if !complete && issuers[current].is_none() => vec![n.issuer_text.clone()],
        _ => Vec::new(),
    };
    let rest: Vec<usize> = (0..certificates.len())
        .filter(|i| !order.contains(i))
        .collect();
    order.extend(rest);
    Chain {
        order,
        leaves,
        complete,
        missing_issuers,
    }
}
