"""The Strategy page under AppTest on the sample: the two questions of issue 14 in a click, reasons in words,
downloads that read back as the command line's rows, nothing written, names shown as text."""

from analyses.catalog import run
from analyses.questions import STRATEGY
from graph.effort import said
from tests.app.pages import app, read_table, texts
from tests.conftest import counts
from views.widgets import md_text

HOME = "kind:Agency country:AUS"
PACIFIC = STRATEGY["invest-pacific"].targets


def strategy_page(**query):
    return app("views/strategy.py", **query)


def metric(at, label):
    return next(m for m in at.metric if m.label == label)


def test_where_to_invest_from_a_link_answers_with_reasons_and_downloads_the_rows(sample_db, downloads):
    at = strategy_page(q="invest-pacific", home=HOME)
    assert not at.exception and not at.error
    assert at.text_input(key="targets-filter").value == PACIFIC
    shown = texts(at)
    assert (
        md_text("6 of 18 targets are not reached within 2 links. 1 link would bring 6 of them within reach.") in shown
    )
    assert md_text("Australian Federal Police partners with Pacific Islands Forum") in shown
    assert "1 − 1/e" in shown  # the guarantee is stated
    table = at.dataframe[0].value
    assert "partner" not in table.columns and table["Partner"].tolist() == ["Pacific Islands Forum"]  # names, not ids
    rows = run(sample_db, "investments", home=HOME, targets=PACIFIC, params=STRATEGY["invest-pacific"].params)
    read_back = read_table(downloads["investments-invest-pacific-2026-12-01.csv"])
    assert read_back["partner"].tolist() == [r["partner"] for r in rows] and read_back["total"].tolist() == [6]


def test_what_if_the_afp_program_ended_is_one_choice_away_and_writes_nothing(sample_db):
    before = counts(sample_db)
    at = strategy_page(home=HOME)
    at.selectbox(key="strategy-question").set_value("pacific-program-ends").run()
    assert not at.exception and not at.error
    assert at.radio(key="strategy-ask").value == "whatif"
    assert at.text_input(key="whatif-without").value == "Cyber Safety Pasifika"
    unreached = metric(at, "Unreached within 2 links")
    assert (unreached.value, unreached.delta) == ("10", "4")
    shown = texts(at)
    assert md_text("What if: without Cyber Safety Pasifika. Nothing is saved.") in shown
    assert md_text("Unreached within 2 links") + ": 6 → 10: " + md_text("now Nauru, Samoa, Tonga, Tuvalu") in shown
    moved = at.dataframe[1].value
    samoa = moved[moved["Target"] == "Samoa"].iloc[0]
    assert samoa["Reason"] == "before: every path within 2 links goes through Cyber Safety Pasifika"
    assert counts(sample_db) == before


def test_the_proposed_links_open_in_what_if(sample_db):
    at = strategy_page(q="invest-pacific", home=HOME)
    at.button(key="try-investments").click().run()
    assert not at.exception and at.radio(key="strategy-ask").value == "whatif"
    assert at.text_input(key="whatif-add").value == "afp -> pif"
    unreached = metric(at, "Unreached within 2 links")
    assert (unreached.value, unreached.delta) == ("0", "-6")


def test_key_players_and_brokers(sample_db):
    at = strategy_page(q="pacific-key-players", home=HOME)
    assert not at.exception
    assert at.dataframe[0].value["Entity"].iloc[0] == "Cyber Safety Pasifika"
    assert md_text("without Cyber Safety Pasifika, 4 targets would be unreached within 2 links") in texts(at)
    at = strategy_page(q="brokers-by-country", home=HOME)
    assert not at.exception and at.selectbox(key="brokerage-by").value == "country"
    brokers = at.dataframe[0].value
    assert {"Coordinator", "Gatekeeper", "Representative", "Consultant", "Liaison", "Constraint"} <= set(
        brokers.columns
    )
    assert "gatekeeper" in texts(at)
    at = strategy_page(home="", targets="", ask="brokerage")  # of the whole network: no sets needed
    assert not at.exception and not at.error and at.dataframe[0].value["Brokerage"].iloc[0] > 0


def test_a_bad_change_is_a_plain_error(sample_db):
    at = strategy_page(home=HOME, targets=PACIFIC, ask="whatif", without="Atlantis")
    assert not at.exception
    assert "no entity named 'Atlantis'" in at.error[0].value


def test_names_are_shown_as_text(db, tmp_path):
    from loaders.pipeline import load_paths

    hostile = "**Bold** [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    (tmp_path / "elements.csv").write_text(
        "Label,Type,Country,Region\n"
        "Home Agency,Agency,AUS,Pacific\n"
        f'"{hostile}",NGO,,Pacific\n'
        "Tonga,Country,,Pacific\n"
        "Samoa,Country,,Pacific\n"
    )
    (tmp_path / "connections.csv").write_text(
        f'From,To,Type\n"{hostile}",Tonga,partners with\n"{hostile}",Samoa,partners with\n'
    )
    assert not load_paths(db, [str(tmp_path)]).errors
    at = strategy_page(home=HOME, targets=PACIFIC)
    assert not at.exception
    shown = texts(at)
    assert md_text(f"Home Agency partners with {hostile}") in shown
    assert "](javascript:" not in shown and "<img" not in shown.replace("\\<img", "")
    assert at.dataframe[0].value["Partner"].tolist() == [hostile]  # the data frame holds it as plain text


