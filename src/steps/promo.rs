//! Promo detection: the blocks inside the article that sell, recruit or send the reader
//! elsewhere, each labelled with a [`PromoKind`].
//!
//! # Kinds
//! `newsletter` (sign-ups), `subscription` (paywall pitches, prices, "Subscribe & Save"),
//! `related` ("Related:", "Read more", "Lesen Sie auch", teaser boxes), `social` (follow and
//! share lines), `ad` (ad labels and slots, sponsored blocks), `cta` (house promos, app
//! downloads, trials, webinars, donation asks), `bio` (author bio boxes), `comments`
//! (comment counters and prompts).
//!
//! # Signals (each computed in its own function below)
//! - [`name_signal`]: class / id / `data-*` / `aria-label` / `role` tokens (`newsletter`,
//!   `signup`, `subscribe`, `promo`, `related`, `share`, `outbrain`, `taboola`, `ad`…),
//!   matched as whole tokens so `header` never reads as `ad`.
//! - [`form_signal`]: a form or block with an e-mail input and a submit button.
//! - [`lexicon_signal`]: promo phrases in 14 languages (see [`LEXICON`]); a phrase that
//!   *opens* a short block ("Read more:", "Lire aussi") counts more than one inside it.
//! - [`ad_label_signal`]: a block whose whole text is an ad label ("Advertisement", "Anzeige").
//! - link density: short blocks that are mostly links support `related` and `social`.
//! - shape, whatever the language (see "Shape signals" below): a line set apart from the prose
//!   (bracketed, or emphasized as a whole) that is one headline link is `related`, and one that
//!   holds a link gives its promo phrase an extra point; a list of headline links or a run of
//!   link-only paragraphs after the article is `related`; a line whose links all name social
//!   networks is `social`; a long paragraph after the article that opens with the byline's
//!   name is a `bio`.
//! - runs: an emphasized label ending with a colon just before a promo, and the set-apart lines
//!   just after one, join it ([`extend_promo_runs`]).
//! - position: blocks after the article's last long paragraph are more likely promos.
//! - repetition: a block whose text appears twice in the article is a widget copy (desktop
//!   and mobile variants); later copies are dropped in both modes.
//!
//! Evidence adds up to a score; a block is a promo at [`PROMO_THRESHOLD`].
//!
//! # Safeguards (the article always wins)
//! - The article container, and any element holding an article paragraph (a long
//!   paragraph with no promo phrase of its own), is never marked.
//! - Long text is never marked on names alone: blocks longer than [`MAX_PROMO_CHARS`] need
//!   high link density, and blocks whose own text carries no promo phrase need a short text
//!   (a bio after the article excepted: the author's name is its evidence).
//! - A headline link marks a block inside the article only when set apart as a whole; lists
//!   of links inside the article (sources, steps) are left alone. Trailers known by shape alone
//!   stay promos (shown again with promos shown); named ones are site chrome and go.
//! - Only the outermost promo element is marked, so the reader view toggles each block once.

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

pub use crate::article::PromoKind;
use crate::dom::{Document, TextStats};
use crate::text::{collapse_whitespace, PhraseSet};
use ego_tree::NodeId;

/// One promo block: its outermost element inside the article, its kind and its text.
#[derive(Clone, Debug)]
pub struct FoundPromo {
    pub node: NodeId,
    pub kind: PromoKind,
    pub text: String,
    /// It follows the article's last prose paragraph (a trailer rather than an insert).
    pub after_article: bool,
}

/// What detection returns: promo blocks to mark, and duplicate widget copies to drop.
#[derive(Default)]
pub struct Detected {
    pub promos: Vec<FoundPromo>,
    pub duplicates: Vec<NodeId>,
}

/// Evidence needed for a block to be a promo.
const PROMO_THRESHOLD: u32 = 3;
/// Longest text a promo block may have unless it is mostly links.
const MAX_PROMO_CHARS: usize = 700;
/// How many characters at a block's start count as its opening (where opener phrases count).
const OPENING_CHARS: usize = 40;
/// Share of a block's text a phrase must cover to be the block's label ("Diesen Artikel
/// teilen", "Noch keine Bewertungen"): a phrase that is nearly all the block counts as
/// fully as one that opens it.
const LABEL_PHRASE_SHARE: f64 = 0.6;
/// Longest text for a block whose promo evidence is only a phrase inside it.
const MAX_PHRASE_ONLY_CHARS: usize = 280;
/// A paragraph this long, with no promo phrase, is article prose.
const ARTICLE_PARAGRAPH_CHARS: usize = 150;
/// A block this long without links or buttons reads as prose: a phrase in it is weak.
const PROSE_PHRASE_CHARS: usize = 100;
/// Link density above which a short block reads as a link line.
const LINK_LINE_DENSITY: f64 = 0.5;
/// A link line longer than this is not "short".
const LINK_LINE_MAX_CHARS: usize = 400;
/// Blocks longer than this with high link density are still lists of links when dense.
const DENSE_LIST_DENSITY: f64 = 0.7;

/// Elements that can be a promo block.
const BLOCK_TAGS: &[&str] = &[
    "div",
    "section",
    "aside",
    "p",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "blockquote",
    "form",
    "table",
    "span",
    "a",
    "strong",
    "b",
    "em",
    "small",
    "dl",
    "nav",
    "header",
    "footer",
];

/// Inline elements that can be a promo only when they stand alone, outside a text block.
const INLINE_CANDIDATES: &[&str] = &["span", "a", "strong", "b", "em", "small"];
const TEXT_BLOCK_TAGS: &[&str] = &[
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "blockquote",
    "figcaption",
    "dd",
    "dt",
    "pre",
    "a",
    "span",
    "strong",
    "b",
    "em",
    "small",
];

/// Name tokens, with the kind they suggest.
const NAME_TOKENS: &[(&str, PromoKind)] = &[
    ("newsletter", PromoKind::Newsletter),
    ("newsletters", PromoKind::Newsletter),
    ("signup", PromoKind::Newsletter),
    ("optin", PromoKind::Newsletter),
    ("mailchimp", PromoKind::Newsletter),
    ("mailing", PromoKind::Newsletter),
    ("subscribe", PromoKind::Subscription),
    ("subscription", PromoKind::Subscription),
    ("paywall", PromoKind::Subscription),
    ("kiosq", PromoKind::Subscription),
    ("regwall", PromoKind::Subscription),
    ("premium", PromoKind::Subscription),
    ("abo", PromoKind::Subscription),
    ("plus", PromoKind::Subscription),
    ("related", PromoKind::Related),
    ("readmore", PromoKind::Related),
    ("recommended", PromoKind::Related),
    ("recommendations", PromoKind::Related),
    ("outbrain", PromoKind::Related),
    ("taboola", PromoKind::Related),
    ("recirc", PromoKind::Related),
    ("teaser", PromoKind::Related),
    ("teasers", PromoKind::Related),
    ("trending", PromoKind::Related),
    ("mostread", PromoKind::Related),
    ("morestories", PromoKind::Related),
    ("alsoread", PromoKind::Related),
    ("further", PromoKind::Related),
    ("inline-related", PromoKind::Related),
    ("share", PromoKind::Social),
    ("sharing", PromoKind::Social),
    ("social", PromoKind::Social),
    ("follow", PromoKind::Social),
    ("sharebar", PromoKind::Social),
    ("addthis", PromoKind::Social),
    ("sharethis", PromoKind::Social),
    ("shariff", PromoKind::Social),
    ("ad", PromoKind::Ad),
    ("ads", PromoKind::Ad),
    ("advert", PromoKind::Ad),
    ("advertisement", PromoKind::Ad),
    ("adslot", PromoKind::Ad),
    ("adunit", PromoKind::Ad),
    ("sponsor", PromoKind::Ad),
    ("sponsored", PromoKind::Ad),
    ("dfp", PromoKind::Ad),
    ("gpt", PromoKind::Ad),
    ("werbung", PromoKind::Ad),
    ("anzeige", PromoKind::Ad),
    ("promo", PromoKind::Cta),
    ("cta", PromoKind::Cta),
    ("donate", PromoKind::Cta),
    ("donation", PromoKind::Cta),
    ("webinar", PromoKind::Cta),
    ("app-download", PromoKind::Cta),
    ("appdownload", PromoKind::Cta),
    ("house-ad", PromoKind::Cta),
    ("bio", PromoKind::Bio),
    ("author-bio", PromoKind::Bio),
    ("authorbio", PromoKind::Bio),
    ("author-box", PromoKind::Bio),
    ("authorbox", PromoKind::Bio),
    ("about-author", PromoKind::Bio),
    ("author-info", PromoKind::Bio),
    ("comments", PromoKind::Comments),
    ("comment", PromoKind::Comments),
    ("disqus", PromoKind::Comments),
    ("comment-count", PromoKind::Comments),
];

