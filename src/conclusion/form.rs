//! What the expert conclusion says, block by block, whatever it is printed as: the form
//! of MOH order No. 142 of 14.03.2011 (in the wording of order No. 1116 of 20.12.2013,
//! registered as z0678-11), then the action plan and the per-group results as annexes.
//! The PDF (`pdf.rs`) and the DOCX (`docx.rs`) lay out the same blocks, so the two never
//! say different things.
//!
//! The form's second half — the points, the category, the proposals, «Підписи:» and
//! «Ознайомлений:» — is the registered text word for word; its first half (the facility,
//! the group, the dates) was not found and is worded in its style
//! (`standards/research/conclusion-form.md`).

use super::action_plan::action_rows;
use crate::catalogue::{Catalogue, ModelId};
use crate::scoring::Category;
use crate::signed::Payload;
use crate::support::time::official_date;

/// One block of the document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document's name, large and centred.
    Title(String),
    /// A centred line under the title.
    Centred(String),
    /// A label and its value on one line: `Сума балів закладу: 620`.
    Field {
        /// The form's words.
        label: String,
        /// What is filled in.
        value: String,
    },
    /// A paragraph of running text.
    Text(String),
    /// A bold line that opens a part.
    Heading(String),
    /// Vertical room between parts.
    Gap,
    /// A signature: who signs, a blank to sign on, and the name printed under it (empty:
    /// a blank for the name too).
    Signature {
        /// The role, as the form words it (empty: a further line under the same role).
        role: String,
        /// The signer's name.
        name: String,
    },
    /// «Ознайомлений:» — the date, the head of the facility, М.П. and a signature.
    Acknowledgement {
        /// The head of the facility, as the application names them.
        head: String,
    },
    /// A table whose header repeats on every page it runs over.
    Table(DocTable),
    /// The per-group summary (the PDF adds the bar chart under it).
    GroupSummary(DocTable),
    /// The next block starts a page.
    PageBreak,
}

/// A table: its columns and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct DocTable {
    /// Each column's header and its share of what is left after the fixed columns (0: as
    /// wide as its header's longest word, or its widest cell).
    pub columns: Vec<(&'static str, f32)>,
    /// The rows, one cell per column.
    pub rows: Vec<Vec<String>>,
}

/// The whole document.
#[derive(Debug, Clone, PartialEq)]
pub struct Conclusion {
    /// Its blocks.
    pub blocks: Vec<Block>,
    /// A draft (made from an inspection file or a draft result): marked on every page.
    pub draft: bool,
    /// Printed at the foot of every page: the result's hash and the signer's key.
    pub footer: String,
}

/// The title, as the form and the PDF's metadata give it.
pub const TITLE: &str = "ЕКСПЕРТНИЙ ВИСНОВОК";

/// The signed result behind a document: its hash and the signer's key fingerprint.
#[derive(Debug, Clone, Copy)]
pub struct Signed<'a> {
    /// SHA-256 of the result's payload.
    pub sha256: &'a str,
    /// The key it was signed with.
    pub fingerprint: &'a str,
}

/// The category as the form's blank takes it («Пропонується присвоєння першої
/// акредитаційної категорії.»), or the refusal when no category is reached. The refusal's
/// words follow the procedure of КМУ resolution No. 765 («відмови в акредитації»): the
/// form has no line for it.
pub fn category_sentence(category: Category) -> String {
    let genitive = match category {
        Category::Higher => "вищої",
        Category::First => "першої",
        Category::Second => "другої",
        Category::None => return "Пропонується відмовити в акредитації.".to_string(),
    };
    format!("Пропонується присвоєння {genitive} акредитаційної категорії.")
}

/// The lines that carry the result's figures, exactly as the document prints them: what
/// `akredit verify` looks for in a PDF to say whether its pages agree with the result
/// embedded in it.
pub fn figure_lines(payload: &Payload) -> Vec<String> {
    figures(payload)
        .into_iter()
        .map(|b| match b {
            Block::Field { label, value } => format!("{label}: {value}"),
            Block::Text(t) => t,
            _ => String::new(),
        })
        .collect()
}

