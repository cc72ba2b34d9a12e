//! What a КЕП check says, in the interface's language: a signer's status, the chain, the
//! revocation, whether the signer is an expert of the document, what could not be
//! checked, the commission column's word. English follows `akredit kep check`; a detail
//! the domain gives in its own words (a parser's complaint) is kept as it is.

use crate::commission::{KepProblem, KepState};
use crate::kep::certificate::Chain;
use crate::kep::files::KepPathsError;
use crate::kep::{DocumentKind, ExpertMatch, KepFilesError, NotChecked, Revocation, Status};
use crate::support::settings::Language;
use crate::support::time::format_unix;

/// One text in each language.
fn pick(lang: Language, uk: String, en: String) -> String {
    match lang {
        Language::Uk => uk,
        Language::En => en,
    }
}

/// A signer's signature: valid, document changed, invalid, certificate expired…
pub fn status(s: &Status, lang: Language) -> String {
    match s {
        Status::Valid => pick(
            lang,
            "ДІЙСНИЙ — підпис сходиться з точними байтами цього документа".into(),
            "VALID — the signature holds over this document's exact bytes".into(),
        ),
        Status::DocumentChanged => pick(
            lang,
            "ДОКУМЕНТ ЗМІНЕНО — це не той документ, що підписано (змінений після підпису або інший файл)".into(),
            "DOCUMENT CHANGED — the document is not the one signed (changed after signing, or another file)".into(),
        ),
        Status::SignatureInvalid => pick(
            lang,
            "ПІДПИС НЕДІЙСНИЙ — не перевіряється ключем сертифіката".into(),
            "SIGNATURE INVALID — it does not verify with the certificate's key".into(),
        ),
        Status::CertificateExpired { at } => pick(
            lang,
            format!(
                "СЕРТИФІКАТ НЕЧИННИЙ НА ЧАС ПІДПИСУ ({}) — підпис сходиться, але сертифікат уже сплив або ще не діяв",
                format_unix(*at)
            ),
            format!(
                "CERTIFICATE NOT VALID AT SIGNING TIME ({}) — the signature verifies, but the certificate had expired or was not yet valid",
                format_unix(*at)
            ),
        ),
        Status::CertificateMissing => pick(
            lang,
            "НЕМАЄ СЕРТИФІКАТА — файл підпису не містить сертифіката підписувача: додайте його до довірених сертифікатів".into(),
            "CERTIFICATE MISSING — the signature file does not carry the signer's certificate: add it to the trusted certificates".into(),
        ),
        Status::NotCheckable(why) => pick(
            lang,
            format!("НЕ ПЕРЕВІРЕНО — {why}"),
            format!("NOT CHECKED — {why}"),
        ),
    }
}

/// The certificate's chain against the trusted certificates given.
pub fn chain(c: &Chain, lang: Language) -> String {
    match c {
        Chain::NotChecked => pick(
            lang,
            "ланцюжок сертифіката не перевірено — не вказано довірений список (TL-UA-*.xml) чи сертифікат ЦСК".into(),
            "NOT CHECKED — no trusted list (TL-UA-*.xml) or CA certificate was given".into(),
        ),
        Chain::Trusted { path, anchor } => pick(
            lang,
            format!("довірений: {} (з {anchor})", path.join(" — ")),
            format!("trusted: {} (from {anchor})", path.join(" — ")),
        ),
        Chain::NotTrusted(why) => pick(
            lang,
            format!("НЕ ДОВІРЕНИЙ — {why}"),
            format!("NOT TRUSTED — {why}"),
        ),
    }
}

/// Whether the certificate was revoked, as far as a CRL given tells.
pub fn revocation(r: &Revocation, lang: Language) -> String {
    match r {
        Revocation::NotChecked => pick(
            lang,
            "не перевірено — akredit працює без мережі, OCSP недоступний; список відкликаних (.crl) можна додати до довірених".into(),
            "NOT CHECKED — offline, OCSP cannot be asked; a CRL (.crl) can be added to the trusted files".into(),
        ),
        Revocation::NotRevoked { this_update } => pick(
            lang,
            format!("не відкликано, за списком відкликаних від {}", format_unix(*this_update)),
            format!("not revoked, by the issuer's CRL of {}", format_unix(*this_update)),
        ),
        Revocation::Revoked { at } => pick(
            lang,
            format!("ВІДКЛИКАНО з {}", format_unix(*at)),
            format!("REVOKED since {}", format_unix(*at)),
        ),
        Revocation::CrlInvalid => pick(
            lang,
            "список відкликаних для цього ЦСК НЕ ПЕРЕВІРЯЄТЬСЯ".into(),
            "the CRL given for its issuer DOES NOT VERIFY".into(),
        ),
    }
}

