//! The HTTP layer: the Key Vault routes, the admin API, authentication and response shapes.

pub mod admin;
pub mod auth;
pub mod body;
pub mod cache;
pub mod paging;
pub mod render;
pub mod routes;
