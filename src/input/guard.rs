//! The pre-parse guard: one linear scan over the page text that bounds how many elements
//! html5ever can have open at once, before the page reaches it.
//!
//! Why: html5ever's tree builder is quadratic in the stack of open elements (every scope
//! check walks the stack) and in the list of active formatting elements (each push scans
//! the list for the "three identical entries" rule, and after every block end the whole
//! list is reconstructed, one new element per entry, at the next text). A page with 100 000
//! nested `<div>`s or 20 000 distinct unclosed `<b>`s keeps the parser busy for over a
//! minute. Browsers bound the same thing: Chromium stops nesting at 512 levels.
//!
//! How: the scan tokenizes like the HTML tokenizer does where it matters for counting
//! (tag names, attributes with their quoting rules, comments, doctypes, bogus comments,
//! the contents of raw-text and RCDATA elements, `<plaintext>`) and keeps a small model of
//! the tree builder's two structures:
//!
//! - the stack of open elements, with the parser's implicit closes (`<p>` before a block,
//!   `<li>`/`<dd>`/`<dt>`/`<option>`/cells closing their predecessor, headings), end tags
//!   that pop only within the scope the parser uses (an end tag the parser would ignore,
//!   such as `</span>` with a `<div>` in between, pops nothing here either), void elements,
//!   and foreign content (`<svg>`/`<math>`, where `/>` closes and `<style>` is no raw text);
//! - the list of active formatting elements (`a, b, big, code, em, font, i, nobr, s,
//!   small, strike, strong, tt, u`), which outlives the elements' place on the stack: it
//!   is cleared only by their own end tags and by the markers cells, captions, `<object>`,
//!   `<applet>`, `<marquee>` and `<template>` set.
//!
//! Where the model is unsure it errs towards *more* open elements (it never pops what the
//! parser might keep, and never skips text the parser might read as tags: a script ends
//! at its first `</script>`, CDATA sections end at their first `>`), so a page cannot hide
//! nesting from it. It does not model the "three identical entries" rule or the adoption
//! agency's reshuffling, which only makes it count more.
//!
//! What happens at the limits: flattening, as browsers do, rather than rejection. A start
//! tag that would open element number [`MAX_OPEN_ELEMENTS`] + 1, or add an active
//! formatting element beyond [`MAX_ACTIVE_FORMATTING`] since the last marker, is dropped
//! from the text the parser sees (the tag only, from `<` to `>`); its contents, text and
//! end tag stay, so the words survive and the article can still be read. Dropping only ever
//! removes whole tags the scan has tokenized exactly, never text, so the result is still
//! the same page minus some markup. Pages under both limits (every page of the test
//! corpora, by a wide margin) are passed through untouched and unallocated.
//!
//! [`strip_for_reading`] is the same scan, and also leaves out the bodies of scripts and style
//! sheets (JSON scripts, and scripts whose escaped states the scan does not model, excepted):
//! the scan knows exactly where the tokenizer ends them, and the parser then skips half the
//! bytes of a typical news page (about 15% of parse time on the Readability corpus). It also
//! shortens indentation between tags to one space outside preformatted elements (the model's
//! `<pre>`/`<listing>` on the stack and `<code>` among the formatting elements, which errs
//! towards keeping): 7% less wasm extraction time per page, the text read the same.
//!
//! Cost: one `memchr` jump per `<`, a few byte comparisons per tag and attribute, no
//! allocation on ordinary pages beyond the small stacks; see `examples/stages.rs`.

use std::borrow::Cow;
use std::collections::HashMap;

/// Most elements the parser may have open at once; deeper start tags are dropped. The same
/// as Chromium's tree depth and [`crate::dom::MAX_TREE_DEPTH`] (which caps the tree after
/// parsing): more could never show anyway. Real pages stay far below it (41 at most over
/// the 1 120 pages of the Readability and trafilatura-eval corpora), and at this depth the
/// parser's scope checks cost about half a second per megabyte of hostile end tags
/// (`examples/guard.rs`).
pub const MAX_OPEN_ELEMENTS: usize = 512;
/// Most active formatting elements since the last marker (5 at most on the corpora). Each
/// costs the parser a step per formatting push and per scope check, and one element per
/// reconstruction after a block end, so this bounds the parser's blow-up on text.
pub const MAX_ACTIVE_FORMATTING: usize = 32;
/// Distinct unknown tag names remembered for end-tag matching; later ones get fresh ids
/// that never match an end tag (more open elements counted, never fewer).
const MAX_INTERNED_NAMES: usize = 4096;

/// What the scan saw: the deepest open-element stack and the longest list of active
/// formatting elements (both as modelled, after dropping), and how many tags it dropped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bounds {
    pub open_elements: usize,
    pub active_formatting: usize,
    pub dropped_tags: usize,
}

/// What marks a script as JSON (JSON-LD among them) in its start tag; matched in the raw tag,
/// so also through character references (`application&#x2F;ld&#x2B;json`).
const JSON_MARK: &[u8] = b"json";

/// [`bound`], and also leaves out the bodies of scripts (JSON ones excepted) and style sheets,
/// the elements stay, empty. About half the bytes of a news page are script and CSS that the
/// parser would otherwise tokenize character by character only for extraction to drop them.
/// The scan ends each body where the tokenizer does, so the rest of the page parses the same.
///
/// It also shortens the source's indentation: white space alone between two tags that breaks
/// a line (`>\n        <`) becomes one of its spaces (`> <`), outside `<pre>`, `<listing>` and
/// `<code>`, where white space is content. Outside them a run of white space reads as one
/// space, so the page reads the same; but the tokenizer hands every line break over as a
/// text of its own, and indentation is a fifth of a typical page's bytes.
pub fn strip_for_reading(html: &str) -> Cow<'_, str> {
    let mut scan = Scan::new(html.as_bytes());
    scan.strip_raw_bodies = true;
    scan.shorten_layout_whitespace = true;
    scan.run();
    // Dropped tags, left-out bodies and shortened white space never overlap: one sorted
    // list of ranges.
    let mut removed = scan.drops;
    removed.extend(scan.strips);
    removed.sort_unstable();
    without_ranges(html, &removed)
}

