//! The words of 绩效目标 forms (`[forms]` in the catalogue): the labels whose cells are
//! followed by their value, the labels that open a new part of the form, the header of the
//! indicator block and the signature rows under it.

use serde::Deserialize;

use super::{CatalogueError, words};

/// The labels a 项目支出绩效目标 form prints, squashed.
#[derive(Debug, Clone)]
pub struct FormWords {
    /// The project's name (`项目名称`).
    pub project: Vec<String>,
    /// The department in charge (`主管部门`).
    pub department: Vec<String>,
    /// The unit that carries the project out (`实施单位`).
    pub implementing_unit: Vec<String>,
    /// The total of the project's funds (`资金总额`), anywhere in a label.
    pub funds_total: Vec<String>,
    /// A label opening the project's funds by source (`项目资金`).
    pub funds: Vec<String>,
    /// A word naming funds (`资金`): a cell printing it with the amount unit says the unit of the
    /// form's amounts.
    pub fund_words: Vec<String>,
    /// Labels opening a new part of the form (`项目概况`, `立项依据`, `年度目标`).
    pub sections: Vec<String>,
    /// Labels of the rows stating the project's goals (`总体目标`, `年度目标`).
    pub goals: Vec<String>,
    /// The indicator block's header cells: 一级, 二级, 三级 indicator and the value, each one of
    /// its alternatives.
    pub indicator_columns: [Vec<String>; 4],
    /// Labels of the signature rows under the form (`负责人`, `联系电话`).
    pub footer: Vec<String>,
}

/// `[forms]` as written in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FormsFile {
    project: Vec<String>,
    department: Vec<String>,
    implementing_unit: Vec<String>,
    funds_total: Vec<String>,
    funds: Vec<String>,
    fund_words: Vec<String>,
    sections: Vec<String>,
    goals: Vec<String>,
    indicators: IndicatorsFile,
    footer: Vec<String>,
}

/// `[forms.indicators]` as written in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorsFile {
    level1: Vec<String>,
    level2: Vec<String>,
    level3: Vec<String>,
    value: Vec<String>,
}

impl FormWords {
    pub(super) fn new(file: &FormsFile) -> Result<FormWords, CatalogueError> {
        let list = |name: &str, list: &[String]| words(&format!("forms.{name}"), list);
        let i = &file.indicators;
        Ok(FormWords {
            project: list("project", &file.project)?,
            department: list("department", &file.department)?,
            implementing_unit: list("implementing_unit", &file.implementing_unit)?,
            funds_total: list("funds_total", &file.funds_total)?,
            funds: list("funds", &file.funds)?,
            fund_words: list("fund_words", &file.fund_words)?,
            sections: list("sections", &file.sections)?,
            goals: list("goals", &file.goals)?,
            indicator_columns: [
                list("indicators.level1", &i.level1)?,
                list("indicators.level2", &i.level2)?,
                list("indicators.level3", &i.level3)?,
                list("indicators.value", &i.value)?,
            ],
            footer: list("footer", &file.footer)?,
        })
    }
}
