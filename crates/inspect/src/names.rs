//! Key Vault's rule for certificate names (`0-9a-zA-Z-`, at most 127 characters), and a valid
//! name suggested from a common name. Its own module so that every crate checks names the same
//! way without depending on the import planner.

/// Longest certificate name Key Vault takes.
pub const MAX_NAME_LEN: usize = 127;

/// A valid certificate name from a common name: `*.` becomes `wildcard-`, every run of other
/// characters one `-`, trimmed to 127 characters.
pub fn suggest_name(common_name: &str) -> Option<String> {
    let cn = common_name.trim();
    let (prefix, rest) = match cn.strip_prefix("*.") {
        Some(rest) => ("wildcard-", rest),
        None => ("", cn),
    };
    let mut name = String::from(prefix);
    for c in rest.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    let name: String = name.trim_matches('-').chars().take(MAX_NAME_LEN).collect();
    let name = name.trim_end_matches('-').to_string();
    (!name.is_empty()).then_some(name)
}

/// Key Vault's rule for certificate names, in words when broken.
pub fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("Enter a name.".into());
    }
    if name.len() > MAX_NAME_LEN {
        return Err(format!(
            "Names are at most {MAX_NAME_LEN} characters; this one has {}.",
            name.len()
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return Err(format!(
            "Names take only letters, digits and '-'; '{bad}' is not allowed."
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_suggested_within_the_service_rules() {
        assert_eq!(
            suggest_name("www.contoso.com").as_deref(),
            Some("www-contoso-com")
        );
        assert_eq!(
            suggest_name("*.contoso.com").as_deref(),
            Some("wildcard-contoso-com")
        );
        assert_eq!(
            suggest_name("  Ünïcode & Co. ").as_deref(),
            Some("n-code-Co")
        );
        assert_eq!(suggest_name("...").as_deref(), None);
        let long = suggest_name(&"a.".repeat(100)).unwrap();
        assert!(long.len() <= MAX_NAME_LEN && !long.ends_with('-'), "{long}");
        assert!(check_name(&long).is_ok());
    }

    #[test]
    fn names_break_the_rules_in_words() {
        assert!(check_name("web-01").is_ok());
        assert_eq!(check_name("").unwrap_err(), "Enter a name.");
        assert!(check_name("web_01").unwrap_err().contains("'_'"));
        assert!(check_name(&"a".repeat(128)).unwrap_err().contains("128"));
    }
}