/// Promo phrases by kind. Lowercase; matched against the lowercased, collapsed text.
/// `(phrase, kind, opener)`: an opener must start the block to count fully.
const LEXICON: &[(&str, PromoKind, bool)] = &[
    // related / read more
    ("related:", PromoKind::Related, true),
    ("related stories", PromoKind::Related, true),
    ("related articles", PromoKind::Related, true),
    ("related coverage", PromoKind::Related, true),
    ("read more:", PromoKind::Related, true),
    ("read more", PromoKind::Related, true),
    ("read also", PromoKind::Related, true),
    ("read next", PromoKind::Related, true),
    ("see also", PromoKind::Related, true),
    ("more from", PromoKind::Related, true),
    ("recommended for you", PromoKind::Related, true),
    ("you may also like", PromoKind::Related, true),
    ("you might also like", PromoKind::Related, true),
    ("also read", PromoKind::Related, true),
    ("more on this", PromoKind::Related, true),
    ("further reading", PromoKind::Related, true),
    ("lesen sie auch", PromoKind::Related, true),
    ("lesen sie mehr", PromoKind::Related, true),
    ("lesen sie hier", PromoKind::Related, true),
    ("siehe auch", PromoKind::Related, true),
    ("puedes ver:", PromoKind::Related, true),
    ("auch lesen", PromoKind::Related, true),
    ("zum weiterlesen", PromoKind::Related, true),
    ("mehr zum thema", PromoKind::Related, true),
    ("mehr themen", PromoKind::Related, true),
    ("weiterlesen", PromoKind::Related, true),
    (
        "das könnte sie auch interessieren",
        PromoKind::Related,
        true,
    ),
    ("verwandte artikel", PromoKind::Related, true),
    ("lire aussi", PromoKind::Related, true),
    ("à lire aussi", PromoKind::Related, true),
    ("a lire aussi", PromoKind::Related, true),
    ("lire également", PromoKind::Related, true),
    ("voir aussi", PromoKind::Related, true),
    ("sur le même sujet", PromoKind::Related, true),
    ("te puede interesar", PromoKind::Related, true),
    ("lee también", PromoKind::Related, true),
    ("lea también", PromoKind::Related, true),
    ("leer más", PromoKind::Related, true),
    ("también te puede interesar", PromoKind::Related, true),
    ("leggi anche", PromoKind::Related, true),
    ("potrebbe interessarti", PromoKind::Related, true),
    ("leia também", PromoKind::Related, true),
    ("leia mais", PromoKind::Related, true),
    ("veja também", PromoKind::Related, true),
    ("lees ook", PromoKind::Related, true),
    ("lees meer", PromoKind::Related, true),
    ("czytaj też", PromoKind::Related, true),
    ("czytaj także", PromoKind::Related, true),
    ("czytaj więcej", PromoKind::Related, true),
    ("zobacz też", PromoKind::Related, true),
    ("zobacz także", PromoKind::Related, true),
    ("читайте также", PromoKind::Related, true),
    ("читайте также:", PromoKind::Related, true),
    ("смотрите также", PromoKind::Related, true),
    ("по теме", PromoKind::Related, true),
    ("اقرأ أيضا", PromoKind::Related, true),
    ("اقرأ أيضاً", PromoKind::Related, true),
    ("اقرأ ايضا", PromoKind::Related, true),
    ("اقرأ المزيد", PromoKind::Related, true),
    ("相关阅读", PromoKind::Related, true),
    ("延伸阅读", PromoKind::Related, true),
    ("相关文章", PromoKind::Related, true),
    ("推荐阅读", PromoKind::Related, true),
    ("関連記事", PromoKind::Related, true),
    ("あわせて読みたい", PromoKind::Related, true),
    ("こちらもおすすめ", PromoKind::Related, true),
    // newsletter
    ("newsletter", PromoKind::Newsletter, false),
    ("sign up for", PromoKind::Newsletter, false),
    ("delivered to your inbox", PromoKind::Newsletter, false),
    ("directly to your inbox", PromoKind::Newsletter, false),
    ("in your inbox", PromoKind::Newsletter, false),
    ("your email address", PromoKind::Newsletter, false),
    ("daily email", PromoKind::Newsletter, false),
    ("weekly email", PromoKind::Newsletter, false),
    ("melden sie sich", PromoKind::Newsletter, false),
    ("jetzt anmelden", PromoKind::Newsletter, false),
    ("inscrivez-vous", PromoKind::Newsletter, false),
    ("lettre d'information", PromoKind::Newsletter, false),
    ("suscríbete a nuestro boletín", PromoKind::Newsletter, false),
    ("boletín", PromoKind::Newsletter, false),
    ("iscriviti", PromoKind::Newsletter, false),
    ("inscreva-se", PromoKind::Newsletter, false),
    ("schrijf je in", PromoKind::Newsletter, false),
    ("nieuwsbrief", PromoKind::Newsletter, false),
    ("zapisz się", PromoKind::Newsletter, false),
    ("рассылк", PromoKind::Newsletter, false),
    ("النشرة البريدية", PromoKind::Newsletter, false),
    ("النشرة الإخبارية", PromoKind::Newsletter, false),
    ("订阅我们的", PromoKind::Newsletter, false),
    ("电子报", PromoKind::Newsletter, false),
    ("メールマガジン", PromoKind::Newsletter, false),
    ("メルマガ", PromoKind::Newsletter, false),
    ("ニュースレター", PromoKind::Newsletter, false),
    ("we respect your privacy", PromoKind::Newsletter, false),
    ("sign up here", PromoKind::Newsletter, false),
    (
        "wir respektieren deine privatsphäre",
        PromoKind::Newsletter,
        false,
    ),
    (
        "wir respektieren ihre privatsphäre",
        PromoKind::Newsletter,
        false,
    ),
    // subscription
    ("cancel anytime", PromoKind::Subscription, false),
    ("cancela cuando quieras", PromoKind::Subscription, false),
    ("jederzeit kündbar", PromoKind::Subscription, false),
    ("subscribe now", PromoKind::Subscription, false),
    ("subscribe & save", PromoKind::Subscription, false),
    ("subscribe today", PromoKind::Subscription, false),
    ("become a subscriber", PromoKind::Subscription, false),
    ("subscribers only", PromoKind::Subscription, false),
    ("subscribe to", PromoKind::Subscription, false),
    ("to view the full story", PromoKind::Subscription, false),
    ("to read the full story", PromoKind::Subscription, false),
    ("to continue reading", PromoKind::Subscription, false),
    ("unlimited digital access", PromoKind::Subscription, false),
    ("already a subscriber", PromoKind::Subscription, false),
    ("weekly pass", PromoKind::Subscription, false),
    ("annual subscription", PromoKind::Subscription, false),
    ("per month", PromoKind::Subscription, false),
    ("/month", PromoKind::Subscription, false),
    ("jetzt abonnieren", PromoKind::Subscription, false),
    ("abonnieren", PromoKind::Subscription, false),
    ("abonnez-vous", PromoKind::Subscription, false),
    ("abonnement", PromoKind::Subscription, false),
    ("suscríbete", PromoKind::Subscription, false),
    ("suscribete", PromoKind::Subscription, false),
    ("hazte miembro", PromoKind::Subscription, false),
    ("abbonati", PromoKind::Subscription, false),
    ("assine", PromoKind::Subscription, false),
    ("abonneer", PromoKind::Subscription, false),
    ("zaprenumeruj", PromoKind::Subscription, false),
    ("wykup dostęp", PromoKind::Subscription, false),
    ("подпишитесь", PromoKind::Subscription, false),
    ("оформить подписку", PromoKind::Subscription, false),
    ("اشترك", PromoKind::Subscription, false),
    ("订阅", PromoKind::Subscription, false),
    ("購読", PromoKind::Subscription, false),
    // social
    ("follow us", PromoKind::Social, false),
    ("canal de telegram", PromoKind::Social, false),
    ("canal de youtube", PromoKind::Social, false),
    ("telegram channel", PromoKind::Social, false),
    ("youtube channel", PromoKind::Social, false),
    ("youtube-kanal", PromoKind::Social, false),
    ("share this", PromoKind::Social, false),
    ("share on", PromoKind::Social, false),
    ("follow @", PromoKind::Social, false),
    ("like us on facebook", PromoKind::Social, false),
    ("folgen sie uns", PromoKind::Social, false),
    ("suivez-nous", PromoKind::Social, false),
    ("síguenos", PromoKind::Social, false),
    ("seguici", PromoKind::Social, false),
    ("siga-nos", PromoKind::Social, false),
    ("volg ons", PromoKind::Social, false),
    ("obserwuj nas", PromoKind::Social, false),
    ("подписывайтесь на нас", PromoKind::Social, false),
    ("تابعونا", PromoKind::Social, false),
    ("关注我们", PromoKind::Social, false),
    ("フォローしてください", PromoKind::Social, false),
    // cta
    ("download the app", PromoKind::Cta, false),
    ("download our app", PromoKind::Cta, false),
    ("get the app", PromoKind::Cta, false),
    ("free trial", PromoKind::Cta, false),
    ("start your free", PromoKind::Cta, false),
    ("register now", PromoKind::Cta, false),
    ("register for", PromoKind::Cta, false),
    ("webinar", PromoKind::Cta, false),
    ("donate", PromoKind::Cta, false),
    ("support our journalism", PromoKind::Cta, false),
    ("support independent journalism", PromoKind::Cta, false),
    ("make a donation", PromoKind::Cta, false),
    ("app herunterladen", PromoKind::Cta, false),
    ("jetzt spenden", PromoKind::Cta, false),
    ("unterstützen sie", PromoKind::Cta, false),
    ("téléchargez l'application", PromoKind::Cta, false),
    ("faites un don", PromoKind::Cta, false),
    ("descarga la app", PromoKind::Cta, false),
    ("haz una donación", PromoKind::Cta, false),
    ("scarica l'app", PromoKind::Cta, false),
    ("fai una donazione", PromoKind::Cta, false),
    ("baixe o app", PromoKind::Cta, false),
    ("baixe o aplicativo", PromoKind::Cta, false),
    ("faça uma doação", PromoKind::Cta, false),
    ("download de app", PromoKind::Cta, false),
    ("doneer", PromoKind::Cta, false),
    ("pobierz aplikację", PromoKind::Cta, false),
    ("wesprzyj", PromoKind::Cta, false),
    ("скачайте приложение", PromoKind::Cta, false),
    ("поддержите", PromoKind::Cta, false),
    ("حمّل التطبيق", PromoKind::Cta, false),
    ("حمل التطبيق", PromoKind::Cta, false),
    ("تبرع", PromoKind::Cta, false),
    ("下载app", PromoKind::Cta, false),
    ("下载客户端", PromoKind::Cta, false),
    ("アプリをダウンロード", PromoKind::Cta, false),
    // bio
    ("about the author", PromoKind::Bio, true),
    ("über den autor", PromoKind::Bio, true),
    ("über die autorin", PromoKind::Bio, true),
    ("à propos de l'auteur", PromoKind::Bio, true),
    ("sobre el autor", PromoKind::Bio, true),
    ("sobre o autor", PromoKind::Bio, true),
    ("l'autore", PromoKind::Bio, true),
    ("over de auteur", PromoKind::Bio, true),
    ("o autorze", PromoKind::Bio, true),
    ("об авторе", PromoKind::Bio, true),
    ("عن الكاتب", PromoKind::Bio, true),
    ("关于作者", PromoKind::Bio, true),
    ("著者について", PromoKind::Bio, true),
    // comments
    ("leave a comment", PromoKind::Comments, false),
    ("comments are closed", PromoKind::Comments, false),
    ("comments on", PromoKind::Comments, false),
    ("post a comment", PromoKind::Comments, false),
    ("add a comment", PromoKind::Comments, false),
    ("logged in to post a comment", PromoKind::Comments, false),
    ("kommentar verfassen", PromoKind::Comments, false),
    ("kommentar schreiben", PromoKind::Comments, false),
    ("um kommentare zu schreiben", PromoKind::Comments, false),
    // page tools: print, download, rate, log in
    ("print recipe", PromoKind::Cta, false),
    ("print this recipe", PromoKind::Cta, false),
    ("rezept drucken", PromoKind::Cta, false),
    ("download as pdf", PromoKind::Cta, false),
    ("als pdf herunterladen", PromoKind::Cta, false),
    ("rate this article", PromoKind::Cta, false),
    ("rate this post", PromoKind::Cta, false),
    ("no ratings yet", PromoKind::Cta, false),
    ("artikel bewerten", PromoKind::Cta, false),
    ("bewerten sie diesen artikel", PromoKind::Cta, false),
    ("noch keine bewertungen", PromoKind::Cta, false),
    ("you are not logged in", PromoKind::Cta, false),
    ("nicht eingeloggt", PromoKind::Cta, false),
    ("bookmark the permalink", PromoKind::Cta, false),
    ("straight to your phone", PromoKind::Cta, false),
    // page tools that are a whole line of their own (they count as its label)
    ("back to top", PromoKind::Cta, false),
    ("nach oben", PromoKind::Cta, false),
    ("drukuj", PromoKind::Cta, false),
    ("quellen ausblenden", PromoKind::Cta, false),
    ("zurück zur listenansicht", PromoKind::Cta, false),
    ("zurück zur übersicht", PromoKind::Cta, false),
    ("mehr anzeigen", PromoKind::Cta, false),
    ("bild anzeigen", PromoKind::Cta, false),
    ("bild schließen", PromoKind::Cta, false),
    ("imprimer cette page", PromoKind::Cta, false),
    ("valora esta noticia", PromoKind::Cta, false),
    ("externer inhalt", PromoKind::Cta, false),
    ("werden sie mitglied", PromoKind::Subscription, true),
    ("aktuelle ausgabe bestellen", PromoKind::Subscription, false),
    ("tus comentarios", PromoKind::Comments, false),
    // recommendations
    ("heute empfehlen wir", PromoKind::Related, true),
    ("neueste artikel", PromoKind::Related, true),
    ("latest articles", PromoKind::Related, true),
    ("discover more", PromoKind::Related, true),
    ("entdecke weitere", PromoKind::Related, true),
    // disclosures of paid links and sponsored posts
    ("advertising disclosure", PromoKind::Ad, false),
    ("we may receive compensation", PromoKind::Ad, false),
    ("we may earn a commission", PromoKind::Ad, false),
    ("affiliate links", PromoKind::Ad, false),
    ("affiliate-links", PromoKind::Ad, false),
    ("für links auf dieser seite erhält", PromoKind::Ad, false),
    ("dieser beitrag enthält werbung", PromoKind::Ad, false),
    ("as an amazon associate", PromoKind::Ad, false),
    ("erhalten wir eine provision", PromoKind::Ad, false),
    ("links zu anbietern enthalten", PromoKind::Ad, false),
    ("follow him", PromoKind::Social, false),
    ("follow her", PromoKind::Social, false),
    ("follow me", PromoKind::Social, false),
    ("follow them", PromoKind::Social, false),
    ("réactions", PromoKind::Comments, false),
    ("follow along", PromoKind::Social, false),
    ("on instagram", PromoKind::Social, false),
    ("op instagram", PromoKind::Social, false),
    ("auf instagram", PromoKind::Social, false),
    ("forward this", PromoKind::Social, false),
    ("forwarding this", PromoKind::Social, false),
    ("no whatsapp", PromoKind::Social, false),
    ("canal do", PromoKind::Social, false),
    ("この記事をシェア", PromoKind::Social, false),
    ("シェアする", PromoKind::Social, false),
    ("iphone and android", PromoKind::Cta, false),
    ("ios and android", PromoKind::Cta, false),
    // App-store names alone are news ("costs 50 euros in the App Store"); the ask is not.
    ("download on the app store", PromoKind::Cta, false),
    ("get it on google play", PromoKind::Cta, false),
    ("app store and google play", PromoKind::Cta, false),
    ("google play and the app store", PromoKind::Cta, false),
    ("app store or google play", PromoKind::Cta, false),
    ("扫码下载", PromoKind::Cta, false),
    ("客户端", PromoKind::Cta, false),
    ("steun ons", PromoKind::Cta, false),
    ("vrijwillige bijdrage", PromoKind::Cta, false),
    ("有料会員", PromoKind::Subscription, false),
    ("読み放題", PromoKind::Subscription, false),
    ("会員プラン", PromoKind::Subscription, false),
    ("kommentare geschlossen", PromoKind::Comments, false),
    ("was this article helpful", PromoKind::Comments, false),
    ("did you find this article", PromoKind::Comments, false),
    ("war der artikel nützlich", PromoKind::Comments, false),
    ("war dieser artikel hilfreich", PromoKind::Comments, false),
    ("artikel teilen", PromoKind::Social, false),
    ("beitrag teilen", PromoKind::Social, false),
    ("partager cet article", PromoKind::Social, false),
    ("compartir en", PromoKind::Social, false),
    ("condividi", PromoKind::Social, false),
    ("compartilhe", PromoKind::Social, false),
    ("auch interessant", PromoKind::Related, true),
    ("ebenfalls interessant", PromoKind::Related, true),
    ("könnte sie auch interessieren", PromoKind::Related, false),
    ("könnte dich auch interessieren", PromoKind::Related, false),
    ("könnte euch auch interessieren", PromoKind::Related, false),
    ("weitere themen", PromoKind::Related, true),
    ("weiterführende links", PromoKind::Related, true),
    ("weiterführender link", PromoKind::Related, true),
    ("beiträge zum thema", PromoKind::Related, true),
    ("weitere beiträge", PromoKind::Related, true),
    ("schon gelesen?", PromoKind::Related, true),
    ("lade weitere", PromoKind::Related, true),
    ("le puede interesar", PromoKind::Related, true),
    ("le recomendamos", PromoKind::Related, true),
    ("te recomendamos", PromoKind::Related, true),
    ("lea más", PromoKind::Related, true),
    ("lea:", PromoKind::Related, true),
    ("mire:", PromoKind::Related, true),
    ("mira:", PromoKind::Related, true),
    ("vea también", PromoKind::Related, true),
    ("ti potrebbe interessare", PromoKind::Related, true),
    ("você pode gostar", PromoKind::Related, true),
    ("dit vind je misschien ook leuk", PromoKind::Related, true),
    ("polecamy", PromoKind::Related, true),
    ("zur person", PromoKind::Bio, true),
    ("keine kommentare", PromoKind::Comments, true),
    ("no comments", PromoKind::Comments, true),
    ("aucun commentaire", PromoKind::Comments, true),
    ("sin comentarios", PromoKind::Comments, true),
    ("artikel gefallen", PromoKind::Social, true),
    ("if you enjoyed", PromoKind::Cta, true),
    ("never miss", PromoKind::Newsletter, true),
    ("verpassen sie keine", PromoKind::Newsletter, true),
    ("nichts mehr verpassen", PromoKind::Newsletter, false),
    ("subskrypcj", PromoKind::Subscription, false),
    ("únete", PromoKind::Social, true),
    ("thanks for reading", PromoKind::Cta, true),
    ("danke fürs lesen", PromoKind::Cta, true),
    ("merci de nous lire", PromoKind::Cta, true),
    ("gracias por leer", PromoKind::Cta, true),
    ("get alerts", PromoKind::Cta, true),
    ("read:", PromoKind::Related, true),
    // video teasers: a player's "now playing" label
    ("now playing", PromoKind::Related, true),
    ("watch this:", PromoKind::Related, true),
    ("reproduciendo:", PromoKind::Related, true),
    ("mira esto:", PromoKind::Related, true),
    ("lecture en cours", PromoKind::Related, true),
    // fan-page asks (Chinese; 粉絲團 / 粉丝团 are listed below)
    ("粉絲專頁", PromoKind::Social, false),
    ("粉丝专页", PromoKind::Social, false),
    ("lire :", PromoKind::Related, true),
    ("lire:", PromoKind::Related, true),
    ("learn more:", PromoKind::Related, true),
    ("promoted by", PromoKind::Ad, true),
    ("let us know what you think", PromoKind::Comments, false),
    ("order reprints", PromoKind::Cta, false),
    ("appears in print", PromoKind::Cta, false),
    ("check it out here", PromoKind::Cta, false),
    ("精彩视频", PromoKind::Related, true),
    ("转播到", PromoKind::Social, true),
    ("粉絲團", PromoKind::Social, false),
    ("粉丝团", PromoKind::Social, false),
    ("mehr zum thema:", PromoKind::Related, true),
    ("weitere informationen", PromoKind::Related, true),
    ("weitere artikel", PromoKind::Related, true),
    ("das könnte sie interessieren", PromoKind::Related, true),
    ("empfehlungen", PromoKind::Related, true),
    ("entdecken sie", PromoKind::Related, true),
    ("related posts", PromoKind::Related, true),
    ("more stories", PromoKind::Related, true),
    ("latest news", PromoKind::Related, true),
    ("most popular", PromoKind::Related, true),
    ("most read", PromoKind::Related, true),
    ("lo más visto", PromoKind::Related, true),
    ("les plus lus", PromoKind::Related, true),
    ("meistgelesen", PromoKind::Related, true),
    ("comments", PromoKind::Comments, true),
    ("join the conversation", PromoKind::Comments, false),
    ("kommentare", PromoKind::Comments, true),
    ("kommentieren", PromoKind::Comments, false),
    ("commentaires", PromoKind::Comments, true),
    ("comentarios", PromoKind::Comments, true),
    ("commenti", PromoKind::Comments, true),
    ("comentários", PromoKind::Comments, true),
    ("reacties", PromoKind::Comments, true),
    ("komentarze", PromoKind::Comments, true),
    ("комментари", PromoKind::Comments, true),
    ("التعليقات", PromoKind::Comments, true),
    ("评论", PromoKind::Comments, true),
    ("コメント", PromoKind::Comments, true),
];

