//! Headline figures of the bundled samples (`samples/pdf`), end to end. The expected prose
//! figures are read by hand from the printed text: the seed's 情况说明
//! (`tests/fixtures/seed/changzhi_2023_unit_budget_seed.txt`, 第三部分) and the two sentences of
//! the invented final accounts. The truth files (`samples/truth`) hold tables, not figures.

use std::collections::BTreeSet;
use std::path::Path;
use std::str::FromStr;

use budgetpdf::pipeline::{self, Settings};
use budgetpdf::report::{CheckStatus, DocumentReport, FigureSource, Source};
use rust_decimal::Decimal;

fn convert(name: &str) -> DocumentReport {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples/pdf")
        .join(format!("{name}.pdf"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let source = Source {
        path: name.to_string(),
        ..Source::default()
    };
    pipeline::convert_document(source, &bytes, &Settings::default())
}

/// The distinct `(figure, amount in yuan)` a document states from `source`.
fn stated(report: &DocumentReport, source: FigureSource) -> BTreeSet<(String, Decimal)> {
    report
        .figures
        .iter()
        .filter(|f| f.source == source)
        .map(|f| (f.figure.clone(), f.amount.normalize()))
        .collect()
}

fn expected(pairs: &[(&str, &str)]) -> BTreeSet<(String, Decimal)> {
    pairs
        .iter()
        .map(|(figure, yuan)| {
            (
                figure.to_string(),
                Decimal::from_str(yuan).unwrap().normalize(),
            )
        })
        .collect()
}

/// Every check on figures passes (or rounds): prose and tables agree, totals add up.
fn figure_checks_hold(report: &DocumentReport) {
    let figure_checks: Vec<_> = report
        .checks
        .iter()
        .filter(|c| c.rule.starts_with("figures."))
        .collect();
    assert!(
        !figure_checks.is_empty(),
        "{}: no figure checks",
        report.source.path
    );
    for check in figure_checks {
        assert_ne!(
            check.status,
            CheckStatus::Fail,
            "{}: {check:?}",
            report.source.path
        );
    }
}

const SEED_RENDERINGS: [&str; 5] = [
    "changzhi_2023_unit_budget_writer",
    "changzhi_2023_unit_budget_writer_gs",
    "changzhi_2023_unit_budget_writer_aes128",
    "changzhi_2023_unit_budget_writer_rotated",
    "changzhi_2023_unit_budget_chromium",
];

#[test]
fn the_seed_states_its_figures_in_prose_and_tables_alike_in_every_rendering() {
    // 一、…预算收入总计866.53万元，其中：本年收入866.53万元，上年结转0.00万元…；本年单位预算支出总计
    // 866.53万元… 二、…预算收入866.53万元，主要包括一般公共预算拨款收入866.53万元…政府性基金预算拨款
    // 收入0.00万元…国有资本经营预算拨款收入0.00万元…上年结转0.00万元。三、…支出预算866.53万元，
    // 其中：基本支出118.43万元…项目支出748.1万元。四、…收入为一般公共预算拨款866.53万元，政府性基
    // 金预算拨款0.00万元，国有资本经营预算拨款0.00万元。九、…政府采购预算总额707.6万元。其中：政府
    // 采购货物预算444.6万元、政府采购工程预算0万元、政府采购服务预算263万元。
    let prose = expected(&[
        ("revenue_total", "8665300"),
        ("revenue_current", "8665300"),
        ("carryover", "0"),
        ("expenditure_total", "8665300"),
        ("general_budget_appropriation", "8665300"),
        ("gov_fund_appropriation", "0"),
        ("state_capital_appropriation", "0"),
        ("basic_expenditure", "1184300"),
        ("project_expenditure", "7481000"),
        ("procurement_total", "7076000"),
        ("procurement_goods", "4446000"),
        ("procurement_works", "0"),
        ("procurement_services", "2630000"),
    ]);
    // 收支总表 (一般公共预算, 本年收入合计, 收入总计, 本年支出合计, 支出总计) and 支出总表 (合计, 基本,
    // 项目); the 三公 and 机关运行经费 tables print no amount.
    let tables = expected(&[
        ("revenue_total", "8665300"),
        ("revenue_current", "8665300"),
        ("general_budget_appropriation", "8665300"),
        ("expenditure_total", "8665300"),
        ("expenditure_current", "8665300"),
        ("basic_expenditure", "1184300"),
        ("project_expenditure", "7481000"),
    ]);
    for name in SEED_RENDERINGS {
        let report = convert(name);
        assert_eq!(stated(&report, FigureSource::Prose), prose, "{name} prose");
        assert_eq!(
            stated(&report, FigureSource::Table),
            tables,
            "{name} tables"
        );
        figure_checks_hold(&report);
        // 收入总计 866.53 = 本年收入 866.53 + 上年结转 0.00, in prose and in tables.
        assert!(
            report
                .checks
                .iter()
                .any(|c| c.rule == "figures.revenue_eq_current_plus_carryover" && c.table.is_none())
        );
    }
}

#[test]
fn the_final_accounts_state_totals_and_spending_in_one_sentence_each() {
    // 一、收入支出决算总体情况说明：2024年度收入总计X万元，支出总计X万元。
    // 二、支出决算情况说明：2024年度本年支出合计Y万元，其中基本支出B万元，项目支出P万元。
    for (name, total, current, basic, project, complete) in [
        (
            "jianghai_2024_dept_final_planning_chromium",
            "210106900",
            "209888200",
            "57207000",
            "152681200",
            true,
        ),
        // The Calc rendering sets 项目支出's amount so close to the next line that the text layer
        // reads the two as one row (`9三8、25“.0三1万公元”。…`): its 项目支出 is lost before the
        // figures are read, and nothing else may be misread.
        (
            "jianghai_2024_unit_final_registry_calc",
            "138172700",
            "137919000",
            "39668900",
            "98250100",
            false,
        ),
    ] {
        let report = convert(name);
        let prose = stated(&report, FigureSource::Prose);
        let printed = expected(&[
            ("revenue_total", total),
            ("expenditure_total", total),
            ("expenditure_current", current),
            ("basic_expenditure", basic),
            ("project_expenditure", project),
        ]);
        assert!(prose.is_subset(&printed), "{name}: {prose:?}");
        assert!(prose.len() >= printed.len() - 1, "{name}: {prose:?}");
        if complete {
            assert_eq!(prose, printed, "{name}");
        }
        figure_checks_hold(&report);
        let compared: BTreeSet<String> = report
            .checks
            .iter()
            .filter(|c| c.rule == "figures.prose_eq_table")
            .map(|c| c.detail.split(':').next().unwrap_or("").to_string())
            .collect();
        let stated_keys: BTreeSet<String> = prose.into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            compared, stated_keys,
            "{name}: every prose figure is compared"
        );
    }
}

#[test]
fn the_figures_of_a_table_only_budget_come_from_its_tables() {
    let report = convert("jianghai_2026_unit_budget_school_writer");
    assert!(stated(&report, FigureSource::Prose).is_empty());
    let tables = stated(&report, FigureSource::Table);
    for figure in [
        "revenue_total",
        "expenditure_total",
        "basic_expenditure",
        "project_expenditure",
        "three_public_total",
        "reception",
    ] {
        assert!(
            tables.iter().any(|(f, _)| f == figure),
            "{figure} missing: {tables:?}"
        );
    }
    figure_checks_hold(&report);
}