/// The form's figures: the points, the maximum, the percent and the proposed category.
fn figures(payload: &Payload) -> Vec<Block> {
    let t = &payload.totals;
    let c = &t.commission;
    vec![
        field("Сума балів закладу", c.points.to_string()),
        field("Максимально можлива сума балів", t.max_points.to_string()),
        field(
            "Показник досягнень результатів, у відсотках",
            crate::protocol::official_percent(c.percent),
        ),
        Block::Text(category_sentence(c.category)),
    ]
}

fn field(label: &str, value: String) -> Block {
    Block::Field {
        label: label.to_string(),
        value: if value.trim().is_empty() {
            "—".to_string()
        } else {
            value
        },
    }
}

/// The conclusion of a result: the form, then annex 1 (the action plan) and annex 2 (the
/// results by group). `signed` is the result behind it, when it is a signed one.
pub fn conclusion(
    payload: &Payload,
    catalogue: &Catalogue,
    signed: Option<Signed<'_>>,
) -> Conclusion {
    let mut blocks = vec![
        Block::Title(TITLE.to_string()),
        Block::Centred("про відповідність закладу охорони здоров'я стандартам акредитації".into()),
        Block::Gap,
    ];
    blocks.extend(facility(payload, catalogue));
    blocks.push(Block::Gap);
    blocks.extend(figures(payload));
    blocks.push(Block::Gap);
    blocks.extend(proposals(payload, catalogue));
    blocks.push(Block::Gap);
    blocks.extend(signatures(payload));
    blocks.push(Block::PageBreak);
    blocks.extend(annex_action_plan(payload, catalogue));
    blocks.push(Block::Gap);
    blocks.extend(annex_groups(payload, catalogue));
    blocks.extend(annex_evidence(payload));
    let draft = !payload.is_final || signed.is_none();
    let footer = match signed {
        Some(s) => format!(
            "Підписаний результат: SHA-256 {} · ключ підписувача {}",
            s.sha256, s.fingerprint
        ),
        None => "Складено з файлу перевірки; підписаного результату немає.".to_string(),
    };
    Conclusion {
        blocks,
        draft,
        footer,
    }
}

/// The facility, the standards, the expert group and the visit's date.
fn facility(payload: &Payload, catalogue: &Catalogue) -> Vec<Block> {
    let centre = |id: &str| payload.centre.get(id).cloned().unwrap_or_default();
    let model = payload
        .model
        .parse::<ModelId>()
        .map(|m| catalogue.model(m).title.clone())
        .unwrap_or_else(|_| payload.model.clone());
    vec![
        field(
            "Повне найменування закладу охорони здоров'я",
            centre("centre_name"),
        ),
        field(
            "Форма власності і відомчої підпорядкованості",
            centre("ownership"),
        ),
        field("Місцезнаходження", centre("location")),
        field("Керівник закладу", centre("head")),
        field("Модель діяльності", model),
        field(
            "Стандарти акредитації",
            "Стандарти акредитації центрів здоров'я України, затверджені наказом МОЗ України від 17.07.2000 № 169".into(),
        ),
        Block::Text("Експертна група у складі:".into()),
        field("Керівник експертної групи", head_of_group(payload)),
        field("Експерти", experts_of_group(payload)),
        field(
            "Дата проведення експертної оцінки",
            payload
                .visit_date
                .as_deref()
                .map(official_date)
                .unwrap_or_default(),
        ),
    ]
}

/// The head of the expert group: the head the result's team names (with their position),
/// or else the expert the inspection names, or else whoever signed.
fn head_of_group(payload: &Payload) -> String {
    if let Some(head) = payload.head() {
        return with_position(head);
    }
    if payload.expert.trim().is_empty() {
        payload.signer.clone()
    } else {
        payload.expert.clone()
    }
}

/// The experts of the group the result's team names (not the head), with their
/// positions; empty when it names none.
fn experts_of_group(payload: &Payload) -> String {
    payload
        .team
        .iter()
        .filter(|t| t.role != "head")
        .map(with_position)
        .collect::<Vec<_>>()
        .join("; ")
}

