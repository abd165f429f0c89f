//! The party file's data values: what a baseline rendered from the party file marks as slots (see
//! `render::marks`).

use super::{Party, Person, Signer};

impl Party {
    /// Every data value of the party file, trimmed: legal names, the county, people's names, titles, emails and
    /// telephone numbers, notice addresses, signers, licenses and the dates the templates write. Short names are
    /// left out, since they name the bearer of each duty, and so are added provisions, which are terms.
    #[must_use]
    pub fn data_values(&self) -> rustc_hash::FxHashSet<String> {
        let mut out = rustc_hash::FxHashSet::default();
        let mut add = |s: &str| {
            let s = s.trim();
            if !s.is_empty() {
                out.insert(s.to_string());
            }
        };
        let person = |p: &Person, add: &mut dyn FnMut(&str)| {
            for v in [&p.name, &p.title, &p.email, &p.phone] {
                add(v);
            }
        };
        let signer = |s: &Signer, add: &mut dyn FnMut(&str)| {
            add(&s.name);
            add(&s.title);
        };
        add(&self.county);
        add(&self.effective_date.long());
        if let Some(d) = self.go_live_date {
            add(&d.long());
        }
        for m in &self.mcps {
            add(&m.legal_name);
            person(&m.responsible_person, &mut add);
            person(&m.liaison, &mut add);
            add(&m.notice.attention);
            add(&m.notice.address);
            add(&m.notice.email);
            signer(&m.signer, &mut add);
        }
        let o = &self.other;
        add(&o.legal_name);
        person(&o.responsible_person, &mut add);
        person(&o.liaison, &mut add);
        add(&o.notice.attention);
        add(&o.notice.address);
        add(&o.notice.email);
        signer(&o.signer, &mut add);
        for s in &self.subcontractors {
            add(&s.legal_name);
            add(&s.knox_keene_license);
            signer(&s.signer, &mut add);
        }
        out
    }
}