/// Characters of the longest entry of [`AD_LABELS`] (a unit test keeps it true).
const MAX_AD_LABEL_CHARS: usize = 40;

/// Texts that are nothing but an ad label.
const AD_LABELS: &[&str] = &[
    "advertisement",
    "advertising",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "paid content",
    "anzeige",
    "werbung",
    "gesponsert",
    "publicité",
    "sponsorisé",
    "publicidad",
    "patrocinado",
    "pubblicità",
    "publicidade",
    "advertentie",
    "reklama",
    "реклама",
    "إعلان",
    "广告",
    "広告",
    "スポンサー",
    "story continues below advertisement",
    "article continues below advertisement",
    "continue reading below",
    "skip advertisement",
    "scroll to continue with content",
];

/// Finds promo blocks inside the article rooted at `root`.
/// `author` is the article's byline when known: a block after the article that starts
/// with the author's name is their bio.
pub fn detect(doc: &Document, root: NodeId, author: Option<&str>) -> Detected {
    let stats = TextStats::compute(doc, root);
    let article_len = stats.chars(root).max(1);
    // Document order of the elements (blocks and promos are elements; text nodes are left out,
    // which halves the map: it is a share of peak memory on long articles).
    let order: HashMap<NodeId, usize> = doc
        .node(root)
        .map(|n| {
            n.descendants()
                .filter(|d| d.value().is_element())
                .enumerate()
                .map(|(i, d)| (d.id(), i))
                .collect()
        })
        .unwrap_or_default();
    // Order index of the last element inside the article's last long paragraph (the paragraph
    // itself when it holds none): a block after it in document order is after the paragraph.
    let last_prose = last_article_paragraph(doc, root, author).and_then(|p| {
        doc.node(p)
            .and_then(|n| n.descendants().filter(|d| d.value().is_element()).last())
            .and_then(|d| order.get(&d.id()).copied())
    });
    let mut detected = Detected::default();
    let mut seen_texts: HashMap<String, NodeId> = HashMap::default();
    let mut stack: Vec<NodeId> = doc.element_children(root).into_iter().rev().collect();
    while let Some(id) = stack.pop() {
        let tag = doc.tag(id);
        if !BLOCK_TAGS.contains(&tag) {
            stack.extend(doc.element_children(id).into_iter().rev());
            continue;
        }
        // Inline elements inside a text block are part of its sentence, never a block.
        if INLINE_CANDIDATES.contains(&tag)
            && doc
                .parent(id)
                .is_some_and(|p| TEXT_BLOCK_TAGS.contains(&doc.tag(p)))
        {
            continue;
        }
        // Long link-poor blocks are never promos as a whole: look inside them.
        let link_density = stats.link_density(id);
        if stats.chars(id) > MAX_PROMO_CHARS && link_density < DENSE_LIST_DENSITY {
            stack.extend(doc.element_children(id).into_iter().rev());
            continue;
        }
        let text = doc.inner_text(id);
        let after_article = last_prose
            .zip(order.get(&id))
            .is_some_and(|(last, at)| *at > last);
        let names_author = after_article
            && (author.is_some_and(|a| starts_with_name(&text, a)) || reads_like_bio(&text));
        let block = Block {
            id,
            text: &text,
            link_density,
            article_len,
            after_article,
            names_author,
        };
        if let Some(kind) = classify(doc, &block) {
            let key = text.to_lowercase();
            let is_copy = !key.is_empty()
                && seen_texts
                    .keys()
                    .any(|seen| seen == &key || (key.len() > 40 && seen.contains(&key)));
            let shown = shown_text(doc, id);
            let has_media = doc.count_tags(id, &["img", "picture"]) > 0;
            if shown.is_empty() && !has_media {
                // An empty widget shell: nothing to show or hide.
                continue;
            }
            if is_copy {
                detected.duplicates.push(id);
            } else {
                seen_texts.insert(key, id);
                detected.promos.push(FoundPromo {
                    node: id,
                    kind,
                    text: shown,
                    after_article,
                });
            }
            continue;
        }
        stack.extend(doc.element_children(id).into_iter().rev());
    }
    extend_promo_runs(doc, &mut detected);
    detected
        .promos
        .sort_by_key(|p| order.get(&p.node).copied().unwrap_or(usize::MAX));
    detected
}

