// `#[hlog::catch]` on functions, methods, async functions, generic functions.
#[hlog::catch]
fn plain() -> std::io::Result<()> {
    Ok(())
}

#[hlog::catch(level = "WARNING", message = "reading {path}", default = Ok(String::new()))]
fn with_options(path: &str) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    Ok(std::fs::read_to_string(path)?)
}

#[hlog::catch(catch_panics, default = Vec::new())]
fn any_return_type<T: Clone>(items: &[T]) -> Vec<T> {
    items.to_vec()
}

#[hlog::catch(catch_panics, reraise)]
fn resumes() {}

struct S(u8);

impl S {
    #[hlog::catch(level = DEBUG)]
    fn method(&self) -> Result<u8, std::fmt::Error> {
        Ok(self.0)
    }
}

#[hlog::catch(catch_panics, default = Ok(1))]
async fn asynchronous() -> Result<u8, std::io::Error> {
    Ok(0)
}

fn main() {
    let _ = plain();
    let _ = with_options("x");
    let _ = any_return_type(&[1, 2]);
    resumes();
    let _ = S(1).method();
    let _ = asynchronous();
    let _ = hlog::catch(|| 1);
    let _ = hlog::catch_async(async { 1 });
}
