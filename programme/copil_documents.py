"""The COPIL dossier as long documents, built in the background (background.documents): one PDF (cover, summary
table by axis with status, budget and funding, then each fiche in full, as in the plan d'actions) and one
editable OpenDocument text (the same contents as headings, paragraphs and a table, for LibreOffice or Word).

Registered in ProgrammeConfig.ready(). The request names the COPIL meeting; the builder checks again, in the
worker, that the requester may read its dossier. Both are for those who see every fiche: the audience is "all".
"""

import io
import json

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from actionsheets import documents as sheet_documents
from actionsheets.models import ActionSheet
from background.documents import Builder, Prepared
from background.pdf_progress import pages_laid_out
from partners.models import Commune
from programme import copil
from programme.permissions import can_read_copil_dossier
from solidarites.lib.pdf import write_pdf

PDF_KIND, ODT_KIND = "copil_pdf", "copil_odt"
KINDS = {"pdf": PDF_KIND, "odt": ODT_KIND}  # the URL's format → the builder's kind
PDF_TEMPLATE = "programme/copil_pdf.html"
ODT_TYPE = "application/vnd.oasis.opendocument.text"
PAGES_PER_SHEET = 3  # as the plan d'actions: the progress bar's guess
SUMMARY_COLUMNS = ["Axe", "Fiche", "Statut", "Budget prévu", "Financements acquis", "Financements sollicités"]


def params(query):
    meeting = query.get("meeting", "")
    return {"meeting": meeting} if meeting.isdigit() else {}


def audience(user, data):
    return "all"


def dossier_context(user, data, progress):
    """What both documents show: the meeting, the summary table, each fiche in full (in the summary's order)."""
    if not can_read_copil_dossier(user) or "meeting" not in data:
        raise PermissionDenied
    meeting = copil.copil_meeting(int(data["meeting"]))
    summary = copil.summary(copil.sheet_ids(copil.existing_dossier(meeting)))
    order = [sheet.pk for group in summary.groups for sheet in group.sheets]
    loaded = {sheet.pk: sheet for sheet in ActionSheet.objects.whole().with_totals().filter(pk__in=order)}
    entries = []
    for pk in order:
        entries.append(sheet_documents.sheet_pdf_parts(loaded[pk]))
        progress(len(entries), len(order), f"Préparation des fiches : {len(entries)} sur {len(order)}")
    return {
        "meeting": meeting,
        "summary": summary,
        "entries": entries,
        "commune": Commune.objects.current(),
        "printed_at": timezone.localtime(),
    }


def filename(meeting, extension):
    return f"dossier-{slugify(meeting.title)[:60]}-{timezone.localtime(meeting.starts_at):%Y-%m-%d}.{extension}"


# --- PDF ------------------------------------------------------------------------------------------------------------


def prepare_pdf(user, data, progress):
    context = dossier_context(user, data, progress)
    html = render_to_string(PDF_TEMPLATE, context)
    return Prepared(source=html, filename=filename(context["meeting"], "pdf"))


def render_pdf(html, progress):
    expected = 2 + PAGES_PER_SHEET * html.count('class="plan-sheet"')

    def on_page(number):
        progress(number, max(expected, number + 1), f"Mise en page : page {number}")

    with pages_laid_out(on_page):
        return write_pdf(html)


# --- ODT: the source is the dossier as JSON (a stable text: the same dossier is laid out once) ---------------------


def _sheet_outline(entry):
    """One fiche as (heading, paragraphs) blocks: its facts, then each filled section."""
    sheet = entry["sheet"]
    facts = [
        f"Statut : {sheet.get_status_display()}",
        f"Axe : {sheet.axis.code} – {sheet.axis.title}",
        f"Groupe de travail : {sheet.group.name}",
        f"Budget prévu : {entry['totals']['planned']} ; financements acquis : {entry['totals']['granted']} ; "
        f"sollicités : {entry['totals']['requested']}",
    ]
    sections = []
    for section in entry["sections"]:
        lines = []
        for row in section["rows"]:
            value = " ; ".join(str(item) for item in row["value"]) if row["many"] else str(row["value"])
            lines.append(f"{row['label']} : {value}")
        for related in ("partners", "budget_lines", "funding_lines", "milestones", "indicators", "reviews"):
            lines.extend(_child_line(related, item) for item in section.get(related, []))
        sections.append({"title": section["title"], "lines": lines})
    return {"title": f"Fiche {sheet.code} – {sheet.title}", "facts": facts, "sections": sections}


