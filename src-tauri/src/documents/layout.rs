//! The layout kit every document uses: text that wraps, tables whose rows
//! wrap and whose header repeats after a page break, signature blocks, a
//! header with the office's name and a footer with the document's date, its
//! identifier and "Page N of M". A packet of several documents is one
//! [`Document`]: each part starts on a [`Document::fresh_page`], sets its own
//! header and footer with [`Document::set_running_header`] and adds its
//! [`Document::bookmark`], and "Page N of M" counts across the whole packet.
//!
//! Each PDF embeds only the glyphs it shows: [`Document::finish`] cuts both
//! faces down to the characters on its pages (see `subset` below), so a document
//! is tens of kilobytes rather than the three quarters of a megabyte of the
//! whole fonts, and saving it does not compress 1.4 MB of font every time.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rect, Rgb, TextItem, WindingOrder,
};

use super::DocumentError;

const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// US Letter, in points.
pub const PAGE_WIDTH: f32 = 612.0;
pub const PAGE_HEIGHT: f32 = 792.0;
const MARGIN: f32 = 54.0;
const TOP: f32 = PAGE_HEIGHT - MARGIN - 14.0;
const BOTTOM: f32 = MARGIN + 18.0;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const BODY_SIZE: f32 = 9.5;
const CELL_PAD: f32 = 3.0;
/// How far the text of a list item stands in from its bullet's margin.
const ITEM_INDENT: f32 = 14.0;

/// The two faces, parsed once per process: their character map and advance
/// widths measure and wrap text; what is embedded is a [`subset`] of them.
struct Faces {
    regular: ParsedFont,
    bold: ParsedFont,
}

fn faces() -> Result<&'static Faces, DocumentError> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            let regular = ParsedFont::from_bytes(REGULAR_TTF, 0, &mut Vec::new())?;
            let bold = ParsedFont::from_bytes(BOLD_TTF, 0, &mut Vec::new())?;
            Some(Faces { regular, bold })
        })
        .as_ref()
        .ok_or(DocumentError::Font)
}

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// How a table column lines up its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table column: its title, its share of the width, and its alignment.
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub share: f32,
    pub align: Align,
}

impl Column {
    pub fn left(title: &str, share: f32) -> Self {
        Self { title: title.into(), share, align: Align::Left }
    }
    pub fn right(title: &str, share: f32) -> Self {
        Self { title: title.into(), share, align: Align::Right }
    }
}

/// A table row: its cells, and whether it is a total (bold, shaded).
#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<String>,
    pub total: bool,
}

impl Row {
    pub fn new(cells: Vec<String>) -> Self {
        Self { cells, total: false }
    }
    pub fn total(cells: Vec<String>) -> Self {
        Self { cells, total: true }
    }
}

/// One signature line: who signs, and the signature drawn on screen with its
/// date, if it was.
pub struct SignatureLine {
    pub label: String,
    /// Strokes (points from 0 to 1 across a 3:1 box) and the date to print.
    pub drawn: Option<(Vec<Vec<[f32; 2]>>, String)>,
}

/// A document being laid out, page by page, top to bottom.
pub struct Document {
    pdf: PdfDocument,
    regular: FontId,
    bold: FontId,
    pages: Vec<Page>,
    y: f32,
    /// The running header and footer given to each new page.
    header: String,
    footer: String,
}

/// A page's content, and the header and footer it is framed with.
struct Page {
    ops: Vec<Op>,
    header: String,
    footer: String,
}

impl Document {
    /// A new document; `header` heads every page, `footer` (the document's
    /// date and identifier) is followed by "Page N of M", until
    /// [`Document::set_running_header`] changes them.
    pub fn new(title: &str, header: &str, footer: &str) -> Result<Self, DocumentError> {
        faces()?;
        // The fonts themselves are added by `finish`, once the pages say
        // which glyphs they need.
        let (pdf, regular, bold) = (PdfDocument::new(title), FontId::new(), FontId::new());
        let (header, footer) = (header.to_string(), footer.to_string());
        let first = Page { ops: Vec::new(), header: header.clone(), footer: footer.clone() };
        Ok(Self { pdf, regular, bold, pages: vec![first], y: TOP, header, footer })
    }

