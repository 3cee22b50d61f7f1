DELETE FROM establishments