def _child_line(related, item):
    if related == "partners":
        return f"{item.organisation.name} ({item.get_role_display()}) {item.contribution}".strip()
    if related == "budget_lines":
        return f"{item.year} – {item.label} : prévu {item.planned_text}, réalisé {item.actual_text}"
    if related == "funding_lines":
        return f"{item.year} – {item.funder} ({item.get_state_display()}) : {item.amount_text}"
    return str(item)


def prepare_odt(user, data, progress):
    context = dossier_context(user, data, progress)
    meeting, summary = context["meeting"], context["summary"]
    rows = [
        [f"{group.axis.code} – {group.axis.title}", f"{sheet.code} – {sheet.title}", sheet.get_status_display()]
        + [sheet.amounts[name] for name in ("planned", "granted", "requested")]
        for group in summary.groups
        for sheet in group.sheets
    ]
    source = {
        "title": f"Dossier du COPIL – {meeting.title}",
        "subtitle": f"{context['commune'].programme_name} – séance du "
        f"{timezone.localtime(meeting.starts_at):%d/%m/%Y}",
        "summary": {"columns": SUMMARY_COLUMNS, "rows": rows, "total": summary.totals, "count": summary.count},
        "sheets": [_sheet_outline(entry) for entry in context["entries"]],
    }
    text = json.dumps(source, ensure_ascii=False, sort_keys=True)
    return Prepared(source=text, filename=filename(meeting, "odt"))


def render_odt(text, progress):
    from odf import teletype
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, P

    source = json.loads(text)
    document = OpenDocumentText()
    styles = {}
    for level, size in ((1, "18pt"), (2, "14pt"), (3, "12pt")):
        style = Style(name=f"Heading_20_{level}", displayname=f"Heading {level}", family="paragraph")
        style.addElement(TextProperties(fontsize=size, fontweight="bold"))
        style.addElement(ParagraphProperties(margintop="0.3cm", marginbottom="0.15cm", keepwithnext="always"))
        document.styles.addElement(style)
        styles[level] = style
    page_break = Style(name="Fiche", family="paragraph", parentstylename=styles[2])
    page_break.addElement(ParagraphProperties(breakbefore="page"))
    document.automaticstyles.addElement(page_break)

    def heading(level, words, style=None):
        document.text.addElement(H(outlinelevel=level, stylename=style or styles[level], text=words))

    def paragraph(words):
        element = P()
        teletype.addTextToElement(element, words)  # line breaks and spaces kept
        document.text.addElement(element)

    heading(1, source["title"])
    paragraph(source["subtitle"])
    heading(2, "Synthèse des fiches par axe")
    summary = source["summary"]
    paragraph(f"{summary['count']} fiche(s) présentée(s) au comité de pilotage.")
    table = Table(name="Synthese")
    table.addElement(TableColumn(numbercolumnsrepeated=len(summary["columns"])))
    total = summary["total"]
    footer = ["Total", "", "", total["planned"], total["granted"], total["requested"]]
    for values in [summary["columns"], *summary["rows"], footer]:
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    document.text.addElement(table)
    for index, sheet in enumerate(source["sheets"], start=1):
        heading(2, sheet["title"], page_break)
        for fact in sheet["facts"]:
            paragraph(fact)
        for section in sheet["sections"]:
            heading(3, section["title"])
            for line in section["lines"]:
                paragraph(line)
        progress(index, len(source["sheets"]), f"Mise en forme : fiche {index} sur {len(source['sheets'])}")
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


PDF_BUILDER = Builder(
    kind=PDF_KIND,
    title="Dossier du COPIL",
    name="le dossier du COPIL",
    params=params,
    audience=audience,
    prepare=prepare_pdf,
    render=render_pdf,
)
ODT_BUILDER = Builder(
    kind=ODT_KIND,
    title="Dossier du COPIL (document modifiable)",
    name="le dossier du COPIL",
    params=params,
    audience=audience,
    prepare=prepare_odt,
    render=render_odt,
    content_type=ODT_TYPE,
    format="ODT",
)
