//! `certdeck-cli convert IN --to pem|pfx --out OUT`: repair a file into what Key Vault imports.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use inspect::convert::{PfxEncryption, PfxPassword, to_pem, to_pfx};
use inspect::{Error, read_material};

use crate::inspect_cmd::{PasswordArgs, fail, password_from_env, read_input};

/// Output formats of `convert`.
#[derive(Clone, Copy, ValueEnum)]
pub enum Target {
    /// Unencrypted PKCS#8 key then the chain leaf-first (Key Vault's PEM import).
    Pem,
    /// PKCS#12 with the key and the chain leaf-first.
    Pfx,
}

/// Options of `convert`.
#[derive(Args)]
pub struct ConvertArgs {
    /// The file to convert.
    input: PathBuf,
    /// Output format.
    #[arg(long)]
    to: Target,
    /// Output file (created with mode 0600: it holds a private key).
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    password: PasswordArgs,
    /// PFX output password from this environment variable; without it the PFX gets the
    /// NULL password, as Key Vault writes its own.
    #[arg(long, value_name = "VAR")]
    out_password_env: Option<String>,
    /// Write a legacy-compatible PFX (3DES, SHA-1 MAC) for Windows Server 2016 and old Java.
    #[arg(long)]
    legacy: bool,
    /// Print errors as JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `convert`; failures exit with code 2.
pub fn run(args: ConvertArgs) -> anyhow::Result<()> {
    convert(&args).unwrap_or_else(|error| fail(&error, args.json));
    Ok(())
}

fn convert(args: &ConvertArgs) -> Result<(), Error> {
    let password = args.password.password()?;
    let material = read_material(&read_input(&args.input)?, password.as_ref())?;
    let bytes: zeroize::Zeroizing<Vec<u8>> = match args.to {
        Target::Pem => zeroize::Zeroizing::new(to_pem(&material)?.as_bytes().to_vec()),
        Target::Pfx => {
            let out_password = args
                .out_password_env
                .as_deref()
                .map(password_from_env)
                .transpose()?;
            let pfx_password = out_password
                .as_ref()
                .map_or(PfxPassword::Null, PfxPassword::Text);
            let enc = if args.legacy {
                PfxEncryption::Legacy
            } else {
                PfxEncryption::Modern
            };
            zeroize::Zeroizing::new(to_pfx(&material, pfx_password, enc)?)
        }
    };
    write_private(&args.out, &bytes)
}

/// New or replaced, the file is readable by the user alone: it may hold a private key.
fn write_private(path: &std::path::Path, bytes: &[u8]) -> Result<(), Error> {
    files::write_private(path, bytes).map_err(|e| Error::Io(format!("{}: {e}", path.display())))
}
