"""Reports and open data: a territory's report in French or Arabic, as PDF, Excel, CSV, GeoJSON or GeoPackage.

The preview reads the report's content once per data version (cached); the
file is only formatted when asked for, from that same content, so the preview
and the file show the same figures. Every report credits its data sources.
"""

from __future__ import annotations

import shutil
import subprocess

import streamlit as st

from coopbank import projects
from coopbank.ui import cached
from coopbank.ui.filters import choice, unit_names
from coopbank.ui.i18n import LANGUAGES, number, percent, translate
from coopbank.ui.layout import current_language, guarded, t
from planning import jobs, priority
from reports import content, export, layers

FORMAT_NAMES = {"pdf": "PDF", "xlsx": "Excel", "csv": "CSV", "geojson": "GeoJSON", "gpkg": "GeoPackage"}
LAYER_LABELS = {"communes": "Communes", "projects": "Projects"}
PREPARED = "rp-prepared"
lang = current_language()
st.title(t("Reports and open data"))
st.caption(t("A report of the nation, a region or a province, in French or Arabic, to print or to reuse. "
             "Reports never include the contacts of project holders."))


@st.cache_data(ttl=cached.TTL_S, show_spinner=False, max_entries=20)
def report_content(where: content.Scope, report_lang: str, preset: str, version: str) -> content.ReportData:
    """What the report says; ``version`` is the project data stamp, so an import or an edit reads again."""
    return content.gather(where, report_lang, preset=preset)


def first_page_png(pdf: bytes) -> bytes | None:
    """The PDF's first page as a small PNG, when poppler's pdftoppm is installed; ``None`` otherwise."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        return None
    command = [tool, "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", "-"]
    done = subprocess.run(command, input=pdf, capture_output=True, timeout=60, check=False)  # noqa: S603
    return done.stdout if done.returncode == 0 and done.stdout else None


regions = guarded(cached.regions)
if regions is None:
    st.stop()
left, middle = st.columns(2)
region = choice(left, t("Region"), unit_names(regions, lang), key=f"rp-region-{lang}",
                 everything=translate("All Morocco", lang))
province = None
if region:
    provinces = guarded(lambda: cached.units("province", region, with_geometry=False))
    if provinces is None:
        st.stop()
    province = choice(middle, t("Province"), unit_names(provinces, lang), key=f"rp-province-{lang}-{region}",
                       everything=t("The whole region"))
languages, formats, presets = st.columns(3)
report_lang = languages.radio(t("Language of the report"), list(LANGUAGES), format_func=LANGUAGES.__getitem__,
                              index=list(LANGUAGES).index(lang), horizontal=True, key=f"rp-lang-{lang}")
fmt = formats.selectbox(t("Format"), export.FORMATS, format_func=FORMAT_NAMES.__getitem__, key="rp-format")
preset = presets.selectbox(t("Weights"), list(priority.PRESETS), key=f"rp-preset-{lang}",
                           format_func=lambda p: translate(priority.PRESETS[p].label, lang),
                           index=list(priority.PRESETS).index(priority.DEFAULT_PRESET))
layer = "communes"
if fmt == "geojson":
    layer = st.radio(t("Layer"), layers.LAYERS, format_func=lambda name: translate(LAYER_LABELS[name], lang),
                     horizontal=True, key=f"rp-layer-{lang}")

level, code = ("province", province) if province else ("region", region) if region else ("national", None)
version = guarded(projects.data_version)
where = guarded(lambda: content.scope(level, code))
data = None if where is None or version is None else guarded(lambda: report_content(where, report_lang, preset,
                                                                                     version))
if data is None:
    st.stop()

st.header(f"{t('Preview')}: {data.name}")
if data.includes_demo:
    st.badge(t("DEMO"), icon=":material/science:", color="orange")
    st.warning(t("DEMO: this report includes demonstration projects, not real ones."))
figures = data.figures
if not figures["projects"]:
    st.info(t("No project in this territory yet: the report shows its population and places, with zero projects."))


def jobs_range(kind: str) -> str:
    return jobs.range_text(*(figures[f"jobs_{kind}_{b}"] for b in jobs.BOUNDS), lang=lang, central_label=t("central"))


cards = [(t("Population 2024"), number(figures["population_2024"], lang)),
         (t("Rural population share"), percent(figures["rural_share"], lang)),
         (t("Population in mountain communes"), percent(figures["mountain_share"], lang)),
         (t("Projects"), number(figures["projects"], lang)),
         (t("Investment needed (MAD)"), number(figures["investment_mad"], lang)),
         (t("Funding secured (MAD)"), number(figures["secured_mad"], lang)),
         (t("Funding gap (MAD)"), number(figures["gap_mad"], lang)),
         (t("Declared direct jobs"), number(figures["declared_jobs"], lang))]
for first in range(0, len(cards), 4):
    for box, (label, value) in zip(st.columns(4), cards[first:first + 4], strict=True):
        box.metric(label, value)
direct, total = st.columns(2)
direct.metric(t("Estimated direct jobs"), jobs_range("direct"))
total.metric(t("Estimated jobs in all (direct, indirect and induced)"), jobs_range("total"))
st.caption(f"{t('Data version')}: {data.data_version} · {t('Job model version')} {data.job_model_version} · "
           f"{t('The report ends with its data sources and their licences')}: "
           + "; ".join(sorted(set(data.sources["publisher"]) - {""})))

options = (data.scope, report_lang, fmt, preset, layer, data.data_version)
if st.button(t("Prepare the file"), icon=":material/description:", type="primary", key="rp-prepare"):
    with st.spinner(t("Preparing the file…")):
        st.session_state[PREPARED] = (options, guarded(lambda: export.render(data, fmt, layer=layer)))
ready, built = st.session_state.get(PREPARED, (None, None))
if ready == options and built is not None:
    st.download_button(f"{t('Download')} {built.file_name}", built.data, file_name=built.file_name, mime=built.mime,
                       icon=":material/download:", on_click="ignore", key="rp-download")
    picture = first_page_png(built.data) if fmt == "pdf" else None
    if picture:
        st.image(picture, caption=t("First page of the report"), width=420)
