"""Notebook structure rules and notebook code cells through the Python rules."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell
from support import cli, write

ROOT = Path(__file__).resolve().parents[1]
EXEMPLAR = ROOT / "examples" / "exemplar.ipynb"
TITLE = "# Fitting a line\n\nFits a line to noisy data with gradient descent."
OUTLINE = [
    ("## Imports and Setup\n\nEverything the notebook needs.", "import math"),
    ("## Configuration\n\nEvery hyperparameter lives here.", "LEARNING_RATE = 0.1"),
    ("## Data Loading\n\nSynthetic points on a line.", "xs = [0.0, 1.0]"),
    ("## Model Definition\n\nA line with two parameters.", "weight = 0.0"),
    ("## Training\n\nPlain gradient descent steps.", "weight += LEARNING_RATE"),
    ("## Evaluation\n\nError on held-out points.", "error = abs(weight - 2)"),
    ("## Visualization\n\nA text plot of the loss.", "print('#' * 3)"),
    ("## Conclusions and Next Steps\n\nIt works; try more data.", None),
]


def notebook(tmp_path: Path, cells: list[tuple[str, str]], name: str = "nb.ipynb") -> Path:
    """Write a notebook with Jupyter's own writer.

    Args:
        tmp_path: The directory.
        cells: (kind, source) pairs, kind ``md``, ``code`` or ``raw``.
        name: The file name.

    Returns:
        The notebook's path.
    """
    kinds = {"md": new_markdown_cell, "code": new_code_cell, "raw": new_raw_cell}
    made = [kinds[kind](src) for kind, src in cells]
    path = tmp_path / name
    nbformat.write(new_notebook(cells=made), path)
    return path


def outline_cells(
    sections: list[tuple[str, str | None]] = OUTLINE,
) -> list[tuple[str, str]]:
    """A title cell, then each section's markdown and (optional) code cell."""
    cells = [("md", TITLE)]
    for markdown, code in sections:
        cells.append(("md", markdown))
        if code is not None:
            cells.append(("code", code))
    return cells


def run(
    capsys: pytest.CaptureFixture[str], path: Path, *args: str
) -> list[tuple[str, int | None, int, int]]:
    """(code, cell, line, column) of each finding of ``ml-lint check PATH ARGS``."""
    import json

    result = cli(capsys, "check", str(path), "--format", "json", *args)
    assert result.code in (0, 1), result.err
    found: list[dict[str, Any]] = json.loads(result.out)
    return [(f["code"], f["cell"], f["line"], f["column"]) for f in found]


