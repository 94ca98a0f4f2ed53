fn main() {
    let path = std::env::args().nth(1).unwrap();
    let src = std::fs::read_to_string(&path).unwrap();
    let parse = smm_syntax::parse(&src);
    if std::env::var("TREE").is_ok() {
        println!("{:#?}", parse.file);
    }
    print!("{}", smm_syntax::render(&parse.errors, &path, &src, false));
}
