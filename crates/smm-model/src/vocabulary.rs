//! The fixed vocabulary of the SMM: comprehensiveness levels, scopes and roles. These are part of
//! the language (a scope's rank decides whether a target is met), so they live in code.

/// A comprehensiveness level, 0–4.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Level {
    None = 0,
    Minimum = 1,
    AdHoc = 2,
    Consistent = 3,
    Formalized = 4,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::None,
        Level::Minimum,
        Level::AdHoc,
        Level::Consistent,
        Level::Formalized,
    ];

    pub fn from_number(n: i64) -> Option<Level> {
        Level::ALL.into_iter().find(|l| *l as i64 == n)
    }

    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn name(self) -> &'static str {
        match self {
            Level::None => "None",
            Level::Minimum => "Minimum",
            Level::AdHoc => "Ad hoc",
            Level::Consistent => "Consistent",
            Level::Formalized => "Formalized",
        }
    }

    /// What the level means for any practice, in this project's words.
    pub fn meaning(self) -> &'static str {
        match self {
            Level::None => "The practice is not carried out, or nothing shows that it is.",
            Level::Minimum => {
                "The practice exists in its most basic form: done when something forces it, by whoever is at hand, meeting only the bare minimum."
            }
            Level::AdHoc => {
                "The practice is done for the cases that matter most, but unevenly: it depends on individuals and is neither defined nor recorded across the organization."
            }
            Level::Consistent => {
                "The practice follows a defined process that is applied the same way across the scope, with records that show it was done."
            }
            Level::Formalized => {
                "The practice is documented, owned, measured and reviewed, and its results drive improvement of the practice itself."
            }
        }
    }
}

/// Where a target or rating applies, in increasing order of specificity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    General,
    Industry,
    System,
}

impl Scope {
    pub const ALL: [Scope; 3] = [Scope::General, Scope::Industry, Scope::System];

    pub fn from_id(id: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.id() == id)
    }

    pub fn id(self) -> &'static str {
        match self {
            Scope::General => "general",
            Scope::Industry => "industry",
            Scope::System => "system",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Scope::General => "Applies to any organization or system, whatever its sector.",
            Scope::Industry => {
                "Tailored to the needs, threats and regulations of one industry or sector."
            }
            Scope::System => {
                "Tailored to one particular system, with its own architecture, risks and constraints."
            }
        }
    }
}

/// Who a profile or assessment speaks for; it decides which 62443 parts apply.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Role {
    AssetOwner,
    ProductSupplier,
    ServiceProvider,
}

impl Role {
    pub const ALL: [Role; 3] = [
        Role::AssetOwner,
        Role::ProductSupplier,
        Role::ServiceProvider,
    ];

    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == id)
    }

    pub fn id(self) -> &'static str {
        match self {
            Role::AssetOwner => "asset-owner",
            Role::ProductSupplier => "product-supplier",
            Role::ServiceProvider => "service-provider",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Role::AssetOwner => "Asset owner",
            Role::ProductSupplier => "Product supplier",
            Role::ServiceProvider => "Service provider",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Role::AssetOwner => "Owns and operates the system, and carries its risk.",
            Role::ProductSupplier => {
                "Develops and supports the components and products a system is built from."
            }
            Role::ServiceProvider => {
                "Integrates, maintains or operates systems on the owner's behalf."
            }
        }
    }
}