/// Elements whose text a reader does not see as part of a block (form controls).
const UNSHOWN_TAGS: &[&str] = &[
    "button", "label", "input", "select", "textarea", "option", "script", "style", "noscript",
];

/// The block's text without its form controls' labels, as the reader view shows it.
fn shown_text(doc: &Document, id: NodeId) -> String {
    collapse_whitespace(&doc.text_outside(id, UNSHOWN_TAGS, true))
}

/// One block under consideration, with the figures computed for it.
struct Block<'a> {
    id: NodeId,
    text: &'a str,
    link_density: f64,
    article_len: usize,
    after_article: bool,
    /// The block starts with the article author's name.
    names_author: bool,
}

/// Decides whether one block is a promo, and of which kind.
fn classify(doc: &Document, block: &Block) -> Option<PromoKind> {
    let Block {
        id,
        text,
        link_density,
        article_len,
        after_article,
        names_author,
    } = *block;
    let len = text.chars().count();
    let names = name_signal(doc, id);
    let form = form_signal(doc, id);
    let lexicon = phrase_hits(text);
    let ad_label = ad_label_signal(text);
    let has_media = doc.count_tags(id, &["img", "picture", "video", "iframe"]) > 0;
    if len == 0 && !has_media && names.is_none() && !form {
        return None;
    }

    if names == Some(PromoKind::Social) && is_share_bar(doc, id, len) {
        return None;
    }
    let mut votes: HashMap<PromoKind, u32> = HashMap::default();
    let add = |votes: &mut HashMap<PromoKind, u32>, kind: PromoKind, points: u32| {
        *votes.entry(kind).or_insert(0) += points
    };
    if let Some(kind) = names {
        add(&mut votes, kind, 2);
    }
    if form {
        add(&mut votes, PromoKind::Newsletter, 3);
    }
    if ad_label {
        add(&mut votes, PromoKind::Ad, 4);
    }
    if names_author {
        add(&mut votes, PromoKind::Bio, 2);
    }
    // A phrase inside prose (a sentence-long block with nothing to click) is weak
    // evidence: an article may well talk about newsletters. Several phrases, or a phrase
    // next to a link or button, is strong.
    let has_action = doc.count_tags(id, &["a", "button", "form", "input"]) > 0;
    let reads_as_prose = len >= PROSE_PHRASE_CHARS && !has_action;
    for hit in &lexicon {
        let points = if hit.opener || hit.label {
            3
        } else if reads_as_prose {
            hit.distinct.min(2)
        } else {
            2
        };
        add(&mut votes, hit.kind, points);
    }
    let link_line = len > 0 && len <= LINK_LINE_MAX_CHARS && link_density >= LINK_LINE_DENSITY;
    if link_line {
        for kind in [PromoKind::Related, PromoKind::Social] {
            if votes.contains_key(&kind) {
                add(&mut votes, kind, 1);
            }
        }
    }
    if is_link_card(doc, id, len, link_density) {
        add(&mut votes, PromoKind::Related, PROMO_THRESHOLD);
    }
    if follow_links_signal(doc, id, len) {
        add(&mut votes, PromoKind::Social, PROMO_THRESHOLD);
    }
    if is_set_apart_line(doc, id, text, len) {
        if reads_as_headline(text, len)
            && link_density >= SET_APART_LINK_DENSITY
            && doc.count_tags(id, &["a"]) == 1
        {
            // "[Museum houses Roman treasures]": a headline set apart between paragraphs.
            add(&mut votes, PromoKind::Related, PROMO_THRESHOLD);
        } else {
            for hit in &lexicon {
                add(&mut votes, hit.kind, 1);
            }
        }
    }
    if after_article && (is_link_list(doc, id) || is_in_link_line_run(doc, id)) {
        add(&mut votes, PromoKind::Related, PROMO_THRESHOLD);
    }
    if after_article {
        for points in votes.values_mut() {
            *points += 1;
        }
    }
    // "Further information from Jane Doe (jane@example.org)": contact details for the
    // article, not a link to read elsewhere.
    if votes.contains_key(&PromoKind::Related) && links_only_to_contacts(doc, id) {
        votes.remove(&PromoKind::Related);
    }

    let (kind, score) = votes
        .into_iter()
        .max_by_key(|(k, v)| (*v, kind_priority(*k)))?;
    if score < PROMO_THRESHOLD {
        return None;
    }

    // Safeguards: the article always wins.
    if len > MAX_PROMO_CHARS && link_density < DENSE_LIST_DENSITY {
        return None;
    }
    if len * 2 > article_len && len > ARTICLE_PARAGRAPH_CHARS {
        return None;
    }
    if lexicon.is_empty()
        && !form
        && !ad_label
        && !names_author
        && len > MAX_PHRASE_ONLY_CHARS
        && link_density < LINK_LINE_DENSITY
    {
        return None;
    }
    // A bio after the article is prose by design: its author's name is the evidence.
    if !names_author && holds_article_paragraph(doc, id) {
        return None;
    }
    Some(kind)
}

