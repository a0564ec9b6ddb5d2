// A declared level is checked at compile time: a built-in name, a name not in upper case, a
// colour that is not colour markup, a level declared twice; all reported at once.
hlog::levels! {
    INFO = 21;
    Audit = 35;
    NOTICE = 22, "<nope>";
    NOTICE = 23;
}

fn main() {}
