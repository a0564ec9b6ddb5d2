// Markup in a format is checked like markup in a message.
fn main() {
    let _ = hlog::fmt!("<gren>{message}</gren>");
}
