SELECT code, code_digits, province_code, region_code FROM commune