    /// Changes the running header and the footer text (before "Page N of
    /// M") from the current page on, so that each part of a packet keeps its
    /// own; call it on the part's first page.
    pub fn set_running_header(&mut self, header: &str, footer: &str) {
        (self.header, self.footer) = (header.to_string(), footer.to_string());
        let page = self.page_last();
        (page.header, page.footer) = (header.to_string(), footer.to_string());
    }

    /// The number of the current page, from 1.
    pub fn page_number(&self) -> usize {
        self.pages.len()
    }

    /// Adds an outline entry pointing at the current page.
    pub fn bookmark(&mut self, name: &str) {
        let page = self.page_number();
        self.pdf.add_bookmark(name, page);
    }

    /// Vertical space.
    pub fn space(&mut self, points: f32) {
        self.y -= points;
    }

    /// Starts a new page.
    pub fn page_break(&mut self) {
        self.pages.push(Page { ops: Vec::new(), header: self.header.clone(), footer: self.footer.clone() });
        self.y = TOP;
    }

    /// Starts a new page unless nothing has been laid out on this one yet:
    /// where a document, or a part of a packet, begins.
    pub fn fresh_page(&mut self) {
        if !self.page_last().ops.is_empty() {
            self.page_break();
        }
    }

    /// The document's title line.
    pub fn title(&mut self, text: &str) {
        self.block(text, 17.0, Weight::Bold, 8.0);
    }

    /// A section heading; kept with at least a few lines of what follows.
    pub fn heading(&mut self, text: &str) {
        self.ensure(12.0 * 1.3 + 80.0);
        self.space(6.0);
        self.block(text, 12.0, Weight::Bold, 4.0);
    }

    /// A paragraph of body text, wrapped to the page.
    pub fn paragraph(&mut self, text: &str) {
        self.block(text, BODY_SIZE, Weight::Regular, 5.0);
    }

    /// An item of a list: a bullet, and the text wrapped beside it with a
    /// hanging indent.
    pub fn item(&mut self, text: &str) {
        let leading = BODY_SIZE * 1.3;
        for (n, line) in self.wrap(text, BODY_SIZE, Weight::Regular, CONTENT_WIDTH - ITEM_INDENT).iter().enumerate() {
            self.ensure(leading);
            self.y -= leading;
            let baseline = self.y + BODY_SIZE * 0.25;
            if n == 0 {
                self.text_at(MARGIN + 3.0, baseline, "•", BODY_SIZE, Weight::Regular);
            }
            self.text_at(MARGIN + ITEM_INDENT, baseline, line, BODY_SIZE, Weight::Regular);
        }
        self.y -= 3.0;
    }

    /// A paragraph in bold.
    pub fn strong(&mut self, text: &str) {
        self.block(text, BODY_SIZE, Weight::Bold, 5.0);
    }

    /// Bold text in a shaded box with a border, across the page and kept on
    /// one page: an outcome or a warning that must not be missed. Text too
    /// long for one page falls back to a bold paragraph.
    pub fn callout(&mut self, text: &str) {
        const PAD: f32 = 7.0;
        const SIZE: f32 = 11.0;
        let leading = SIZE * 1.3;
        let lines = self.wrap(text, SIZE, Weight::Bold, CONTENT_WIDTH - 2.0 * PAD);
        let h = lines.len() as f32 * leading + 2.0 * PAD;
        if h + 10.0 > TOP - BOTTOM {
            self.strong(text);
            return;
        }
        self.ensure(h + 10.0);
        self.space(4.0);
        let top = self.y;
        let rect = Rect {
            x: Pt(MARGIN),
            y: Pt(top - h),
            width: Pt(CONTENT_WIDTH),
            height: Pt(h),
            mode: Some(PaintMode::FillStroke),
            winding_order: Some(WindingOrder::NonZero),
        };
        self.pages_last().extend([
            Op::SetFillColor { col: HEADER_SHADE },
            Op::SetOutlineColor { col: INK },
            Op::SetOutlineThickness { pt: Pt(1.2) },
            Op::DrawRectangle { rectangle: rect },
        ]);
        for (n, line) in lines.iter().enumerate() {
            let baseline = top - PAD - leading * (n as f32 + 1.0) + SIZE * 0.3;
            self.text_at(MARGIN + PAD, baseline, line, SIZE, Weight::Bold);
        }
        self.y = top - h - 6.0;
    }