/// Whether a text starts with a person's name (first byline name, ignoring case).
fn starts_with_name(text: &str, byline: &str) -> bool {
    let name = byline
        .split([',', '&'])
        .next()
        .unwrap_or("")
        .trim()
        .to_lowercase();
    let name = name.strip_prefix("by ").unwrap_or(&name).trim();
    name.split_whitespace().count() >= 2 && text.trim_start().to_lowercase().starts_with(name)
}

/// Verbs that follow a person's name in a bio line, in several languages.
const BIO_VERBS: &[&str] = &[
    "is", "was", "covers", "has", "writes", "reports", "es", "est", "ist", "è", "é", "is een",
];
/// Words that open sentences and never names (determiners and pronouns).
const NOT_NAME_OPENERS: &[&str] = &[
    "the", "this", "that", "it", "he", "she", "der", "die", "das", "ein", "eine", "dieser",
    "diese", "er", "sie", "es", "le", "la", "les", "il", "elle", "el", "los", "las", "lo", "een",
    "het", "dit", "o", "a", "os", "as",
];
/// Longest text read as a one-paragraph bio.
const MAX_BIO_CHARS: usize = 400;

/// "Jane Q. Doe is a reporter…": two or three capitalised words, then a bio verb.
fn reads_like_bio(text: &str) -> bool {
    if text.chars().count() > MAX_BIO_CHARS {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().take(5).collect();
    // "Die Erzählung ist…": a capitalised determiner opens a sentence, not a name.
    if words
        .first()
        .is_some_and(|w| NOT_NAME_OPENERS.contains(&w.to_lowercase().as_str()))
    {
        return false;
    }
    (2..=4).any(|n| {
        words.len() > n
            && words[..n]
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && BIO_VERBS.contains(&words[n])
    })
}

// ---------------------------------------------------------------------------------------------
// Shape signals: how a block is set out, whatever its language.

/// Elements that set a run of text apart from the prose around it.
const EMPHASIS_TAGS: &[&str] = &["em", "i", "strong", "b"];
/// Share of a block's letters inside emphasis for the whole block to read as emphasized
/// (all of them: "Title *is streaming on* Service" is a sentence with emphasis, not an insert).
const SET_APART_SHARE: f64 = 0.99;
/// Blocks that can be a line set apart between paragraphs.
const LINE_TAGS: &[&str] = &["p", "li", "div"];
/// A set-apart line at least this much link is a headline pointing elsewhere.
const SET_APART_LINK_DENSITY: f64 = 0.6;
/// Shortest text that reads as a headline (shorter link lines are labels: "Source: AP").
const MIN_HEADLINE_CHARS: usize = 15;
/// Fewest words in a headline ("(Artist: Jane Doe)" and addresses are credits, not headlines).
const MIN_HEADLINE_WORDS: usize = 4;
/// Longest headline a link-only line may carry.
const MAX_HEADLINE_CHARS: usize = 200;
/// Share of a line's text inside links for it to be nothing but a link.
const LINK_ONLY_DENSITY: f64 = 0.9;
/// Longest label that introduces a promo block ("More games news:").
const MAX_LABEL_CHARS: usize = 60;
/// Longest line of follow links ("Follow us: Twitter | Facebook").
const MAX_FOLLOW_LINE_CHARS: usize = 160;
/// Link texts that name a social network (lowercase, punctuation trimmed).
const SOCIAL_NETWORKS: &[&str] = &[
    "twitter",
    "x",
    "facebook",
    "fb",
    "instagram",
    "linkedin",
    "youtube",
    "tiktok",
    "threads",
    "mastodon",
    "bluesky",
    "pinterest",
    "reddit",
    "tumblr",
    "whatsapp",
    "telegram",
    "snapchat",
    "flipboard",
    "rss",
    "weibo",
    "wechat",
    "vk",
    "xing",
    "twitch",
    "discord",
];

/// Share of the block's letters and digits that sit inside emphasis (`em`, `i`, `strong`, `b`).
fn emphasized_share(doc: &Document, id: NodeId) -> f64 {
    let Some(node) = doc.node(id) else {
        return 0.0;
    };
    let (mut total, mut emphasized) = (0usize, 0usize);
    for d in node.descendants() {
        let scraper::Node::Text(t) = d.value() else {
            continue;
        };
        let letters = t.text.chars().filter(|c| c.is_alphanumeric()).count();
        if letters == 0 {
            continue;
        }
        total += letters;
        if doc
            .ancestors_within(d.id(), id)
            .iter()
            .any(|&a| EMPHASIS_TAGS.contains(&doc.tag(a)))
        {
            emphasized += letters;
        }
    }
    if total == 0 {
        0.0
    } else {
        emphasized as f64 / total as f64
    }
}

/// A line set apart from the prose: wrapped in brackets ("[Related: …]") or emphasized as a
/// whole. Editors set inserts apart this way; article paragraphs are plain.
fn is_set_apart(doc: &Document, id: NodeId, text: &str) -> bool {
    let trimmed = text.trim().trim_end_matches(['.', ' ']);
    (trimmed.starts_with('[') && trimmed.ends_with(']'))
        || emphasized_share(doc, id) >= SET_APART_SHARE
}

/// A short line (paragraph, item or box) set apart from the prose that holds a link.
fn is_set_apart_line(doc: &Document, id: NodeId, text: &str, len: usize) -> bool {
    LINE_TAGS.contains(&doc.tag(id))
        && len > 0
        && len <= MAX_PHRASE_ONLY_CHARS
        && doc.count_tags(id, &["a"]) > 0
        && doc.count_tags(id, &["p", "div", "ul", "ol", "table"]) == 0
        && is_set_apart(doc, id, text)
}

/// A headline's length in characters and words.
fn reads_as_headline(text: &str, len: usize) -> bool {
    (MIN_HEADLINE_CHARS..=MAX_HEADLINE_CHARS).contains(&len)
        && text.split_whitespace().count() >= MIN_HEADLINE_WORDS
}

/// A line that is one link and nothing else, of a headline's length.
fn is_link_only_line(doc: &Document, id: NodeId) -> bool {
    let len = doc.text_len_up_to(id, MAX_HEADLINE_CHARS);
    len <= MAX_HEADLINE_CHARS
        && reads_as_headline(&doc.inner_text(id), len)
        && doc.count_tags(id, &["p", "div", "ul", "ol", "table", "img"]) == 0
        && doc.link_density(id) >= LINK_ONLY_DENSITY
}

/// A list whose every item (two or more) is a link-only headline: a teaser list.
fn is_link_list(doc: &Document, id: NodeId) -> bool {
    if !matches!(doc.tag(id), "ul" | "ol") {
        return false;
    }
    let items = doc.element_children(id);
    items.len() >= 2
        && items
            .iter()
            .all(|&li| doc.is_tag(li, "li") && is_link_only_line(doc, li))
}

/// A link-only paragraph next to another: one of a run of headlines.
fn is_in_link_line_run(doc: &Document, id: NodeId) -> bool {
    let tag = doc.tag(id);
    let alike = |other: Option<NodeId>| {
        other.is_some_and(|o| doc.tag(o) == tag && is_link_only_line(doc, o))
    };
    matches!(tag, "p" | "div")
        && is_link_only_line(doc, id)
        && (alike(doc.prev_element_sibling(id)) || alike(doc.next_element_sibling(id)))
}

/// A short line whose links (two or more) all name social networks: "Follow us: X | Facebook".
fn follow_links_signal(doc: &Document, id: NodeId, len: usize) -> bool {
    if len > MAX_FOLLOW_LINE_CHARS {
        return false;
    }
    let links = doc.descendants_with_tags(id, &["a"]);
    links.len() >= 2
        && links.iter().all(|&a| {
            let text = doc.inner_text(a).to_lowercase();
            SOCIAL_NETWORKS.contains(&text.trim_matches(|c: char| !c.is_alphanumeric()))
        })
}

/// A label that introduces the block after it: short, emphasized, ending with a colon.
fn is_label_line(doc: &Document, id: NodeId) -> bool {
    if !LINE_TAGS.contains(&doc.tag(id))
        || doc.text_len_up_to(id, MAX_LABEL_CHARS) > MAX_LABEL_CHARS
    {
        return false;
    }
    let text = doc.inner_text(id);
    !text.is_empty()
        && text.trim_end().ends_with(':')
        && emphasized_share(doc, id) >= SET_APART_SHARE
}

/// Step after classification: promo blocks come in runs. A label just before a promo
/// ("More games news:") and lines just after it set out the same way (the same tag, set apart,
/// with a link) join it, with its kind.
fn extend_promo_runs(doc: &Document, detected: &mut Detected) {
    let mut joined: Vec<FoundPromo> = Vec::new();
    let is_taken = |id: NodeId, promos: &[FoundPromo], joined: &[FoundPromo]| {
        promos
            .iter()
            .chain(joined)
            .any(|p| p.node == id || doc.is_ancestor(id, p.node) || doc.is_ancestor(p.node, id))
    };
    for promo in &detected.promos {
        if let Some(label) = doc.prev_element_sibling(promo.node) {
            if is_label_line(doc, label) && !is_taken(label, &detected.promos, &joined) {
                joined.push(FoundPromo {
                    node: label,
                    kind: promo.kind,
                    text: doc.inner_text(label),
                    after_article: promo.after_article,
                });
            }
        }
        let tag = doc.tag(promo.node);
        let promo_text = doc.inner_text(promo.node);
        if !is_set_apart_line(doc, promo.node, &promo_text, promo_text.chars().count()) {
            continue;
        }
        let mut cursor = promo.node;
        while let Some(next) = doc.next_element_sibling(cursor) {
            let text = doc.inner_text(next);
            if doc.tag(next) != tag
                || !is_set_apart_line(doc, next, &text, text.chars().count())
                || is_taken(next, &detected.promos, &joined)
            {
                break;
            }
            joined.push(FoundPromo {
                node: next,
                kind: promo.kind,
                text,
                after_article: promo.after_article,
            });
            cursor = next;
        }
    }
    detected.promos.extend(joined);
}

/// Whether a block says what it is: promo names on it or inside it, a promo phrase, or an ad
/// label (rather than being known by its shape alone).
pub fn is_labelled_as_promo(doc: &Document, id: NodeId, text: &str) -> bool {
    name_signal(doc, id).is_some()
        || doc
            .descendant_elements(id)
            .into_iter()
            .any(|d| name_signal(doc, d).is_some())
        || !phrase_hits(text).is_empty()
        || ad_label_signal(text)
}

/// A bar of share buttons: chrome that pruning removes in both modes, not a promo.
pub fn is_share_bar(doc: &Document, id: NodeId, len: usize) -> bool {
    let names = doc.class_and_id(id);
    len < 500
        && tokens(&names)
            .iter()
            .any(|t| t == "share" || t == "sharing" || t == "sharedaddy")
}

/// Text a link card (title, description, site) may have.
const LINK_CARD_CHARS: std::ops::RangeInclusive<usize> = 20..=400;

/// A link card: a figure or box that is one link to another page, holding blocks (a title and
/// a description, often an image) — the embed blog platforms make for "see this post".
fn is_link_card(doc: &Document, id: NodeId, len: usize, link_density: f64) -> bool {
    if !matches!(doc.tag(id), "figure" | "aside" | "div" | "section")
        || !LINK_CARD_CHARS.contains(&len)
        || link_density < 0.95
    {
        return false;
    }
    let links = doc.descendants_with_tags(id, &["a"]);
    links.len() == 1
        && links
            .first()
            .is_some_and(|&a| doc.count_tags(a, &["div", "p", "h2", "h3", "h4"]) >= 2)
}

/// When two kinds tie, the more specific wins.
fn kind_priority(kind: PromoKind) -> u8 {
    match kind {
        PromoKind::Newsletter => 8,
        PromoKind::Subscription => 7,
        PromoKind::Ad => 6,
        PromoKind::Bio => 5,
        PromoKind::Comments => 4,
        PromoKind::Related => 3,
        PromoKind::Social => 2,
        PromoKind::Cta => 1,
    }
}

/// Splits class/id/data values into lowercase tokens: on non-alphanumerics and camelCase.
fn tokens(value: &str) -> Vec<String> {
    let mut lowered = String::new();
    let mut spans = Vec::new();
    token_spans(value, &mut lowered, &mut spans);
    spans
        .iter()
        .map(|&(start, end)| lowered[start..end].to_string())
        .collect()
}

/// [`tokens`] without an allocation per token: appends the lowercase tokens to `lowered`
/// and their byte ranges in it to `spans`.
fn token_spans(value: &str, lowered: &mut String, spans: &mut Vec<(usize, usize)>) {
    let mut start = lowered.len();
    let mut prev_lower = false;
    for c in value.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && lowered.len() > start {
                spans.push((start, lowered.len()));
                start = lowered.len();
            }
            prev_lower = c.is_ascii_lowercase();
            lowered.push(c.to_ascii_lowercase());
        } else {
            prev_lower = false;
            if lowered.len() > start {
                spans.push((start, lowered.len()));
                start = lowered.len();
            }
        }
    }
    if lowered.len() > start {
        spans.push((start, lowered.len()));
    }
}

