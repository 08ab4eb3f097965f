//! Where the main window opens. The first time it fits the work area of the monitor the pointer
//! is on (a 1280×800 window is taller than a 1366×768 screen); after that it opens at its saved
//! size, position and maximized state, moved and shrunk onto a monitor that still exists.
//!
//! The state file is the window-state plugin's own (`skip_initial_state` keeps the plugin from
//! restoring it unchecked); it saves physical pixels, the inner size and the outer position.

use std::path::Path;

use serde::Deserialize;
use tauri::{App, Monitor, WebviewUrl, WebviewWindowBuilder};

/// The size a window opens at when the screen has room for it.
const PREFERRED: Size = Size {
    width: 1280,
    height: 800,
};
/// Below this the sidebar, toolbar and details pane no longer fit side by side.
const MINIMUM: Size = Size {
    width: 900,
    height: 560,
};
/// Space kept free around a first window, so it reads as a window and not a maximized one.
const MARGIN: u32 = 16;
/// A title bar drawn by the window manager sits above the inner size we choose.
const FRAME_TOP: u32 = 40;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

/// A rectangle in physical pixels: a monitor's work area or a window's frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
}

impl Rect {
    fn overlap(&self, other: &Rect) -> u64 {
        let span = |a: i32, a_len: u32, b: i32, b_len: u32| {
            let start = a.max(b) as i64;
            let end = (a as i64 + a_len as i64).min(b as i64 + b_len as i64);
            (end - start).max(0) as u64
        };
        span(self.x, self.width, other.x, other.width)
            * span(self.y, self.height, other.y, other.height)
    }
}

/// What the window-state plugin saved for the main window (physical pixels).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub struct Saved {
    pub width: u32,
    pub height: u32,
    pub x: i32,
    pub y: i32,
    /// Where the window was before it was maximized (x and y then hold the monitor's corner).
    #[serde(default)]
    pub prev_x: i32,
    #[serde(default)]
    pub prev_y: i32,
    #[serde(default)]
    pub maximized: bool,
}

/// Where and how big the window opens: its inner size and outer position, physical pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placement {
    pub frame: Rect,
    pub maximized: bool,
    /// The minimum inner size, never more than the work area holds.
    pub minimum: Size,
}

/// The saved state of `label`, if a usable one was saved. A missing or damaged file, or the
/// plugin's empty placeholder (0×0), means a first start.
pub fn load_saved(file: &Path, label: &str) -> Option<Saved> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut all: std::collections::HashMap<String, Saved> = match serde_json::from_str(&text) {
        Ok(all) => all,
        Err(err) => {
            tracing::warn!(
                "ignoring the saved window state in {}: {err}",
                file.display()
            );
            return None;
        }
    };
    all.remove(label)
        .filter(|saved| saved.width > 0 && saved.height > 0)
}

/// Chooses the window's place among `work_areas` (one per monitor); `current` is the index of
/// the monitor to use when nothing saved applies.
pub fn place(saved: Option<Saved>, work_areas: &[Rect], current: usize) -> Option<Placement> {
    let fallback = *work_areas.get(current).or(work_areas.first())?;
    let Some(saved) = saved else {
        return Some(centered(PREFERRED, fallback, false));
    };
    let (x, y) = if saved.maximized {
        (saved.prev_x, saved.prev_y)
    } else {
        (saved.x, saved.y)
    };
    let frame = Rect {
        x,
        y,
        width: saved.width,
        height: saved.height + FRAME_TOP,
    };
    // The monitor showing most of the saved window; none when its monitor is gone.
    let Some(work) = work_areas
        .iter()
        .filter(|area| area.overlap(&frame) > 0)
        .max_by_key(|area| area.overlap(&frame))
    else {
        return Some(centered(
            Size {
                width: saved.width,
                height: saved.height,
            },
            fallback,
            saved.maximized,
        ));
    };
    let fits = fit(
        Size {
            width: saved.width,
            height: saved.height,
        },
        *work,
        0,
    );
    let clamp = |start: i32, len: u32, area_start: i32, area_len: u32| {
        let last = area_start + area_len.saturating_sub(len) as i32;
        start.clamp(area_start, last.max(area_start))
    };
    Some(Placement {
        frame: Rect {
            x: clamp(x, fits.width, work.x, work.width),
            y: clamp(y, fits.height + FRAME_TOP, work.y, work.height),
            width: fits.width,
            height: fits.height,
        },
        maximized: saved.maximized,
        minimum: minimum_for(*work),
    })
}