/// `html` without the given byte ranges (in order, not overlapping, on char boundaries).
fn without_ranges<'a>(html: &'a str, ranges: &[(usize, usize)]) -> Cow<'a, str> {
    if ranges.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for &(start, end) in ranges {
        out.push_str(html.get(from..start).unwrap_or(""));
        from = end;
    }
    out.push_str(html.get(from..).unwrap_or(""));
    Cow::Owned(out)
}

/// Bounds `html` for the parser: the text unchanged when it stays under both limits,
/// else a copy without the excess start tags. Also returns the figures of the scan.
pub fn bound(html: &str) -> (Cow<'_, str>, Bounds) {
    let mut scan = Scan::new(html.as_bytes());
    scan.run();
    let bounds = Bounds {
        open_elements: scan.max_open,
        active_formatting: scan.max_formatting,
        dropped_tags: scan.drops.len(),
    };
    // Drops start at '<' and end after '>' (both ASCII), so these are char boundaries.
    (without_ranges(html, &scan.drops), bounds)
}

// ---- tag names ----------------------------------------------------------------------

/// Tag names of up to 8 bytes of `[a-z0-9-]` pack into a u64 (no zero bytes, so the
/// packing is one-to-one); longer known names get reserved ids; others are interned.
const fn key(name: &[u8]) -> u64 {
    let mut k = 0u64;
    let mut i = 0;
    while i < name.len() && i < 8 {
        k |= (name[i] as u64) << (8 * i);
        i += 1;
    }
    k
}
/// Packed names of the tags the model knows (see [`key`]).
const A: u64 = key(b"a");
const ADDRESS: u64 = key(b"address");
const APPLET: u64 = key(b"applet");
const AREA: u64 = key(b"area");
const ARTICLE: u64 = key(b"article");
const ASIDE: u64 = key(b"aside");
const B: u64 = key(b"b");
const BASE: u64 = key(b"base");
const BASEFONT: u64 = key(b"basefont");
const BGSOUND: u64 = key(b"bgsound");
const BIG: u64 = key(b"big");
const BODY: u64 = key(b"body");
const BR: u64 = key(b"br");
const BUTTON: u64 = key(b"button");
const CAPTION: u64 = key(b"caption");
const CENTER: u64 = key(b"center");
const CODE: u64 = key(b"code");
const COL: u64 = key(b"col");
const COLGROUP: u64 = key(b"colgroup");
const DD: u64 = key(b"dd");
const DESC: u64 = key(b"desc");
const DETAILS: u64 = key(b"details");
const DIALOG: u64 = key(b"dialog");
const DIR: u64 = key(b"dir");
const DIV: u64 = key(b"div");
const DL: u64 = key(b"dl");
const DT: u64 = key(b"dt");
const EM: u64 = key(b"em");
const EMBED: u64 = key(b"embed");
const FIELDSET: u64 = key(b"fieldset");
const FIGURE: u64 = key(b"figure");
const FONT: u64 = key(b"font");
const FOOTER: u64 = key(b"footer");
const FORM: u64 = key(b"form");
const FRAME: u64 = key(b"frame");
const FRAMESET: u64 = key(b"frameset");
const H1: u64 = key(b"h1");
const H2: u64 = key(b"h2");
const H3: u64 = key(b"h3");
const H4: u64 = key(b"h4");
const H5: u64 = key(b"h5");
const H6: u64 = key(b"h6");
const HEAD: u64 = key(b"head");
const HEADER: u64 = key(b"header");
const HGROUP: u64 = key(b"hgroup");
const HR: u64 = key(b"hr");
const HTML: u64 = key(b"html");
const I: u64 = key(b"i");
const IFRAME: u64 = key(b"iframe");
const IMAGE: u64 = key(b"image");
const IMG: u64 = key(b"img");
const INPUT: u64 = key(b"input");
const KEYGEN: u64 = key(b"keygen");
const LI: u64 = key(b"li");
const LINK: u64 = key(b"link");
const LISTING: u64 = key(b"listing");
const MAIN: u64 = key(b"main");
const MARQUEE: u64 = key(b"marquee");
const MATH: u64 = key(b"math");
const MENU: u64 = key(b"menu");
const META: u64 = key(b"meta");
const MI: u64 = key(b"mi");
const MN: u64 = key(b"mn");
const MO: u64 = key(b"mo");
const MS: u64 = key(b"ms");
const MTEXT: u64 = key(b"mtext");
const NAV: u64 = key(b"nav");
const NOBR: u64 = key(b"nobr");
const NOEMBED: u64 = key(b"noembed");
const NOFRAMES: u64 = key(b"noframes");
const NOSCRIPT: u64 = key(b"noscript");
const OBJECT: u64 = key(b"object");
const OL: u64 = key(b"ol");
const OPTGROUP: u64 = key(b"optgroup");
const OPTION: u64 = key(b"option");
const P: u64 = key(b"p");
const PARAM: u64 = key(b"param");
const PRE: u64 = key(b"pre");
const RUBY: u64 = key(b"ruby");
const S: u64 = key(b"s");
const SCRIPT: u64 = key(b"script");
const SEARCH: u64 = key(b"search");
const SECTION: u64 = key(b"section");
const SELECT: u64 = key(b"select");
const SMALL: u64 = key(b"small");
const SOURCE: u64 = key(b"source");
const SPAN: u64 = key(b"span");
const STRIKE: u64 = key(b"strike");
const STRONG: u64 = key(b"strong");
const STYLE: u64 = key(b"style");
const SUB: u64 = key(b"sub");
const SUMMARY: u64 = key(b"summary");
const SUP: u64 = key(b"sup");
const SVG: u64 = key(b"svg");
const TABLE: u64 = key(b"table");
const TBODY: u64 = key(b"tbody");
const TD: u64 = key(b"td");
const TEMPLATE: u64 = key(b"template");
const TEXTAREA: u64 = key(b"textarea");
const TFOOT: u64 = key(b"tfoot");
const TH: u64 = key(b"th");
const THEAD: u64 = key(b"thead");
const TITLE: u64 = key(b"title");
const TR: u64 = key(b"tr");
const TRACK: u64 = key(b"track");
const TT: u64 = key(b"tt");
const U: u64 = key(b"u");
const UL: u64 = key(b"ul");
const VAR: u64 = key(b"var");
const WBR: u64 = key(b"wbr");
const XMP: u64 = key(b"xmp");
const LONG_NAME: u64 = 1 << 62;
const BLOCKQUOTE: u64 = LONG_NAME | 1;
const FIGCAPTION: u64 = LONG_NAME | 2;
const PLAINTEXT: u64 = LONG_NAME | 3;
const FOREIGNOBJECT: u64 = LONG_NAME | 4;
const ANNOTATION_XML: u64 = LONG_NAME | 5;
const INTERNED: u64 = 1 << 63;
const FORMATTING_MARKER: u64 = 0;

