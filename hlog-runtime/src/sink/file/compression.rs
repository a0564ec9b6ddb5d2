//! How rotated files are compressed: gzip always, other formats behind cargo features, or a
//! closure; done on a background thread.
//!
//! A built-in format writes `<file>.<ext>` next to the file (loguru's names:
//! `app.2026-03-26_14-30-00_123456.log` → `app.2026-03-26_14-30-00_123456.log.gz`). What hlog
//! guarantees on top of loguru:
//!
//! - Nothing is ever overwritten. When `<file>.<ext>` is taken (by anything, even a dangling
//!   symlink), the archive is `<file>.2.<ext>`, then `<file>.3.<ext>`, and so on. The final
//!   name is claimed with a hard link, which fails rather than replace anything (on a file
//!   system without hard links: with a new empty file, which fails the same way, that the
//!   rename then replaces).
//! - The archive is written to a hidden temporary file in the same folder
//!   (`.hlog-compress-<pid>-<n>.tmp`), synced to disk, and only then given its name; the source
//!   is removed only after that. On any error the partial archive is removed and the source is
//!   kept. (A crash mid-way can leave the temporary file behind, never a truncated archive
//!   under the final name.)
//! - The archive has the permissions of the source (a log chmod'ed `0600` gives a `0600`
//!   archive).
//! - The source is read with `O_NOFOLLOW` and must be a regular file.
//! - Everything is streamed: memory use does not depend on the size of the file.
//!
//! Inside the archives: the gzip header names the source file and carries its last-write time;
//! zip and tar archives hold one member named after the source file, with its time and mode.
//! `tar.gz` is a gzip stream named `<file>.tar`, as `gzip` would name it.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs::{self, File, Metadata};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::primitives::{
    IoContext, NAMES_TRIED, mode_of, move_to_free_name, open_options, same_file, set_mode,
};
use super::spec::SpecError;
use crate::time::Timestamp;

/// How rotated files are compressed.
///
/// Parse one from loguru's strings with [`Compression::parse`] (or `str::parse`), or give a
/// closure with [`Compression::custom`]. Every format but gzip needs a cargo feature of hlog:
/// `bz2` (bzip2), `xz` (xz and lzma), `zip`, `tar` (tar, and with `bz2`/`xz` also
/// `tar.bz2`/`tar.xz`).
///
/// # Examples
///
/// ```
/// use hlog::sink::file::Compression;
///
/// let gz: Compression = "gz".parse().unwrap();
/// assert_eq!(gz.extension(), "gz");
/// assert!(matches!(Compression::parse(".GZ"), Ok(Compression::Gzip)));
/// assert!(Compression::parse("rar").is_err());
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub enum Compression {
    /// `.gz`: gzip (always available).
    Gzip,
    /// `.bz2`: bzip2 (feature `bz2`).
    Bzip2,
    /// `.xz`: xz (feature `xz`).
    Xz,
    /// `.lzma`: the legacy lzma format, "lzma_alone" (feature `xz`).
    Lzma,
    /// `.zip`: a zip archive holding the file, deflated (feature `zip`).
    Zip,
    /// `.tar`: an uncompressed tar archive holding the file (feature `tar`).
    Tar,
    /// `.tar.gz`: a gzipped tar archive (feature `tar`).
    TarGz,
    /// `.tar.bz2`: a bzip2-compressed tar archive (features `tar` and `bz2`).
    TarBz2,
    /// `.tar.xz`: an xz-compressed tar archive (features `tar` and `xz`).
    TarXz,
    /// A closure. It is given the rotated file, writes whatever it likes and returns the path of
    /// the archive (a relative path is taken as relative to the rotated file's folder). hlog then
    /// removes the rotated file, unless the closure already did, or returned the file's own
    /// path, or returned a path where nothing exists (then the file is kept and an error
    /// reported). An error it returns is reported and the file kept; a panic is caught and
    /// reported too.
    #[allow(clippy::type_complexity)] // spelt out, so users see what the closure gets
    Custom(Arc<dyn Fn(&Path) -> io::Result<PathBuf> + Send + Sync>),
}

/// The accepted strings, for error messages.
const ACCEPTED: &str = "gz, bz2, xz, lzma, zip, tar, tar.gz (or tgz), tar.bz2, tar.xz \
                        (case-insensitive, with or without a leading dot)";

