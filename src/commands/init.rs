//! `leadctl init [DIR]`: a commented rules.toml and small sample ledgers to
//! start from. Never overwrites a file.

use std::path::PathBuf;

use super::{Exit, Io};
use crate::messages::errors::Fatal;
use crate::messages::{Lang, run};

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
pub struct Args {
    /// The folder to start in (created if needed)
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub unused: super::args::NoVerbose,
}

/// `flag` is `--lang` when it was given on the command line: the only way
/// to pin English. The locale or a rules.toml above says how `init` itself
/// speaks, not what the alliance reads: the samples are Chinese, and
/// whoever runs `init` on a server or in a container has a C locale.
pub fn run(args: Args, flag: Option<Lang>, io: &mut Io) -> anyhow::Result<Exit> {
    let lang = io.ui.lang;
    let pinned = flag.unwrap_or(Lang::Zh);
    std::fs::create_dir_all(&args.dir).map_err(|source| Fatal::CreateFolder { dir: args.dir.clone(), source })?;
    for (name, text) in FILES {
        let path = args.dir.join(name);
        let created = std::fs::OpenOptions::new().write(true).create_new(true).open(&path);
        let text = match (name, pinned) {
            ("rules.toml", Lang::En) => text.replacen("\nlang = \"zh\"\n", "\nlang = \"en\"\n", 1),
            _ => text.to_string(),
        };
        match created {
            Ok(mut file) => {
                std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|source| Fatal::Write { file: path.display().to_string(), source })?;
                if !io.ui.quiet {
                    writeln!(io.err, "{}", crate::messages::escaped(&run::init_wrote(&path, lang)))?;
                    if name == "rules.toml" {
                        writeln!(io.err, "{}", run::init_lang(pinned, flag.is_some(), lang))?;
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                if !io.ui.quiet {
                    writeln!(io.err, "{}", crate::messages::escaped(&run::init_kept(&path, lang)))?;
                }
            }
            Err(source) => return Err(Fatal::Write { file: path.display().to_string(), source }.into()),
        }
    }
    if !io.ui.quiet {
        let cd = if args.dir.as_os_str() == "." { String::new() } else { format!("cd {} && ", args.dir.display()) };
        for line in run::init_next(&cd, lang) {
            writeln!(io.err, "{}", crate::messages::escaped(&line))?;
        }
    }
    Ok(Exit::Clean)
}