/// What a tag name does to the model.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// No effect on the stack: void elements, and `html`/`head`/`body`/`frameset`.
    NoPush,
    /// Raw text or RCDATA: contents are text up to the matching end tag.
    RawText,
    Plaintext,
    Paragraph,
    Li,
    DdDt,
    Heading,
    Button,
    Form,
    Table,
    /// `td`, `th`, `caption`: pushed with a formatting marker, only inside a table.
    Cell,
    /// `tr`, `tbody`, `thead`, `tfoot`, `colgroup`: close an open cell, never pushed.
    TableSection,
    Option,
    Svg,
    Math,
    /// `a` and `nobr`: a new one closes the previous one.
    FormattingUnique,
    Formatting,
    Other,
}

const SPECIAL: u8 = 1;
/// Ends the default scope (and the button / list-item scopes).
const SCOPE: u8 = 2;
/// Sets a marker in the list of active formatting elements.
const MARKER: u8 = 4;
/// Closes an open `<p>` (and breaks out of foreign content where marked so).
const CLOSES_P: u8 = 8;
/// In foreign content, this start tag pops back to HTML.
const BREAKOUT: u8 = 16;
const FOREIGN: u8 = 32;
/// An SVG/MathML element whose children are HTML again.
const INTEGRATION: u8 = 64;

struct Class {
    kind: Kind,
    flags: u8,
}

const fn class(kind: Kind, flags: u8) -> Class {
    Class { kind, flags }
}

fn classify(name: u64) -> Class {
    use Kind::*;
    const SP: u8 = SPECIAL;
    const BLOCK: u8 = SPECIAL | CLOSES_P;
    match name {
        DIV => class(Other, BLOCK | BREAKOUT),
        SPAN => class(Other, BREAKOUT),
        A | NOBR => class(FormattingUnique, BREAKOUT),
        B | BIG | CODE | EM | I | S | SMALL | STRIKE | STRONG | TT | U => {
            class(Formatting, BREAKOUT)
        }
        // `<font>` breaks out of foreign content only with color/face/size (checked apart).
        FONT => class(Formatting, 0),
        P => class(Paragraph, BLOCK | BREAKOUT),
        LI => class(Li, BLOCK | BREAKOUT),
        DD | DT => class(DdDt, BLOCK | BREAKOUT),
        H1 | H2 | H3 | H4 | H5 | H6 => class(Heading, BLOCK | BREAKOUT),
        IMG | BR | HR | EMBED | META => class(NoPush, SP | BREAKOUT),
        AREA | BASE | COL | INPUT | KEYGEN | LINK | PARAM | SOURCE | TRACK | WBR | BASEFONT
        | BGSOUND | FRAME | IMAGE | HTML | FRAMESET => class(NoPush, SP),
        HEAD | BODY => class(NoPush, SP | BREAKOUT),
        SCRIPT | STYLE | TEXTAREA | TITLE | IFRAME | NOEMBED | NOFRAMES | NOSCRIPT => {
            class(RawText, SP)
        }
        XMP => class(RawText, BLOCK),
        PLAINTEXT => class(Plaintext, BLOCK),
        BUTTON => class(Button, SP),
        FORM => class(Form, BLOCK),
        TABLE => class(Table, BLOCK | SCOPE | BREAKOUT),
        TD | TH | CAPTION => class(Cell, SP | SCOPE | MARKER),
        TR | TBODY | THEAD | TFOOT | COLGROUP => class(TableSection, SP),
        OPTION | OPTGROUP => class(Option, 0),
        SVG => class(Svg, 0),
        MATH => class(Math, 0),
        APPLET | OBJECT | MARQUEE => class(Other, SP | SCOPE | MARKER),
        TEMPLATE => class(Other, SP | SCOPE | MARKER),
        SELECT => class(Other, SP),
        UL | OL | DL => class(Other, BLOCK | BREAKOUT),
        PRE | LISTING | MENU => class(Other, BLOCK | BREAKOUT),
        BLOCKQUOTE | CENTER => class(Other, BLOCK | BREAKOUT),
        FIGCAPTION | ADDRESS | ARTICLE | ASIDE | DETAILS | DIALOG | DIR | FIELDSET | FIGURE
        | FOOTER | HEADER | HGROUP | MAIN | NAV | SEARCH | SECTION | SUMMARY => class(Other, BLOCK),
        RUBY | SUB | SUP | VAR => class(Other, BREAKOUT),
        _ => class(Other, 0),
    }
}

/// SVG and MathML elements whose contents are HTML again.
fn is_integration_point(name: u64) -> bool {
    matches!(
        name,
        DESC | TITLE | MI | MO | MN | MS | MTEXT | FOREIGNOBJECT | ANNOTATION_XML
    )
}

fn is_whitespace(b: u8) -> bool {
    BYTE_CLASS[b as usize] & WHITESPACE != 0
}

/// Byte classes for the tokenizer's inner loops (one table lookup per byte).
const WHITESPACE: u8 = 1;
/// Whitespace, '/', '>': end a tag name.
const ENDS_TAG_NAME: u8 = 2;
/// Whitespace, '/', '>', '=': end an attribute name.
const ENDS_ATTRIBUTE_NAME: u8 = 4;
/// Whitespace, '>': end an unquoted attribute value.
const ENDS_UNQUOTED: u8 = 8;
const BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let spaces = [b' ', b'\t', b'\n', b'\r', 0x0c];
    let mut i = 0;
    while i < spaces.len() {
        table[spaces[i] as usize] =
            WHITESPACE | ENDS_TAG_NAME | ENDS_ATTRIBUTE_NAME | ENDS_UNQUOTED;
        i += 1;
    }
    table[b'/' as usize] = ENDS_TAG_NAME | ENDS_ATTRIBUTE_NAME;
    table[b'>' as usize] = ENDS_TAG_NAME | ENDS_ATTRIBUTE_NAME | ENDS_UNQUOTED;
    table[b'=' as usize] = ENDS_ATTRIBUTE_NAME;
    table
};