    /// Label and value pairs, two to a line.
    pub fn facts(&mut self, pairs: &[(&str, String)]) {
        let cols = [Column::left("", 0.22), Column::left("", 0.78)];
        let rows: Vec<Row> = pairs.iter().map(|(k, v)| Row::new(vec![(*k).to_string(), v.clone()])).collect();
        self.rows(&cols, &rows, false, Weight::Bold);
        self.space(4.0);
    }

    /// A table with a header row (none when every title is empty); rows
    /// wrap, and the header repeats on a new page.
    pub fn table(&mut self, columns: &[Column], rows: &[Row]) {
        let with_header = columns.iter().any(|c| !c.title.is_empty());
        self.rows(columns, rows, with_header, Weight::Regular);
        self.space(6.0);
    }

    /// The height [`Document::table`] would give these rows on one page,
    /// with the header row and the space after; for [`Document::keep_together`].
    pub fn table_height(&self, columns: &[Column], rows: &[Row]) -> f32 {
        let total_share: f32 = columns.iter().map(|c| c.share).sum::<f32>().max(f32::EPSILON);
        let height = |row: &Row, header: bool| {
            let weight = if header || row.total { Weight::Bold } else { Weight::Regular };
            let lines = row
                .cells
                .iter()
                .zip(columns)
                .map(|(cell, c)| {
                    self.wrap(cell, BODY_SIZE, weight, CONTENT_WIDTH * c.share / total_share - 2.0 * CELL_PAD).len()
                })
                .max()
                .unwrap_or(1);
            lines as f32 * BODY_SIZE * 1.3 + 2.0 * CELL_PAD
        };
        let header = Row::new(columns.iter().map(|c| c.title.clone()).collect());
        let header_h = if columns.iter().any(|c| !c.title.is_empty()) { height(&header, true) } else { 0.0 };
        header_h + rows.iter().map(|r| height(r, false)).sum::<f32>() + 6.0
    }

    /// The height [`Document::paragraph`] would give `text`, with the space
    /// after; for [`Document::keep_together`].
    pub fn paragraph_height(&self, text: &str) -> f32 {
        self.wrap(text, BODY_SIZE, Weight::Regular, CONTENT_WIDTH).len() as f32 * BODY_SIZE * 1.3 + 5.0
    }

    /// The height [`Document::item`] would give `text`, with the space after.
    pub fn item_height(&self, text: &str) -> f32 {
        self.wrap(text, BODY_SIZE, Weight::Regular, CONTENT_WIDTH - ITEM_INDENT).len() as f32 * BODY_SIZE * 1.3 + 3.0
    }

    /// The height [`Document::heading`] would give `text`, with the space
    /// before and after; for [`Document::keep_together`].
    pub fn heading_height(&self, text: &str) -> f32 {
        self.wrap(text, 12.0, Weight::Bold, CONTENT_WIDTH).len() as f32 * 12.0 * 1.3 + 10.0
    }

    /// A thin rule across the page with some space around it: where a
    /// block that is not part of the document's own content begins.
    pub fn rule_across(&mut self) {
        self.space(8.0);
        let y = self.y;
        self.rule(MARGIN, MARGIN + CONTENT_WIDTH, y, 0.8);
        self.space(8.0);
    }

