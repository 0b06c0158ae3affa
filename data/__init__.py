"""Sample role profiles and demo data written for this project (shipped as interview_panel.sample_data)."""