impl Compression {
    /// Parse loguru's compression strings: `gz`, `bz2`, `xz`, `lzma`, `zip`, `tar`, `tar.gz`,
    /// `tar.bz2`, `tar.xz`, and `tgz` for `tar.gz`; case-insensitive, with or without a leading
    /// dot, surrounding spaces ignored.
    ///
    /// A format whose cargo feature is off is refused with an error naming the feature to
    /// enable; any other string with an error quoting it and listing the accepted forms.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::Compression;
    ///
    /// assert!(matches!(Compression::parse("GZ"), Ok(Compression::Gzip)));
    /// assert!(matches!(Compression::parse(" .Gz "), Ok(Compression::Gzip)));
    /// let error = Compression::parse("rar").unwrap_err();
    /// assert!(error.to_string().starts_with("invalid compression \"rar\": expected one of gz, bz2"));
    /// ```
    pub fn parse(input: &str) -> Result<Compression, SpecError> {
        // loguru: `compression.strip().lstrip(".")`.
        let text = input.trim().trim_start_matches('.').to_ascii_lowercase();
        let format = match text.as_str() {
            "gz" => Compression::Gzip,
            "bz2" => Compression::Bzip2,
            "xz" => Compression::Xz,
            "lzma" => Compression::Lzma,
            "zip" => Compression::Zip,
            "tar" => Compression::Tar,
            "tar.gz" | "tgz" => Compression::TarGz,
            "tar.bz2" => Compression::TarBz2,
            "tar.xz" => Compression::TarXz,
            _ => {
                return Err(SpecError::new(
                    "compression",
                    input,
                    format!("expected one of {ACCEPTED}"),
                ));
            }
        };
        match format.missing_features() {
            None => Ok(format),
            Some(missing) => Err(SpecError::new("compression", input, missing)),
        }
    }

    /// Make a [`Compression::Custom`] from a closure: it is given the rotated file and returns
    /// the path of the archive it wrote.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::path::{Path, PathBuf};
    /// use hlog::sink::file::Compression;
    ///
    /// // Move rotated files to an `old` folder next to them instead of compressing them.
    /// let move_away = Compression::custom(|file: &Path| {
    ///     let dir = file.parent().unwrap().join("old");
    ///     std::fs::create_dir_all(&dir)?;
    ///     let target: PathBuf = dir.join(file.file_name().unwrap());
    ///     std::fs::rename(file, &target)?;
    ///     Ok(target)
    /// });
    /// assert_eq!(move_away.extension(), "");
    /// ```
    pub fn custom<F>(compress: F) -> Compression
    where
        F: Fn(&Path) -> io::Result<PathBuf> + Send + Sync + 'static,
    {
        Compression::Custom(Arc::new(compress))
    }

    /// The extension added to the rotated file's name, without the leading dot: `"gz"`,
    /// `"tar.gz"`, … and `""` for a closure.
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::Compression;
    ///
    /// assert_eq!(Compression::TarXz.extension(), "tar.xz");
    /// assert_eq!(Compression::Lzma.extension(), "lzma");
    /// ```
    pub fn extension(&self) -> &str {
        match self {
            Compression::Gzip => "gz",
            Compression::Bzip2 => "bz2",
            Compression::Xz => "xz",
            Compression::Lzma => "lzma",
            Compression::Zip => "zip",
            Compression::Tar => "tar",
            Compression::TarGz => "tar.gz",
            Compression::TarBz2 => "tar.bz2",
            Compression::TarXz => "tar.xz",
            Compression::Custom(_) => "",
        }
    }

    /// The cargo features this format needs and this build lacks, as an error message.
    fn missing_features(&self) -> Option<String> {
        let needs: &[(&str, bool)] = match self {
            Compression::Gzip | Compression::Custom(_) => &[],
            Compression::Bzip2 => &[("bz2", cfg!(feature = "bz2"))],
            Compression::Xz | Compression::Lzma => &[("xz", cfg!(feature = "xz"))],
            Compression::Zip => &[("zip", cfg!(feature = "zip"))],
            Compression::Tar | Compression::TarGz => &[("tar", cfg!(feature = "tar"))],
            Compression::TarBz2 => {
                &[("tar", cfg!(feature = "tar")), ("bz2", cfg!(feature = "bz2"))]
            }
            Compression::TarXz => &[("tar", cfg!(feature = "tar")), ("xz", cfg!(feature = "xz"))],
        };
        let missing: Vec<String> =
            needs.iter().filter(|(_, on)| !on).map(|(name, _)| format!("\"{name}\"")).collect();
        let features = match missing.as_slice() {
            [] => return None,
            [one] => format!("{one} feature"),
            several => format!("{} features", several.join(" and ")),
        };
        Some(format!(
            "{} compression is not built into this program: enable hlog's {features}",
            self.extension()
        ))
    }

    /// Compress `source` (see the module documentation for the names and the guarantees) and
    /// return the archive's path. The source is removed once the archive is complete. On an
    /// error the source is kept and no partial archive is left; the error says which step
    /// failed, and the caller which file it was compressing.
    pub(crate) fn compress(&self, source: &Path) -> io::Result<PathBuf> {
        match self {
            Compression::Custom(compress) => compress_custom(compress.as_ref(), source),
            format => format.compress_builtin(source),
        }
    }