def messages(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> str:
    """The text report of ``ml-lint check PATH ARGS``."""
    return cli(capsys, "check", str(path), *args).out


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the scratch directory, outside any repository configuration."""
    monkeypatch.chdir(tmp_path)


def test_the_exemplar_passes_every_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The committed exemplar notebook follows the whole guide."""
    copy = tmp_path / "exemplar.ipynb"
    shutil.copy(EXEMPLAR, copy)
    assert run(capsys, copy) == []


def test_a_complete_outline_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Title, the eight sections in order, each explained, code where it belongs."""
    assert run(capsys, notebook(tmp_path, outline_cells()), "--select", "ML31") == []


@pytest.mark.parametrize(
    "data",
    [
        "## Data Loading\n\nPoints, as in:\n\n```html\n<h2>Evaluation</h2>\n```",
        "## Data Loading\n\nWrite `<h2>Evaluation</h2>` to open a section, not this.",
        "## Data Loading\n\n```pip install numpy``` installs what loading needs here.",
        "## Data Loading\n\nPoints below.\n\n```\n~~~\n# Evaluation\n```\n\nDone with them.",
        "## Data Loading\n\nTwo splits:\n\n- the training split\n- the evaluation split\n---",
    ],
    ids=["html-in-fence", "html-in-inline-code", "inline-backticks", "tilde-in-fence", "list"],
)
def test_code_and_lists_never_open_sections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: str
) -> None:
    """Headings in fenced or inline code, and a list item over `---`, are no sections."""
    outline = [(data if md.startswith("## Data") else md, code) for md, code in OUTLINE]
    assert run(capsys, notebook(tmp_path, outline_cells(outline)), "--select", "ML31") == []


def test_prose_in_any_script_explains_a_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Russian words and Chinese characters count as prose, and as configured synonyms."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ml-lint.notebooks.section-synonyms]\ndata = ["データ"]\n', encoding="utf-8"
    )
    outline = [
        ("## データ\n\n训练数据来自一个简单的合成数据集。", code)
        if md.startswith("## Data")
        else (md.replace("Plain gradient descent steps.", "Обычный градиентный спуск."), code)
        for md, code in OUTLINE
    ]
    assert run(capsys, notebook(tmp_path, outline_cells(outline)), "--select", "ML31") == []


@pytest.mark.parametrize(
    ("first_cells", "codes"),
    [
        ([("md", "# Fitting a line\n\n## Overview\n\nWe fit a line to noisy points.")], []),
        ([("md", "# Fitting a line"), ("md", "## About\n\nWe fit a line to points.")], []),
        (
            [("md", "# Fitting a line\n\n[![Open In Colab](badge.svg)](https://colab.to/x)")],
            ["ML310"],
        ),
        ([("md", "# Fitting a line\n\nhttps://example.com/the-paper-it-follows")], ["ML310"]),
    ],
    ids=["overview-heading", "about-cell", "badge-only", "url-only"],
)
def test_the_title_is_described_in_prose(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    first_cells: list[tuple[str, str]],
    codes: list[str],
) -> None:
    """Prose under the title, or under an Overview heading after it; a badge or URL is none."""
    cells = first_cells + outline_cells()[1:]
    assert [code for code, *_ in run(capsys, notebook(tmp_path, cells), "--select", "ML31")] == (
        codes
    )


def test_sections_demoted_by_a_higher_heading_are_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One `#` section heading makes the `##` ones sub-sections; the finding says so."""
    sections = [*OUTLINE[:-1], ("# Conclusions and Next Steps\n\nIt works.", None)]
    path = notebook(tmp_path, outline_cells(sections))
    assert [code for code, *_ in run(capsys, path, "--select", "ML311")] == ["ML311"]
    text = messages(capsys, path, "--select", "ML311")
    assert "missing sections 'Imports and Setup'," in text
    assert (
        "(the heading in cell 2 is a sub-section: the level-1 heading in cell 16 sets the "
        "sections' level; give every section heading one level)" in text
    )


@pytest.mark.parametrize(
    ("first", "message"),
    [
        (("code", "import math"), "start the notebook with a markdown cell"),
        (("md", "Some notes first."), "no `# Title`"),
        (("md", "# Title only"), "add a sentence under the title"),
    ],
)
def test_title_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], first: tuple[str, str], message: str
) -> None:
    """The first cell must be markdown with an H1 and a description."""
    cells = [first, *outline_cells()[1:]]
    path = notebook(tmp_path, cells)
    assert run(capsys, path, "--select", "ML310") == [("ML310", 1, 1, 1)]
    assert message in messages(capsys, path, "--select", "ML310")


