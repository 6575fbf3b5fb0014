// `cargo install --path .` names the program after the package (hello-installed).
fn main() {
    println!("hello from cargo install --path");
}
