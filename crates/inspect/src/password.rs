//! A password that is wiped from memory when dropped and never printed.

use zeroize::Zeroizing;

/// A file password. `Debug` prints `Password(***)`.
#[derive(Clone)]
pub struct Password(Zeroizing<String>);

impl Password {
    /// Wraps a password.
    pub fn new(password: String) -> Self {
        Password(Zeroizing::new(password))
    }

    /// The empty password.
    pub fn empty() -> Self {
        Password::new(String::new())
    }

    /// The password text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the password is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl From<String> for Password {
    fn from(password: String) -> Self {
        Password::new(password)
    }
}