// ---- the scan -----------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Entry {
    name: u64,
    flags: u8,
}

/// Which scope an end tag looks in (the parser's "has an element in … scope").
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Default,
    Button,
    ListItem,
    Table,
}

struct Tag {
    name: u64,
    /// Byte offset after the tag's `>`.
    end: usize,
    self_closing: bool,
    /// Has a `color`, `face` or `size` attribute (what makes `<font>` leave foreign content).
    font_attrs: bool,
}

struct Scan<'a> {
    bytes: &'a [u8],
    stack: Vec<Entry>,
    /// The list of active formatting elements (names), markers as [`FORMATTING_MARKER`].
    formatting: Vec<u64>,
    /// Positions of the markers in `formatting`.
    markers: Vec<usize>,
    interned: HashMap<Vec<u8>, u64>,
    next_interned: u64,
    /// Byte ranges of dropped start tags, in order.
    drops: Vec<(usize, usize)>,
    /// Whether to also leave out the bodies of scripts and style sheets ([`strip_for_reading`]).
    strip_raw_bodies: bool,
    /// Whether to also shorten white space between tags ([`strip_for_reading`]).
    shorten_layout_whitespace: bool,
    /// Byte ranges of script and style bodies and of shortened white space left out, in order.
    strips: Vec<(usize, usize)>,
    max_open: usize,
    max_formatting: usize,
    /// How many `<p>`, tables and forms are on the stack (skips scans when none are).
    open_p: usize,
    open_tables: usize,
    open_forms: usize,
    /// How many `<pre>` and `<listing>` elements are on the stack.
    open_preformatted: usize,
}

impl<'a> Scan<'a> {
    fn new(bytes: &'a [u8]) -> Scan<'a> {
        Scan {
            bytes,
            stack: Vec::new(),
            formatting: Vec::new(),
            markers: Vec::new(),
            interned: HashMap::new(),
            next_interned: 0,
            drops: Vec::new(),
            strip_raw_bodies: false,
            shorten_layout_whitespace: false,
            strips: Vec::new(),
            max_open: 0,
            max_formatting: 0,
            open_p: 0,
            open_tables: 0,
            open_forms: 0,
            open_preformatted: 0,
        }
    }

    fn run(&mut self) {
        let bytes = self.bytes;
        let mut pos = 0;
        while let Some(offset) = memchr::memchr(b'<', &bytes[pos.min(bytes.len())..]) {
            let lt = pos + offset;
            if self.shorten_layout_whitespace && offset > 1 {
                self.shorten_whitespace(pos, lt);
            }
            let next = bytes.get(lt + 1).copied();
            pos = match next {
                Some(b) if b.is_ascii_alphabetic() => match self.read_tag(lt + 1) {
                    Some(tag) => self.start_tag(lt, tag),
                    None => return, // EOF inside a tag: the tokenizer drops it.
                },
                Some(b'/') => match bytes.get(lt + 2).copied() {
                    Some(b) if b.is_ascii_alphabetic() => match self.read_tag(lt + 2) {
                        Some(tag) => {
                            self.end_tag(tag.name);
                            tag.end
                        }
                        None => return,
                    },
                    Some(b'>') => lt + 3,
                    Some(_) => match self.bogus_comment_end(lt + 2) {
                        Some(end) => end,
                        None => return,
                    },
                    None => return,
                },
                Some(b'!') => match self.markup_declaration_end(lt + 2) {
                    Some(end) => end,
                    None => return,
                },
                Some(b'?') => match self.bogus_comment_end(lt + 2) {
                    Some(end) => end,
                    None => return,
                },
                _ => lt + 1,
            };
        }
    }

    /// Leaves out all but one space of the text `from..to` between two tags when it is white
    /// space alone with a line break in it, outside elements whose white space is content.
    fn shorten_whitespace(&mut self, from: usize, to: usize) {
        let run = &self.bytes[from..to];
        if !run.iter().all(u8::is_ascii_whitespace)
            || !run.contains(&b'\n')
            || self.open_preformatted > 0
            || self.formatting.contains(&CODE)
        {
            return;
        }
        // The space that stays; a run of line breaks alone is left as it is.
        let Some(kept) = run.iter().position(|&b| b == b' ' || b == b'\t') else {
            return;
        };
        let kept = from + kept;
        if kept > from {
            self.strips.push((from, kept));
        }
        if kept + 1 < to {
            self.strips.push((kept + 1, to));
        }
    }

    /// `<!--…-->` comments (with the `<!-->` and `--!>` forms), doctypes and other bogus
    /// comments. CDATA sections are taken to end at their first `>`: shorter than the
    /// parser's reading in foreign content, so nothing the parser sees as a tag is skipped.
    fn markup_declaration_end(&self, from: usize) -> Option<usize> {
        let bytes = self.bytes;
        if !bytes[from..].starts_with(b"--") {
            return self.bogus_comment_end(from);
        }
        let body = from + 2;
        if bytes.get(body) == Some(&b'>') {
            return Some(body + 1);
        }
        if bytes[body..].starts_with(b"->") {
            return Some(body + 2);
        }
        let mut at = body;
        while let Some(offset) = memchr::memchr(b'>', &bytes[at..]) {
            let gt = at + offset;
            let ends = (gt >= body + 2 && &bytes[gt - 2..gt] == b"--")
                || (gt >= body + 3 && &bytes[gt - 3..gt] == b"--!");
            if ends {
                return Some(gt + 1);
            }
            at = gt + 1;
        }
        None
    }

    fn bogus_comment_end(&self, from: usize) -> Option<usize> {
        memchr::memchr(b'>', &self.bytes[from..]).map(|offset| from + offset + 1)
    }

    /// Reads a tag from its name (at `from`) to after its `>`, following the tokenizer's
    /// attribute states so a `>` inside a quoted value does not end it. None at EOF.
    fn read_tag(&mut self, from: usize) -> Option<Tag> {
        let bytes = self.bytes;
        let mut i = from;
        while i < bytes.len() && BYTE_CLASS[bytes[i] as usize] & ENDS_TAG_NAME == 0 {
            i += 1;
        }
        let name = self.name_id(&bytes[from..i]);
        let is_font = name == FONT;
        let mut font_attrs = false;
        loop {
            // Before attribute name.
            while i < bytes.len() && BYTE_CLASS[bytes[i] as usize] & WHITESPACE != 0 {
                i += 1;
            }
            match *bytes.get(i)? {
                b'>' => {
                    return Some(Tag {
                        name,
                        end: i + 1,
                        self_closing: false,
                        font_attrs,
                    })
                }
                b'/' => {
                    if *bytes.get(i + 1)? == b'>' {
                        return Some(Tag {
                            name,
                            end: i + 2,
                            self_closing: true,
                            font_attrs,
                        });
                    }
                    i += 1;
                    continue;
                }
                _ => {}
            }
            // Attribute name (its first byte may be '=').
            let start = i;
            i += 1;
            while i < bytes.len() && BYTE_CLASS[bytes[i] as usize] & ENDS_ATTRIBUTE_NAME == 0 {
                i += 1;
            }
            if is_font {
                let attr = &bytes[start..i];
                font_attrs |= attr.eq_ignore_ascii_case(b"color")
                    || attr.eq_ignore_ascii_case(b"face")
                    || attr.eq_ignore_ascii_case(b"size");
            }
            // After attribute name.
            while i < bytes.len() && BYTE_CLASS[bytes[i] as usize] & WHITESPACE != 0 {
                i += 1;
            }
            if *bytes.get(i)? != b'=' {
                continue;
            }
            // Before attribute value.
            i += 1;
            while i < bytes.len() && BYTE_CLASS[bytes[i] as usize] & WHITESPACE != 0 {
                i += 1;
            }
            match *bytes.get(i)? {
                quote @ (b'"' | b'\'') => {
                    i += 1 + memchr::memchr(quote, &bytes[i + 1..])? + 1;
                }
                b'>' => continue,
                _ => {
                    // A '/' does not end an unquoted value.
                    while i < bytes.len() && BYTE_CLASS[bytes[i] as usize] & ENDS_UNQUOTED == 0 {
                        i += 1;
                    }
                }
            }
        }
    }

    fn name_id(&mut self, raw: &[u8]) -> u64 {
        if raw.len() <= 8 && raw.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-') {
            let mut lower = [0u8; 8];
            for (slot, b) in lower.iter_mut().zip(raw) {
                *slot = b.to_ascii_lowercase();
            }
            return key(&lower[..raw.len()]);
        }
        let lower = raw.to_ascii_lowercase();
        match lower.as_slice() {
            b"blockquote" => return BLOCKQUOTE,
            b"figcaption" => return FIGCAPTION,
            b"plaintext" => return PLAINTEXT,
            b"foreignobject" => return FOREIGNOBJECT,
            b"annotation-xml" => return ANNOTATION_XML,
            _ => {}
        }
        if let Some(&id) = self.interned.get(&lower) {
            return id;
        }
        self.next_interned += 1;
        let id = INTERNED | self.next_interned;
        if self.interned.len() < MAX_INTERNED_NAMES {
            self.interned.insert(lower, id);
        }
        id
    }

