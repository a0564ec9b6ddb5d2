// A `}` that closes nothing (a literal one is written `}}`).
fn main() {
    hlog::info!("items} {n}", n = 3);
}
