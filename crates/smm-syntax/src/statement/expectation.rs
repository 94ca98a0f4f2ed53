//! What each keyword expects after it, for the messages that say what is missing or wrong.

use crate::token::Keyword;

/// What a keyword expects after it, in words, and an example line.
pub(super) fn expectation(keyword: Keyword) -> (&'static str, &'static str) {
    match keyword {
        Keyword::Profile => ("a profile name", "profile factory-baseline"),
        Keyword::Assessment => (
            "an assessment name",
            "assessment line-4 \"Packaging line 4\" { }",
        ),
        Keyword::Industry => ("an industry name", "industry manufacturing"),
        Keyword::Extends => (
            "the name of the profile to extend",
            "extends general-baseline",
        ),
        Keyword::Follows => (
            "the id of the edition to follow",
            "follows iec62443-2-1-2010",
        ),
        Keyword::Role => ("a role", "role asset-owner"),
        Keyword::Waive => (
            "the check code to waive",
            "waive unmet-target for access-control expires 2027-03-31 { reason \"…\" owner \"…\" }",
        ),
        Keyword::Reason => ("a quoted reason", "reason \"Replacement HMIs arrive in March\""),
        Keyword::Owner => ("a quoted owner", "owner \"R. Okafor\""),
        Keyword::Description => ("a quoted description", "description \"Why this exists\""),
        Keyword::Target => (
            "a practice id",
            "target access-control level 3 scope industry",
        ),
        Keyword::Practice => (
            "a practice id",
            "practice access-control level 2 scope industry",
        ),
        Keyword::Level => ("a level number", "level 3"),
        Keyword::Scope => ("a scope", "scope industry"),
        Keyword::Rationale => ("a quoted rationale", "rationale \"Why this level\""),
        Keyword::Note => ("a quoted note", "note \"What remains open\""),
        Keyword::Date => ("a date", "date 2026-10-01"),
        Keyword::Assessor => ("the assessor's name in quotes", "assessor \"A. Assessor\""),
        Keyword::Evidence => (
            "a quoted description of the evidence",
            "evidence \"Quarterly account review\" implements iso27002:5.15",
        ),
        Keyword::Implements => ("a clause reference", "implements iec62443-3-3:SR1.1"),
        Keyword::Expires => ("a date", "expires 2027-09-30"),
        Keyword::Link => ("a quoted path or URL", "link \"docs/review.pdf\""),
        Keyword::Stub => ("nothing", "evidence \"Account review records\" implements iso27002:5.18 stub"),
        Keyword::Framework => ("a framework id", "framework smm \"IoT Security Maturity Model\" { }"),
        Keyword::Standard => ("a standard id", "standard iso27002 \"Information security controls\" { }"),
        Keyword::Extend => ("a clause reference", "extend iec62443-3-3:SR1.1 { text \"...\" }"),
        Keyword::Domain => ("a domain id", "domain governance \"Governance\""),
        Keyword::Subdomain => (
            "a subdomain id",
            "subdomain threat-modeling-sub \"Threat Modeling\" parent governance",
        ),
        Keyword::Objective => ("a quoted objective", "objective \"What the practice is for\""),
        Keyword::Comprehensiveness => (
            "a level number and a quoted text",
            "comprehensiveness 3 \"What level 3 means for this practice\"",
        ),
        Keyword::Source => ("a quoted source", "source \"Where the identifiers come from\""),
        Keyword::Edition => ("a quoted edition", "edition \"2 (2024)\""),
        Keyword::Supersedes => ("a standard id", "supersedes iec62443-2-1-2010"),
        Keyword::Clause => (
            "a clause reference",
            "clause iec62443-3-3:SR1.1 \"Human user identification and authentication\" parent iec62443-3-3:FR1",
        ),
        Keyword::Parent => (
            "the id of the parent",
            "parent iec62443-3-3:FR1 (for a clause) or parent governance (for a subdomain)",
        ),
        Keyword::Annex => ("a quoted annex label and a standard id", "annex \"A\" iso27002"),
        Keyword::Text => ("a quoted text", "text \"A paragraph you hold a licence for\""),
        Keyword::SecurityLevel => ("a security level from 1 to 4", "security-level 3"),
        Keyword::Mapping => ("a mapping id", "mapping my-mapping \"Our mapping\" { }"),
        Keyword::Map => (
            "a practice id",
            "map access-control level 2 to iec62443-3-3:SR2.1 as subset for asset-owner",
        ),
        Keyword::To => ("a clause reference", "to iec62443-3-3:SR2.1"),
        Keyword::As => ("a relationship", "as subset"),
        Keyword::For => (
            "roles (on a `map` line) or a practice (on a `waive` line)",
            "for asset-owner product-supplier, or for access-control",
        ),
        Keyword::Via => ("a clause reference", "via iec62443:SL2"),
        Keyword::Unmapped => (
            "a clause reference",
            "unmapped iec62443-4-2:CR7.5 { rationale \"Why no practice maps it\" }",
        ),
    }
}