    fn in_foreign_content(&self) -> bool {
        self.stack
            .last()
            .is_some_and(|e| e.flags & FOREIGN != 0 && e.flags & INTEGRATION == 0)
    }

    /// Handles a start tag at `lt`; returns where scanning goes on.
    fn start_tag(&mut self, lt: usize, tag: Tag) -> usize {
        let class = classify(tag.name);
        if self.in_foreign_content() {
            let breaks_out = class.flags & BREAKOUT != 0 || (tag.name == FONT && tag.font_attrs);
            if !breaks_out {
                if !tag.self_closing {
                    let mut flags = FOREIGN;
                    if is_integration_point(tag.name) {
                        flags |= INTEGRATION | SPECIAL | SCOPE;
                    }
                    self.push(lt, &tag, flags);
                }
                return tag.end;
            }
            while self.in_foreign_content() {
                self.pop_to(self.stack.len() - 1);
            }
        }
        let pushes = !matches!(
            class.kind,
            Kind::NoPush
                | Kind::RawText
                | Kind::Plaintext
                | Kind::TableSection
                | Kind::FormattingUnique
                | Kind::Formatting
        );
        if pushes && self.stack.len() >= MAX_OPEN_ELEMENTS {
            self.drops.push((lt, tag.end));
            return tag.end;
        }
        if class.flags & CLOSES_P != 0 && self.open_p > 0 {
            if let Some(at) = self.find_in_scope(Scope::Button, |e| e.name == P) {
                self.pop_to(at);
            }
        }
        match class.kind {
            Kind::NoPush => tag.end,
            Kind::RawText => {
                let end = self.raw_text_end(tag.end, tag.name);
                if self.strip_raw_bodies && self.body_can_go(lt, &tag, end) {
                    self.strips.push((tag.end, end));
                }
                end
            }
            Kind::Plaintext => self.bytes.len(),
            Kind::Formatting | Kind::FormattingUnique => {
                self.formatting_start(lt, &tag, class.kind);
                tag.end
            }
            Kind::TableSection => {
                self.close_cell();
                tag.end
            }
            Kind::Li => {
                self.close_list_item(|name| name == LI);
                self.push(lt, &tag, class.flags);
                tag.end
            }
            Kind::DdDt => {
                self.close_list_item(|name| name == DD || name == DT);
                self.push(lt, &tag, class.flags);
                tag.end
            }
            Kind::Heading => {
                if self
                    .stack
                    .last()
                    .is_some_and(|e| classify(e.name).kind == Kind::Heading)
                {
                    self.pop_to(self.stack.len() - 1);
                }
                self.push(lt, &tag, class.flags);
                tag.end
            }
            Kind::Button => {
                let button = BUTTON;
                if let Some(at) = self.find_in_scope(Scope::Default, |e| e.name == button) {
                    self.pop_to(at);
                }
                self.push(lt, &tag, class.flags);
                tag.end
            }
            Kind::Form => {
                if self.open_forms == 0 {
                    self.push(lt, &tag, class.flags);
                }
                tag.end
            }
            Kind::Cell => {
                if self.open_tables > 0 {
                    self.close_cell();
                    self.push(lt, &tag, class.flags);
                }
                tag.end
            }
            Kind::Option => {
                if self.stack.last().is_some_and(|e| e.name == OPTION) {
                    self.pop_to(self.stack.len() - 1);
                }
                self.push(lt, &tag, class.flags);
                tag.end
            }
            Kind::Svg | Kind::Math => {
                if !tag.self_closing {
                    self.push(lt, &tag, FOREIGN);
                }
                tag.end
            }
            Kind::Paragraph | Kind::Table | Kind::Other => {
                self.push(lt, &tag, class.flags);
                tag.end
            }
        }
    }

