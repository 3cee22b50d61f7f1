SELECT code, parent_code, label_fr, label_ar, label_en FROM sector WHERE active ORDER BY sort_order, code