def test_html_title_and_headings_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`<h1>` and `<h2>` headings are headings too."""
    cells = outline_cells()
    cells[0] = ("md", "<h1>Fitting a line</h1>\n\nFits a line to noisy data.")
    cells[1] = ("md", "<h2>Imports and Setup</h2>\n\nEverything the notebook needs.")
    assert run(capsys, notebook(tmp_path, cells), "--select", "ML31") == []


@pytest.mark.parametrize(
    ("opening", "found"),
    [
        ([("raw", "---\ntitle: Fitting a line\nformat: html\n---\n"), ("md", "Fits a line.")], []),
        ([("raw", "---\nformat: html\n---"), ("md", "# Fitting a line\n\nFits a line.")], []),
        ([("raw", "---\nformat: html\n---"), ("md", "Fits a line.")], [("ML310", 2, 1, 1)]),
        ([("raw", "---\ntitle: Fitting a line\n---"), ("code", "x = 1")], [("ML310", 2, 1, 1)]),
        ([("raw", "Not front matter."), ("md", "# Fitting a line\n\nFits.")], [("ML310", 1, 1, 1)]),
    ],
)
def test_front_matter_opens_the_notebook_and_may_hold_its_title(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    opening: list[tuple[str, str]],
    found: list[tuple[str, int, int, int]],
) -> None:
    """A raw cell of YAML front matter (Quarto, R Markdown) comes before the title."""
    path = notebook(tmp_path, [*opening, *outline_cells()[1:]])
    assert run(capsys, path, "--select", "ML31") == found


def test_markdown_with_lone_carriage_returns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lone CR ends a markdown line (CommonMark): the title has its description."""
    cells = outline_cells()
    cells[0] = ("md", "# Fitting a line\r\rFits a line to noisy data.")
    assert run(capsys, notebook(tmp_path, cells), "--select", "ML31") == []


def test_missing_section_names_it_and_shows_the_outline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One missing section is named, with its synonyms and the expected outline."""
    sections = [s for s in OUTLINE if not s[0].startswith("## Visualization")]
    path = notebook(tmp_path, outline_cells(sections))
    assert run(capsys, path, "--select", "ML311") == [("ML311", None, 1, 1)]
    text = messages(capsys, path, "--select", "ML311")
    assert "missing section 'Visualization'" in text and "plots" in text
    assert "expected outline: Title and description > Imports and Setup > Configuration" in text


def test_several_missing_sections_are_one_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A notebook without structure gets one finding listing every missing section."""
    path = notebook(tmp_path, [("md", TITLE), ("code", "x = 1")])
    assert run(capsys, path, "--select", "ML311") == [("ML311", None, 1, 1)]
    assert "'Imports and Setup', 'Configuration', 'Data Loading'" in messages(capsys, path)


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("## Setup", "## Imports and Setup"),
        ("## 2. Hyperparameters", "## Configuration"),
        ("## Step 3: Load the Dataset", "## Data Loading"),
        ("## ARCHITECTURE", "## Model Definition"),
        ("## Experiment", "## Training"),
        ("## Results & Metrics", "## Evaluation"),
        ("## Plots", "## Visualization"),
        ("## Summary", "## Conclusions and Next Steps"),
        ("## 4) Model Training", "## Training"),
        ("## Data Visualization", "## Visualization"),
    ],
)
def test_section_synonyms_numbering_and_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str, section: str
) -> None:
    """Synonyms, numbering and case do not matter; the longest synonym decides."""
    sections = [
        (markdown.replace(section, heading, 1), code)
        if markdown.startswith(section + "\n")
        else (markdown, code)
        for markdown, code in OUTLINE
    ]
    assert run(capsys, notebook(tmp_path, outline_cells(sections)), "--select", "ML31") == []


def test_headings_in_fenced_code_do_not_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `## Training` line inside a code fence is not a heading."""
    sections = [s for s in OUTLINE if not s[0].startswith("## Training")]
    cells = outline_cells(sections)
    cells.append(("md", "Example:\n\n```\n## Training\n```"))
    assert [f[0] for f in run(capsys, notebook(tmp_path, cells), "--select", "ML311")] == ["ML311"]


def test_sections_out_of_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Data loaded after the model is defined: the misplaced heading is reported."""
    sections = list(OUTLINE)
    sections[2], sections[3] = sections[3], sections[2]
    cells = outline_cells(sections)
    path = notebook(tmp_path, cells)
    data_cell = next(i for i, (_, src) in enumerate(cells, 1) if src.startswith("## Data"))
    assert run(capsys, path, "--select", "ML312") == [("ML312", data_cell, 1, 1)]
    assert "'Data Loading' comes after 'Model Definition'" in messages(capsys, path)