    fn push(&mut self, lt: usize, tag: &Tag, flags: u8) {
        if self.stack.len() >= MAX_OPEN_ELEMENTS {
            self.drops.push((lt, tag.end));
            return;
        }
        match tag.name {
            P if flags & FOREIGN == 0 => self.open_p += 1,
            TABLE if flags & FOREIGN == 0 => self.open_tables += 1,
            FORM if flags & FOREIGN == 0 => self.open_forms += 1,
            PRE | LISTING if flags & FOREIGN == 0 => self.open_preformatted += 1,
            _ => {}
        }
        if flags & MARKER != 0 {
            self.markers.push(self.formatting.len());
            self.formatting.push(FORMATTING_MARKER);
        }
        self.stack.push(Entry {
            name: tag.name,
            flags,
        });
        self.max_open = self.max_open.max(self.stack.len());
    }

    /// Pops the entry at `at` and everything above it.
    fn pop_to(&mut self, at: usize) {
        while self.stack.len() > at {
            let Some(entry) = self.stack.pop() else {
                return;
            };
            self.forget(entry);
        }
    }

    fn forget(&mut self, entry: Entry) {
        if entry.flags & FOREIGN == 0 {
            match entry.name {
                P => self.open_p = self.open_p.saturating_sub(1),
                TABLE => self.open_tables = self.open_tables.saturating_sub(1),
                FORM => self.open_forms = self.open_forms.saturating_sub(1),
                PRE | LISTING => self.open_preformatted = self.open_preformatted.saturating_sub(1),
                _ => {}
            }
        }
        if entry.flags & MARKER != 0 {
            if let Some(marker) = self.markers.pop() {
                self.formatting.truncate(marker);
            }
        }
    }

    /// The topmost entry matching `wanted` within `scope`, as the parser looks for it.
    fn find_in_scope(&self, scope: Scope, wanted: impl Fn(&Entry) -> bool) -> Option<usize> {
        for (at, entry) in self.stack.iter().enumerate().rev() {
            let html = entry.flags & FOREIGN == 0;
            if html && wanted(entry) {
                return Some(at);
            }
            let ends = match scope {
                Scope::Table => html && matches!(entry.name, TABLE | TEMPLATE),
                Scope::Default => entry.flags & SCOPE != 0,
                Scope::Button => entry.flags & SCOPE != 0 || (html && entry.name == BUTTON),
                Scope::ListItem => {
                    entry.flags & SCOPE != 0 || (html && matches!(entry.name, OL | UL))
                }
            };
            if ends {
                return None;
            }
        }
        None
    }

    /// `<li>`, `<dd>`, `<dt>` close an open one unless a special element other than
    /// `address`, `div` or `p` is in between.
    fn close_list_item(&mut self, same: impl Fn(u64) -> bool) {
        for at in (0..self.stack.len()).rev() {
            let entry = self.stack[at];
            let html = entry.flags & FOREIGN == 0;
            if html && same(entry.name) {
                self.pop_to(at);
                return;
            }
            let passes = html && matches!(entry.name, ADDRESS | DIV | P);
            if entry.flags & SPECIAL != 0 && !passes {
                return;
            }
        }
    }

    /// Closes the cell or caption open in the current table, if any.
    fn close_cell(&mut self) {
        if self.open_tables == 0 {
            return;
        }
        let cell = self.find_in_scope(Scope::Table, |e| classify(e.name).kind == Kind::Cell);
        if let Some(at) = cell {
            self.pop_to(at);
        }
    }

    fn formatting_start(&mut self, lt: usize, tag: &Tag, kind: Kind) {
        let since = self.markers.last().copied().unwrap_or(0);
        if kind == Kind::FormattingUnique {
            // The adoption agency closes the open <a> / <nobr> first.
            if let Some(at) = self.formatting[since..]
                .iter()
                .rposition(|&n| n == tag.name)
            {
                self.formatting.remove(since + at);
            }
        }
        let active = self.formatting.len() - since;
        if active >= MAX_ACTIVE_FORMATTING {
            self.drops.push((lt, tag.end));
            return;
        }
        self.formatting.push(tag.name);
        self.max_formatting = self.max_formatting.max(active + 1);
    }