    /// Starts a new page unless `height` points still fit on this one, so
    /// that what follows is not split; does nothing when `height` would not
    /// fit on an empty page either.
    pub fn keep_together(&mut self, height: f32) {
        if height <= TOP - BOTTOM {
            self.ensure(height);
        }
    }

    /// Signature and date lines, one pair per signer, each labelled beneath.
    /// A signature drawn on screen is drawn above its line, its date above
    /// the date line; otherwise both are left blank for ink.
    pub fn signatures(&mut self, signers: &[SignatureLine]) {
        const BOX_HEIGHT: f32 = 36.0;
        for signer in signers {
            self.ensure(BOX_HEIGHT + 30.0);
            self.space(BOX_HEIGHT + 6.0);
            let sig_end = MARGIN + CONTENT_WIDTH * 0.62;
            let date_start = MARGIN + CONTENT_WIDTH * 0.70;
            let line_y = self.y;
            if let Some((strokes, date)) = &signer.drawn {
                let mut ops = Vec::new();
                ops.push(Op::SetOutlineColor { col: SIGNATURE_INK });
                ops.push(Op::SetOutlineThickness { pt: Pt(1.1) });
                for stroke in strokes.iter().filter(|s| s.len() > 1) {
                    let points = stroke
                        .iter()
                        .map(|[x, y]| LinePoint {
                            p: Point {
                                x: Pt(MARGIN + 4.0 + x * BOX_HEIGHT * 3.0),
                                y: Pt(line_y + 2.0 + (1.0 - y) * BOX_HEIGHT),
                            },
                            bezier: false,
                        })
                        .collect();
                    ops.push(Op::DrawLine { line: Line { points, is_closed: false } });
                }
                self.pages_last().append(&mut ops);
                self.text_at(date_start + 2.0, line_y + 4.0, date, BODY_SIZE, Weight::Regular);
            }
            self.rule(MARGIN, sig_end, line_y, 0.8);
            self.rule(date_start, MARGIN + CONTENT_WIDTH, line_y, 0.8);
            let y = line_y - 11.0;
            let label = if signer.drawn.is_some() {
                format!("{} (signed on screen)", signer.label)
            } else {
                signer.label.clone()
            };
            self.text_at(MARGIN, y, &label, 8.5, Weight::Regular);
            self.text_at(date_start, y, "Date", 8.5, Weight::Regular);
            self.y -= 16.0;
        }
    }

