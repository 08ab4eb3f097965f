//! The service's rules: certificate records, policies, issuance, background jobs and errors.

pub mod backup;
pub mod certinfo;
pub mod error;
pub mod issuance;
pub mod jobs;
pub mod material;
pub mod model;
pub mod policy;