/// The kind a name token suggests ([`NAME_TOKENS`], the first entry for a token winning).
fn name_token_kind(token: &str) -> Option<PromoKind> {
    static KINDS: OnceLock<HashMap<&'static str, PromoKind>> = OnceLock::new();
    KINDS
        .get_or_init(|| {
            let mut kinds = HashMap::default();
            for (token, kind) in NAME_TOKENS {
                kinds.entry(*token).or_insert(*kind);
            }
            kinds
        })
        .get(token)
        .copied()
}

/// Class, id, `data-*`, `aria-label` and `role` tokens that name a promo kind. Pairs of
/// adjacent tokens are joined too ("read-more" -> "readmore", "author-bio").
pub fn name_signal(doc: &Document, id: NodeId) -> Option<PromoKind> {
    let element = doc.element(id)?;
    let mut found: Option<PromoKind> = None;
    let (mut lowered, mut spans, mut joined) = (String::new(), Vec::new(), String::new());
    for (name, value) in element.attrs.iter() {
        let n = &*name.local;
        let relevant = matches!(n, "class" | "id" | "role" | "aria-label")
            || (n.starts_with("data-")
                && n != "data-src"
                && !n.contains("src")
                && !n.contains("url"));
        if !relevant || value.len() > 200 {
            continue;
        }
        lowered.clear();
        spans.clear();
        token_spans(value, &mut lowered, &mut spans);
        let mut consider = |token: &str| {
            if let Some(kind) = name_token_kind(token) {
                // Newsletter and subscription names beat generic ones.
                if found.is_none_or(|f| kind_priority(kind) > kind_priority(f)) {
                    found = Some(kind);
                }
            }
        };
        for &(start, end) in &spans {
            consider(&lowered[start..end]);
        }
        for pair in spans.windows(2) {
            let (first, second) = (
                &lowered[pair[0].0..pair[0].1],
                &lowered[pair[1].0..pair[1].1],
            );
            for joint in ["", "-"] {
                joined.clear();
                joined.push_str(first);
                joined.push_str(joint);
                joined.push_str(second);
                consider(&joined);
            }
        }
    }
    found
}