def test_the_priority_grid_preset_draws_the_grid_and_shows_the_command_lines_rows(sample_db):
    question = STRATEGY["pacific-priority-grid"]
    at = strategy_page(q="pacific-priority-grid", home=HOME)
    assert not at.exception and not at.error
    assert at.radio(key="strategy-ask").value == "priority_grid"
    assert at.selectbox(key="priority_grid-x").value == "priority"
    assert at.selectbox(key="priority_grid-y").value == "home_links"
    rows = run(sample_db, "priority_grid", home=HOME, targets=question.targets, params=question.params)
    shown = at.dataframe[0].value
    assert shown["Target"].tolist() == [r["target_name"] for r in rows]
    assert shown["Quadrant"].tolist() == [r["quadrant"] for r in rows]
    assert "Build: open relationships here first" in texts(at)


def test_the_priority_grid_with_an_earlier_date_says_who_moved(sample_db):
    targets = STRATEGY["pacific-priority-grid"].targets
    at = strategy_page(ask="priority_grid", home=HOME, targets=targets, compare="2022-01-01", y="recency")
    assert not at.exception and not at.error
    rows = run(
        sample_db,
        "priority_grid",
        home=HOME,
        targets=STRATEGY["pacific-priority-grid"].targets,
        params={"compare": "2022-01-01", "y": "recency"},
    )
    moved = [r for r in rows if r["moved"]]
    assert moved  # engaged since 2022: some Pacific countries changed quadrant
    shown = texts(at)
    assert md_text("Since 1 January 2022: ") in shown
    for r in moved:
        assert md_text(f"{r['target_name']} {r['before_quadrant']} → {r['quadrant']}") in shown
    assert "Before quadrant" in at.dataframe[0].value.columns


def test_lines_of_effort_preset_says_the_gaps_shows_the_matrix_and_downloads_the_command_lines_rows(
    sample_db, downloads
):
    question = STRATEGY["pacific-lines-of-effort"]
    at = strategy_page(q="pacific-lines-of-effort", home=HOME)
    assert not at.exception and not at.error
    assert at.radio(key="strategy-ask").value == "lines_of_effort"
    assert at.multiselect(key="lines_of_effort-themes").value == ["awareness", "reporting", "legislation"]  # as asked
    rows = run(sample_db, "lines_of_effort", home=HOME, targets=question.targets, params=question.params)
    assert md_text(said(rows)) in texts(at)  # the sentence is the command line's rows, counted
    grid = at.dataframe[0].value
    assert grid.columns.tolist() == ["Target", "awareness", "reporting", "legislation"]  # themes as written
    fiji = grid[grid["Target"] == "Fiji"].iloc[0]
    assert "Australian Federal Police" in fiji["awareness"] and fiji["reporting"] != "gap"
    gaps = {(r["target_name"], r["theme"]) for r in rows if r["status"] == "gap"}
    assert (
        gaps
        and {
            (t, theme)
            for t, line in zip(grid["Target"], grid.to_dict("records"), strict=True)
            for theme, cell in line.items()
            if cell == "gap"
        }
        == gaps
    )  # a gap cell is a gap row
    read_back = read_table(downloads["lines-of-effort-pacific-lines-of-effort-2026-12-01.csv"])
    assert read_back[["target_id", "theme", "status"]].values.tolist() == [
        [r["target_id"], r["theme"], r["status"]] for r in rows
    ]
    at.multiselect(key="lines_of_effort-themes").set_value(["reporting"]).run()
    assert not at.exception and at.dataframe[0].value.columns.tolist() == ["Target", "reporting"]
    at.multiselect(key="lines_of_effort-themes").set_value([]).run()
    assert not at.exception and not at.dataframe and "Choose one theme or more." in texts(at)


def test_lines_of_effort_without_themes_in_the_data_says_how_to_add_them(db, tmp_path):
    from loaders.pipeline import load_paths

    (tmp_path / "elements.csv").write_text(
        "Label,Type,Country,Region\nHome Agency,Agency,AUS,Pacific\nTonga,Country,,Pacific\n"
    )
    assert not load_paths(db, [str(tmp_path)]).errors
    at = strategy_page(home=HOME, targets=PACIFIC, ask="lines_of_effort")
    assert not at.exception and not at.error
    assert "No engagement or program carries a theme yet" in texts(at)


def test_a_theme_is_shown_as_text(db, tmp_path):
    from loaders.pipeline import load_paths

    hostile = "**Bold** [x](javascript:alert(1))"
    (tmp_path / "elements.csv").write_text(
        "Label,Type,Country,Region,Themes\n"
        "Home Agency,Agency,AUS,Pacific,\n"
        f'Pacific Program,Program,,Pacific,"{hostile}"\n'
        "Tonga,Country,,Pacific,\n"
    )
    (tmp_path / "connections.csv").write_text(
        "From,To,Type\nHome Agency,Pacific Program,leads\nPacific Program,Tonga,operates in\n"
    )
    assert not load_paths(db, [str(tmp_path)]).errors
    at = strategy_page(home=HOME, targets=PACIFIC, ask="lines_of_effort")
    assert not at.exception and not at.error
    assert at.multiselect(key="lines_of_effort-themes").value == [hostile]
    assert "](javascript:" not in texts(at)  # nowhere read as Markdown
    grid = at.dataframe[0].value
    assert grid.columns.tolist() == ["Target", hostile] and grid.iloc[0].tolist() == ["Tonga", "Home Agency"]


def test_the_grid_table_names_each_measure_once_and_the_download_keeps_every_column(sample_db, downloads):
    at = strategy_page(q="pacific-priority-grid", home=HOME)
    shown = at.dataframe[0].value
    assert {"X", "Y", "X axis", "Y split", "Priority"} & set(shown.columns) == set()
    assert {"Target", "Priority level", "Home links", "Quadrant", "Advice"} <= set(shown.columns)
    (name,) = [n for n in downloads if n.startswith("priority-grid") and n.endswith(".csv")]
    assert {"x", "y", "x_axis", "priority", "priority_level"} <= set(read_table(downloads[name]).columns)
