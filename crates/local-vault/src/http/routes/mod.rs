//! The Key Vault routes, one module per group of operations.

pub mod backup;
pub mod certificates;
pub mod deleted;
pub mod downloads;
pub mod import;
pub mod listing;
pub mod operations;
pub mod policy;
pub mod settings;
