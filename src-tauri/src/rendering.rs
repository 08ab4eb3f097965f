//! How the webview draws on Linux. Without a GPU render node, WebKitGTK composites through
//! llvmpipe (software GL): measured here, a page that changes while 100 files import took
//! 124 ms per frame at the median and up to 590 ms; drawing without compositing took 20 ms
//! and at most 74 ms. So without a GPU we draw without compositing, unless the user chose.

const VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Must run before any thread starts (it sets an environment variable).
pub fn choose() {
    if std::env::var_os(VARIABLE).is_none() && !has_render_node(std::path::Path::new("/dev/dri")) {
        // SAFETY: called first thing in `run`, while the process has a single thread.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var(VARIABLE, "1")
        };
    }
}

/// A DRM render node (`renderD128`, …) means a GPU that WebKit can composite on.
fn has_render_node(dri: &std::path::Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
    })
}

#[cfg(test)]
mod tests {
    use super::has_render_node;

    #[test]
    fn only_a_render_node_counts_as_a_gpu() {
        let dri = tempfile::tempdir().unwrap();
        assert!(!has_render_node(&dri.path().join("missing")));
        std::fs::write(dri.path().join("card0"), b"").unwrap();
        assert!(
            !has_render_node(dri.path()),
            "a display-only card is not enough"
        );
        std::fs::write(dri.path().join("renderD128"), b"").unwrap();
        assert!(has_render_node(dri.path()));
    }
}