/// A member's name and, when recorded, position.
fn with_position(member: &crate::signed::TeamEntry) -> String {
    if member.position.trim().is_empty() {
        member.name.clone()
    } else {
        format!("{}, {}", member.name, member.position.trim())
    }
}

/// «Пропозиції, зауваження і рекомендації членів експертної групи:» — the general
/// conclusion, and where the recommendations on single standards are.
fn proposals(payload: &Payload, catalogue: &Catalogue) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(
        "Пропозиції, зауваження і рекомендації членів експертної групи:".into(),
    )];
    let text = payload.conclusion.trim();
    if text.is_empty() {
        blocks.push(Block::Text("—".into()));
    } else {
        blocks.extend(
            text.split('\n')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| Block::Text(p.to_string())),
        );
    }
    let rows = action_rows(payload, catalogue);
    let with_text = rows
        .iter()
        .filter(|r| !r.recommendation().text.trim().is_empty())
        .count();
    blocks.push(Block::Text(format!(
        "Рекомендації щодо окремих стандартів ({with_text}) — у додатку 1 «План коригувальних \
         дій»; результати оцінки за групами стандартів — у додатку 2."
    )));
    blocks
}

/// «Підписи:»: of a result with an expert group, each member under a line of their own,
/// head first — role, and under the line name, position and key fingerprint; otherwise
/// the head of the group with the name under the line and «Експерти:» with blank lines.
fn signatures(payload: &Payload) -> Vec<Block> {
    if !payload.team.is_empty() {
        let mut blocks = vec![Block::Heading("Підписи:".into())];
        blocks.extend(payload.team.iter().map(|m| Block::Signature {
            role: crate::protocol::member_role(&m.role).into(),
            name: crate::protocol::member_line(m),
        }));
        blocks.push(Block::Gap);
        blocks.push(Block::Acknowledgement {
            head: payload.centre.get("head").cloned().unwrap_or_default(),
        });
        return blocks;
    }
    vec![
        Block::Heading("Підписи:".into()),
        Block::Signature {
            role: "Керівник експертної групи".into(),
            name: head_of_group(payload),
        },
        Block::Signature {
            role: "Експерти:".into(),
            name: String::new(),
        },
        Block::Signature {
            role: String::new(),
            name: String::new(),
        },
        Block::Gap,
        Block::Acknowledgement {
            head: payload.centre.get("head").cloned().unwrap_or_default(),
        },
    ]
}

/// Annex 1: the corrective-action plan.
fn annex_action_plan(payload: &Payload, catalogue: &Catalogue) -> Vec<Block> {
    // Who of the group graded a standard, when the result names them (under the grade).
    let authors: std::collections::HashMap<&str, &str> = payload
        .standards
        .iter()
        .filter_map(|e| Some((e.code.as_str(), e.author.as_deref()?)))
        .collect();
    let rows: Vec<Vec<String>> = action_rows(payload, catalogue)
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let rec = r.recommendation();
            let or_dash = |s: &str| {
                if s.trim().is_empty() {
                    "—".to_string()
                } else {
                    s.to_string()
                }
            };
            vec![
                (n + 1).to_string(),
                r.row.code.to_string(),
                r.title.clone(),
                match authors.get(r.row.code.as_str()) {
                    Some(author) => format!("{} (оцінив: {author})", r.grade),
                    None => r.grade.clone(),
                },
                or_dash(&rec.text),
                or_dash(&r.due),
                or_dash(&rec.owner),
            ]
        })
        .collect();
    let mut blocks = vec![
        Block::Heading("Додаток 1 до експертного висновку".into()),
        Block::Text(
            "План коригувальних дій: стандарти, оцінені нижче найвищої оцінки, і рекомендації \
             експертної групи щодо них."
                .into(),
        ),
    ];
    if rows.is_empty() {
        blocks.push(Block::Text(
            "Усі застосовні стандарти оцінено найвищою оцінкою; рекомендацій немає.".into(),
        ));
    } else {
        blocks.push(Block::Table(DocTable {
            columns: vec![
                ("№", 0.0),
                ("Код", 0.0),
                ("Стандарт", 1.6),
                ("Оцінка комісії", 0.0),
                ("Рекомендація (що усунути)", 1.6),
                ("Строк виконання", 0.0),
                ("Відповідальний", 0.5),
            ],
            rows,
        }));
    }
    blocks
}