def test_configured_order_and_optional_sections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The required list, its order and optional sections come from the configuration."""
    write(
        tmp_path,
        "pyproject.toml",
        "[tool.ml-lint.notebooks]\n"
        'sections = ["setup", "data", "training", "visualization"]\n'
        'optional-sections = ["visualization"]\n',
    )
    sections = [OUTLINE[0], OUTLINE[2], OUTLINE[4]]
    assert run(capsys, notebook(tmp_path, outline_cells(sections)), "--select", "ML31") == []


def test_custom_section_synonyms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A team can add a section with its own synonyms; an unknown section is an error."""
    write(
        tmp_path,
        "pyproject.toml",
        '[tool.ml-lint.notebooks]\nsections = ["setup", "ablation"]\n'
        '[tool.ml-lint.notebooks.section-synonyms]\nablation = ["Ablation Study", "ablations"]\n',
    )
    cells = outline_cells([OUTLINE[0], ("## Ablations\n\nRemove one part at a time.", "y = 1")])
    assert run(capsys, notebook(tmp_path, cells), "--select", "ML31") == []
    write(tmp_path, "pyproject.toml", '[tool.ml-lint.notebooks]\nsections = ["ablation"]\n')
    result = cli(capsys, "check", "nb.ipynb")
    assert result.code == 2 and "section 'ablation' has no synonyms" in result.err


def test_unexplained_heading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A heading followed directly by code is reported; prose in the next cell explains it."""
    sections = list(OUTLINE)
    sections[4] = ("## Training", "weight += LEARNING_RATE")
    cells = outline_cells(sections)
    path = notebook(tmp_path, cells)
    training = next(i for i, (_, src) in enumerate(cells, 1) if src == "## Training")
    assert run(capsys, path, "--select", "ML313") == [("ML313", training, 1, 1)]
    cells.insert(training, ("md", "Descent."))  # one word explains nothing
    path = notebook(tmp_path, cells)
    assert run(capsys, path, "--select", "ML313") == [("ML313", training, 1, 1)]
    assert "(two words or more)" in messages(capsys, path, "--select", "ML313")
    cells[training] = ("md", "Plain gradient descent, one step per point.")
    assert run(capsys, notebook(tmp_path, cells), "--select", "ML313") == []


def test_imports_and_hyperparameters_outside_their_sections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Top-level imports and UPPER_CASE literals belong to setup and configuration."""
    sections = list(OUTLINE)
    sections[4] = (
        "## Training\n\nPlain gradient descent steps.",
        "import random\nEPOCHS = 3\nlabel = 'x'\nSTEPS = len(label)\n"
        "def step():\n    import math\n    return math.pi\nif True:\n    from os import path",
    )
    cells = outline_cells(sections)
    path = notebook(tmp_path, cells)
    training = next(i for i, (_, src) in enumerate(cells, 1) if src.startswith("import random"))
    assert run(capsys, path, "--select", "ML314,ML315") == [
        ("ML314", training, 1, 1),
        ("ML315", training, 2, 1),
        ("ML314", training, 9, 5),
    ]


def test_placement_looks_into_every_block_and_literal_arithmetic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Imports in a loop body count as in an if; `A, B = 1, 2` and `2 ** 10` are settings."""
    sections = list(OUTLINE)
    sections[4] = (
        "## Training\n\nPlain gradient descent steps.",
        "for _ in range(2):\n    import random\nwhile False:\n    import math\n"
        "BATCH, EPOCHS = 8, 3\nMAX_LEN = 2 ** 10\nlabel = 'x'",
    )
    cells = outline_cells(sections)
    path = notebook(tmp_path, cells)
    training = next(i for i, (_, src) in enumerate(cells, 1) if src.startswith("for _"))
    assert run(capsys, path, "--select", "ML314,ML315") == [
        ("ML314", training, 2, 5),
        ("ML314", training, 4, 5),
        ("ML315", training, 5, 1),
        ("ML315", training, 6, 1),
    ]


def test_code_cells_go_through_the_python_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Cells are parsed with IPython syntax blanked; findings name the cell and its line."""
    long_line = "text = '" + "a" * 100 + "'"
    path = notebook(
        tmp_path,
        [
            ("md", TITLE),
            ("code", "%matplotlib inline\n!pip install tqdm\nfiles = !ls\nimport os\nos.path?"),
            ("code", "%%bash\necho " + "b" * 120),
            ("code", "%%time\nif True:\n\ty = 1"),
            ("code", f"x = 1\n{long_line}"),
            ("code", "def broken(:\n    pass"),
        ],
    )
    with pytest.raises(SyntaxError) as error:
        compile("def broken(:\n    pass", "cell", "exec")
    assert run(capsys, path, "--select", "ML0") == [
        ("ML011", 4, 3, 1),
        ("ML010", 5, 2, 101),
        ("ML003", 6, 1, error.value.offset),
    ]
    assert "nb.ipynb:cell 5:2:101: ML010" in messages(capsys, path, "--select", "ML0")


