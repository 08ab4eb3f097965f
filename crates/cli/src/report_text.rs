//! The human-readable form of an inspection report.

use std::fmt::Write;

use inspect::{Finding, Report};

/// Renders `report` as indented text.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = write_report(&mut out, report);
    out
}

fn write_report(out: &mut String, r: &Report) -> std::fmt::Result {
    writeln!(
        out,
        "Format: {}",
        serde_json::to_value(r.format)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    )?;
    if let Some(p12) = &r.pkcs12 {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        writeln!(
            out,
            "PKCS#12: certificates {}; keys {}; MAC {}",
            show(&p12.certificates),
            show(&p12.keys),
            show(&p12.mac)
        )?;
    }
    writeln!(out, "\nCertificates (leaf first): {}", r.certificates.len())?;
    for (i, c) in r.certificates.iter().enumerate() {
        writeln!(out, "  [{i}] {}", c.subject)?;
        writeln!(out, "      issuer:    {}", c.issuer)?;
        writeln!(out, "      serial:    {}", c.serial)?;
        writeln!(out, "      valid:     {} .. {}", c.not_before, c.not_after)?;
        writeln!(out, "      sha1:      {}", c.sha1)?;
        writeln!(out, "      sha256:    {}", c.sha256)?;
        writeln!(out, "      x5t:       {}", c.x5t)?;
        let key = &c.key;
        writeln!(
            out,
            "      key:       {} {}{}",
            key.key_type,
            key.bits.map(|b| b.to_string()).unwrap_or_default(),
            key.curve
                .as_deref()
                .map(|c| format!(" {c}"))
                .unwrap_or_default()
        )?;
        let san = &c.san;
        let names: Vec<String> = [
            ("DNS", &san.dns),
            ("IP", &san.ip),
            ("email", &san.email),
            ("URI", &san.uri),
            ("UPN", &san.upn),
        ]
        .iter()
        .flat_map(|(kind, values)| values.iter().map(move |v| format!("{kind}:{v}")))
        .collect();
        if !names.is_empty() {
            writeln!(out, "      SAN:       {}", names.join(", "))?;
        }
        if !c.key_usage.is_empty() {
            writeln!(out, "      key usage: {}", c.key_usage.join(", "))?;
        }
        if !c.extended_key_usage.is_empty() {
            writeln!(out, "      EKU:       {}", c.extended_key_usage.join(", "))?;
        }
        writeln!(out, "      CA: {}, self-signed: {}", c.is_ca, c.self_signed)?;
    }
    writeln!(out, "\nPrivate keys: {}", r.private_keys.len())?;
    for (i, k) in r.private_keys.iter().enumerate() {
        let matched = k
            .matches_certificate
            .map(|c| format!("certificate [{c}]"))
            .unwrap_or_else(|| "no certificate".into());
        writeln!(
            out,
            "  [{i}] {} {} -> {matched}",
            k.key.key_type,
            k.key.bits.map(|b| b.to_string()).unwrap_or_default()
        )?;
    }
    let order: Vec<String> = r
        .chain
        .order_in_file
        .iter()
        .map(ToString::to_string)
        .collect();
    writeln!(
        out,
        "\nChain: order in file [{}], complete: {}",
        order.join(", "),
        r.chain.complete
    )?;
    for missing in &r.chain.missing_issuers {
        writeln!(out, "  missing issuer: {missing}")?;
    }
    let verdict = &r.key_vault;
    writeln!(
        out,
        "\nKey Vault: {}",
        if verdict.importable {
            "importable"
        } else {
            "NOT importable"
        }
    )?;
    write_findings(out, "problem", &verdict.problems)?;
    write_findings(out, "warning", &verdict.warnings)
}

fn write_findings(out: &mut String, label: &str, findings: &[Finding]) -> std::fmt::Result {
    for f in findings {
        let code = serde_json::to_value(f.code)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        writeln!(out, "  {label} {code}: {}", f.message)?;
    }
    Ok(())
}