    fn end_tag(&mut self, name: u64) {
        // End tags follow the foreign rules whenever the current node is SVG/MathML, an
        // integration point included.
        if self.stack.last().is_some_and(|e| e.flags & FOREIGN != 0) {
            for at in (0..self.stack.len()).rev() {
                let entry = self.stack[at];
                if entry.flags & FOREIGN == 0 {
                    break; // an HTML element: the HTML rules below decide
                }
                if entry.name == name {
                    self.pop_to(at);
                    return;
                }
            }
        }
        let class = classify(name);
        let found = match class.kind {
            Kind::Formatting | Kind::FormattingUnique => {
                let since = self.markers.last().copied().unwrap_or(0);
                if let Some(at) = self.formatting[since..].iter().rposition(|&n| n == name) {
                    self.formatting.remove(since + at);
                }
                None
            }
            Kind::Paragraph => {
                if self.open_p == 0 {
                    return;
                }
                self.find_in_scope(Scope::Button, |e| e.name == name)
            }
            Kind::Li => self.find_in_scope(Scope::ListItem, |e| e.name == name),
            Kind::Heading => {
                self.find_in_scope(Scope::Default, |e| classify(e.name).kind == Kind::Heading)
            }
            Kind::Cell => self.find_in_scope(Scope::Table, |e| e.name == name),
            Kind::Table => self.find_in_scope(Scope::Table, |e| e.name == name),
            Kind::TableSection => {
                self.close_cell();
                None
            }
            Kind::Form => {
                // The parser takes the form off the stack wherever it is.
                let form = self.find_in_scope(Scope::Default, |e| e.name == name);
                if let Some(at) = form {
                    let entry = self.stack.remove(at);
                    self.forget(entry);
                }
                None
            }
            Kind::NoPush | Kind::RawText | Kind::Plaintext => None,
            _ if class.flags & SPECIAL != 0 => {
                self.find_in_scope(Scope::Default, |e| e.name == name)
            }
            _ => {
                // "Any other end tag": the nearest element of that name, unless a special
                // element comes first.
                let mut found = None;
                for (at, entry) in self.stack.iter().enumerate().rev() {
                    if entry.flags & FOREIGN == 0 && entry.name == name {
                        found = Some(at);
                        break;
                    }
                    if entry.flags & SPECIAL != 0 {
                        break;
                    }
                }
                found
            }
        };
        if let Some(at) = found {
            self.pop_to(at);
        }
    }

    /// Whether the body of this raw-text element (from `tag.end` to `end`) can be left out
    /// without changing the page a reader sees: a style sheet's always; a script's unless it
    /// is JSON (JSON-LD is read for metadata) or holds `<!--`, after which the parser's escaped
    /// states could carry the script past the end tag this scan stops at.
    fn body_can_go(&self, lt: usize, tag: &Tag, end: usize) -> bool {
        let Some(body) = self.bytes.get(tag.end..end) else {
            return false;
        };
        match tag.name {
            STYLE => !body.is_empty(),
            SCRIPT => {
                let opening = self.bytes.get(lt..tag.end).unwrap_or_default();
                !body.is_empty()
                    && memchr::memmem::find(body, b"<!--").is_none()
                    && !opening
                        .windows(JSON_MARK.len())
                        .any(|w| w.eq_ignore_ascii_case(JSON_MARK))
            }
            _ => false,
        }
    }

    /// Where the text of a raw-text / RCDATA element ends: at its first matching end tag
    /// (`</script` followed by whitespace, `/` or `>`), else at EOF. For scripts this is the
    /// earliest end the parser could find.
    fn raw_text_end(&self, from: usize, name: u64) -> usize {
        let bytes = self.bytes;
        let mut name_bytes = [0u8; 8];
        let mut len = 0;
        while len < 8 && (name >> (8 * len)) & 0xff != 0 {
            name_bytes[len] = ((name >> (8 * len)) & 0xff) as u8;
            len += 1;
        }
        let name_bytes = &name_bytes[..len];
        let mut at = from;
        while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
            let lt = at + offset;
            let tail = &bytes[lt + 1..];
            if tail.first() == Some(&b'/')
                && tail.len() > len + 1
                && tail[1..=len].eq_ignore_ascii_case(name_bytes)
                && (is_whitespace(tail[len + 1]) || matches!(tail[len + 1], b'/' | b'>'))
            {
                return lt;
            }
            at = lt + 1;
        }
        bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(html: &str) -> Bounds {
        bound(html).1
    }

