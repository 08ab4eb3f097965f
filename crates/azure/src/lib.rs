//! Azure's control plane for CertDeck, kept apart from the data-plane `vault` crate: which
//! cloud an account lives in, the HTTP client every request here goes through, sign-in of our
//! own (authorization code + PKCE, device code), accounts with their encrypted token cache,
//! and vault discovery through ARM.

pub mod accounts;
pub mod claims;
pub mod cloud;
pub mod discovery;
pub mod http;
pub mod keys;
mod loopback;
mod oauth;
mod pkce;
mod seal;
pub mod signin;
