//! The catalogue's own notes (source notes, the note on the copy's completeness) are
//! written "Ukrainian sentences. English sentences." in one text. The catalogue file stays
//! as it is — results name its SHA-256, so a changed byte would make every result signed
//! with it name another catalogue — and each note is split where it is read, into its
//! Ukrainian and its English part.

use crate::support::settings::Language;

/// A note of the catalogue, split into its two languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bilingual<'a> {
    /// The Ukrainian part (the whole text when it has no English part).
    pub uk: &'a str,
    /// The English part, when the note has one.
    pub en: Option<&'a str>,
}

impl<'a> Bilingual<'a> {
    /// Splits a note at the first sentence that begins in Latin script: the first three
    /// words after a sentence's end (". ", "». ", "). ") that hold a Latin letter and no
    /// Cyrillic one begin the English part.
    pub fn split(text: &'a str) -> Bilingual<'a> {
        let starts = text
            .match_indices(". ")
            .map(|(i, _)| i + 2)
            .filter(|&i| is_english_start(&text[i..]));
        match starts.into_iter().next() {
            Some(i) => Bilingual {
                uk: text[..i].trim_end(),
                en: Some(text[i..].trim()),
            },
            None => Bilingual {
                uk: text.trim(),
                en: None,
            },
        }
    }

    /// The note in `lang`: the English part in English when there is one, the Ukrainian
    /// part otherwise.
    pub fn get(self, lang: Language) -> &'a str {
        match (lang, self.en) {
            (Language::En, Some(en)) => en,
            _ => self.uk,
        }
    }
}

/// Whether a sentence begins in Latin script (its first three words).
fn is_english_start(tail: &str) -> bool {
    let head: String = tail
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let cyrillic = head.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    let latin = head.chars().any(|c| c.is_ascii_alphabetic());
    latin && !cyrillic
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;

    #[test]
    fn a_note_splits_into_its_two_languages() {
        let b = Bilingual::split(
            "Рядок не має позначок. Прийнято дві градації (Н/В). The row has no marks; two grades (Н/В) are used.",
        );
        assert_eq!(b.uk, "Рядок не має позначок. Прийнято дві градації (Н/В).");
        assert_eq!(
            b.en,
            Some("The row has no marks; two grades (Н/В) are used.")
        );
        assert_eq!(
            b.get(Language::En),
            "The row has no marks; two grades (Н/В) are used."
        );
        let digits = Bilingual::split("Те саме оцінює 1.1.5. 1.1.5 scores the same rules.");
        assert_eq!(digits.en, Some("1.1.5 scores the same rules."));
        let only = Bilingual::split("Лише українською. Ще речення.");
        assert_eq!((only.uk, only.en), ("Лише українською. Ще речення.", None));
        assert_eq!(only.get(Language::En), "Лише українською. Ще речення.");
    }

    /// Every note of the built-in catalogue splits into a Ukrainian part in Cyrillic and
    /// an English part in Latin script: none shows the other language's sentences.
    #[test]
    fn every_note_of_the_catalogue_splits_cleanly() {
        let cat = Catalogue::builtin().expect("catalogue");
        let mut notes: Vec<&str> = vec![&cat.source_completeness];
        notes.extend(
            cat.standards
                .iter()
                .filter_map(|s| s.source_note.as_deref()),
        );
        notes.extend(cat.groups.iter().filter_map(|g| g.source_note.as_deref()));
        assert!(notes.len() > 100, "{}", notes.len());
        let latin_words = |t: &str| {
            t.split_whitespace()
                .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 3)
                .count()
        };
        for note in notes {
            let b = Bilingual::split(note);
            let en = b.en.unwrap_or_else(|| panic!("no English part: {note}"));
            assert!(
                latin_words(b.uk) <= 1,
                "English left in the Ukrainian part: {:?}",
                b.uk
            );
            assert!(latin_words(en) >= 3, "{en:?}");
            assert!(
                !en.split_whitespace()
                    .take(6)
                    .any(|w| w.chars().any(|c| ('\u{0430}'..='\u{044F}').contains(&c))),
                "Ukrainian at the start of the English part: {en:?}"
            );
        }
    }
}
