//! `certdeck-cli inspect FILE`: what a certificate file holds and what Key Vault will say.

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::Args;
use inspect::{Error, Password};

/// Options of `inspect`.
#[derive(Args)]
pub struct InspectArgs {
    /// The file to inspect (PFX/P12, PEM, DER, P7B, base64 PFX text).
    file: PathBuf,
    #[command(flatten)]
    password: PasswordArgs,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// Where the input file's password comes from (never the command line).
#[derive(Args)]
pub struct PasswordArgs {
    /// Read the password from this environment variable.
    #[arg(long, value_name = "VAR", conflicts_with = "password_stdin")]
    password_env: Option<String>,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    password_stdin: bool,
}

impl PasswordArgs {
    /// The password, if one was asked for.
    pub fn password(&self) -> Result<Option<Password>, Error> {
        if let Some(var) = &self.password_env {
            return password_from_env(var).map(Some);
        }
        if self.password_stdin {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            let line = line.strip_suffix('\n').unwrap_or(&line);
            let line = line.strip_suffix('\r').unwrap_or(line);
            return Ok(Some(Password::new(line.to_string())));
        }
        Ok(None)
    }
}

/// A password from environment variable `var`.
pub fn password_from_env(var: &str) -> Result<Password, Error> {
    std::env::var(var).map(Password::new).map_err(|_| {
        Error::Io(format!(
            "environment variable {var} is not set or not UTF-8"
        ))
    })
}

/// Reads a file, refusing anything over the inspection size cap without reading it all.
pub fn read_input(path: &Path) -> Result<Vec<u8>, Error> {
    let file =
        std::fs::File::open(path).map_err(|e| Error::Io(format!("{}: {e}", path.display())))?;
    let mut bytes = Vec::new();
    file.take(inspect::MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > inspect::MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            limit: inspect::MAX_INPUT_BYTES,
        });
    }
    Ok(bytes)
}

/// Prints an error as text or `{"error":{"code","message","hint"}}` and exits with code 2.
pub fn fail(error: &Error, json: bool) -> ! {
    let error = errors::Error::from(error.clone());
    if json {
        println!("{}", serde_json::json!({ "error": error }));
    } else {
        eprintln!("error ({:?}): {}", error.code, error.message);
    }
    std::process::exit(2)
}

/// Runs `inspect`; failures exit with code 2.
pub fn run(args: InspectArgs) -> anyhow::Result<()> {
    let report = args
        .password
        .password()
        .and_then(|password| Ok((read_input(&args.file)?, password)))
        .and_then(|(bytes, password)| inspect::inspect(&bytes, password.as_ref()));
    match report {
        Ok(report) if args.json => println!("{}", serde_json::to_string_pretty(&report)?),
        Ok(report) => print!("{}", crate::report_text::render(&report)),
        Err(error) => fail(&error, args.json),
    }
    Ok(())
}
