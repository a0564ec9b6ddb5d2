// `log!` needs a level before the template.
fn main() {
    hlog::log!("User logged in");
}