def test_an_indented_cell_is_checked_as_ipython_runs_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A first line's indent comes off every line (IPython); columns count in the cell."""
    cell = "    %matplotlib inline\n    def shout(word):\n        return word.upper()\n\n    x = 1"
    cells = [
        ("md", TITLE),
        ("code", cell),
        ("code", "  y = 1\n    z = 2"),
        ("code", "    %%time\n    w = 3  # ml-lint: ignore"),  # the magic's indent counts too
    ]
    path = notebook(tmp_path, cells)
    with pytest.raises(SyntaxError):
        compile(cell, "cell", "exec")
    with pytest.raises(SyntaxError) as error:  # IPython cannot run it either
        compile("y = 1\n  z = 2", "cell", "exec")
    assert run(capsys, path, "--select", "ML003,ML201,ML202,ML004", "--report-unused-ignores") == [
        ("ML201", 2, 2, 5),
        ("ML202", 2, 2, 5),
        ("ML202", 2, 2, 15),
        ("ML003", 3, 2, 2 + error.value.offset),
        ("ML004", 4, 2, 12),  # where the cell has the comment
    ]


def test_suppressions_in_cells(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A comment in a cell suppresses its own line; ignore-file covers the whole notebook."""
    long_line = "text = '" + "a" * 100 + "'"
    cells = [
        ("md", TITLE),
        ("code", f"{long_line}  # ml-lint: ignore[line-too-long]\n{long_line}"),
        ("code", "x = 1  # ml-lint: ignore[tab-indentation]"),
    ]
    path = notebook(tmp_path, cells)
    assert run(capsys, path, "--select", "ML0", "--report-unused-ignores") == [
        ("ML010", 2, 2, 101),
        ("ML004", 3, 1, 8),
    ]
    cells.append(("code", "# ml-lint: ignore-file[line-too-long, notebook-section-missing]"))
    assert run(capsys, notebook(tmp_path, cells), "--select", "ML010,ML311") == []


@pytest.mark.parametrize(
    "source",
    [
        'def f():\n    """Is the data balanced?\n    Yes."""\n    return 1',
        "n_rows = 3\nmsg = ('%d rows'\n       % n_rows)",
        's = "!not a shell escape"\nt = "%not a magic"',
        "?print",
        "print??",
        "np.*load*?\nos.path.join??",
        '%load_ext autoreload\ndef score():\n    """How often is it right?\n    """\n    return 1',
        '!pip install tqdm\ns = """Is it?\n"""',
        "%time x = 1\nquestion = (\n    'why?'\n)",
        "!pip install \\\n    tqdm\nimport os",
        "%load_ext autoreload\nfiles = !ls\nresult = %timeit -o sum([1])",
        "%%time -n 3\nx = 1",
        "%%writefile helper.py\nthis is not: python",
        "if True:\n    %time x = 1\nget_ipython().system('ls')",
    ],
)
def test_ipython_syntax_never_causes_a_parse_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str
) -> None:
    """Magics, shell escapes and help are blanked; Python that looks like them is kept."""
    path = notebook(tmp_path, [("md", TITLE), ("code", source)])
    assert run(capsys, path, "--select", "ML003") == []


@pytest.mark.parametrize(
    "metadata",
    [
        {"kernelspec": {"name": "ir", "display_name": "R", "language": "R"}},
        {"kernelspec": {"name": "ir", "display_name": "R"}},  # an older IRkernel
        {"kernelspec": {"name": "julia-1.10", "display_name": "Julia 1.10"}},
        {"jupytext": {"main_language": "R"}},  # jupytext writes no kernelspec
    ],
)
def test_cells_of_other_kernels_are_not_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], metadata: dict[str, Any]
) -> None:
    """An R or Julia notebook's code cells are not parsed as Python."""
    path = notebook(tmp_path, [("md", TITLE), ("code", "f <- function(x) { x + 1 }")])
    data = nbformat.read(path, as_version=4)
    data.metadata.update(metadata)
    nbformat.write(data, path)
    assert run(capsys, path, "--select", "ML0") == []


def test_a_python_kernel_with_any_name_is_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A kernel named after its environment still runs Python: its cells are checked."""
    path = notebook(tmp_path, [("md", TITLE), ("code", "if True:\n\tx = 1")])
    data = nbformat.read(path, as_version=4)
    data.metadata["kernelspec"] = {"name": "my-venv", "display_name": "my venv"}
    nbformat.write(data, path)
    assert [code for code, *_ in run(capsys, path, "--select", "ML0")] == ["ML011"]


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Train the model", "training"),
        ("Evaluating the model", "evaluation"),
        ("Model Training", "training"),
        ("Load training data", "data"),
        ("Visualizations", "visualization"),
        ("Import libraries", "setup"),
        ("Plot the results", "visualization"),
        ("1.2 Data", "data"),
        ("Model Configuration", "config"),
        ("Settings", "config"),
        ("Set up", "setup"),
        ("Setting up", "setup"),
        ("Evaluation on the test set", "evaluation"),  # "set" is not "settings"
        ("Data set", "data"),
    ],
)
def test_heading_to_section(heading: str, section: str) -> None:
    """Stems, phrase heads and leading actions pick the section a heading names."""
    from ml_lint.checks.notebook_structure import match_section
    from ml_lint.config import NotebookOptions

    assert match_section(heading, NotebookOptions()) == section


def test_only_configured_sections_are_matched() -> None:
    """A heading is matched against the configured sections only."""
    from ml_lint.checks.notebook_structure import match_section
    from ml_lint.config import NotebookOptions

    options = NotebookOptions(sections=("setup", "data", "training"))
    assert match_section("Data configuration and loading", options) == "data"


def test_markdown_reading_edge_cases() -> None:
    """Setext headings count; HTML comments, fences and images do not; `C#` keeps its #."""
    from ml_lint.checks.notebook_structure import read_markdown

    source = (
        "Title\n=====\n\nSome prose here.\n<!--\n## Model\n-->\n<!-- <h2>Training</h2> -->\n"
        "<h2>\nResults\n</h2>\n## C# ##\n![loss curve](loss.png)\n```\n## Fenced\n```"
    )
    markdown = read_markdown(1, source)
    assert [(h.line, h.level, h.text) for h in markdown.headings] == [
        (1, 1, "Title"),
        (9, 2, "Results"),
        (12, 2, "C#"),
    ]
    assert markdown.prose == [4]


def test_sub_headings_do_not_open_sections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`### Save a model checkpoint` under Training is not the model section again."""
    sections = list(OUTLINE)
    sections[4] = (
        "## Training\n\nGradient descent.\n\n### Save a model checkpoint\n\nTo disk.",
        "w = 1",
    )
    assert run(capsys, notebook(tmp_path, outline_cells(sections)), "--select", "ML31") == []


def test_title_description_must_precede_the_next_heading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Prose under a section heading in the title cell does not describe the notebook."""
    cells = outline_cells()
    cells[0] = ("md", "# Fitting a line\n## Imports and Setup\nEverything the notebook needs.")
    del cells[1]
    assert run(capsys, notebook(tmp_path, cells), "--select", "ML310") == [("ML310", 1, 1, 1)]