/// Annex 2: each group's applicable standards, points and percent.
fn annex_groups(payload: &Payload, catalogue: &Catalogue) -> Vec<Block> {
    let t = &payload.totals;
    let mut rows: Vec<Vec<String>> = t
        .groups
        .iter()
        .map(|g| {
            let title = catalogue
                .group(&g.code)
                .map(|c| c.title.clone())
                .unwrap_or_default();
            vec![
                g.code.to_string(),
                title,
                g.applicable.to_string(),
                format!("{} / {}", g.commission.points, g.max_points),
                crate::protocol::official_percent(g.commission.percent),
            ]
        })
        .collect();
    rows.push(vec![
        String::new(),
        "Усього".into(),
        t.applicable.to_string(),
        format!("{} / {}", t.commission.points, t.max_points),
        crate::protocol::official_percent(t.commission.percent),
    ]);
    let mut blocks = vec![
        Block::Heading("Додаток 2 до експертного висновку".into()),
        Block::Text("Результати оцінки за групами стандартів".into()),
        Block::GroupSummary(DocTable {
            columns: vec![
                ("Група", 0.0),
                ("Назва групи", 1.0),
                ("Застосовних стандартів", 0.0),
                ("Бали / максимум", 0.0),
                ("Відсоток", 0.0),
            ],
            rows,
        }),
    ];
    blocks.extend(who_graded(payload));
    blocks
}

/// Annex 3, only when there is evidence: each file, standard by standard, with the first
/// 16 characters of its SHA-256 (the signed result gives it whole).
fn annex_evidence(payload: &Payload) -> Vec<Block> {
    if payload.evidence.is_empty() {
        return Vec::new();
    }
    let mut blocks = vec![
        Block::Gap,
        Block::Heading("Додаток 3 до експертного висновку".into()),
        Block::Text("Докази (вкладення), за стандартами".into()),
    ];
    blocks.extend(
        crate::protocol::evidence_lines(payload)
            .into_iter()
            .map(Block::Text),
    );
    blocks
}

/// The most codes a member's line of [`who_graded`] lists one by one; beyond it, the
/// line counts their standards per group.
const LISTED_CODES: usize = 15;

/// Of a result with an expert group: who graded which standards — each member, their
/// role and the standards whose grade or "not applicable" decision is theirs (codes, or
/// per group when there are many). Nothing for a result of one expert.
pub fn who_graded(payload: &Payload) -> Vec<Block> {
    if payload.team.is_empty() {
        return Vec::new();
    }
    let mut blocks = vec![Block::Text(
        "Оцінювання стандартів членами експертної групи:".into(),
    )];
    for member in &payload.team {
        let codes: Vec<&str> = payload
            .standards
            .iter()
            .filter(|e| payload.author_of(e) == Some(member.name.as_str()))
            .map(|e| e.code.as_str())
            .collect();
        let role = if member.role == "head" {
            "керівник експертної групи"
        } else {
            "експерт"
        };
        let listed = if codes.is_empty() {
            "—".to_string()
        } else if codes.len() <= LISTED_CODES {
            codes.join(", ")
        } else {
            let mut groups: Vec<(String, usize)> = Vec::new();
            for code in &codes {
                let group: String = code.split('.').take(2).collect::<Vec<_>>().join(".");
                match groups.last_mut() {
                    Some((g, n)) if *g == group => *n += 1,
                    _ => groups.push((group, 1)),
                }
            }
            groups
                .iter()
                .map(|(g, n)| format!("{g} ({n})"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        blocks.push(Block::Text(format!(
            "{} ({role}) — {}: {listed}",
            member.name,
            codes.len()
        )));
    }
    blocks
}
