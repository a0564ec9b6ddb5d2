// `{p:?}` on a type that is not `Debug`: should be ONE error, at the argument.
// BUG: two errors today: rustc's "`Point` doesn't implement `std::fmt::Debug`" at `Point` (from
// the message writer), and the same error again at the whole `hlog::info!(...)` call ("required
// for the cast from `&Point` to `&dyn std::fmt::Debug`", from the structured field).
struct Point;

fn main() {
    hlog::info!("at {p:?}", p = Point);
}