    /// Finishes the pages (header, footer, page numbers), embeds the glyphs
    /// they show, and answers the PDF.
    pub fn finish(mut self) -> Vec<u8> {
        let total = self.pages.len();
        let pages = std::mem::take(&mut self.pages);
        let mut framed = Vec::with_capacity(total);
        for (i, Page { mut ops, header, footer }) in pages.into_iter().enumerate() {
            let footer = format!("{footer}  ·  Page {} of {}", i + 1, total);
            let mut frame = Vec::new();
            self.text_ops(&mut frame, MARGIN, PAGE_HEIGHT - MARGIN + 6.0, &header, 8.0, Weight::Bold, GREY);
            line_ops(&mut frame, MARGIN, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN, 0.5, GREY);
            line_ops(&mut frame, MARGIN, PAGE_WIDTH - MARGIN, MARGIN + 4.0, 0.5, GREY);
            self.text_ops(&mut frame, MARGIN, MARGIN - 8.0, &footer, 7.5, Weight::Regular, GREY);
            frame.append(&mut ops);
            framed.push(frame);
        }
        // The characters each face shows, header and footer included.
        let mut used: BTreeMap<&FontId, BTreeSet<char>> = BTreeMap::new();
        for ops in &framed {
            let mut font = None;
            for op in ops {
                match op {
                    Op::SetFont { font: PdfFontHandle::External(id), .. } => font = Some(id),
                    Op::ShowText { items } => {
                        let chars = used.entry(font.unwrap_or(&self.regular)).or_default();
                        for item in items {
                            if let TextItem::Text(text) = item {
                                chars.extend(text.chars());
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Ok(f) = faces() {
            let fonts = [
                (&self.regular, &f.regular, REGULAR_TTF, "DejaVuSans"),
                (&self.bold, &f.bold, BOLD_TTF, "DejaVuSans-Bold"),
            ];
            let nothing = BTreeSet::new();
            for (id, face, bytes, name) in fonts {
                let chars = used.get(id).unwrap_or(&nothing);
                let font = subset(face, bytes, name, chars).unwrap_or_else(|e| {
                    tracing::warn!("could not subset {name}, embedding all of it: {e}");
                    face.clone()
                });
                self.pdf.resources.fonts.map.insert(id.clone(), printpdf::PdfFont::new(font));
            }
        }
        let out = framed.into_iter().map(|ops| PdfPage::new(Pt(PAGE_WIDTH).into(), Pt(PAGE_HEIGHT).into(), ops));
        self.pdf.with_pages(out.collect()).save(&PdfSaveOptions::default(), &mut Vec::new())
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        let Ok(f) = faces() else { return 0.0 };
        let font = match weight {
            Weight::Regular => &f.regular,
            Weight::Bold => &f.bold,
        };
        let em = f32::from(font.units_per_em.max(1));
        let fallback = font.glyph_widths.get(&0).copied().unwrap_or(font.units_per_em / 2);
        let units: u32 = text
            .chars()
            .map(|c| {
                let gid = font.codepoint_to_glyph.get(&(c as u32)).copied();
                u32::from(gid.and_then(|g| font.glyph_widths.get(&g).copied()).unwrap_or(fallback))
            })
            .sum();
        units as f32 * size / em
    }

    /// Breaks `text` into lines no wider than `width`, at spaces where it
    /// can, inside a word only when one word is wider than the line.
    pub fn wrap(&self, text: &str, size: f32, weight: Weight, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ') {
                let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
                if self.width(&candidate, size, weight) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // A word wider than the line is cut where it must be.
                let mut piece = String::new();
                for c in word.chars() {
                    piece.push(c);
                    if self.width(&piece, size, weight) > width && piece.chars().count() > 1 {
                        piece.pop();
                        lines.push(std::mem::take(&mut piece));
                        piece.push(c);
                    }
                }
                line = piece;
            }
            lines.push(line);
        }
        lines
    }

    fn block(&mut self, text: &str, size: f32, weight: Weight, after: f32) {
        let leading = size * 1.3;
        for line in self.wrap(text, size, weight, CONTENT_WIDTH) {
            self.ensure(leading);
            self.y -= leading;
            self.text_at(MARGIN, self.y + size * 0.25, &line, size, weight);
        }
        self.y -= after;
    }

    fn rows(&mut self, columns: &[Column], rows: &[Row], with_header: bool, first_column: Weight) {
        let total_share: f32 = columns.iter().map(|c| c.share).sum::<f32>().max(f32::EPSILON);
        let widths: Vec<f32> = columns.iter().map(|c| CONTENT_WIDTH * c.share / total_share).collect();
        let leading = BODY_SIZE * 1.3;
        let header = Row::new(columns.iter().map(|c| c.title.clone()).collect());
        let layout = |doc: &Self, row: &Row, header: bool| -> Vec<Vec<String>> {
            row.cells
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (cell, w))| {
                    let weight = if header || row.total || (i == 0 && first_column == Weight::Bold) {
                        Weight::Bold
                    } else {
                        Weight::Regular
                    };
                    doc.wrap(cell, BODY_SIZE, weight, w - 2.0 * CELL_PAD)
                })
                .collect()
        };
        let header_lines = with_header.then(|| layout(self, &header, true));
        let height =
            |lines: &[Vec<String>]| lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * leading + 2.0 * CELL_PAD;
        let mut need_header = with_header;
        for row in rows {
            let lines = layout(self, row, false);
            let h = height(&lines);
            let header_h = header_lines.as_ref().map_or(0.0, |l| height(l));
            if self.y - h - if need_header { header_h } else { 0.0 } < BOTTOM {
                self.page_break();
                need_header = with_header;
            }
            if need_header {
                if let Some(hl) = &header_lines {
                    self.draw_row(columns, &widths, hl, true, true);
                }
                need_header = false;
            }
            self.draw_row(columns, &widths, &lines, false, row.total);
        }
    }

    fn draw_row(&mut self, columns: &[Column], widths: &[f32], lines: &[Vec<String>], header: bool, strong: bool) {
        let leading = BODY_SIZE * 1.3;
        let h = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * leading + 2.0 * CELL_PAD;
        let top = self.y;
        if header || strong {
            let shade = if header { HEADER_SHADE } else { TOTAL_SHADE };
            self.pages_last().push(Op::SetFillColor { col: shade });
            let rect = Rect {
                x: Pt(MARGIN),
                y: Pt(top - h),
                width: Pt(CONTENT_WIDTH),
                height: Pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: Some(WindingOrder::NonZero),
            };
            self.pages_last().push(Op::DrawRectangle { rectangle: rect });
        }
        let weight = if header || strong { Weight::Bold } else { Weight::Regular };
        let mut x = MARGIN;
        for ((cell, w), column) in lines.iter().zip(widths).zip(columns) {
            for (n, line) in cell.iter().enumerate() {
                let baseline = top - CELL_PAD - leading * (n as f32 + 1.0) + BODY_SIZE * 0.3;
                let tx = match column.align {
                    Align::Left => x + CELL_PAD,
                    Align::Right => x + w - CELL_PAD - self.width(line, BODY_SIZE, weight),
                };
                self.text_at(tx, baseline, line, BODY_SIZE, weight);
            }
            x += w;
        }
        self.y = top - h;
        let y = self.y;
        self.rule(MARGIN, MARGIN + CONTENT_WIDTH, y, 0.4);
    }

    /// Starts a new page unless `height` points still fit on this one.
    fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.page_break();
        }
    }

