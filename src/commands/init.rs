//! `leadctl init [DIR]`: a commented rules.toml and small sample ledgers to
//! start from. Never overwrites a file.

use std::path::PathBuf;

use super::{Exit, Io};

const FILES: [(&str, &str); 5] = [
    ("rules.toml", include_str!("init/rules.toml")),
    ("claims.csv", include_str!("init/claims.csv")),
    // Not named in rules.toml: two claims `check` refuses, to see what a
    // mistake looks like before making one.
    ("claims-mistakes.csv", include_str!("init/claims-mistakes.csv")),
    ("customers.csv", include_str!("init/customers.csv")),
    ("rulings.csv", include_str!("init/rulings.csv")),
];

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  leadctl init             # in this folder\n  leadctl init 2026-alliance && cd 2026-alliance && leadctl attribute")]
pub struct Args {
    /// The folder to start in (created if needed)
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub unused: super::args::NoVerbose,
}

pub fn run(args: Args, io: &mut Io) -> anyhow::Result<Exit> {
    std::fs::create_dir_all(&args.dir)?;
    for (name, text) in FILES {
        let path = args.dir.join(name);
        let created = std::fs::OpenOptions::new().write(true).create_new(true).open(&path);
        match created {
            Ok(mut file) => {
                std::io::Write::write_all(&mut file, text.as_bytes())?;
                if !io.ui.quiet {
                    writeln!(io.err, "wrote {}", path.display())?;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                if !io.ui.quiet {
                    writeln!(io.err, "kept {} (it exists; leadctl init never overwrites)", path.display())?;
                }
            }
            Err(e) => return Err(anyhow::Error::new(e).context(format!("writing {}", path.display()))),
        }
    }
    if !io.ui.quiet {
        let cd = if args.dir.as_os_str() == "." { String::new() } else { format!("cd {} && ", args.dir.display()) };
        writeln!(io.err, "next: edit the roster in rules.toml, then run: {cd}leadctl check && leadctl attribute")?;
        writeln!(io.err, "to see what a mistake looks like: {cd}leadctl check claims-mistakes.csv")?;
    }
    Ok(Exit::Clean)
}
