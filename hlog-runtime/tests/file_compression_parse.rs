//! Compression strings, through the public API: every accepted form, the refusals and their
//! messages, with and without the cargo features of the other formats.

use hlog_runtime::sink::file::Compression;

/// Every accepted spelling and the extension it gives, with the feature(s) it needs.
const FORMS: &[(&str, &str, &[&str])] = &[
    ("gz", "gz", &[]),
    ("bz2", "bz2", &["bz2"]),
    ("xz", "xz", &["xz"]),
    ("lzma", "lzma", &["xz"]),
    ("zip", "zip", &["zip"]),
    ("tar", "tar", &["tar"]),
    ("tar.gz", "tar.gz", &["tar"]),
    ("tgz", "tar.gz", &["tar"]),
    ("tar.bz2", "tar.bz2", &["tar", "bz2"]),
    ("tar.xz", "tar.xz", &["tar", "xz"]),
];

fn enabled(feature: &str) -> bool {
    match feature {
        "bz2" => cfg!(feature = "bz2"),
        "xz" => cfg!(feature = "xz"),
        "zip" => cfg!(feature = "zip"),
        "tar" => cfg!(feature = "tar"),
        _ => unreachable!(),
    }
}

/// The spellings of one form: as is, upper case, mixed case, with a leading dot, with spaces.
fn spellings(form: &str) -> Vec<String> {
    let mixed: String = form
        .chars()
        .enumerate()
        .map(|(i, c)| if i % 2 == 0 { c.to_ascii_uppercase() } else { c })
        .collect();
    vec![
        form.to_owned(),
        form.to_ascii_uppercase(),
        mixed,
        format!(".{form}"),
        format!(".{}", form.to_ascii_uppercase()),
        format!("  {form} "),
    ]
}

#[test]
fn every_form_is_accepted_when_its_features_are_on() {
    for (form, extension, features) in FORMS {
        let missing: Vec<&str> = features.iter().copied().filter(|f| !enabled(f)).collect();
        for text in spellings(form) {
            match Compression::parse(&text) {
                Ok(compression) => {
                    assert!(missing.is_empty(), "{text:?} accepted without {missing:?}");
                    assert_eq!(compression.extension(), *extension, "{text:?}");
                    let via_from_str: Compression = text.parse().unwrap();
                    assert_eq!(via_from_str.extension(), *extension, "{text:?}");
                }
                Err(error) => {
                    assert!(!missing.is_empty(), "{text:?} refused: {error}");
                    assert_eq!(error.setting, "compression");
                    assert_eq!(error.input, text);
                    for feature in &missing {
                        assert!(error.message.contains(&format!("\"{feature}\"")), "{error}");
                    }
                }
            }
        }
    }
}

#[test]
fn the_variants() {
    assert!(matches!(Compression::parse("gz"), Ok(Compression::Gzip)));
    assert!(matches!(Compression::parse(".Gz"), Ok(Compression::Gzip)));
    if cfg!(feature = "tar") {
        assert!(matches!(Compression::parse("TGZ"), Ok(Compression::TarGz)));
        assert!(matches!(Compression::parse("tar"), Ok(Compression::Tar)));
    }
    if cfg!(feature = "xz") {
        assert!(matches!(Compression::parse("lzma"), Ok(Compression::Lzma)));
        assert!(matches!(Compression::parse("xz"), Ok(Compression::Xz)));
    }
    if cfg!(feature = "bz2") {
        assert!(matches!(Compression::parse("bz2"), Ok(Compression::Bzip2)));
    }
    if cfg!(feature = "zip") {
        assert!(matches!(Compression::parse("zip"), Ok(Compression::Zip)));
    }
    if cfg!(all(feature = "tar", feature = "bz2")) {
        assert!(matches!(Compression::parse("tar.bz2"), Ok(Compression::TarBz2)));
    }
    if cfg!(all(feature = "tar", feature = "xz")) {
        assert!(matches!(Compression::parse("tar.xz"), Ok(Compression::TarXz)));
    }
}

