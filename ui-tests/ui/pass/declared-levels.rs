// Declared levels: their macros in every form `info!` takes.
hlog::levels! {
    AUDIT = 35, "<cyan>", "@";
}

mod deeper {
    pub fn log() {
        crate::audit!("from a module below");
    }
}

fn main() {
    hlog::remove_all();
    let logger = hlog::Logger::new();
    let id = 7;
    audit!("plain");
    audit!("{id}");
    audit!(id = 7, "field first");
    audit!(logger, "through a logger {}", 1);
    audit!(logger, user = "x", "fields after the logger");
    deeper::log();
    let _ = AUDIT;
}