    fn pages_last(&mut self) -> &mut Vec<Op> {
        &mut self.page_last().ops
    }

    fn page_last(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.page_break();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn text_at(&mut self, x: f32, y: f32, text: &str, size: f32, weight: Weight) {
        let mut ops = Vec::new();
        self.text_ops(&mut ops, x, y, text, size, weight, INK);
        self.pages_last().append(&mut ops);
    }

    #[allow(clippy::too_many_arguments)]
    fn text_ops(&self, ops: &mut Vec<Op>, x: f32, y: f32, text: &str, size: f32, weight: Weight, color: Color) {
        let font = match weight {
            Weight::Regular => self.regular.clone(),
            Weight::Bold => self.bold.clone(),
        };
        ops.extend([
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(font), size: Pt(size) },
            Op::SetFillColor { col: color },
            Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(y) } },
            Op::ShowText { items: vec![TextItem::Text(text.to_string())] },
            Op::EndTextSection,
        ]);
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32) {
        let mut ops = Vec::new();
        line_ops(&mut ops, x1, x2, y, thickness, RULE);
        self.pages_last().append(&mut ops);
    }
}

/// `face` cut down to the glyphs of `chars`, as a font printpdf embeds whole:
/// the font program holds .notdef and those glyphs (with the components of
/// composite glyphs such as "ễ"), renumbered from 0, with the hinting tables
/// kept, so text renders as it would from the full font; the character map
/// and advance widths point at the new numbers, so the content stream, the
/// /W widths and the /ToUnicode map (what `pdftotext` reads) agree with it.
/// The PostScript name carries the six-letter subset tag of ISO 32000-1,
/// 9.6.4, which differs between different subsets.
///
/// This is what printpdf's own subsetting does (`printpdf::font::subset_font`,
/// the same allsorts call), which printpdf builds only with `text_layout`.
/// It relies on printpdf's `ParsedFont` without that feature: a plain struct
/// whose maps printpdf reads when it encodes text and writes the font.
fn subset(face: &ParsedFont, bytes: &[u8], name: &str, chars: &BTreeSet<char>) -> Result<ParsedFont, String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};

    let glyphs: BTreeSet<u16> =
        chars.iter().filter_map(|c| face.codepoint_to_glyph.get(&(*c as u32)).copied()).collect();
    // .notdef first, as allsorts requires; the new number of a glyph is its
    // place in this list (components of composites are appended after it).
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs.into_iter().filter(|g| *g != 0)).collect();
    let renumbered: BTreeMap<u16, u16> = ids.iter().enumerate().map(|(new, old)| (*old, new as u16)).collect();

    let font = ReadScope::new(bytes).read::<FontData<'_>>().map_err(|e| e.to_string())?;
    let provider = font.table_provider(0).map_err(|e| e.to_string())?;
    let program = allsorts::subset::subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| e.to_string())?;

    let codepoint_to_glyph = chars
        .iter()
        .filter_map(|c| {
            let old = face.codepoint_to_glyph.get(&(*c as u32))?;
            Some((*c as u32, *renumbered.get(old)?))
        })
        .collect();
    let glyph_widths = renumbered.iter().filter_map(|(old, new)| Some((*new, *face.glyph_widths.get(old)?))).collect();

    // FNV-1a over the face and its glyphs: the same subset gets the same tag.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.bytes().chain(ids.iter().flat_map(|g| g.to_be_bytes())) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    let tag: String = (0..6).map(|i| char::from(b'A' + ((hash >> (i * 10)) % 26) as u8)).collect();

    let mut font = ParsedFont::with_glyph_data(
        program,
        0,
        Some(format!("{tag}+{name}")),
        codepoint_to_glyph,
        glyph_widths,
        face.units_per_em,
        face.font_metrics.clone(),
    );
    // The descriptor's bounding box, slant and weight, as the whole face has them.
    font.pdf_font_metrics = face.pdf_font_metrics.clone();
    font.font_type = face.font_type;
    Ok(font)
}

