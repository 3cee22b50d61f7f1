"""The columns of a project import file: order, type, whether required, and their meaning in FR, AR and EN.

This table is the single source of the template files in ``etl/templates/``
(``python -m etl write-template`` writes them) and of the importer's checks.
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of the import template."""

    name: str
    kind: str  # text, code, money, count, coordinate, date, email
    required: bool
    fr: str
    ar: str
    en: str


COLUMNS: tuple[Column, ...] = (
    Column("reference", "text", True, "Référence unique du projet (64 caractères au plus)",
           "مرجع المشروع الفريد (64 حرفاً على الأكثر)", "Unique project reference (at most 64 characters)"),
    Column("title_fr", "text", False, "Intitulé en français (un intitulé FR ou AR est obligatoire)",
           "العنوان بالفرنسية (عنوان بالفرنسية أو بالعربية إلزامي)", "Title in French (a FR or AR title is required)"),
    Column("title_ar", "text", False, "Intitulé en arabe", "العنوان بالعربية", "Title in Arabic"),
    Column("description", "text", False, "Description du projet", "وصف المشروع", "Project description"),
    Column("cooperative_name", "text", False, "Nom de la coopérative", "اسم التعاونية", "Cooperative's name"),
    Column("cooperative_status", "code", False,
           "Qualité du porteur : existing (coopérative existante), to_create (à créer) ou union",
           "صفة حامل المشروع: existing (تعاونية قائمة) أو to_create (في طور التأسيس) أو union (اتحاد)",
           "Holder's standing: existing, to_create or union"),
    Column("odco_registration", "text", False, "Numéro d'immatriculation ODCO, s'il existe",
           "رقم التسجيل لدى مكتب تنمية التعاون إن وجد", "ODCO registration number, if any"),
    Column("sector", "code", True, "Secteur : code, libellé français ou arabe (voir la feuille sectors)",
           "القطاع: الرمز أو التسمية بالفرنسية أو بالعربية (انظر ورقة sectors)",
           "Sector: code, French or Arabic label (see the sectors sheet)"),
    Column("sub_sector", "code", False, "Sous-secteur du secteur choisi", "القطاع الفرعي للقطاع المختار",
           "Sub-sector of the chosen sector"),
    Column("status", "code", True, "Statut : code, libellé français ou arabe (voir la feuille statuses)",
           "الحالة: الرمز أو التسمية بالفرنسية أو بالعربية (انظر ورقة statuses)",
           "Status: code, French or Arabic label (see the statuses sheet)"),
    Column("commune_code", "code", False, "Code HCP de la commune (01.511.05.19 ou 015110519)",
           "رمز الجماعة لدى المندوبية السامية للتخطيط", "HCP commune code (01.511.05.19 or 015110519)"),
    Column("commune_name", "text", False, "Nom de la commune en français ou en arabe",
           "اسم الجماعة بالفرنسية أو بالعربية", "Commune name in French or Arabic"),
    Column("province_name", "text", False, "Province ou préfecture, pour lever une homonymie",
           "الإقليم أو العمالة، لرفع اللبس", "Province or préfecture, to tell homonyms apart"),
    Column("latitude", "coordinate", False, "Latitude en degrés décimaux (WGS 84)",
           "خط العرض بالدرجات العشرية", "Latitude in decimal degrees (WGS 84)"),
    Column("longitude", "coordinate", False, "Longitude en degrés décimaux (WGS 84)",
           "خط الطول بالدرجات العشرية", "Longitude in decimal degrees (WGS 84)"),
    Column("investment_mad", "money", False, "Investissement nécessaire, en dirhams",
           "الاستثمار المطلوب بالدرهم", "Investment needed, in dirhams"),
    Column("funding_secured_mad", "money", False, "Financement acquis, en dirhams",
           "التمويل المحصل عليه بالدرهم", "Funding secured, in dirhams"),
    Column("jobs_direct", "count", False, "Emplois directs attendus", "مناصب الشغل المباشرة المتوقعة",
           "Expected direct jobs"),
    Column("jobs_women", "count", False, "dont femmes", "منها للنساء", "of which women"),
    Column("jobs_youth", "count", False, "dont jeunes (15–34 ans)", "منها للشباب (15–34 سنة)",
           "of which youth (15–34)"),
    Column("members_total", "count", False, "Nombre de membres", "عدد الأعضاء", "Number of members"),
    Column("members_women", "count", False, "dont femmes", "منهم نساء", "of which women"),
    Column("members_youth", "count", False, "dont jeunes", "منهم شباب", "of which youth"),
    Column("training_needs", "text", False, "Besoins en formation", "الحاجيات من التكوين", "Training needs"),
    Column("partnership_sought", "text", False, "Partenariat recherché", "الشراكة المطلوبة", "Partnership sought"),
    Column("contact_name", "text", False, "Nom du contact (privé)", "اسم جهة الاتصال (خاص)", "Contact name (private)"),
    Column("contact_phone", "text", False, "Téléphone du contact (privé)", "هاتف جهة الاتصال (خاص)",
           "Contact phone (private)"),
    Column("contact_email", "email", False, "Courriel du contact (privé)", "البريد الإلكتروني (خاص)",
           "Contact e-mail (private)"),
    Column("submitted_on", "date", False, "Date de dépôt (AAAA-MM-JJ ou JJ/MM/AAAA)",
           "تاريخ الإيداع (YYYY-MM-DD أو DD/MM/YYYY)", "Date submitted (YYYY-MM-DD or DD/MM/YYYY)"),
)

NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
