//! CriticMarkup