/// `size` shrunk to what `work` holds with `margin` on every side and a title bar on top.
fn fit(size: Size, work: Rect, margin: u32) -> Size {
    let room = room(work, margin);
    Size {
        width: size.width.min(room.width),
        height: size.height.min(room.height),
    }
}

fn room(work: Rect, margin: u32) -> Size {
    Size {
        width: work.width.saturating_sub(2 * margin),
        height: work.height.saturating_sub(2 * margin + FRAME_TOP),
    }
}

fn minimum_for(work: Rect) -> Size {
    fit(MINIMUM, work, 0)
}

fn centered(size: Size, work: Rect, maximized: bool) -> Placement {
    let inner = fit(size, work, MARGIN);
    let outer_height = inner.height + FRAME_TOP;
    Placement {
        frame: Rect {
            x: work.x + (work.width.saturating_sub(inner.width) / 2) as i32,
            y: work.y + (work.height.saturating_sub(outer_height) / 2) as i32,
            width: inner.width,
            height: inner.height,
        },
        maximized,
        minimum: minimum_for(work),
    }
}

fn work_area(monitor: &Monitor) -> Rect {
    let area = monitor.work_area();
    Rect {
        x: area.position.x,
        y: area.position.y,
        width: area.size.width,
        height: area.size.height,
    }
}

/// Opens the main window where [`place`] says, with its web data in `data_directory`.
pub fn open_main(app: &App, state_file: &Path, data_directory: &Path) -> tauri::Result<()> {
    let monitors = app.available_monitors().unwrap_or_default();
    let under_pointer = app
        .cursor_position()
        .ok()
        .and_then(|at| app.monitor_from_point(at.x, at.y).ok().flatten())
        .or_else(|| app.primary_monitor().ok().flatten());
    let current = under_pointer
        .and_then(|monitor| {
            monitors
                .iter()
                .position(|m| m.position() == monitor.position() && m.size() == monitor.size())
        })
        .unwrap_or(0);
    let areas: Vec<Rect> = monitors.iter().map(work_area).collect();
    let placement = place(load_saved(state_file, MAIN), &areas, current);

    let mut builder = WebviewWindowBuilder::new(app, MAIN, WebviewUrl::default())
        .title("CertDeck")
        .data_directory(data_directory.to_path_buf());
    builder = match placement {
        Some(placement) => {
            // The builder takes logical pixels: scale by the monitor the window lands on.
            let scale = monitors
                .iter()
                .zip(&areas)
                .find(|(_, area)| area.overlap(&placement.frame) > 0)
                .map_or(1.0, |(monitor, _)| monitor.scale_factor());
            let logical = |px: f64| px / scale;
            tracing::info!(?placement, scale, "placing the main window");
            builder
                .inner_size(
                    logical(placement.frame.width.into()),
                    logical(placement.frame.height.into()),
                )
                .position(
                    logical(placement.frame.x.into()),
                    logical(placement.frame.y.into()),
                )
                .min_inner_size(
                    logical(placement.minimum.width.into()),
                    logical(placement.minimum.height.into()),
                )
                .maximized(placement.maximized)
        }
        None => builder
            .inner_size(PREFERRED.width.into(), PREFERRED.height.into())
            .min_inner_size(MINIMUM.width.into(), MINIMUM.height.into()),
    };
    builder.build()?;
    Ok(())
}

/// The main window's label, as the capability file and the window-state file name it.
pub const MAIN: &str = "main";

#[cfg(test)]
mod tests {
    use super::*;

    const LAPTOP: Rect = Rect {
        x: 0,
        y: 0,
        width: 1366,
        height: 768,
    };
    const DESKTOP: Rect = Rect {
        x: 1366,
        y: 0,
        width: 1920,
        height: 1080,
    };

    fn saved(x: i32, y: i32, width: u32, height: u32) -> Saved {
        Saved {
            width,
            height,
            x,
            y,
            prev_x: 0,
            prev_y: 0,
            maximized: false,
        }
    }

    #[test]
    fn a_first_window_on_a_small_screen_fits_it_below_a_title_bar() {
        let placed = place(None, &[LAPTOP], 0).unwrap();
        let frame = placed.frame;
        assert_eq!(frame.width, 1280);
        assert_eq!(frame.height, 768 - 2 * MARGIN - FRAME_TOP);
        assert!(frame.y >= 0 && frame.y as u32 + frame.height + FRAME_TOP <= 768);
        assert_eq!(frame.x, (1366 - 1280) / 2);
        assert!(!placed.maximized);
    }

