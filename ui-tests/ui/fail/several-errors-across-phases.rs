// An unknown tag and a positional index out of range in one call: both should be reported.
// BUG: only "unknown tag `<gren>`" is: an error in the markup or braces stops the checks of
// placeholders against arguments (bind.rs returns right after hlog_template::parse fails).
fn main() {
    hlog::info!("<gren>{}</gren> {5}", 1);
}
