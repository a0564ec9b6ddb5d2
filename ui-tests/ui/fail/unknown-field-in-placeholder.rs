// `{u.nmae}`: no such field; rustc's own "no field" error.
struct User {
    name: &'static str,
}

impl std::fmt::Display for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

fn main() {
    let u = User { name: "bob" };
    hlog::info!("{u.nmae}");
}
