//! `akredit catalogue`: the standards the program scores against, in words or as JSON
//! (every field, and each standard's grades with the Order's letters).

use std::io::Write;

use clap::Args;
use serde::Serialize;
use serde_json::json;

use crate::catalogue::{self, Catalogue, ModelId};

use super::error::CliError;
use super::print::write_json;

/// `akredit catalogue`.
#[derive(Debug, Args)]
pub struct CatalogueArgs {
    /// As JSON.
    #[arg(long)]
    pub json: bool,
}

/// `akredit catalogue`: prints the loaded catalogue.
pub fn run(cat: &Catalogue, args: CatalogueArgs, out: &mut dyn Write) -> Result<(), CliError> {
    if args.json {
        write_json(&CatalogueView::of(cat), out)
    } else {
        print_text(cat, out)
    }
}

/// The catalogue as `catalogue --json` prints it: the catalogue's own fields, in this
/// order, and the standards with their grades and letters.
#[derive(Serialize)]
struct CatalogueView<'a> {
    id: &'a str,
    title: &'a str,
    sha256: &'a str,
    source_completeness: &'a str,
    categories: &'a [catalogue::CategoryRule],
    models: &'a [catalogue::Model],
    sections: &'a [catalogue::Section],
    groups: &'a [catalogue::Group],
    standards: Vec<serde_json::Value>,
    headings: &'a [catalogue::Heading],
    uncounted: &'a [catalogue::Uncounted],
    presets: &'a [catalogue::Preset],
    application_form: &'a [catalogue::FormField],
    documents: &'a [catalogue::Document],
}

impl<'a> CatalogueView<'a> {
    /// The view of `cat`.
    fn of(cat: &'a Catalogue) -> Self {
        CatalogueView {
            id: &cat.id,
            title: &cat.title,
            sha256: &cat.sha256,
            source_completeness: &cat.source_completeness,
            categories: &cat.categories,
            models: &cat.models,
            sections: &cat.sections,
            groups: &cat.groups,
            standards: cat.standards.iter().map(standard_json).collect(),
            headings: &cat.headings,
            uncounted: &cat.uncounted,
            presets: &cat.presets,
            application_form: &cat.application_form,
            documents: &cat.documents,
        }
    }
}

/// A standard as `catalogue --json` prints it: its fields, and its grades with their
/// letters.
fn standard_json(s: &catalogue::Standard) -> serde_json::Value {
    let criteria: serde_json::Map<String, serde_json::Value> = s
        .criteria
        .iter()
        .map(|(g, t)| (g.to_string(), json!(t)))
        .collect();
    json!({
        "code": s.code,
        "group": s.group,
        "title": s.title,
        "scale": s.scale,
        "grades": s.scale.grades(),
        "letters": s.scale.grades().iter().map(|&g| s.scale.order_letter(g)).collect::<Vec<_>>(),
        "criteria": criteria,
        "note": s.note,
        "models": s.models,
        "wording_in_source": s.wording_in_source,
        "source_line": s.source_line,
        "source_note": s.source_note,
    })
}

/// `catalogue` in words: the models, the groups with their counts, and how complete the
/// source is.
fn print_text(cat: &Catalogue, out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(out, "{}", cat.title)?;
    writeln!(out, "catalogue {}  SHA-256 {}", cat.id, cat.sha256)?;
    for m in &cat.models {
        writeln!(
            out,
            "model {:<9} {} standards, {} points — {}",
            m.id.id(),
            m.standards,
            m.max_points,
            m.title
        )?;
    }
    for g in &cat.groups {
        let count = |model| {
            cat.model_standards(model)
                .filter(|s| s.group == g.code)
                .count()
        };
        writeln!(
            out,
            "{:<5} full {:>3}  sanitary {:>3}  {}",
            g.code.as_str(),
            count(ModelId::Full),
            count(ModelId::Sanitary),
            g.title
        )?;
    }
    writeln!(out, "{}", cat.source_completeness)?;
    writeln!(
        out,
        "{} editorial decisions are recorded as source_note (see `akredit catalogue --json`)",
        editorial_decisions(cat)
    )?;
    Ok(())
}

/// How many editorial decisions the catalogue records (as `source_note`).
fn editorial_decisions(cat: &Catalogue) -> usize {
    cat.standards
        .iter()
        .filter(|s| s.wording_in_source && s.source_note.is_some())
        .count()
        + cat
            .groups
            .iter()
            .filter(|g| g.source_note.is_some())
            .count()
        + cat.uncounted.len()
        + cat.presets.len()
}
