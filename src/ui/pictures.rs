//! The pictures of an inspection's evidence as the window shows them: a thumbnail under
//! each standard and a larger picture in the viewer, decoded from the photo's bytes off
//! the UI thread (in the window) and kept by the bytes' SHA-256 while the inspection is
//! open. A scan (PDF) or a photo no decoder here reads (HEIC) has no picture: the window
//! shows its kind and name instead.

use std::collections::HashMap;
use std::io::Cursor;
use std::sync::mpsc::{self, Receiver, Sender};

use image::DynamicImage;

use crate::ui::recent::Reads;

/// The longer side of a thumbnail, in pixels.
pub const THUMBNAIL_SIDE: u32 = 192;

/// The longer side of the viewer's picture, in pixels (a 12-megapixel photo is shown
/// at most this big: enough to read a licence's small print at 100 %).
pub const VIEWER_SIDE: u32 = 3072;

/// How many photos' bytes are read from the file in one frame: the rest wait for the
/// next frames, so opening a tab of 200 photos never stalls one frame.
const READS_PER_FRAME: usize = 4;

/// Which picture of a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Size {
    /// Under its standard.
    Thumbnail,
    /// In the viewer.
    Viewer,
}

impl Size {
    fn side(self) -> u32 {
        match self {
            Size::Thumbnail => THUMBNAIL_SIDE,
            Size::Viewer => VIEWER_SIDE,
        }
    }
}

/// A picture, as far as it is known.
#[derive(Clone)]
pub enum Picture {
    /// Being read or decoded.
    Loading,
    /// Decoded: the texture, and the photo's own size in pixels.
    Ready(egui::TextureHandle, [u32; 2]),
    /// No picture: why (the decoder's words; a PDF or a HEIC says nothing).
    None(String),
}

/// A photo to decode.
struct Job {
    key: (String, Size),
    bytes: Vec<u8>,
}

/// A decoded photo, or why not.
type Done = ((String, Size), Result<(egui::ColorImage, [u32; 2]), String>);

/// The pictures of one open inspection.
pub struct Pictures {
    reads: Reads,
    known: HashMap<(String, Size), Picture>,
    /// Reads of bytes asked for in this frame (reset by [`Pictures::begin_frame`]).
    read_this_frame: usize,
    worker: Option<(Sender<Job>, Receiver<Done>)>,
    waiting: usize,
}

impl std::fmt::Debug for Pictures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pictures")
            .field("known", &self.known.len())
            .field("waiting", &self.waiting)
            .finish()
    }
}

impl Pictures {
    /// No pictures yet; decoded here (tests, benchmarks) or on a thread of their own.
    pub(in crate::ui) fn new(reads: Reads) -> Pictures {
        Pictures {
            reads,
            known: HashMap::new(),
            read_this_frame: 0,
            worker: None,
            waiting: 0,
        }
    }