    fn compress_builtin(&self, source: &Path) -> io::Result<PathBuf> {
        if let Some(missing) = self.missing_features() {
            return Err(io::Error::new(io::ErrorKind::Unsupported, missing));
        }
        let name = source
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
        let dir = match source.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let mut input = open_source(source)?;
        let metadata = input.metadata()?;
        let (temp_path, temp) = create_temp(dir)?;
        let written = self
            .write_archive(&mut input, &metadata, name, temp)
            .context("writing", &temp_path)
            .and_then(|_| publish(&temp_path, dir, name, self.extension()));
        let archive = match written {
            Ok(archive) => archive,
            Err(error) => {
                let _ = fs::remove_file(&temp_path);
                return Err(error);
            }
        };
        sync_dir(dir);
        drop(input);
        fs::remove_file(source).context("removing it once archived as", &archive)?;
        Ok(archive)
    }

    /// Write the archive of `input` into `out`, sync it to disk and give it the source's mode.
    fn write_archive(
        &self,
        input: &mut File,
        metadata: &Metadata,
        name: &OsStr,
        out: File,
    ) -> io::Result<()> {
        if let Some(mode) = mode_of(metadata) {
            set_mode(&out, mode)?;
        }
        let out = BufWriter::with_capacity(64 * 1024, out);
        let out = match self {
            Compression::Gzip => {
                let mut encoder = gzip(out, name_bytes(name), metadata);
                io::copy(input, &mut encoder)?;
                encoder.finish()?
            }
            #[cfg(feature = "bz2")]
            Compression::Bzip2 => {
                let mut encoder = bzip2::write::BzEncoder::new(out, bzip2::Compression::default());
                io::copy(input, &mut encoder)?;
                encoder.finish()?
            }
            #[cfg(feature = "xz")]
            Compression::Xz => {
                let mut encoder = liblzma::write::XzEncoder::new(out, 6);
                io::copy(input, &mut encoder)?;
                encoder.finish()?
            }
            #[cfg(feature = "xz")]
            Compression::Lzma => {
                let options =
                    liblzma::stream::LzmaOptions::new_preset(6).map_err(io::Error::other)?;
                let stream = liblzma::stream::Stream::new_lzma_encoder(&options)
                    .map_err(io::Error::other)?;
                let mut encoder = liblzma::write::XzEncoder::new_stream(out, stream);
                io::copy(input, &mut encoder)?;
                encoder.finish()?
            }
            #[cfg(feature = "zip")]
            Compression::Zip => zip_into(out, name, input, metadata)?,
            #[cfg(feature = "tar")]
            Compression::Tar => tar_into(out, name, input, metadata)?,
            #[cfg(feature = "tar")]
            Compression::TarGz => {
                let mut tar_name = name_bytes(name);
                tar_name.extend_from_slice(b".tar");
                tar_into(gzip(out, tar_name, metadata), name, input, metadata)?.finish()?
            }
            #[cfg(all(feature = "tar", feature = "bz2"))]
            Compression::TarBz2 => {
                let encoder = bzip2::write::BzEncoder::new(out, bzip2::Compression::default());
                tar_into(encoder, name, input, metadata)?.finish()?
            }
            #[cfg(all(feature = "tar", feature = "xz"))]
            Compression::TarXz => {
                tar_into(liblzma::write::XzEncoder::new(out, 6), name, input, metadata)?.finish()?
            }
            // Formats whose feature is off were refused above; a closure never comes here.
            #[allow(unreachable_patterns)]
            _ => {
                return Err(io::Error::new(
                    io::ErrorKind::Unsupported,
                    format!("{} compression is not built into this program", self.extension()),
                ));
            }
        };
        let out = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        out.sync_all()
    }
}

impl fmt::Debug for Compression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Compression::Gzip => "Gzip",
            Compression::Bzip2 => "Bzip2",
            Compression::Xz => "Xz",
            Compression::Lzma => "Lzma",
            Compression::Zip => "Zip",
            Compression::Tar => "Tar",
            Compression::TarGz => "TarGz",
            Compression::TarBz2 => "TarBz2",
            Compression::TarXz => "TarXz",
            Compression::Custom(_) => "Custom(<closure>)",
        })
    }
}

impl FromStr for Compression {
    type Err = SpecError;

    /// Same as [`Compression::parse`].
    ///
    /// # Examples
    ///
    /// ```
    /// use hlog::sink::file::Compression;
    ///
    /// let c: Compression = ".gz".parse().unwrap();
    /// assert_eq!(c.extension(), "gz");
    /// ```
    fn from_str(input: &str) -> Result<Compression, SpecError> {
        Compression::parse(input)
    }
}

