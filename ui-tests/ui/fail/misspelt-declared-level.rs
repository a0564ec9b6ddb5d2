// A level declared with `levels!` has a macro of its own; a misspelt one does not compile.
hlog::levels! {
    AUDIT = 35, "<cyan>", "@";
}

fn main() {
    audti!("user {} exported data", 42);
}