/// Link schemes that reach a person rather than a page.
const CONTACT_SCHEMES: &[&str] = &["mailto:", "tel:"];

/// The block has links, and every one is an e-mail address or a phone number.
fn links_only_to_contacts(doc: &Document, id: NodeId) -> bool {
    let links = doc.descendants_with_tags(id, &["a"]);
    !links.is_empty()
        && links.iter().all(|&a| {
            doc.attr(a, "href").is_some_and(|href| {
                let href = href.trim_start().to_ascii_lowercase();
                CONTACT_SCHEMES
                    .iter()
                    .any(|scheme| href.starts_with(scheme))
            })
        })
}

/// A block with an e-mail input and a way to submit it.
pub fn form_signal(doc: &Document, id: NodeId) -> bool {
    let inputs = doc.descendants_with_tags(id, &["input"]);
    let email = inputs.iter().any(|&i| {
        doc.attr(i, "type")
            .is_some_and(|t| t.eq_ignore_ascii_case("email"))
            || doc
                .attr(i, "name")
                .is_some_and(|n| n.to_ascii_lowercase().contains("mail"))
            || doc
                .attr(i, "placeholder")
                .is_some_and(|p| p.to_lowercase().contains("mail"))
    });
    email
        && (doc.count_tags(id, &["button"]) > 0
            || inputs.iter().any(|&i| {
                doc.attr(i, "type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("submit"))
            }))
}

/// Promo phrases in the text: `(kind, opens the block)` for each distinct kind found.
pub fn lexicon_signal(text: &str) -> Vec<(PromoKind, bool)> {
    phrase_hits(text)
        .into_iter()
        .map(|h| (h.kind, h.opener))
        .collect()
}

/// Promo phrases found for one kind: whether one opens the block, and how many distinct
/// phrases of that kind the text holds.
#[derive(Clone, Copy, Debug)]
pub struct PhraseHit {
    pub kind: PromoKind,
    pub opener: bool,
    /// One of the phrases is nearly the whole block (see [`LABEL_PHRASE_SHARE`]).
    pub label: bool,
    pub distinct: u32,
}

pub fn phrase_hits(text: &str) -> Vec<PhraseHit> {
    static LEXICON_PHRASES: PhraseSet =
        PhraseSet::new(|| LEXICON.iter().map(|(phrase, _, _)| *phrase).collect());
    let lower = text.to_lowercase();
    // The block's opening: its first characters, leading punctuation skipped.
    let head_end = lower
        .char_indices()
        .nth(OPENING_CHARS)
        .map_or(lower.len(), |(i, _)| i);
    let head_start = lower[..head_end]
        .char_indices()
        .find(|(_, c)| c.is_alphanumeric())
        .map_or(head_end, |(i, _)| i);
    let content_len = lower.trim().len() as f64;
    // Per lexicon entry found: whether one of its occurrences opens the block, and whether
    // one is nearly all of it.
    let mut found: Vec<(usize, bool, bool)> = LEXICON_PHRASES
        .find_all(&lower)
        .into_iter()
        .map(|m| {
            let starts = m.start == head_start && m.end <= head_end;
            let label = (m.end - m.start) as f64 >= content_len * LABEL_PHRASE_SHARE;
            (m.index, starts, label)
        })
        .collect();
    found.sort_unstable();
    found.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            earlier.1 |= later.1;
            earlier.2 |= later.2;
        }
        same
    });
    let mut out: Vec<PhraseHit> = Vec::new();
    for (index, starts, label) in found {
        let Some((_, kind, opener_only)) = LEXICON.get(index) else {
            continue;
        };
        // Any phrase that starts the block opens it ("Download the app…", "Follow us…");
        // phrases marked opener-only count nowhere else.
        if !starts && *opener_only {
            continue;
        }
        if let Some(entry) = out.iter_mut().find(|h| h.kind == *kind) {
            entry.opener |= starts;
            entry.label |= label;
            entry.distinct += 1;
        } else {
            out.push(PhraseHit {
                kind: *kind,
                opener: starts,
                label,
                distinct: 1,
            });
        }
    }
    out
}