#[test]
fn unknown_strings_are_refused_with_the_accepted_forms() {
    let expected_tail = "expected one of gz, bz2, xz, lzma, zip, tar, tar.gz (or tgz), tar.bz2, \
                         tar.xz (case-insensitive, with or without a leading dot)";
    for text in [
        "", " ", ".", "rar", "gzip", "bzip2", "zstd", "tar.", "tar.zip", "tar.lzma", "gz.tar",
        "tar gz", "tbz2", "txz", "g z", ".gz.", "7z", "True", "0",
    ] {
        let error = Compression::parse(text).unwrap_err();
        assert_eq!(error.setting, "compression");
        assert_eq!(error.input, text);
        assert_eq!(error.message, expected_tail, "{text:?}");
        assert_eq!(error.to_string(), format!("invalid compression {text:?}: {expected_tail}"));
        assert!(text.parse::<Compression>().is_err());
    }
}

#[test]
fn exact_error_texts() {
    assert_eq!(
        Compression::parse("rar").unwrap_err().to_string(),
        "invalid compression \"rar\": expected one of gz, bz2, xz, lzma, zip, tar, tar.gz (or \
         tgz), tar.bz2, tar.xz (case-insensitive, with or without a leading dot)"
    );
    if !cfg!(feature = "bz2") {
        assert_eq!(
            Compression::parse("BZ2").unwrap_err().to_string(),
            "invalid compression \"BZ2\": bz2 compression is not built into this program: \
             enable hlog's \"bz2\" feature"
        );
    }
    if !cfg!(feature = "xz") {
        assert_eq!(
            Compression::parse(".lzma").unwrap_err().to_string(),
            "invalid compression \".lzma\": lzma compression is not built into this program: \
             enable hlog's \"xz\" feature"
        );
    }
    if !cfg!(feature = "tar") && !cfg!(feature = "bz2") {
        assert_eq!(
            Compression::parse("tar.bz2").unwrap_err().to_string(),
            "invalid compression \"tar.bz2\": tar.bz2 compression is not built into this \
             program: enable hlog's \"tar\" and \"bz2\" features"
        );
    }
    if !cfg!(feature = "tar") {
        assert_eq!(
            Compression::parse("tgz").unwrap_err().to_string(),
            "invalid compression \"tgz\": tar.gz compression is not built into this program: \
             enable hlog's \"tar\" feature"
        );
    }
    if cfg!(feature = "tar") && !cfg!(feature = "xz") {
        assert_eq!(
            Compression::parse("tar.xz").unwrap_err().to_string(),
            "invalid compression \"tar.xz\": tar.xz compression is not built into this \
             program: enable hlog's \"xz\" feature"
        );
    }
}

#[test]
fn custom_and_debug() {
    let custom = Compression::custom(|path: &std::path::Path| Ok(path.with_extension("done")));
    assert_eq!(custom.extension(), "");
    assert_eq!(format!("{custom:?}"), "Custom(<closure>)");
    let cloned = custom.clone();
    assert!(matches!(cloned, Compression::Custom(_)));
    assert_eq!(format!("{:?}", Compression::Gzip), "Gzip");
    assert_eq!(format!("{:?}", Compression::TarBz2), "TarBz2");
}

#[test]
fn extensions() {
    let table = [
        (Compression::Gzip, "gz"),
        (Compression::Bzip2, "bz2"),
        (Compression::Xz, "xz"),
        (Compression::Lzma, "lzma"),
        (Compression::Zip, "zip"),
        (Compression::Tar, "tar"),
        (Compression::TarGz, "tar.gz"),
        (Compression::TarBz2, "tar.bz2"),
        (Compression::TarXz, "tar.xz"),
    ];
    for (compression, extension) in table {
        assert_eq!(compression.extension(), extension, "{compression:?}");
    }
}
