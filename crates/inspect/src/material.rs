//! What a file holds once read: certificates and unencrypted keys, whatever the format. The
//! readers fill it, so it knows none of them.

use crate::chain;
use crate::keys::PrivateKey;

/// The certificates and private keys of a file.
#[derive(Debug, Clone, Default)]
pub struct Material {
    /// DER certificates, in file order.
    pub certificates: Vec<Vec<u8>>,
    /// Private keys, in file order.
    pub keys: Vec<PrivateKey>,
}

impl Material {
    /// The certificates ordered leaf-first (the leaf matching a key preferred).
    pub fn leaf_first(&self) -> Vec<&[u8]> {
        self.chain()
            .order
            .into_iter()
            .map(|i| self.certificates[i].as_slice())
            .collect()
    }

    /// The key for certificate `index`, if any.
    pub(crate) fn key_for(&self, index: usize) -> Option<&PrivateKey> {
        let cert = self.certificates.get(index)?;
        self.keys.iter().find(|key| key.matches(cert))
    }

    pub(crate) fn chain(&self) -> chain::Chain {
        let keyed = (0..self.certificates.len()).find(|&i| self.key_for(i).is_some());
        chain::order(&self.certificates, keyed)
    }
}
