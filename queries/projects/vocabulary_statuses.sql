SELECT code, label_fr, label_ar, label_en FROM project_status ORDER BY sort_order