    /// Takes the pictures decoded since the last frame; while some are still being
    /// decoded, the window looks again soon.
    pub fn begin_frame(&mut self, ctx: &egui::Context) {
        self.read_this_frame = 0;
        let Some((_, results)) = &self.worker else {
            return;
        };
        let done: Vec<Done> = results.try_iter().collect();
        for (key, decoded) in done {
            self.waiting = self.waiting.saturating_sub(1);
            let picture = loaded(ctx, &key, decoded);
            self.known.insert(key, picture);
        }
        if self.waiting > 0 {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
    }

    /// The picture of the photo whose bytes hash to `sha256`; `bytes` reads them from
    /// the file when they are not decoded yet (`None`: not readable). A PDF or HEIC
    /// (`media_type`) has none. Only the viewer's last picture is kept at its size.
    pub fn get(
        &mut self,
        ctx: &egui::Context,
        sha256: &str,
        media_type: &str,
        size: Size,
        bytes: impl FnOnce() -> Option<Vec<u8>>,
    ) -> Picture {
        let key = (sha256.to_string(), size);
        if let Some(p) = self.known.get(&key) {
            return p.clone();
        }
        if !crate::inspection::downscale::decodable(media_type) {
            let none = Picture::None(String::new());
            self.known.insert(key, none.clone());
            return none;
        }
        if self.read_this_frame >= READS_PER_FRAME {
            ctx.request_repaint();
            return Picture::Loading;
        }
        self.read_this_frame += 1;
        let Some(bytes) = bytes() else {
            let none = Picture::None(String::new());
            self.known.insert(key, none.clone());
            return none;
        };
        if size == Size::Viewer {
            self.known.retain(|(_, s), _| *s != Size::Viewer);
        }
        match self.reads {
            Reads::Here => {
                let picture = loaded(ctx, &key, decode(&bytes, size.side()));
                self.known.insert(key, picture.clone());
                picture
            }
            Reads::Background => {
                self.send(
                    ctx,
                    Job {
                        key: key.clone(),
                        bytes,
                    },
                );
                self.known.insert(key, Picture::Loading);
                Picture::Loading
            }
        }
    }

    /// How many pictures of this size are decoded and ready to draw.
    pub fn ready(&self, size: Size) -> usize {
        self.known
            .iter()
            .filter(|((_, s), p)| *s == size && matches!(p, Picture::Ready(..)))
            .count()
    }

    /// Hands a photo to the decoding thread, starting it the first time.
    fn send(&mut self, ctx: &egui::Context, job: Job) {
        let (jobs, _) = self.worker.get_or_insert_with(|| start_worker(ctx.clone()));
        if jobs.send(job).is_ok() {
            self.waiting += 1;
        }
    }
}

/// The decoding thread: decodes each photo sent, in turn, and wakes the window when one
/// is done. It ends when the inspection's pictures are dropped (the channel closes).
fn start_worker(ctx: egui::Context) -> (Sender<Job>, Receiver<Done>) {
    let (jobs, inbox) = mpsc::channel::<Job>();
    let (outbox, results) = mpsc::channel::<Done>();
    let spawned = std::thread::Builder::new()
        .name("akredit-pictures".into())
        .spawn(move || {
            for job in inbox {
                let decoded = decode(&job.bytes, job.key.1.side());
                if outbox.send((job.key, decoded)).is_err() {
                    break;
                }
                ctx.request_repaint();
            }
        });
    if let Err(e) = spawned {
        // Without a thread the photos are not shown; nothing else depends on them.
        eprintln!("akredit: the pictures' thread did not start: {e}");
    }
    (jobs, results)
}

fn loaded(
    ctx: &egui::Context,
    key: &(String, Size),
    decoded: Result<(egui::ColorImage, [u32; 2]), String>,
) -> Picture {
    match decoded {
        Ok((image, original)) => {
            let name = format!("evidence-{}-{:?}", key.0, key.1);
            let texture = ctx.load_texture(name, image, egui::TextureOptions::LINEAR);
            Picture::Ready(texture, original)
        }
        Err(why) => Picture::None(why),
    }
}

/// Decodes a photo, turned as its EXIF says, and scales it so that its longer side is
/// at most `side`. Returns the picture and the photo's own size (after turning).
pub fn decode(bytes: &[u8], side: u32) -> Result<(egui::ColorImage, [u32; 2]), String> {
    let mut photo = crate::inspection::downscale::upright(bytes)?;
    let original = [photo.width(), photo.height()];
    if photo.width() > side || photo.height() > side {
        photo = photo.thumbnail(side, side);
    }
    let rgba = photo.to_rgba8();
    let size = [rgba.width() as usize, rgba.height() as usize];
    Ok((
        egui::ColorImage::from_rgba_unmultiplied(size, rgba.as_raw()),
        original,
    ))
}

/// A pasted picture as a PNG file's bytes.
pub fn png_of(image: &egui::ColorImage) -> Result<Vec<u8>, String> {
    let [w, h] = image.size;
    let rgba: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, rgba)
        .ok_or_else(|| "the pasted picture's size does not match its pixels".to_string())?;
    let mut png = Vec::new();
    DynamicImage::ImageRgba8(buffer)
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(png)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_fn(w, h, |x, y| {
            image::Rgba([(x % 256) as u8, (y % 256) as u8, 128, 255])
        });
        let mut out = Vec::new();
        DynamicImage::ImageRgba8(img)
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn a_photo_is_scaled_to_the_side_and_keeps_its_own_size() {
        let (picture, original) = decode(&png(800, 400), THUMBNAIL_SIDE).unwrap();
        assert_eq!(original, [800, 400]);
        assert_eq!(picture.size, [192, 96]);
        let (small, _) = decode(&png(50, 20), THUMBNAIL_SIDE).unwrap();
        assert_eq!(small.size, [50, 20]);
    }

    #[test]
    fn damaged_bytes_say_why_and_a_pasted_picture_round_trips() {
        let mut bytes = png(40, 40);
        bytes.truncate(60);
        assert!(decode(&bytes, 100).is_err());
        let image = egui::ColorImage::new([3, 2], vec![egui::Color32::RED; 6]);
        let (back, size) = decode(&png_of(&image).unwrap(), 100).unwrap();
        assert_eq!(size, [3, 2]);
        assert_eq!(back.pixels[0], egui::Color32::RED);
    }
}