const INK: Color = Color::Rgb(Rgb { r: 0.04, g: 0.05, b: 0.05, icc_profile: None });
const GREY: Color = Color::Rgb(Rgb { r: 0.31, g: 0.35, b: 0.37, icc_profile: None });
const RULE: Color = Color::Rgb(Rgb { r: 0.55, g: 0.57, b: 0.58, icc_profile: None });
const SIGNATURE_INK: Color = Color::Rgb(Rgb { r: 0.05, g: 0.12, b: 0.45, icc_profile: None });
const HEADER_SHADE: Color = Color::Rgb(Rgb { r: 0.90, g: 0.93, b: 0.94, icc_profile: None });
const TOTAL_SHADE: Color = Color::Rgb(Rgb { r: 0.95, g: 0.95, b: 0.94, icc_profile: None });

fn line_ops(ops: &mut Vec<Op>, x1: f32, x2: f32, y: f32, thickness: f32, color: Color) {
    let point = |x: f32| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false };
    ops.extend([
        Op::SetOutlineColor { col: color },
        Op::SetOutlineThickness { pt: Pt(thickness) },
        Op::DrawLine { line: Line { points: vec![point(x1), point(x2)], is_closed: false } },
    ]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_lines_within_the_width() {
        let doc = Document::new("t", "h", "f").unwrap();
        let text = "Calculation summaries must also include signatures by both the grantee and program participant to certify that the calculation is inclusive of all applicable sources of income.";
        let lines = doc.wrap(text, 10.0, Weight::Regular, 200.0);
        assert!(lines.len() > 2, "a long sentence takes several lines");
        for line in &lines {
            assert!(doc.width(line, 10.0, Weight::Regular) <= 200.0, "{line:?} is too wide");
        }
        assert_eq!(lines.join(" "), text, "nothing is lost or reordered");
        let long = doc.wrap("Supercalifragilisticexpialidocious", 10.0, Weight::Regular, 40.0);
        assert!(
            long.len() > 1 && long.concat() == "Supercalifragilisticexpialidocious",
            "an over-long word is cut, not dropped"
        );
    }

    #[test]
    fn each_part_keeps_its_own_header_and_the_pages_count_across_all_parts() {
        let mut doc = Document::new("t", "Thresholds · Lease packet", "Lease packet · LEASE-000007").unwrap();
        doc.fresh_page();
        assert_eq!(doc.page_number(), 1, "a fresh page on an empty page is that page");
        doc.title("Lease Packet");
        doc.fresh_page();
        doc.set_running_header("Thresholds · HAP contract", "HAP contract · HAP-000012");
        doc.paragraph("The contract, page one.");
        doc.page_break();
        doc.item("The contract, page two, with Łukasz Wójcik.");
        doc.fresh_page();
        doc.set_running_header("Thresholds · Rent reasonableness", "Rent reasonableness · RR-000017");
        doc.paragraph("The certification.");
        assert_eq!(doc.page_number(), 4);
        let bytes = doc.finish();
        let path = std::env::temp_dir().join(format!("housing-desk-running-header-{}.pdf", std::process::id()));
        std::fs::write(&path, &bytes).unwrap();
        let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
        let _ = std::fs::remove_file(&path);
        let text = String::from_utf8(out.stdout).unwrap();
        let pages: Vec<&str> = text.split('\u{c}').collect();
        let want = [
            ("Thresholds · Lease packet", "LEASE-000007 · Page 1 of 4"),
            ("Thresholds · HAP contract", "HAP-000012 · Page 2 of 4"),
            ("Thresholds · HAP contract", "HAP-000012 · Page 3 of 4"),
            ("Thresholds · Rent reasonableness", "RR-000017 · Page 4 of 4"),
        ];
        for (i, (header, footer)) in want.iter().enumerate() {
            assert!(
                pages[i].contains(header) && pages[i].contains(footer),
                "page {} is framed so:\n{}",
                i + 1,
                pages[i]
            );
        }
        assert!(pages[2].contains("• The contract, page two, with Łukasz Wójcik."), "an item has its bullet");
    }

    #[test]
    fn unicode_names_have_glyphs() {
        let f = faces().unwrap();
        for c in "Nguyễn Łukasz Wójcik Siobhán Müller".chars() {
            assert!(f.regular.codepoint_to_glyph.contains_key(&(c as u32)), "no glyph for {c:?}");
        }
    }

    #[test]
    fn only_the_glyphs_shown_are_embedded_and_the_text_still_reads() {
        let names = "Nguyễn Thị Lan, Łukasz Wójcik, Siobhán Müller";
        let mut doc = Document::new("t", "Thresholds Housing", "IC-000001").unwrap();
        doc.title("Income Calculation Summary");
        doc.paragraph(names);
        let bytes = doc.finish();
        assert!(bytes.len() < 100_000, "two subset faces, not the whole fonts: {} bytes", bytes.len());
        let text = String::from_utf8_lossy(&bytes);
        for face in ["+DejaVuSans/", "+DejaVuSans-Bold/"] {
            assert!(text.contains(face), "{face} is embedded as a tagged subset");
        }
        let path = std::env::temp_dir().join(format!("housing-desk-subset-{}.pdf", std::process::id()));
        std::fs::write(&path, &bytes).unwrap();
        let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
        let _ = std::fs::remove_file(&path);
        let text = String::from_utf8(out.stdout).unwrap();
        for want in [names, "Income Calculation Summary", "IC-000001", "Page 1 of 1"] {
            assert!(text.contains(want), "{want:?} reads back:\n{text}");
        }

        // A face that shows nothing still gets a (bare) font program.
        let empty = Document::new("t", "", "").unwrap().finish();
        assert!(empty.starts_with(b"%PDF") && empty.len() < 100_000);
    }
}
