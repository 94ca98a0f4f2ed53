//! Semantic checks over a workspace of `.smm` files: profiles resolved through `extends`,
//! assessments measured against them, evidence checked against the model. Plain data in and
//! out: the caller supplies the files (`Loader`, `Workspace`) and the model, and gets findings
//! with stable codes (`codes::CODES`) and a report per assessment.

mod analysis;
mod assessments;
mod cancel;
pub mod catalogs;
mod check_code;
mod clause_keys;
pub mod codes;
mod dates;
mod declared;
pub mod disk;
mod editions;
mod evidence;
mod files;
mod finding;
mod item_edit;
mod mapped;
mod options;
pub mod parallel;
mod position;
mod practice_status;
mod profiles;
mod ratings;
mod said;
mod summary;
mod values;
mod waivers;

pub use analysis::{check, declared_names, Analysis};
pub use assessments::AssessmentReport;
pub use cancel::Cancel;
pub use check_code::CheckCode;
pub use clause_keys::ClauseKeys;
pub use dates::Day;
pub use editions::Follows;
pub use files::{FileId, Loader, Located, Source, Workspace};
pub use finding::{Edit, Finding, Fix, Related, Waived};
pub use item_edit::ItemEdit;
pub use options::CheckOptions;
pub use position::line_column;
pub use practice_status::{Current, PracticeStatus};
pub use profiles::{ProfileRole, ResolvedProfile, ResolvedTarget};
pub use summary::{GroupSummary, StandardCoverage, Summary};
