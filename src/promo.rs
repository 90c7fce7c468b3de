//! Promo detection (see the module docs once written).

use ego_tree::NodeId;
use serde::Serialize;

use crate::dom::Document;
use crate::score::Picked;

/// What a promo block is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PromoKind {
    Newsletter,
    Subscription,
    Related,
    Social,
    Ad,
    Cta,
    Bio,
    Comments,
}

impl PromoKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PromoKind::Newsletter => "newsletter",
            PromoKind::Subscription => "subscription",
            PromoKind::Related => "related",
            PromoKind::Social => "social",
            PromoKind::Ad => "ad",
            PromoKind::Cta => "cta",
            PromoKind::Bio => "bio",
            PromoKind::Comments => "comments",
        }
    }
}

/// One promo block: its outermost element inside the article, its kind and its text.
pub struct FoundPromo {
    pub node: NodeId,
    pub kind: PromoKind,
    pub text: String,
}

pub fn detect(_doc: &Document, _picked: &Picked) -> Vec<FoundPromo> {
    Vec::new()
}
