//! The part of the OSCAL assessment-results model (`oscal_assessment-results_schema.json`)
//! that `smm report --format oscal` writes, field for field in the JSON names and order of the
//! OSCAL JSON format. OSCAL allows neither `null` nor an empty list for an optional field, so
//! every optional field is left out when empty.

use serde::Serialize;

#[derive(Serialize)]
pub struct Document {
    #[serde(rename = "assessment-results")]
    pub assessment_results: AssessmentResults,
}

#[derive(Serialize)]
pub struct AssessmentResults {
    pub uuid: String,
    pub metadata: Metadata,
    #[serde(rename = "import-ap")]
    pub import_ap: ImportAp,
    pub results: Vec<AssessmentResult>,
    #[serde(rename = "back-matter")]
    pub back_matter: BackMatter,
}

#[derive(Serialize)]
pub struct Metadata {
    pub title: String,
    pub published: String,
    #[serde(rename = "last-modified")]
    pub last_modified: String,
    pub version: &'static str,
    #[serde(rename = "oscal-version")]
    pub oscal_version: &'static str,
}

#[derive(Serialize)]
pub struct ImportAp {
    pub href: String,
    pub remarks: String,
}

#[derive(Serialize)]
pub struct AssessmentResult {
    pub uuid: String,
    pub title: String,
    pub description: String,
    pub start: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Property>,
    #[serde(rename = "reviewed-controls")]
    pub reviewed_controls: ReviewedControls,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub observations: Vec<Observation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
}

#[derive(Serialize)]
pub struct Property {
    pub name: &'static str,
    pub ns: &'static str,
    pub value: String,
}

#[derive(Serialize)]
pub struct ReviewedControls {
    pub description: String,
    #[serde(rename = "control-selections")]
    pub control_selections: Vec<ControlSelection>,
}

/// `include-all` or `include-controls`, one of the two.
#[derive(Serialize)]
pub struct ControlSelection {
    pub description: String,
    #[serde(rename = "include-all", skip_serializing_if = "Option::is_none")]
    pub include_all: Option<IncludeAll>,
    #[serde(rename = "include-controls", skip_serializing_if = "Vec::is_empty")]
    pub include_controls: Vec<SelectControl>,
}

/// OSCAL's `include-all`: an empty object.
#[derive(Serialize)]
pub struct IncludeAll {}

#[derive(Serialize)]
pub struct SelectControl {
    #[serde(rename = "control-id")]
    pub control_id: String,
}

#[derive(Serialize)]
pub struct Observation {
    pub uuid: String,
    pub title: String,
    pub description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Property>,
    pub methods: Vec<&'static str>,
    #[serde(rename = "relevant-evidence")]
    pub relevant_evidence: Vec<RelevantEvidence>,
    pub collected: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

#[derive(Serialize)]
pub struct RelevantEvidence {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    pub description: String,
}

#[derive(Serialize)]
pub struct Finding {
    pub uuid: String,
    pub title: String,
    pub description: String,
    pub props: Vec<Property>,
    pub target: FindingTarget,
    #[serde(rename = "related-observations", skip_serializing_if = "Vec::is_empty")]
    pub related_observations: Vec<RelatedObservation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
}

#[derive(Serialize)]
pub struct FindingTarget {
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(rename = "target-id")]
    pub target_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ObjectiveStatus>,
}

#[derive(Serialize)]
pub struct ObjectiveStatus {
    pub state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
}

#[derive(Serialize)]
pub struct RelatedObservation {
    #[serde(rename = "observation-uuid")]
    pub observation_uuid: String,
}

#[derive(Serialize)]
pub struct BackMatter {
    pub resources: Vec<Resource>,
}

#[derive(Serialize)]
pub struct Resource {
    pub uuid: String,
    pub title: String,
    pub description: String,
}