/// Run a compression closure and remove the source after it, when that is safe.
fn compress_custom(
    compress: &(dyn Fn(&Path) -> io::Result<PathBuf> + Send + Sync),
    source: &Path,
) -> io::Result<PathBuf> {
    let archive = compress(source)?;
    let archive = match source.parent() {
        Some(dir) if archive.is_relative() => dir.join(archive),
        _ => archive,
    };
    let same = match (fs::symlink_metadata(&archive), fs::symlink_metadata(source)) {
        (Ok(a), Ok(b)) => same_file(&a, &b).unwrap_or(archive == source),
        _ => false,
    };
    if same {
        // The closure compressed in place, or did nothing: there is nothing to remove.
        return Ok(archive);
    }
    fs::symlink_metadata(&archive).context("looking for the closure's archive at", &archive)?;
    match fs::remove_file(source) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => {
            Err(error).context("removing it once archived as", &archive)
        }
        _ => Ok(archive),
    }
}

/// Open the file to compress: a regular file, not followed through a symlink.
fn open_source(source: &Path) -> io::Result<File> {
    let not_regular = || io::Error::new(io::ErrorKind::InvalidInput, "not a regular file");
    if !fs::symlink_metadata(source)?.file_type().is_file() {
        return Err(not_regular());
    }
    let file = open_options(false, None).read(true).open(source)?;
    if !file.metadata()?.file_type().is_file() {
        return Err(not_regular());
    }
    Ok(file)
}

/// Create a new, private temporary file in `dir`.
fn create_temp(dir: &Path) -> io::Result<(PathBuf, File)> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    loop {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(".hlog-compress-{}-{n}.tmp", std::process::id()));
        match open_options(false, Some(0o600)).write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e).context("creating a temporary file in", dir),
        }
    }
}

/// `<name>.<ext>` for `n == 1`, else `<name>.<n>.<ext>`.
fn archive_name(name: &OsStr, n: u32, ext: &str) -> OsString {
    let mut archive = name.to_os_string();
    if n > 1 {
        archive.push(format!(".{n}"));
    }
    archive.push(".");
    archive.push(ext);
    archive
}

/// Give the finished temporary file the first free archive name; never replace anything.
fn publish(temp: &Path, dir: &Path, name: &OsStr, ext: &str) -> io::Result<PathBuf> {
    move_to_free_name(temp, (1..=NAMES_TRIED).map(|n| dir.join(archive_name(name, n, ext))))
}

/// Make the new directory entry durable (best effort: not every system can sync a folder).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn name_bytes(name: &OsStr) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        name.as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned().into_bytes()
    }
}

/// A gzip encoder whose header names the file and carries its last-write time.
fn gzip<W: Write>(out: W, name: Vec<u8>, metadata: &Metadata) -> flate2::write::GzEncoder<W> {
    // The header cannot hold a NUL; such a name is left out.
    let mut builder = flate2::GzBuilder::new().mtime(gzip_mtime(metadata));
    if !name.contains(&0) {
        builder = builder.filename(name);
    }
    builder.write(out, flate2::Compression::default())
}

/// The source's last-write time in gzip's 32-bit seconds (0, "no time", when out of range).
fn gzip_mtime(metadata: &Metadata) -> u32 {
    metadata.modified().map(|t| u32::try_from(Timestamp::from(t).secs()).unwrap_or(0)).unwrap_or(0)
}

/// Write a tar archive holding `input` as `name` into `out`, and return `out`.
#[cfg(feature = "tar")]
fn tar_into<W: Write>(
    out: W,
    name: &OsStr,
    input: &mut File,
    metadata: &Metadata,
) -> io::Result<W> {
    let mut header = tar::Header::new_gnu();
    header.set_metadata_in_mode(metadata, tar::HeaderMode::Complete);
    // The mode field holds the permission bits only (0644), as tar(1) writes it: the complete
    // mode would carry the file type too (0100644), which some readers refuse or pass on.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        header.set_mode(metadata.permissions().mode() & 0o7777);
    }
    let mut builder = tar::Builder::new(out);
    builder.append_data(&mut header, name, input)?;
    builder.into_inner()
}

/// Write a zip archive holding `input` as `name` into `out`, and return `out`.
#[cfg(feature = "zip")]
fn zip_into<W: Write + io::Seek>(
    out: W,
    name: &OsStr,
    input: &mut File,
    metadata: &Metadata,
) -> io::Result<W> {
    use zip::write::SimpleFileOptions;

    let mut options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(metadata.len() >= u64::from(u32::MAX));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        options = options.unix_permissions(metadata.permissions().mode() & 0o7777);
    }
    if let Some(time) = zip_time(metadata) {
        options = options.last_modified_time(time);
    }
    let mut writer = zip::ZipWriter::new(out);
    writer.start_file(name.to_string_lossy(), options)?;
    io::copy(input, &mut writer)?;
    Ok(writer.finish()?)
}

