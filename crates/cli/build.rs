fn main() {
    build_info::emit_commit();
}
