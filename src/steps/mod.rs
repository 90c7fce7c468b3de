//! The steps that find the article in the parsed page, in the order the pipeline runs them.

pub mod clean;
pub mod metadata;
pub mod promo;
pub mod prune;
pub mod score;
pub mod standfirst;
