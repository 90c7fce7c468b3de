//! The `clearpage` command line: `extract` and `readerable` (see README for the contract).

use std::io::{Read, Write};
use std::process::ExitCode;

use clearpage::{Error, Options, PromoMode};

const USAGE: &str = "usage:
  clearpage extract [FILE|-] [--url URL] [--format json|html|text|markdown] [--promos hide|show]
  clearpage readerable [FILE|-] [--url URL]";

/// Exit statuses of the CLI contract.
const EXIT_NOT_READERABLE: u8 = 1;
const EXIT_USAGE_OR_INPUT: u8 = 2;
const EXIT_NO_ARTICLE: u8 = 3;

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Html,
    Text,
    Markdown,
}

struct Args {
    command: String,
    file: Option<String>,
    url: Option<String>,
    format: Format,
    promos: PromoMode,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let command = args.next().ok_or("missing command")?;
    if command != "extract" && command != "readerable" {
        return Err(format!("unknown command '{command}'"));
    }
    let mut parsed = Args {
        command,
        file: None,
        url: None,
        format: Format::Json,
        promos: PromoMode::Hide,
    };
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or(format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--url" => parsed.url = Some(value("--url")?),
            "--format" if parsed.command == "extract" => {
                parsed.format = match value("--format")?.as_str() {
                    "json" => Format::Json,
                    "html" => Format::Html,
                    "text" => Format::Text,
                    "markdown" => Format::Markdown,
                    other => {
                        return Err(format!(
                            "unknown format '{other}' (json|html|text|markdown)"
                        ))
                    }
                }
            }
            "--promos" if parsed.command == "extract" => {
                parsed.promos = match value("--promos")?.as_str() {
                    "hide" => PromoMode::Hide,
                    "show" => PromoMode::Show,
                    other => return Err(format!("unknown promo mode '{other}' (hide|show)")),
                }
            }
            "-h" | "--help" => return Err(String::new()),
            f if f.starts_with("--") => return Err(format!("unknown option '{f}'")),
            _ if parsed.file.is_none() => parsed.file = Some(arg),
            _ => return Err(format!("unexpected argument '{arg}'")),
        }
    }
    Ok(parsed)
}

fn read_input(file: Option<&str>) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    match file {
        None | Some("-") => std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read stdin: {e}"))?,
        Some(path) => {
            bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            0
        }
    };
    Ok(bytes)
}

fn fail(code: u8, message: &str) -> ExitCode {
    if message.is_empty() {
        eprintln!("{USAGE}");
    } else {
        eprintln!("clearpage: {message}");
    }
    ExitCode::from(code)
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("clearpage: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(EXIT_USAGE_OR_INPUT);
        }
    };
    let bytes = match read_input(args.file.as_deref()) {
        Ok(bytes) => bytes,
        Err(message) => return fail(EXIT_USAGE_OR_INPUT, &message),
    };
    if args.command == "readerable" {
        return if clearpage::is_probably_readerable(&bytes) {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(EXIT_NOT_READERABLE)
        };
    }
    let options = Options {
        promos: args.promos,
    };
    let article = match clearpage::extract(&bytes, args.url.as_deref(), &options) {
        Ok(article) => article,
        Err(Error::NoArticle) => return fail(EXIT_NO_ARTICLE, "no article found on this page"),
        Err(error) => return fail(EXIT_USAGE_OR_INPUT, &error.to_string()),
    };
    let output = match args.format {
        Format::Json => match serde_json::to_string_pretty(&article) {
            Ok(json) => json,
            Err(e) => return fail(EXIT_USAGE_OR_INPUT, &format!("cannot write JSON: {e}")),
        },
        Format::Html => article.content.clone(),
        Format::Text => article.text_content.clone(),
        Format::Markdown => clearpage::markdown::to_markdown(&article),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (e.g. `| head`) is not an error worth a panic.
    let _ = writeln!(stdout, "{output}");
    ExitCode::SUCCESS
}
