"""``sitreps eval`` end to end on the hand-written fixture folder, and once on the shared data."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval_fixtures import SECRET

import sitreps.pipeline
from sitreps.cli import main
from sitreps.pipeline import Pipeline
from sitreps.settings import DEFAULT, Settings

SHARED = Path(__file__).resolve().parents[2] / "../shared/data"


@pytest.fixture()
def shared_pipeline(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> Pipeline:
    """``sitreps eval`` builds its pipeline; hand it the session's, already loaded."""
    monkeypatch.setattr(sitreps.pipeline, "Pipeline", lambda *a, **k: pipeline)
    return pipeline


def test_eval_writes_the_table_command_and_dev_detail(data_dir: Path, tmp_path: Path, shared_pipeline: Pipeline,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "docs" / "accuracy.md"
    main(["eval", "--data", str(data_dir), "--only", "case,ucdp,gtd,wikievents", "--markdown", str(out)])
    printed = capsys.readouterr()
    text = out.read_text("utf-8")
    for evaluation in ("CASE 2021 Task 2", "UCDP GED Iraq 2016 headlines", "GTD Iraq 2016 summaries", "WikiEvents"):
        assert evaluation in printed.out and evaluation in text and evaluation in printed.err  # err: wall times
    assert "| Evaluation (wall time) | Metric | dev | test |" in text
    assert f"sitreps eval --data {data_dir} --split all --only case,ucdp,gtd,wikievents --markdown {out}" in text
    assert "weighted F1, 25 ACLED labels" in text and "top 15 confusions" in text
    assert "| snippets (all 30 labels) | 3 | 3 |" in text
    assert "| summaries | 2 | 1 |" in text and "| event headlines | 2 | 1 |" in text
    assert "Bundled examples" not in text
    # the held-out half shows only aggregates: none of its words, and its labels only as dev gold
    assert SECRET not in printed.out + printed.err + text
    detail = text.split("## Dev half detail")[1]
    assert "NATURAL_DISASTER" not in detail and "AIR_STRIKE |" not in detail.split("per gold label")[1]


def test_eval_test_split_has_no_detail_and_skips_examples(data_dir: Path, tmp_path: Path,
                                                          shared_pipeline: Pipeline,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "acc.md"
    main(["eval", "--data", str(data_dir), "--split", "test", "--only", "case,examples", "--limit", "2",
          "--markdown", str(out)])
    text = out.read_text("utf-8")
    assert "| Evaluation (wall time) | Metric | test |" in text
    assert "| snippets (all 30 labels) | 2 |" in text
    assert "Dev half detail" not in text and "confusions" not in text
    assert "not run for --split test" in text


def test_eval_usage_errors(data_dir: Path, tmp_path: Path, shared_pipeline: Pipeline,
                           capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as bad_name:
        main(["eval", "--data", str(data_dir), "--only", "case,bogus"])
    assert bad_name.value.code != 0 and "bogus" in capsys.readouterr().err
    with pytest.raises(SystemExit) as no_data:
        main(["eval", "--only", "case"])
    assert no_data.value.code != 0 and "--data" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    main(["eval", "--data", str(empty), "--only", "gtd"])
    assert "not run: gtd-iraq-subset/gtd_iraq_2016_cleaned_subset.csv not found" in capsys.readouterr().out


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"the shared benchmark folder {SHARED} is absent on this machine")
def test_eval_on_the_shared_data(shared_pipeline: Pipeline, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    from sitreps.evaluate import case, gtd, ucdp, wikievents

    assert len(case.load(SHARED / case.FILE)) == 1019
    events = ucdp.load(SHARED / ucdp.FILE)
    assert len(events) == 725 and sum(len(e.headlines) for e in events) == 1115
    assert len(gtd.load(SHARED / gtd.FILE)) == 661
    assert [len(wikievents.load(SHARED / wikievents.FILES[s])) for s in ("dev", "test")] == [20, 20]
    main(["eval", "--data", str(SHARED), "--only", "examples", "--markdown", str(tmp_path / "acc.md")])
    printed = capsys.readouterr().out
    assert "Bundled examples" in printed and "event recall" in printed


def test_eval_runs_with_the_given_settings_and_records_them(data_dir: Path, tmp_path: Path, pipeline: Pipeline,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    import copy

    used: list[Settings] = []

    def make(settings: Settings = DEFAULT) -> Pipeline:
        used.append(settings)
        variant = copy.copy(pipeline)
        variant.settings = settings
        return variant

    monkeypatch.setattr(sitreps.pipeline, "Pipeline", make)
    out = tmp_path / "acc.md"
    main(["eval", "--data", str(data_dir), "--split", "dev", "--only", "case", "--type-model-sure", "1.0",
          "--markdown", str(out)])
    assert used == [DEFAULT.replace(type_model_sure=1.0)]
    assert f"sitreps eval --data {data_dir} --split dev --only case --type-model-sure 1.0 --markdown {out}" in out.read_text("utf-8")


def test_fusion_is_scored_on_the_dev_half_without_reading_the_test_file(
        data_dir: Path, tmp_path: Path, shared_pipeline: Pipeline, capsys: pytest.CaptureFixture[str]) -> None:
    # the fixture's January–June event cites two headlines: one gold pair; September is the test half
    out = tmp_path / "acc.md"
    main(["eval", "--data", str(data_dir), "--split", "dev", "--only", "fusion", "--markdown", str(out)])
    text = out.read_text("utf-8")
    assert "| UCDP events | 1 |" in text and "| same-event article pairs, UCDP | 1 |" in text
    assert "| articles UCDP cites | 2 |" in text
    assert SECRET not in text