/// The whole text is an ad label.
pub fn ad_label_signal(text: &str) -> bool {
    // Longer than any label: no need to lowercase the whole block.
    let mut alphanumerics = text.chars().filter(|c| c.is_alphanumeric());
    if alphanumerics.nth(MAX_AD_LABEL_CHARS).is_some() {
        return false;
    }
    let t = collapse_whitespace(&text.to_lowercase());
    let t = t.trim_matches(|c: char| !c.is_alphanumeric() && !c.is_whitespace() && c != '&');
    AD_LABELS.contains(&t)
}

/// Whether the element holds a long paragraph with no promo phrase: article prose.
fn holds_article_paragraph(doc: &Document, id: NodeId) -> bool {
    let mut blocks = doc.descendants_with_tags(id, &["p", "pre", "blockquote", "li", "td"]);
    blocks.push(id);
    blocks.into_iter().any(|p| {
        if doc.count_tags(p, &["p", "div"]) > 0 && p != id {
            return false;
        }
        let text = doc.inner_text(p);
        text.chars().count() >= ARTICLE_PARAGRAPH_CHARS
            && lexicon_signal(&text).is_empty()
            && !ad_label_signal(&text)
            && doc.link_density(p) < LINK_LINE_DENSITY
            && name_signal(doc, p).is_none()
    })
}

/// The last long, link-poor paragraph of the article.
/// A paragraph that opens with the author's name is their bio, not the article's end.
fn last_article_paragraph(doc: &Document, root: NodeId, author: Option<&str>) -> Option<NodeId> {
    doc.descendants_with_tags(root, &["p", "pre", "blockquote"])
        .into_iter()
        .rev()
        .find(|&p| {
            let text = doc.inner_text(p);
            let len = text.chars().count();
            len >= ARTICLE_PARAGRAPH_CHARS
                && doc.link_density(p) < 0.3
                && (len > MAX_PHRASE_ONLY_CHARS || lexicon_signal(&text).is_empty())
                && !author.is_some_and(|a| starts_with_name(&text, a))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_links_are_not_links_to_read_elsewhere() {
        let doc = Document::parse(
            "<body><p id=a>Further information: Jane Doe, <a href='mailto:jane@example.org'>\
             jane@example.org</a>, <a href='tel:+4912345'>12345</a></p>\
             <p id=b>Further information: <a href='/more'>our dossier</a></p></body>",
        );
        let find = |name: &str| {
            doc.descendant_elements(doc.html_element())
                .into_iter()
                .find(|&e| doc.attr(e, "id") == Some(name))
        };
        assert!(find("a").is_some_and(|a| links_only_to_contacts(&doc, a)));
        assert!(find("b").is_some_and(|b| !links_only_to_contacts(&doc, b)));
    }

    #[test]
    fn a_phrase_that_is_nearly_the_whole_block_is_its_label() {
        let label = phrase_hits("Diesen Artikel teilen");
        assert!(label.iter().any(|h| h.kind == PromoKind::Social && h.label));
        let sentence = phrase_hits(
            "Wer diesen Artikel teilen will, sollte vorher die Quellen lesen, sagt die Autorin.",
        );
        assert!(sentence.iter().all(|h| !h.label));
    }

    #[test]
    fn no_ad_label_is_longer_than_the_limit() {
        let longest = AD_LABELS.iter().map(|l| l.chars().count()).max();
        assert!(longest.is_some_and(|n| n <= MAX_AD_LABEL_CHARS));
        assert!(ad_label_signal("  Advertisement  "));
        assert!(!ad_label_signal(
            "Advertisement for a very long text that is prose"
        ));
    }

    #[test]
    fn tokens_split_case_and_punctuation() {
        assert_eq!(
            tokens("newsletter-signup--desktop"),
            vec!["newsletter", "signup", "desktop"]
        );
        assert_eq!(
            tokens("StoryBodyCompanionColumn"),
            vec!["story", "body", "companion", "column"]
        );
    }

    #[test]
    fn lexicon_finds_openers_in_many_languages() {
        assert_eq!(
            lexicon_signal("Lesen Sie auch: Die Bahn streikt"),
            vec![(PromoKind::Related, true)]
        );
        assert_eq!(
            lexicon_signal("اقرأ أيضا: خبر"),
            vec![(PromoKind::Related, true)]
        );
        assert!(lexicon_signal("The study was read more than once by the board.").is_empty());
    }

    /// Long article paragraphs (with no promo phrase) for test documents.
    fn prose(n: usize) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "<p>Paragraph {i} of the story tells what the council decided and why the \
                     members who voted against it feared the costs would rise again next year, \
                     as they had in each of the three years before.</p>"
                )
            })
            .collect()
    }

    /// Kinds and texts of the promos found in `<article>body</article>`.
    fn promos_in(body: &str, author: Option<&str>) -> Vec<(PromoKind, String)> {
        let doc = Document::parse(&format!(
            "<html><body><article>{body}</article></body></html>"
        ));
        let root = doc.descendants_with_tags(doc.root(), &["article"])[0];
        detect(&doc, root, author)
            .promos
            .into_iter()
            .map(|p| (p.kind, p.text))
            .collect()
    }

    #[test]
    fn set_apart_headline_between_paragraphs_is_related() {
        let body = format!(
            "{}<p><i>[<a href=\"/other\">Museum houses amazing Roman treasures</a>]</i></p>{}",
            prose(2),
            prose(2)
        );
        let found = promos_in(&body, None);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, PromoKind::Related);
    }

    #[test]
    fn emphasis_inside_a_sentence_is_not_set_apart() {
        let body = format!(
            "{}<p>The film <em>is streaming on</em> <a href=\"/s\"><em>a service</em></a> \
             <em>and can be rented</em>.</p>{}",
            prose(2),
            prose(2)
        );
        assert!(promos_in(&body, None).is_empty());
    }

    #[test]
    fn trailing_link_list_joins_its_label() {
        let items: String = (0..3)
            .map(|i| {
                format!("<li><a href=\"/s{i}\">Review number {i} of a new racing game</a></li>")
            })
            .collect();
        let body = format!(
            "{}<p><em><strong>More games news:</strong></em></p><ul>{items}</ul>",
            prose(3)
        );
        let found = promos_in(&body, None);
        let kinds: Vec<PromoKind> = found.iter().map(|f| f.0).collect();
        assert_eq!(
            kinds,
            vec![PromoKind::Related, PromoKind::Related],
            "{found:?}"
        );
        assert_eq!(found[0].1, "More games news:");
    }

    #[test]
    fn a_link_list_inside_the_article_is_not_a_promo() {
        let items: String = (0..3)
            .map(|i| {
                format!("<li><a href=\"/s{i}\">Source document number {i} of the report</a></li>")
            })
            .collect();
        let body = format!("{}<ul>{items}</ul>{}", prose(2), prose(2));
        assert!(promos_in(&body, None).is_empty());
    }

    #[test]
    fn follow_links_line_is_social() {
        let body = format!(
            "{}<p>Follow the Desk: <a href=\"/t\">Twitter</a> | <a href=\"/f\">Facebook</a></p>{}",
            prose(2),
            prose(1)
        );
        let found = promos_in(&body, None);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, PromoKind::Social);
    }

    #[test]
    fn long_bio_after_the_article_is_a_bio() {
        let bio =
            "Jane Roe is a reporter covering city hall, transit and the budget. She joined the \
                   paper in 2015 after six years at a wire service, where she covered three \
                   elections and a long strike. Before that she taught history at a high school \
                   and wrote a book about the river towns of the valley and the people in them.";
        assert!(bio.chars().count() > MAX_PHRASE_ONLY_CHARS);
        let body = format!("{}<p>{bio}</p>", prose(3));
        let found = promos_in(&body, Some("Jane Roe"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, PromoKind::Bio);
    }

    #[test]
    fn ad_labels_are_exact() {
        assert!(ad_label_signal(" Advertisement "));
        assert!(ad_label_signal("Anzeige"));
        assert!(!ad_label_signal(
            "Advertisement revenue fell sharply last year"
        ));
    }
}