/// The certificate's holder beside the experts the document names.
pub fn expert(m: &ExpertMatch, holder: &str, experts: &[String], lang: Language) -> String {
    match m {
        ExpertMatch::Matches(e) => pick(
            lang,
            format!("{holder} = {e} (названий у документі)"),
            format!("{holder} = {e} (named in the document)"),
        ),
        ExpertMatch::Differs => pick(
            lang,
            format!(
                "НЕ ЕКСПЕРТ ДОКУМЕНТА — сертифікат називає «{holder}», документ — «{}»",
                experts.join("», «")
            ),
            format!(
                "NOT AN EXPERT OF THE DOCUMENT — the certificate names «{holder}»; the document names «{}»",
                experts.join("», «")
            ),
        ),
        ExpertMatch::NoExperts => pick(
            lang,
            "не зіставлено — документ не називає експертів".into(),
            "not matched — the document names no expert".into(),
        ),
    }
}

/// A step the check could not do.
pub fn not_checked(step: NotChecked, lang: Language) -> &'static str {
    match (step, lang) {
        (NotChecked::Chain, Language::Uk) => {
            "ланцюжок сертифіката не перевірено: додайте довірений список TL-UA-DSTU.xml або TL-UA-EC.xml (завантажується один раз з czo.gov.ua)"
        }
        (NotChecked::Chain, Language::En) => {
            "the certificate chain was not checked: add the trusted list TL-UA-DSTU.xml or TL-UA-EC.xml (downloaded once from czo.gov.ua)"
        }
        (NotChecked::Revocation, Language::Uk) => {
            "відкликання сертифіката: akredit працює без мережі; список відкликаних (.crl), якщо його додано, прочитано"
        }
        (NotChecked::Revocation, Language::En) => {
            "revocation: akredit is offline; a CRL (.crl), when added, is read"
        }
        (NotChecked::TrustedTime, Language::Uk) => {
            "довірений час підпису: позначки часу немає, тож час підпису — лише те, що сказав комп'ютер підписувача"
        }
        (NotChecked::TrustedTime, Language::En) => {
            "a trusted signing time: no timestamp holds, so the time is only what the signer's computer said"
        }
        (NotChecked::Experts, Language::Uk) => {
            "що підписувач — експерт: документ не називає жодного"
        }
        (NotChecked::Experts, Language::En) => {
            "that the signer is an expert: the document names none"
        }
    }
}

/// What kind of document was signed.
pub fn document_kind(kind: DocumentKind, lang: Language) -> &'static str {
    match (kind, lang) {
        (DocumentKind::Conclusion, Language::Uk) => "експертний висновок (PDF)",
        (DocumentKind::Conclusion, Language::En) => "the expert conclusion (PDF)",
        (DocumentKind::Protocol, Language::Uk) => "протокол (PDF)",
        (DocumentKind::Protocol, Language::En) => "the protocol (PDF)",
        (DocumentKind::Result, Language::Uk) => "підписаний результат",
        (DocumentKind::Result, Language::En) => "a signed result",
        (DocumentKind::Other, Language::Uk) => "не akredit (підписаного результату в ньому немає)",
        (DocumentKind::Other, Language::En) => "not akredit's (no signed result in it)",
    }
}

/// The commission column's word.
pub fn state_word(state: KepState, lang: Language) -> &'static str {
    match (state, lang) {
        (KepState::Valid, Language::Uk) => "дійсний",
        (KepState::Valid, Language::En) => "valid",
        (KepState::ChainNotChecked, Language::Uk) => "ланцюжок не перевірено",
        (KepState::ChainNotChecked, Language::En) => "chain not checked",
        (KepState::Invalid, Language::Uk) => "НЕДІЙСНИЙ",
        (KepState::Invalid, Language::En) => "INVALID",
    }
}

/// Why a КЕП beside a result does not count.
pub fn problem(p: &KepProblem, lang: Language) -> String {
    match (p, lang) {
        (KepProblem::Unreadable { file, why }, _) => format!("{file}: {why}"),
        (KepProblem::OtherResult, Language::Uk) => "PDF містить інший результат, ніж цей".into(),
        (KepProblem::DocumentFails, Language::Uk) => {
            "вбудований результат документа не перевіряється".into()
        }
        (KepProblem::NotInContainer { signature }, Language::Uk) => {
            format!("{signature} не підписує документ у незмінному вигляді")
        }
        (p, Language::En) => crate::commission::kep::problem_en(p),
    }
}

/// Why no check could be made of the files given.
pub fn paths_error(e: &KepPathsError, lang: Language) -> String {
    match (e, lang) {
        (KepPathsError::File(f), _) => super::error(f, lang),
        (KepPathsError::Trust { path, error }, Language::Uk) => {
            format!("{}: довірені сертифікати не прочитано: {error}", path.display())
        }
        (KepPathsError::Check(KepFilesError::NoDocument), Language::Uk) => {
            "файл підпису не містить документа (це відокремлений підпис): додайте й сам документ — PDF висновку чи файл результату".into()
        }
        (KepPathsError::Check(KepFilesError::NoSignatures), Language::Uk) => {
            "немає файлу підпису: додайте .p7s або .asice, які зберегли Дія.Підпис чи czo.gov.ua/sign".into()
        }
        (KepPathsError::Check(KepFilesError::WhichDocument), Language::Uk) => {
            "контейнер містить кілька документів і жоден не PDF: додайте документ, який треба перевірити".into()
        }
        (e, _) => e.to_string(),
    }
}
