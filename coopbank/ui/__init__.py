"""Presentation helpers shared by the Streamlit pages: translations, maps, charts."""