    #[test]
    fn a_first_window_on_a_large_screen_is_1280_by_800_centred_on_the_current_monitor() {
        let placed = place(None, &[LAPTOP, DESKTOP], 1).unwrap();
        assert_eq!(
            placed.frame,
            Rect {
                x: 1366 + (1920 - 1280) / 2,
                y: (1080 - 800 - FRAME_TOP as i32) / 2,
                width: 1280,
                height: 800
            }
        );
        assert_eq!(placed.minimum, MINIMUM);
    }

    #[test]
    fn a_first_window_below_the_minimum_shrinks_the_minimum_too() {
        let tiny = Rect {
            x: 0,
            y: 0,
            width: 800,
            height: 600,
        };
        let placed = place(None, &[tiny], 0).unwrap();
        assert!(placed.frame.width <= 800 && placed.frame.height + FRAME_TOP <= 600);
        assert!(placed.minimum.width <= 800 && placed.minimum.height + FRAME_TOP <= 600);
    }

    #[test]
    fn a_saved_window_on_a_present_monitor_opens_where_it_was() {
        let was = saved(1500, 100, 1000, 700);
        let placed = place(Some(was), &[LAPTOP, DESKTOP], 0).unwrap();
        assert_eq!(
            placed.frame,
            Rect {
                x: 1500,
                y: 100,
                width: 1000,
                height: 700
            }
        );
    }

    #[test]
    fn a_saved_window_whose_monitor_is_gone_opens_centred_on_the_current_one() {
        let was = saved(1500, 100, 1000, 700);
        let placed = place(Some(was), &[LAPTOP], 0).unwrap();
        assert_eq!(placed.frame.width, 1000);
        assert_eq!(placed.frame.height, 768 - 2 * MARGIN - FRAME_TOP);
        assert_eq!(placed.frame.x, (1366 - 1000) / 2);
        assert!(placed.frame.y >= 0);
    }

    #[test]
    fn a_saved_window_larger_than_its_monitor_now_shrinks_and_moves_onto_it() {
        // Saved on a 1920×1080 monitor that now runs at 1366×768.
        let was = saved(200, 150, 1800, 1000);
        let placed = place(Some(was), &[LAPTOP], 0).unwrap();
        let frame = placed.frame;
        assert_eq!((frame.width, frame.height), (1366, 768 - FRAME_TOP));
        assert_eq!((frame.x, frame.y), (0, 0));
    }

    #[test]
    fn a_saved_window_hanging_off_the_edge_is_pulled_back_inside() {
        let was = saved(1000, 500, 1000, 600);
        let placed = place(Some(was), &[LAPTOP], 0).unwrap();
        let frame = placed.frame;
        assert_eq!((frame.width, frame.height), (1000, 600));
        assert_eq!((frame.x, frame.y), (366, 768 - 600 - FRAME_TOP as i32));
    }

    #[test]
    fn a_maximized_window_reopens_maximized_from_its_earlier_position() {
        let was = Saved {
            maximized: true,
            prev_x: 1400,
            prev_y: 50,
            ..saved(1366, 0, 1200, 800)
        };
        let placed = place(Some(was), &[LAPTOP, DESKTOP], 0).unwrap();
        assert!(placed.maximized);
        assert_eq!((placed.frame.x, placed.frame.y), (1400, 50));
    }

    #[test]
    fn no_monitor_leaves_the_defaults() {
        assert_eq!(place(None, &[], 0), None);
    }

    #[test]
    fn the_plugins_file_is_read_and_its_placeholder_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("window-state.json");
        std::fs::write(
            &file,
            r#"{"main":{"width":1000,"height":640,"x":10,"y":20,"prev_x":0,"prev_y":0,"maximized":false,"visible":true,"decorated":true,"fullscreen":false}}"#,
        )
        .unwrap();
        assert_eq!(load_saved(&file, MAIN), Some(saved(10, 20, 1000, 640)));
        std::fs::write(&file, r#"{"main":{"width":0,"height":0,"x":0,"y":0}}"#).unwrap();
        assert_eq!(load_saved(&file, MAIN), None);
        std::fs::write(&file, "not json").unwrap();
        assert_eq!(load_saved(&file, MAIN), None);
        assert_eq!(load_saved(&dir.path().join("missing.json"), MAIN), None);
    }
}