    #[test]
    fn reading_copy_leaves_out_script_and_style_bodies_only() {
        let html = "<head><style>p{color:red}</style><script>var a = '<p>x</p>';</script>\
                    <script type=\"application&#x2F;ld&#x2B;json\">{\"@type\":\"Article\"}</script>\
                    <script><!-- document.write('<script>x</script>') --></script></head>\
                    <body><p>Text <b>bold</b></p><svg><script>keep()</script></svg>\
                    <textarea><script>kept as text</script></textarea></body>";
        let out = strip_for_reading(html);
        assert_eq!(
            out,
            "<head><style></style><script></script>\
             <script type=\"application&#x2F;ld&#x2B;json\">{\"@type\":\"Article\"}</script>\
             <script><!-- document.write('<script>x</script>') --></script></head>\
             <body><p>Text <b>bold</b></p><svg><script>keep()</script></svg>\
             <textarea><script>kept as text</script></textarea></body>"
        );
        // Nothing to leave out: the page itself, not a copy.
        assert!(matches!(
            strip_for_reading("<p>plain</p>"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn reading_copy_shortens_indentation_between_tags_outside_preformatted_text() {
        let html = "<div>\n    <p>One <a href=\"#\">two</a>\n  <a href=\"#\">three</a></p>\n\n  \
                    <pre>\n  <span>a</span>\n  <span>b</span>\n</pre>\n  \
                    <div><code>\n  <i>c</i>\n  <i>d</i></code>\n</div>\n \
                    <p>Words\n   on lines</p><p>x</p>\n<p>y</p>\n</div>";
        assert_eq!(
            strip_for_reading(html),
            // A run with a line break becomes one of its spaces; inside <pre> and <code>,
            // inside text and a line break alone stay as they were.
            "<div> <p>One <a href=\"#\">two</a> <a href=\"#\">three</a></p> \
             <pre>\n  <span>a</span>\n  <span>b</span>\n</pre> \
             <div><code>\n  <i>c</i>\n  <i>d</i></code>\n</div> \
             <p>Words\n   on lines</p><p>x</p>\n<p>y</p>\n</div>"
        );
        // The bound alone never touches white space.
        assert!(matches!(bound(html).0, Cow::Borrowed(_)));
    }

    #[test]
    fn ordinary_page_passes_untouched() {
        let html = "<!DOCTYPE html><html><head><title>T <b></title><script>var s = '<div><div>';\
                    </script></head><body><div class=\"a>b\"><p>One<p>Two<ul><li>x<li>y</ul>\
                    <table><tr><td><b>c<td>d</table></div></body></html>";
        let (out, b) = bound(html);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(b.dropped_tags, 0);
        // div, p, ul, li, table, td: at most four open at once.
        assert!(b.open_elements <= 4, "{b:?}");
    }

    #[test]
    fn many_unclosed_paragraphs_and_list_items_stay_shallow() {
        let mut html = String::from("<body><div>");
        for _ in 0..50_000 {
            html.push_str(
                "<p>text <span>x</span><ul><li>one<li>two<li><p>three</ul><dl><dt>a<dd>b</dl>",
            );
        }
        let b = bounds(&html);
        assert_eq!(b.dropped_tags, 0);
        assert!(b.open_elements <= 5, "{b:?}");
    }

    #[test]
    fn unclosed_cells_and_options_stay_shallow() {
        let mut html = String::from("<table>");
        for _ in 0..10_000 {
            html.push_str("<tr><td><font size=2>cell<td><b>cell");
        }
        html.push_str("</table><select>");
        for _ in 0..10_000 {
            html.push_str("<option>choice");
        }
        html.push_str("</select>");
        let b = bounds(&html);
        assert_eq!(b.dropped_tags, 0, "{b:?}");
        assert!(b.open_elements <= 3, "{b:?}");
        assert!(b.active_formatting <= 2, "{b:?}");
    }

    #[test]
    fn unclosed_anchors_do_not_accumulate() {
        let html = "<p><a href=1>x <a href=2>y <nobr>z <nobr>w ".repeat(10_000);
        let b = bounds(&html);
        assert_eq!(b.dropped_tags, 0);
        assert!(b.active_formatting <= 2, "{b:?}");
    }

    #[test]
    fn deep_nesting_is_flattened_and_text_survives() {
        let depth = MAX_OPEN_ELEMENTS * 10;
        let html = format!(
            "{}deep words{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let (out, b) = bound(&html);
        assert_eq!(b.open_elements, MAX_OPEN_ELEMENTS);
        assert_eq!(b.dropped_tags, depth - MAX_OPEN_ELEMENTS);
        assert!(out.contains("deep words"));
        assert_eq!(out.matches("<div>").count(), MAX_OPEN_ELEMENTS);
        // What is left stays under the limit.
        assert_eq!(bounds(&out).dropped_tags, 0);
    }

    #[test]
    fn distinct_formatting_elements_are_bounded() {
        let html: String = (0..5_000).map(|i| format!("<b data-n=\"{i}\">")).collect();
        let page = format!("<p>{html}bold tail</p>");
        let (out, b) = bound(&page);
        assert_eq!(b.active_formatting, MAX_ACTIVE_FORMATTING);
        assert_eq!(b.dropped_tags, 5_000 - MAX_ACTIVE_FORMATTING);
        assert!(out.contains("bold tail"));
    }

    #[test]
    fn ignored_end_tags_do_not_hide_nesting() {
        // The parser ignores </span> here (a <div> is in between), so the divs nest.
        let html = "<span><div></span>".repeat(MAX_OPEN_ELEMENTS * 2);
        assert!(bounds(&html).dropped_tags > 0);
        // And stray end tags of other names pop nothing.
        let html = "<div></i></b></section>".repeat(MAX_OPEN_ELEMENTS * 2);
        assert!(bounds(&html).dropped_tags > 0);
    }

    #[test]
    fn quoting_and_comments_cannot_hide_tags() {
        let deep = "<div>".repeat(MAX_OPEN_ELEMENTS * 2);
        // An unquoted value with a quote in it does not start a quoted value.
        assert!(bounds(&format!("<i x=a'b>{deep}'>")).dropped_tags > 0);
        // A quote at the start of an attribute name is part of the name.
        assert!(bounds(&format!("<i =\">{deep}\">")).dropped_tags > 0);
        // `<!-->` is a whole comment.
        assert!(bounds(&format!("<!-->{deep}-->")).dropped_tags > 0);
        // A CDATA section outside foreign content ends at the first '>'.
        assert!(bounds(&format!("<![CDATA[>{deep}]]>")).dropped_tags > 0);
        // But quoted '>' and real comments are skipped.
        let b = bounds(&format!(
            "<i title=\"{deep}\"><!-- {deep} --><script>{deep}</script>"
        ));
        assert_eq!(b.dropped_tags, 0);
    }

    #[test]
    fn foreign_content_rules() {
        let deep_g = "<g>".repeat(MAX_OPEN_ELEMENTS * 2);
        // In SVG, <style> is no raw text and its tags nest.
        assert!(bounds(&format!("<svg><style>{deep_g}</style></svg>")).dropped_tags > 0);
        // Self-closed SVG elements do not stay open.
        let paths = "<path d=\"M0 0\"/>".repeat(MAX_OPEN_ELEMENTS * 2);
        let b = bounds(&format!("<svg>{paths}</svg>"));
        assert_eq!(b.dropped_tags, 0);
        // But after a breakout tag, `<div/>` opens a div again.
        let divs = "<div/>".repeat(MAX_OPEN_ELEMENTS * 2);
        assert!(bounds(&format!("<svg><p>{divs}")).dropped_tags > 0);
        // Inside foreignObject, HTML rules apply again (raw text is skipped).
        let deep = "<div>".repeat(MAX_OPEN_ELEMENTS * 2);
        let html = format!("<svg><foreignObject><style>{deep}</style></foreignObject></svg>");
        assert_eq!(bounds(&html).dropped_tags, 0);
    }

    #[test]
    fn unterminated_constructs_end_the_scan() {
        for html in [
            "<div",
            "<div class=\"x",
            "<!-- never closed",
            "<script>x",
            "</",
            "<",
        ] {
            let (out, b) = bound(html);
            assert_eq!(out, html);
            assert_eq!(b.dropped_tags, 0);
        }
        let (out, _) = bound("<plaintext><div><div>");
        assert_eq!(out, "<plaintext><div><div>");
    }

    #[test]
    fn non_ascii_and_nul_names_are_distinct() {
        // `span\0` is another element than `span` to the parser: </span> must not close it.
        let html = "<span\0></span>".repeat(MAX_OPEN_ELEMENTS * 2);
        assert!(bounds(&html).dropped_tags > 0);
        let html = "<x-\u{e9}l\u{e9}ment></x-\u{c9}L\u{c9}MENT>".repeat(10);
        // Only ASCII is lowercased by the tokenizer: these do not match either.
        assert_eq!(bounds(&html).open_elements, 10);
    }
}
