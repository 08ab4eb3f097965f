//! The service's rules: certificate records and the name rule, policies, issuance, background
//! jobs and the error vocabulary. Imports only from `storage` (and the crate's leaves).

pub mod backup;
pub mod blocking;
pub mod certinfo;
pub mod error;
pub mod issuance;
pub mod jobs;
pub mod material;
pub mod model;
pub mod policy;
pub mod recovery;
pub mod restored;
pub mod samples;
pub mod signer;
pub mod usages;
pub mod vault;

pub use error::ApiError;
