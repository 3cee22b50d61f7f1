DELETE FROM commune_terrain