/// The source's last-write time as zip stores it: local civil time, 1980 to 2107.
#[cfg(feature = "zip")]
fn zip_time(metadata: &Metadata) -> Option<zip::DateTime> {
    let time = Timestamp::from(metadata.modified().ok()?);
    let zone = crate::time::Zone::local();
    let civil = crate::time::Civil::new(time, zone);
    zip::DateTime::from_date_and_time(
        u16::try_from(civil.year).ok()?,
        civil.month,
        civil.day,
        civil.hour,
        civil.minute,
        civil.second,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    use crate::sink::file::test_dir::TempDir;

    const ROTATED: &str = "app.2026-03-26_14-30-00_123456.log";

    /// Some log lines (about 140 KB: several read and write buffers).
    fn content() -> Vec<u8> {
        let mut bytes = Vec::new();
        for i in 0..3_000 {
            bytes.extend_from_slice(format!("2026-03-26 14:30:00 | INFO | line {i}\n").as_bytes());
        }
        bytes
    }

    fn write_source(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, bytes).unwrap();
        path
    }

    fn has_command(name: &str) -> bool {
        std::process::Command::new(name)
            .arg("--version")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok()
    }

    #[test]
    fn gzip_round_trips_with_the_source_name_in_the_header() {
        let dir = TempDir::new("gz");
        let bytes = content();
        let source = write_source(&dir, ROTATED, &bytes);
        let mtime = fs::metadata(&source).unwrap().modified().unwrap();
        let archive = Compression::Gzip.compress(&source).unwrap();
        assert_eq!(archive, dir.join(&format!("{ROTATED}.gz")));
        assert!(!source.exists(), "the source is removed");
        assert_eq!(dir.names(), [format!("{ROTATED}.gz")], "no temporary file left");

        let mut decoder = flate2::read::GzDecoder::new(File::open(&archive).unwrap());
        let mut out = Vec::new();
        decoder.read_to_end(&mut out).unwrap();
        assert_eq!(out, bytes);
        let header = decoder.header().unwrap();
        assert_eq!(header.filename(), Some(ROTATED.as_bytes()));
        assert_eq!(u64::from(header.mtime()), Timestamp::from(mtime).secs() as u64);

        if has_command("gzip") {
            let status = std::process::Command::new("gzip").arg("-t").arg(&archive).status();
            assert!(status.unwrap().success(), "gzip -t accepts the archive");
        }
    }

    #[test]
    fn an_empty_file_gives_a_valid_archive() {
        let dir = TempDir::new("empty");
        let source = write_source(&dir, "app.log", b"");
        let archive = Compression::Gzip.compress(&source).unwrap();
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(File::open(&archive).unwrap()).read_to_end(&mut out).unwrap();
        assert!(out.is_empty());
        assert_eq!(dir.names(), ["app.log.gz"]);
    }

    #[test]
    fn a_taken_name_is_never_overwritten() {
        let dir = TempDir::new("taken");
        fs::write(dir.join(&format!("{ROTATED}.gz")), b"first").unwrap();
        fs::write(dir.join(&format!("{ROTATED}.2.gz")), b"second").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.join("nowhere"), dir.join(&format!("{ROTATED}.3.gz")))
            .unwrap();
        let source = write_source(&dir, ROTATED, b"third\n");
        let archive = Compression::Gzip.compress(&source).unwrap();
        let expected = if cfg!(unix) { 4 } else { 3 };
        assert_eq!(archive, dir.join(&format!("{ROTATED}.{expected}.gz")));
        assert_eq!(fs::read(dir.join(&format!("{ROTATED}.gz"))).unwrap(), b"first");
        assert_eq!(fs::read(dir.join(&format!("{ROTATED}.2.gz"))).unwrap(), b"second");
        let mut decoder = flate2::read::GzDecoder::new(File::open(&archive).unwrap());
        let mut out = Vec::new();
        decoder.read_to_end(&mut out).unwrap();
        assert_eq!(out, b"third\n");
        // The header names the rotated file, not the archive's `.N` name.
        assert_eq!(decoder.header().unwrap().filename(), Some(ROTATED.as_bytes()));
        assert!(!source.exists(), "the source is removed once archived");
    }

    #[test]
    fn a_missing_source_is_reported() {
        let dir = TempDir::new("missing");
        let error = Compression::Gzip.compress(&dir.join("app.log")).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
        assert!(dir.names().is_empty(), "nothing written: {:?}", dir.names());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_or_a_folder_is_not_compressed() {
        let dir = TempDir::new("symlink");
        let target = write_source(&dir, "target", b"secret\n");
        std::os::unix::fs::symlink(&target, dir.join("app.log")).unwrap();
        let error = Compression::Gzip.compress(&dir.join("app.log")).unwrap_err();
        assert!(error.to_string().contains("not a regular file"), "{error}");
        fs::create_dir(dir.join("sub.log")).unwrap();
        let error = Compression::Gzip.compress(&dir.join("sub.log")).unwrap_err();
        assert!(error.to_string().contains("not a regular file"), "{error}");
        assert_eq!(dir.names(), ["app.log", "sub.log", "target"]);
        assert_eq!(fs::read(&target).unwrap(), b"secret\n");
    }

    #[cfg(unix)]
    fn is_root() -> bool {
        // SAFETY: geteuid has no preconditions and cannot fail.
        unsafe { libc::geteuid() == 0 }
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_keeps_the_source() {
        use std::os::unix::fs::PermissionsExt;
        if is_root() {
            eprintln!("skipped: permissions do not apply to root");
            return;
        }
        let dir = TempDir::new("readonly");
        let source = write_source(&dir, ROTATED, b"kept\n");
        fs::set_permissions(&dir.0, fs::Permissions::from_mode(0o555)).unwrap();
        let error = Compression::Gzip.compress(&source).unwrap_err();
        fs::set_permissions(&dir.0, fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(error.kind(), io::ErrorKind::PermissionDenied, "{error}");
        assert!(error.to_string().contains("temporary file"), "{error}");
        assert_eq!(fs::read(&source).unwrap(), b"kept\n");
        assert_eq!(dir.names(), [ROTATED]);
    }

    /// A write that fails half-way (a file size limit, which binds root too): the partial
    /// archive is removed and the source kept. Runs in a child process, since the limit is
    /// process-wide.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_write_failure_removes_the_partial_archive_and_keeps_the_source() {
        const CHILD: &str = "HLOG_COMPRESSION_FSIZE_CHILD";
        const NAME: &str = "sink::file::compression::tests::a_write_failure_removes_the_partial_archive_and_keeps_the_source";
        if std::env::var_os(CHILD).is_none() {
            let output = std::process::Command::new(std::env::current_exe().unwrap())
                .args([NAME, "--exact", "--nocapture", "--test-threads=1"])
                .env(CHILD, "1")
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(
                output.status.success() && stdout.contains("1 passed"),
                "child: {}\n{stdout}\n{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
            return;
        }
        let dir = TempDir::new("fsize");
        // 256 KiB that do not compress, so the archive outgrows the limit.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let bytes: Vec<u8> = (0..256 * 1024)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        let source = write_source(&dir, ROTATED, &bytes);
        let limit = libc::rlimit { rlim_cur: 64 * 1024, rlim_max: 64 * 1024 };
        // SAFETY: plain system calls on a valid struct; this child process runs only this test.
        unsafe {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &limit), 0);
        }
        let error = Compression::Gzip.compress(&source).unwrap_err();
        assert!(error.to_string().starts_with(&format!("writing {}", dir.0.display())), "{error}");
        assert!(fs::read(&source).unwrap() == bytes, "the source is intact");
        assert_eq!(dir.names(), [ROTATED], "no partial archive");
    }

    #[cfg(unix)]
    #[test]
    fn the_archive_keeps_the_source_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = TempDir::new("mode");
        for (mode, name) in [(0o600, "a.log"), (0o640, "b.log"), (0o444, "c.log")] {
            let source = write_source(&dir, name, b"line\n");
            fs::set_permissions(&source, fs::Permissions::from_mode(mode)).unwrap();
            let archive = Compression::Gzip.compress(&source).unwrap();
            let got = fs::metadata(&archive).unwrap().permissions().mode() & 0o7777;
            assert_eq!(got, mode, "{name}: {got:o}");
        }
    }

    #[test]
    fn a_custom_closure_and_the_source() {
        let dir = TempDir::new("custom");
        // Writes a copy and returns it: hlog removes the source.
        let copy = Compression::custom(|p: &Path| {
            let target = p.with_extension("copy");
            fs::copy(p, &target)?;
            Ok(target)
        });
        let source = write_source(&dir, "a.log", b"a\n");
        assert_eq!(copy.compress(&source).unwrap(), dir.join("a.copy"));
        assert_eq!(dir.names(), ["a.copy"]);

        // Moves the file itself and returns a relative name: fine too.
        let moved = Compression::custom(|p: &Path| {
            fs::rename(p, p.with_extension("moved"))?;
            Ok(PathBuf::from("b.moved"))
        });
        let source = write_source(&dir, "b.log", b"b\n");
        assert_eq!(moved.compress(&source).unwrap(), dir.join("b.moved"));
        assert_eq!(dir.names(), ["a.copy", "b.moved"]);

        // Returns the source itself: nothing is removed.
        let same = Compression::custom(|p: &Path| Ok(p.to_path_buf()));
        let source = write_source(&dir, "c.log", b"c\n");
        assert_eq!(same.compress(&source).unwrap(), source);
        assert!(source.exists());

        // Returns a path where nothing is: the source is kept, an error says why.
        let liar = Compression::custom(|p: &Path| Ok(p.with_extension("nothing")));
        let source = write_source(&dir, "d.log", b"d\n");
        let error = liar.compress(&source).unwrap_err();
        let expected =
            format!("looking for the closure's archive at {}", dir.join("d.nothing").display());
        assert!(error.to_string().starts_with(&expected), "{error}");
        assert!(source.exists());

        // Fails: the error comes back, the source is kept.
        let failing =
            Compression::custom(|_: &Path| Err(io::Error::other("the archive server is down")));
        let source = write_source(&dir, "e.log", b"e\n");
        let error = failing.compress(&source).unwrap_err();
        assert_eq!(error.to_string(), "the archive server is down");
        assert!(source.exists());
    }

    #[test]
    fn archive_names_follow_the_scheme() {
        let name = OsStr::new("app.log");
        assert_eq!(archive_name(name, 1, "gz"), "app.log.gz");
        assert_eq!(archive_name(name, 2, "tar.gz"), "app.log.2.tar.gz");
    }

    /// The last-write time given to sources: 2026-03-26 12:00:00 UTC.
    const MTIME: i64 = 1_774_526_400;

    /// Compress a fresh source (mode 0600, last written at `MTIME`) with `format` and return
    /// (archive, original bytes).
    #[cfg_attr(
        not(any(feature = "bz2", feature = "xz", feature = "zip", feature = "tar")),
        allow(dead_code)
    )] // used by the feature-gated formats
    fn round_trip_source(dir: &TempDir, format: &Compression) -> (PathBuf, Vec<u8>) {
        let bytes = content();
        let source = write_source(dir, ROTATED, &bytes);
        let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(MTIME as u64);
        File::options().write(true).open(&source).unwrap().set_modified(when).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&source, fs::Permissions::from_mode(0o600)).unwrap();
        }
        let archive = format.compress(&source).unwrap();
        assert_eq!(archive, dir.join(&format!("{ROTATED}.{}", format.extension())));
        assert!(!source.exists());
        assert_eq!(dir.names(), [format!("{ROTATED}.{}", format.extension())]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&archive).unwrap().permissions().mode() & 0o7777;
            assert_eq!(mode, 0o600, "{format:?}");
        }
        (archive, bytes)
    }

    /// Check that `reader` is a tar stream holding exactly one member, `ROTATED`, with `bytes`.
    #[cfg(feature = "tar")]
    fn check_tar(reader: impl Read, bytes: &[u8]) {
        let mut archive = tar::Archive::new(reader);
        let mut members = Vec::new();
        for entry in archive.entries().unwrap() {
            let mut entry = entry.unwrap();
            let mut out = Vec::new();
            entry.read_to_end(&mut out).unwrap();
            let path = entry.path().unwrap().into_owned();
            // The permission bits only, not the file type (0o100600).
            #[cfg(unix)]
            assert_eq!(entry.header().mode().unwrap(), 0o600);
            assert_eq!(entry.header().mtime().unwrap(), MTIME as u64);
            members.push((path, out));
        }
        assert_eq!(members.len(), 1, "one member");
        assert_eq!(members[0].0, Path::new(ROTATED));
        assert!(members[0].1 == bytes, "the member holds the file");
    }

    #[cfg(feature = "bz2")]
    #[test]
    fn bzip2_round_trips() {
        let dir = TempDir::new("bz2");
        let (archive, bytes) = round_trip_source(&dir, &Compression::Bzip2);
        let mut out = Vec::new();
        bzip2::read::BzDecoder::new(File::open(&archive).unwrap()).read_to_end(&mut out).unwrap();
        assert!(out == bytes);
        if has_command("bzip2") {
            let status = std::process::Command::new("bzip2").arg("-t").arg(&archive).status();
            assert!(status.unwrap().success());
        }
    }

    #[cfg(feature = "xz")]
    #[test]
    fn xz_round_trips() {
        let dir = TempDir::new("xz");
        let (archive, bytes) = round_trip_source(&dir, &Compression::Xz);
        let mut out = Vec::new();
        liblzma::read::XzDecoder::new(File::open(&archive).unwrap()).read_to_end(&mut out).unwrap();
        assert!(out == bytes);
        if has_command("xz") {
            let status = std::process::Command::new("xz").arg("-t").arg(&archive).status();
            assert!(status.unwrap().success());
        }
    }

    #[cfg(feature = "xz")]
    #[test]
    fn lzma_round_trips() {
        let dir = TempDir::new("lzma");
        let (archive, bytes) = round_trip_source(&dir, &Compression::Lzma);
        let stream = liblzma::stream::Stream::new_lzma_decoder(u64::MAX).unwrap();
        let mut out = Vec::new();
        liblzma::read::XzDecoder::new_stream(File::open(&archive).unwrap(), stream)
            .read_to_end(&mut out)
            .unwrap();
        assert!(out == bytes);
        if has_command("xz") {
            let status = std::process::Command::new("xz")
                .args(["--format=lzma", "-t"])
                .arg(&archive)
                .status();
            assert!(status.unwrap().success());
        }
    }

    #[cfg(feature = "zip")]
    #[test]
    fn zip_round_trips_with_one_member() {
        let dir = TempDir::new("zip");
        let (archive, bytes) = round_trip_source(&dir, &Compression::Zip);
        let mut zip = zip::ZipArchive::new(File::open(&archive).unwrap()).unwrap();
        assert_eq!(zip.len(), 1);
        let mut member = zip.by_index(0).unwrap();
        assert_eq!(member.name(), ROTATED);
        assert_eq!(member.compression(), zip::CompressionMethod::Deflated);
        let time = member.last_modified().unwrap();
        let civil =
            crate::time::Civil::new(Timestamp::from_unix(MTIME, 0), crate::time::Zone::local());
        assert_eq!(
            (time.year(), time.month(), time.day(), time.hour(), time.minute(), time.second()),
            (civil.year as u16, civil.month, civil.day, civil.hour, civil.minute, civil.second)
        );
        #[cfg(unix)]
        assert_eq!(member.unix_mode().map(|m| m & 0o777), Some(0o600));
        let mut out = Vec::new();
        member.read_to_end(&mut out).unwrap();
        assert!(out == bytes);
        drop(member);
        if has_command("unzip") {
            let status = std::process::Command::new("unzip")
                .arg("-tq")
                .arg(&archive)
                .stdout(std::process::Stdio::null())
                .status();
            assert!(status.unwrap().success());
        }
    }

    #[cfg(feature = "tar")]
    #[test]
    fn tar_round_trips_with_one_member() {
        let dir = TempDir::new("tar");
        let (archive, bytes) = round_trip_source(&dir, &Compression::Tar);
        check_tar(File::open(&archive).unwrap(), &bytes);
    }

    #[cfg(feature = "tar")]
    #[test]
    fn tar_gz_round_trips_with_one_member() {
        let dir = TempDir::new("targz");
        let (archive, bytes) = round_trip_source(&dir, &Compression::TarGz);
        let decoder = flate2::read::GzDecoder::new(File::open(&archive).unwrap());
        assert_eq!(decoder.header().unwrap().filename(), Some(format!("{ROTATED}.tar").as_bytes()));
        check_tar(decoder, &bytes);
        if has_command("tar") {
            let listing =
                std::process::Command::new("tar").arg("-tzf").arg(&archive).output().unwrap();
            assert!(listing.status.success());
            assert_eq!(String::from_utf8_lossy(&listing.stdout), format!("{ROTATED}\n"));
        }
    }

    #[cfg(all(feature = "tar", feature = "bz2"))]
    #[test]
    fn tar_bz2_round_trips_with_one_member() {
        let dir = TempDir::new("tarbz2");
        let (archive, bytes) = round_trip_source(&dir, &Compression::TarBz2);
        check_tar(bzip2::read::BzDecoder::new(File::open(&archive).unwrap()), &bytes);
    }

    #[cfg(all(feature = "tar", feature = "xz"))]
    #[test]
    fn tar_xz_round_trips_with_one_member() {
        let dir = TempDir::new("tarxz");
        let (archive, bytes) = round_trip_source(&dir, &Compression::TarXz);
        check_tar(liblzma::read::XzDecoder::new(File::open(&archive).unwrap()), &bytes);
    }

    #[test]
    fn a_format_built_out_is_refused_at_compression_too() {
        let all = [
            Compression::Bzip2,
            Compression::Xz,
            Compression::Lzma,
            Compression::Zip,
            Compression::Tar,
            Compression::TarGz,
            Compression::TarBz2,
            Compression::TarXz,
        ];
        for format in all {
            if format.missing_features().is_none() {
                continue;
            }
            let dir = TempDir::new("builtout");
            let source = write_source(&dir, "app.log", b"x\n");
            let error = format.compress(&source).unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::Unsupported);
            assert!(error.to_string().contains("enable hlog's"), "{error}");
            assert_eq!(dir.names(), ["app.log"]);
        }
    }
}
